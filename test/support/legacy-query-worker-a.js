/*
 * Worker A of the legacy-query canary (test/integration/sdk-legacy-query-canary.test.ts): workflow
 * code only, on the canary's task queue, in a process of its own so the test can SIGKILL it while
 * the workflow's activity runs and leave its sticky queue dead. Plain JavaScript run by plain node:
 * under tsx a wrapper process takes the signal and the worker lives on.
 *
 * Settings (all required): CANARY_TEMPORAL_ADDRESS, CANARY_NAMESPACE, CANARY_TASK_QUEUE,
 * CANARY_WORKFLOW_BUNDLE (a prebuilt bundle file), CANARY_STICKY_TIMEOUT (e.g. '2s': how long the
 * server waits on the dead sticky queue before it falls back to the normal queue, for tasks and for
 * queries alike). Sends 'ready' over IPC once the worker runs.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node as it is */
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');

function setting(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  const connection = await NativeConnection.connect({ address: setting('CANARY_TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: setting('CANARY_NAMESPACE'),
    taskQueue: setting('CANARY_TASK_QUEUE'),
    workflowBundle: { codePath: setting('CANARY_WORKFLOW_BUNDLE') },
    stickyQueueScheduleToStartTimeout: setting('CANARY_STICKY_TIMEOUT'),
    identity: `canary-worker-a-${process.pid}`,
  });
  const running = worker.run();
  if (process.send) process.send('ready');
  await running;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

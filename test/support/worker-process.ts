/**
 * A capeo worker in a process of its own, for fault tests that SIGKILL it: every real activity over
 * the given data folder and mission store, the test run's workflow bundle. Run with
 * `node --require tsx/cjs test/support/worker-process.ts` (one process: nothing in between to absorb
 * the signal). Settings come from the environment: CAPEO_TEST_TEMPORAL_ADDRESS, CAPEO_TEST_NAMESPACE,
 * CAPEO_TEST_TASK_QUEUE, CAPEO_TEST_WORKFLOW_BUNDLE, CAPEO_TEST_DATABASE_URL and CAPEO_DATA_DIR,
 * CAPEO_INTEL_DIR, CAPEO_LOG_DIR, and optionally CAPEO_DNS_SERVERS, CAPEO_CT_URL, CAPEO_RDAP_BOOTSTRAP_URL. Prints "worker ready" once it polls.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { loadConfig } from '../../config';
import { openStore } from '../../store';
import { createCapeoWorker } from '../../worker/create-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const env = (k: string) => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is not set`);
    return v;
  };
  const address = env('CAPEO_TEST_TEMPORAL_ADDRESS');
  const namespace = env('CAPEO_TEST_NAMESPACE');
  const taskQueue = env('CAPEO_TEST_TASK_QUEUE');
  // The EAVD fakes (DNS, CT search, RDAP), when a test gives them.
  const eavd = Object.fromEntries(['CAPEO_DNS_SERVERS', 'CAPEO_CT_URL', 'CAPEO_RDAP_BOOTSTRAP_URL'].filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
  const config = loadConfig({ CAPEO_DATA_DIR: env('CAPEO_DATA_DIR'), CAPEO_INTEL_DIR: env('CAPEO_INTEL_DIR'), CAPEO_LOG_DIR: env('CAPEO_LOG_DIR'), CAPEO_LOG_LEVEL: 'error', ...eavd });
  const store = await openStore(env('CAPEO_TEST_DATABASE_URL'));
  const client = new Client({ connection: await Connection.connect({ address }), namespace });
  const worker = await createCapeoWorker({
    connection: await NativeConnection.connect({ address }),
    namespace,
    taskQueue,
    activities: createActivities(config, { client, store, taskQueue }),
    workflowBundle: { codePath: env('CAPEO_TEST_WORKFLOW_BUNDLE') },
    stickyQueueScheduleToStartTimeout: '1s',
  });
  const running = worker.run();
  process.stdout.write('worker ready\n');
  await running;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

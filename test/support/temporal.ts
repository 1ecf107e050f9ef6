import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { createArtifactActivities } from '../../activities/artifacts/artifact-activities';
import { FileArtifactStore } from '../../activities/artifacts/artifact-store';
import { LocalStixTip } from '../../activities/tip/local-stix-tip';
import { createTipActivities } from '../../activities/tip/tip-activities';
import { createCapeoWorker } from '../../worker/create-worker';
import { testNamespace } from './namespaces';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
}

export function testEnv() {
  const address = process.env.CAPEO_TEST_TEMPORAL_ADDRESS;
  const bundlePath = process.env.CAPEO_TEST_WORKFLOW_BUNDLE;
  if (!address || !bundlePath) throw new Error('integration tests run under jest --selectProjects integration (global setup)');
  return { address, bundlePath, dir: process.env.CAPEO_TEST_DIR! };
}

/** Real activities over a temp artifact folder and the shipped sample intel. */
export function realActivities(artifactDir = mkdtempSync(join(testEnv().dir, 'artifacts-'))) {
  return {
    artifactDir,
    activities: {
      ...createTipActivities(new LocalStixTip(join(__dirname, '..', '..', 'samples', 'intel'))),
      ...createArtifactActivities(new FileArtifactStore(artifactDir)),
    },
  };
}

export interface TestWorker {
  worker: Worker;
  client: Client;
  taskQueue: string;
  close(): Promise<void>;
}

/**
 * A worker with the once-per-run bundle, and a client. Each jest worker process
 * has a namespace and task queue of its own: test files in it run one after the
 * other, so the long-lived mission-code registry always has a live worker.
 */
export async function startTestWorker(activities: object, address = testEnv().address): Promise<TestWorker> {
  quietRuntime();
  const namespace = testNamespace();
  const taskQueue = namespace;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createCapeoWorker({
    connection: nativeConnection,
    namespace,
    taskQueue,
    activities,
    workflowBundle: { codePath: testEnv().bundlePath },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  return {
    worker,
    client,
    taskQueue,
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}

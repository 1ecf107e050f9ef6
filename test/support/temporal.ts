import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { MissionService } from '../../api/services/missions';
import { readOutbox } from '../../activities/notify/outbox-notifier';
import { loadConfig } from '../../config';
import { createCapeoWorker } from '../../worker/create-worker';
import type { MissionStore } from '../../store';
import { testNamespace } from './namespaces';
import { testStore } from './postgres';
import { copySampleIntel, SAMPLE_LOGS } from './sample-intel';

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


/**
 * Every real activity with its embedded adapter, over a fresh data folder and a
 * copy of the sample intel (findings pushed to the TIP land there); the sample
 * logs are the embedded SIEM.
 */
export function realActivities(dataDir = mkdtempSync(join(testEnv().dir, 'data-')), env: Record<string, string> = {}) {
  const config = loadConfig({ CAPEO_DATA_DIR: dataDir, CAPEO_INTEL_DIR: copySampleIntel(dataDir), CAPEO_LOG_DIR: SAMPLE_LOGS, ...env });
  return { dataDir, config, activities: (deps: ActivityDeps) => createActivities(config, deps) };
}

/** Lines of the embedded notification outbox. */
export function outbox(dataDir: string): Array<Record<string, unknown>> {
  return readOutbox(join(dataDir, 'outbox'));
}

/** Tickets of the embedded ticketing system. */
export function tickets(dataDir: string): Array<Record<string, unknown>> {
  const dir = join(dataDir, 'tickets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
}

export interface TestWorker {
  worker: Worker;
  client: Client;
  taskQueue: string;
  store: MissionStore;
  close(): Promise<void>;
}

/**
 * A worker with the once-per-run bundle, and a client. Each jest worker process
 * has a namespace and task queue of its own: test files in it run one after the
 * other, so the long-lived mission-code registry always has a live worker.
 */
export async function startTestWorker(
  activities: object | ((deps: ActivityDeps) => object),
  address = testEnv().address,
  givenStore?: MissionStore,
  /** A queue of the test's own: no mission an earlier test file left running reaches this worker. */
  taskQueue = testNamespace(),
): Promise<TestWorker> {
  quietRuntime();
  const namespace = testNamespace();
  const store = givenStore ?? (await testStore());
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createCapeoWorker({
    connection: nativeConnection,
    namespace,
    taskQueue,
    activities: typeof activities === 'function' ? activities({ client, taskQueue, store }) : activities,
    workflowBundle: { codePath: testEnv().bundlePath },
  });
  const running = worker.run();
  return {
    worker,
    client,
    taskQueue,
    store,
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      if (!givenStore) await store.close();
    },
  };
}

export interface MissionHarness {
  tw: TestWorker;
  missions: MissionService;
  dataDir: string;
}

/** A worker with every real activity over a fresh data folder (configured by `env`), and the API's mission service on it. */
export async function missionHarness(env: Record<string, string> = {}): Promise<MissionHarness> {
  const real = realActivities(undefined, env);
  const tw = await startTestWorker(real.activities);
  return { tw, dataDir: real.dataDir, missions: new MissionService(tw.client, tw.store, tw.taskQueue, join(real.dataDir, 'artifacts')) };
}

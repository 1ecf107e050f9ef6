/**
 * Canary for a Temporal SDK defect (docs/temporal-legacy-query-nondeterminism.md): a legacy query
 * (a query-only workflow task) answered by another worker while the workflow's sticky worker is dead
 * and an activity is running makes that worker run the activity's continuation outside any workflow
 * task and send its command ahead of the next Update's acceptance, an order a replay cannot
 * reproduce. capeo's answer is to never query missions. This file asserts the defect is still there,
 * so that the day an SDK upgrade fixes it, it fails and says the rule can be revisited.
 *
 * Worker A runs in a child process and is SIGKILLed while the activity (served here, blocked until
 * released) runs; worker B, fresh, serves the same queue from this process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { SearchAttr } from '../../domain/temporal-names';
import { decideGateUpdate, legacyQueryCanaryWorkflow, type CanaryActivities } from '../support/legacy-query-workflow';
import { testNamespace } from '../support/namespaces';
import { testEnv } from '../support/temporal';

type History = temporal.api.history.v1.IHistory;
type Sequence = 'legacy-query' | 'control';

/** Short, so a sequence takes seconds: the server waits this long on A's dead sticky queue. */
const STICKY_TIMEOUT = '2s';
const ATTEMPTS = 3;
const NDE = /Update machine does not handle this event: HistoryEvent\(id: \d+, UpsertWorkflowSearchAttributes\)/;
const RULE = "capeo's rule \"never query missions\" (docs/temporal-legacy-query-nondeterminism.md, README)";

const runId = `${process.pid}-${Date.now().toString(36)}`;
const activityTaskQueue = `legacy-query-canary-activities-${runId}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let connection: Connection;
let client: Client;
let nativeConnection: NativeConnection;
let bundleCode: string;
let bundlePath: string;
let activityWorker: Worker;
let activityWorkerRun: Promise<void>;
const workersA = new Set<ChildProcess>();
const workersB = new Set<() => Promise<void>>();

/** One per workflow: the activity says when it started and waits to be released. */
interface ActivityGate {
  started: Promise<void>;
  markStarted(): void;
  released: Promise<void>;
  release(): void;
}
const gates = new Map<string, ActivityGate>();

function armGate(workflowId: string): ActivityGate {
  let markStarted!: () => void;
  let release!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const gate = { started, markStarted, released, release };
  gates.set(workflowId, gate);
  return gate;
}

const activities: CanaryActivities = {
  async blockedActivity() {
    const workflowId = Context.current().info.workflowExecution?.workflowId;
    const gate = workflowId === undefined ? undefined : gates.get(workflowId);
    if (!gate) throw new Error(`no gate armed for workflow ${workflowId}`);
    gate.markStarted();
    await gate.released;
  },
};

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

beforeAll(async () => {
  // Core's own log would print the replay's expected nondeterminism warning on every passing run.
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [], telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  ({ code: bundleCode } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../support/legacy-query-workflow'),
    logger: new DefaultLogger('ERROR'),
  }));
  bundlePath = join(testEnv().dir, `legacy-query-canary-${runId}.js`);
  writeFileSync(bundlePath, bundleCode);
  connection = await Connection.connect({ address: testEnv().address });
  client = new Client({ connection, namespace: testNamespace() });
  nativeConnection = await NativeConnection.connect({ address: testEnv().address });
  activityWorker = await Worker.create({ connection: nativeConnection, namespace: testNamespace(), taskQueue: activityTaskQueue, activities });
  activityWorkerRun = activityWorker.run();
}, 30_000);

afterAll(async () => {
  for (const gate of gates.values()) gate.release();
  await Promise.all([...workersA].map(sigkill));
  await Promise.all([...workersB].map((stop) => stop()));
  if (activityWorker?.getState() === 'RUNNING') activityWorker.shutdown();
  await activityWorkerRun;
  await nativeConnection?.close();
  await connection?.close();
});

async function startWorkerA(taskQueue: string): Promise<ChildProcess> {
  const child = fork(join(__dirname, '..', 'support', 'legacy-query-worker-a.js'), [], {
    // Plain node, not jest's or tsx's flags: the SIGKILL must reach the worker itself.
    execArgv: [],
    env: {
      ...process.env,
      CANARY_TEMPORAL_ADDRESS: testEnv().address,
      CANARY_NAMESPACE: testNamespace(),
      CANARY_TASK_QUEUE: taskQueue,
      CANARY_WORKFLOW_BUNDLE: bundlePath,
      CANARY_STICKY_TIMEOUT: STICKY_TIMEOUT,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  workersA.add(child);
  child.once('exit', () => workersA.delete(child));
  await within(
    15_000,
    'worker A start',
    new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => reject(new Error(`worker A exited (${code ?? signal}) before it was ready`)));
    }),
  );
  return child;
}

async function sigkill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

async function startWorkerB(taskQueue: string): Promise<() => Promise<void>> {
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: testNamespace(),
    taskQueue,
    workflowBundle: { code: bundleCode },
    stickyQueueScheduleToStartTimeout: STICKY_TIMEOUT,
    identity: `canary-worker-b-${process.pid}`,
  });
  const running = worker.run();
  const stop = async () => {
    workersB.delete(stop);
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
  workersB.add(stop);
  return stop;
}

/** The gate's Update, sent again while refused, as a client of a mission would. */
async function decideGate(handle: WorkflowHandle): Promise<number> {
  for (let refusals = 0; refusals < 50; refusals++) {
    try {
      await handle.executeUpdate(decideGateUpdate);
      return refusals;
    } catch (err) {
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      await sleep(200);
    }
  }
  throw new Error('decideGate refused 50 times');
}

/**
 * The production sequence: A runs the first task and the activity starts; A is SIGKILLed; with a
 * query (legacy-query) or without (control); the activity completes; B starts; the Update is sent
 * until accepted. The query is sent while the activity runs, so no workflow task is pending and the
 * server dispatches it straight to A's sticky queue, then, after the sticky timeout, to B.
 */
async function runSequence(sequence: Sequence, attempt: number): Promise<{ workflowId: string; history: History }> {
  const taskQueue = `legacy-query-canary-${runId}-${sequence}-${attempt}`;
  const workflowId = `legacy-query-canary-${runId}-${sequence}-${attempt}`;
  const gate = armGate(workflowId);
  let stopB: (() => Promise<void>) | undefined;
  let handle: WorkflowHandle | undefined;
  let workerA: ChildProcess | undefined;
  try {
    workerA = await startWorkerA(taskQueue);
    handle = await client.workflow.start(legacyQueryCanaryWorkflow, {
      taskQueue,
      workflowId,
      args: [activityTaskQueue],
      workflowExecutionTimeout: '1 minute',
    });
    await within(10_000, 'activity start', gate.started);
    await sigkill(workerA);

    let query: Promise<unknown> | undefined;
    if (sequence === 'legacy-query') {
      await sleep(200);
      query = within(15_000, 'legacy query', handle.query<string>('__stack_trace'));
      // Handled below; this keeps an early rejection from being reported as unhandled meanwhile.
      query.catch(() => undefined);
    }
    // The activity completes before B exists, and before the query leaves A's sticky queue, so the
    // history B receives with the query holds the activity's result.
    await sleep(800);
    gate.release();
    await sleep(300);
    stopB = await startWorkerB(taskQueue);
    if (query) await query;
    await within(15_000, 'decideGate', decideGate(handle));
    await within(10_000, 'workflow result', handle.result());
    return { workflowId, history: await handle.fetchHistory() };
  } finally {
    gate.release();
    gates.delete(workflowId);
    if (workerA) await sigkill(workerA);
    await stopB?.();
    if (handle) await handle.terminate('canary attempt over').catch(() => undefined);
  }
}

const EventType = temporal.api.enums.v1.EventType;

/** What the history says about where the activity's continuation ran and what followed it. */
interface HistoryShape {
  /** A workflow task timed out on A's dead sticky queue: the production path was taken. */
  stickyTaskTimedOut: boolean;
  /** The continuation's workflow time is older than the task that sent its upsert: it ran in a query's activation. */
  continuationOutsideItsTask: boolean;
  /** The Update was accepted by that same task, right after the upsert: the order a replay cannot produce. */
  acceptedRightAfterUpsert: boolean;
  listing: string;
}

function shapeOf(history: History): HistoryShape {
  const events = history.events ?? [];
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const upsert = events.find((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[SearchAttr.gateOpenedAt.name]);
  const attrs = upsert?.upsertWorkflowSearchAttributesEventAttributes;
  const payload = attrs?.searchAttributes?.indexedFields?.[SearchAttr.gateOpenedAt.name];
  const completed = byId.get(Number(attrs?.workflowTaskCompletedEventId));
  const started = byId.get(Number(completed?.workflowTaskCompletedEventAttributes?.startedEventId));
  const gateOpenedAt = payload ? Date.parse(defaultPayloadConverter.fromPayload<string>(payload)) : NaN;
  const next = upsert ? byId.get(Number(upsert.eventId) + 1) : undefined;
  return {
    stickyTaskTimedOut: events.some(
      (e) => e.workflowTaskTimedOutEventAttributes?.timeoutType === temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
    ),
    continuationOutsideItsTask: started?.eventTime ? gateOpenedAt < tsToMs(started.eventTime) : false,
    acceptedRightAfterUpsert: next?.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    listing: events.map((e) => `${e.eventId} ${EventType[e.eventType ?? 0]?.replace('EVENT_TYPE_', '')}`).join(', '),
  };
}

async function replay(history: History, workflowId: string): Promise<unknown> {
  try {
    await Worker.runReplayHistory({ workflowBundle: { code: bundleCode } }, history, workflowId);
    return undefined;
  } catch (err) {
    return err;
  }
}

test('SDK defect still present: a legacy query answered while the sticky worker is dead leaves a history whose replay fails', async () => {
  const misses: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let run: { workflowId: string; history: History };
    try {
      run = await runSequence('legacy-query', attempt);
    } catch (err) {
      misses.push(`attempt ${attempt}: ${(err as Error).message}`);
      continue;
    }
    const shape = shapeOf(run.history);
    if (!shape.stickyTaskTimedOut || !shape.continuationOutsideItsTask || !shape.acceptedRightAfterUpsert) {
      misses.push(`attempt ${attempt}: ${JSON.stringify(shape)}`);
      continue;
    }
    const err = await replay(run.history, run.workflowId);
    if (err === undefined) {
      throw new Error(
        'The Temporal SDK appears FIXED: the legacy-query sequence produced the same history as mission-EAVD04-1 ' +
          '(continuation run in the query, its upsert sent ahead of the Update\'s acceptance) and it now replays cleanly. ' +
          `${RULE} can be revisited; update the doc and this canary. History: ${shape.listing}`,
      );
    }
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect((err as Error).message).toMatch(NDE);
    return;
  }
  throw new Error(
    `The legacy-query sequence did not reproduce in ${ATTEMPTS} attempts: the activity's continuation never ran in the ` +
      "query's activation with its upsert sent ahead of the Update's acceptance. Either this machine's timing defeated " +
      `the sequence (see below), or the SDK no longer runs activity continuations for a legacy query, i.e. the defect is ` +
      `fixed and ${RULE} can be revisited.\n${misses.join('\n')}`,
  );
}, 90_000);

test('control: the same worker kill without the query leaves a history that replays cleanly', async () => {
  const run = await runSequence('control', 1);
  const shape = shapeOf(run.history);
  // The same dead sticky queue and fallback to B, but the continuation runs in the task that sends it.
  expect(shape).toMatchObject({ stickyTaskTimedOut: true, continuationOutsideItsTask: false, acceptedRightAfterUpsert: false });
  expect(await replay(run.history, run.workflowId)).toBeUndefined();
}, 60_000);

import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NotReadyError } from '../../api/errors';
import { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import type { MissionOutcome } from '../../domain/mission-start';
import type { MissionStore } from '../../store';
import { testNamespace } from '../support/namespaces';
import { testDatabaseUrl, testStore } from '../support/postgres';
import { startWorkerProcess, type Killable } from '../support/killable';
import { outbox, testEnv, tickets } from '../support/temporal';
import { allFindings, eavdRequest, hunter, lead, platform, walkFromExecute, walkToExecute } from '../support/walk';
import { copySampleIntel, SAMPLE_LOGS } from '../support/sample-intel';

/**
 * The worker SIGKILLed at random moments while twenty missions run from start to completion: every
 * mission completes, the store has no duplicate and no missing row, each escalation is notified once,
 * and no workflow task of any mission failed on a nondeterminism error.
 */
const MISSIONS = Number(process.env.CHAOS_MISSIONS ?? 20);
const taskQueue = `chaos-${process.pid}`;
const dataDir = mkdtempSync(join(testEnv().dir, 'chaos-'));
const intelDir = copySampleIntel(dataDir);

let store: MissionStore;
let connection: Connection;
let missions: MissionService;
let worker: Killable | undefined;
let kills = 0;

const workerEnv = async (): Promise<Record<string, string>> => ({
  CAPEO_TEST_NAMESPACE: testNamespace(),
  CAPEO_TEST_TASK_QUEUE: taskQueue,
  CAPEO_TEST_DATABASE_URL: await testDatabaseUrl(),
  CAPEO_DATA_DIR: dataDir,
  CAPEO_INTEL_DIR: intelDir,
  CAPEO_LOG_DIR: SAMPLE_LOGS,
});
async function startWorker(): Promise<void> {
  worker = await startWorkerProcess(await workerEnv());
}
async function killWorker(): Promise<void> {
  if (!worker) return;
  kills++;
  await worker.kill();
}

beforeAll(async () => {
  store = await testStore();
  connection = await Connection.connect({ address: testEnv().address });
  missions = new MissionService(new Client({ connection, namespace: testNamespace() }), store, taskQueue);
  await startWorker();
});
afterAll(async () => {
  await killWorker();
  await connection?.close();
  await store?.close();
});

/** A step of a walk, retried while the mission cannot answer for a moment (a worker being replaced). */
async function step<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof NotReadyError) || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function mission(i: number): Promise<string> {
  const { missionId } = await step(() => missions.start({ ...eavdRequest, codeName: `Chaos Run ${i}` }, platform, `chaos-${process.pid}-${i}`));
  await walkToExecute(missions, missionId);
  // Keyed findings: a hunter's retry after a lost answer is the same finding.
  await step(() =>
    missions.update(missionId, msg.addFindingUpdate, {
      finding: { category: 'suspicious-security-event', title: `examp1e-${i}.com with MX`, severity: 'high', observables: [{ type: 'domain', value: `examp1e-${i}.com` }], sourceKey: `hunter:${i}:seoi` },
      actor: hunter,
    }),
  );
  await step(() => missions.update(missionId, msg.addFindingUpdate, { finding: { category: 'hunt-opportunity', title: `lead ${i}`, severity: 'low', sourceKey: `hunter:${i}:lead` }, actor: hunter }));
  await walkFromExecute(missions, missionId);
  return missionId;
}

test('twenty missions while the worker is SIGKILLed every few seconds: all complete, nothing duplicated or lost, no nondeterminism', async () => {
  let chaos = true;
  const killer = (async () => {
    while (chaos) {
      await new Promise((r) => setTimeout(r, 2000 + Math.random() * 3000));
      if (!chaos) break;
      await killWorker();
      await startWorker();
    }
  })();
  let next = 0;
  const ids: string[] = [];
  try {
    // Five at a time; after a failure the others stop at their next mission, and the test waits for
    // them all, so nothing of this file runs on into the next one.
    let failed = false;
    const runs = await Promise.allSettled(
      Array.from({ length: 5 }, async () => {
        try {
          for (let i = next++; i < MISSIONS && !failed; i = next++) ids.push(await mission(i));
        } catch (err) {
          failed = true;
          throw err;
        }
      }),
    );
    const failure = runs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    chaos = false;
    await killer;
  }
  expect(kills).toBeGreaterThanOrEqual(5);

  const client = new Client({ connection, namespace: testNamespace() });
  for (const id of ids) {
    const outcome: MissionOutcome = await client.workflow.getHandle(id).result();
    expect(outcome.status).toBe('completed');
    const findings = await allFindings(missions, id);
    // The two the hunter recorded, once each (and the silent EDR source's visibility gap, at most once).
    expect(findings.filter((f) => f.sourceKey?.startsWith('hunter:'))).toHaveLength(2);
    expect(findings.filter((f) => f.category === 'visibility-gap').length).toBeLessThanOrEqual(1);
    expect(findings.find((f) => f.category === 'suspicious-security-event')).toMatchObject({ status: 'escalated' });
    const sent = outbox(dataDir).filter((n) => n.missionId === id);
    expect(sent.filter((n) => n.kind === 'escalation')).toHaveLength(1);
    expect(sent.filter((n) => n.kind === 'comms')).toHaveLength(1);
    expect(new Set(sent.map((n) => n.idempotencyKey)).size).toBe(sent.length);
    expect(tickets(dataDir).filter((t) => t.missionId === id && String(t.id).startsWith('IR-'))).toHaveLength(1);
    const summary = await missions.summary(id);
    expect(summary.counts.effects).toMatchObject({ failed: 0, pending: 0, running: 0 });
    expect(summary.lead).toBe(lead.id);
  }
  // No missing row: an audit entry for every number the missions gave out (and, by the store's keys, none twice).
  const gaps = await store.db.query(
    `select mission_id, count(*)::int as n, max(seq)::int as top from audit_entries where mission_id = any($1) group by mission_id`,
    [ids],
  );
  for (const row of gaps.rows as Array<{ n: number; top: number }>) expect(row.n).toBe(row.top);
  expect(gaps.rows).toHaveLength(ids.length);

  // No workflow task of any mission failed on nondeterminism (every run's history).
  const failures: string[] = [];
  for (const id of ids) {
    for await (const run of client.workflow.list({ query: `WorkflowId = '${id}'` })) {
      const history = await client.workflow.getHandle(id, run.runId).fetchHistory();
      for (const e of history.events ?? []) {
        const failed = e.workflowTaskFailedEventAttributes;
        if (failed && /nondetermin/i.test(`${failed.cause} ${failed.failure?.message}`)) failures.push(`${id}/${run.runId}: ${failed.failure?.message}`);
      }
    }
  }
  expect(failures).toEqual([]);
}, 600_000);

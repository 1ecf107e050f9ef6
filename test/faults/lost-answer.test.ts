import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MissionService } from '../../api/services/missions';
import type { Actor } from '../../domain/identity';
import type { MissionStore } from '../../store';
import { startApiProcess, startWorkerProcess, type Killable } from '../support/killable';
import { testNamespace } from '../support/namespaces';
import { testDatabaseUrl, testStore } from '../support/postgres';
import { outbox, testEnv, tickets } from '../support/temporal';
import { eavdRequest, endMission, hunter, platform, until, walkToExecute } from '../support/walk';
import { copySampleIntel, SAMPLE_LOGS } from '../support/sample-intel';

/**
 * A write whose answer is lost: the worker is killed, the finding is posted with an Idempotency-Key,
 * the API is killed before it answers, both come back, and the caller retries with the same key.
 * One finding, one ticket, one escalation.
 */
const taskQueue = `lost-answer-${process.pid}`;
const dataDir = mkdtempSync(join(testEnv().dir, 'lost-answer-'));
copySampleIntel(dataDir);

let store: MissionStore;
let connection: Connection;
let missions: MissionService;
let worker: Killable | undefined;
let api: (Killable & { url: string }) | undefined;
let hunterKey: string;

const workerEnv = async () => ({
  CAPEO_TEST_NAMESPACE: testNamespace(),
  CAPEO_TEST_TASK_QUEUE: taskQueue,
  CAPEO_TEST_DATABASE_URL: await testDatabaseUrl(),
  CAPEO_DATA_DIR: dataDir,
  CAPEO_INTEL_DIR: join(dataDir, 'intel'),
  CAPEO_LOG_DIR: SAMPLE_LOGS,
});
const apiEnv = async () => ({
  TEMPORAL_ADDRESS: testEnv().address,
  TEMPORAL_NAMESPACE: testNamespace(),
  CAPEO_TASK_QUEUE: taskQueue,
  CAPEO_DATABASE_URL: await testDatabaseUrl(),
  CAPEO_DATA_DIR: dataDir,
  CAPEO_RATE_LIMIT_PER_MINUTE: '0',
});

async function keyFor(a: Actor): Promise<string> {
  await store.db.query('delete from api_keys where name = $1', [a.id]);
  return (await store.identities.createKey(a.id, a.role)).key;
}

beforeAll(async () => {
  store = await testStore();
  connection = await Connection.connect({ address: testEnv().address });
  missions = new MissionService(new Client({ connection, namespace: testNamespace() }), store, taskQueue);
  hunterKey = await keyFor(hunter);
  [worker, api] = await Promise.all([startWorkerProcess(await workerEnv()), startApiProcess(await apiEnv())]);
}, 120_000);
afterAll(async () => {
  await api?.kill();
  await worker?.kill();
  await connection?.close();
  await store?.close();
});

test('the worker and the API die between a write and its answer; the retry with the same key records one finding, one ticket, one escalation', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await walkToExecute(missions, missionId);
  const finding = { category: 'suspicious-security-event', title: 'examp1e.com answers MX for the brand', severity: 'high', observables: [{ type: 'domain', value: 'examp1e.com' }] };
  const post = (signal?: AbortSignal) =>
    fetch(`${api!.url}/missions/${missionId}/findings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hunterKey}`, 'content-type': 'application/json', 'idempotency-key': 'soc-retry-test-0001' },
      body: JSON.stringify(finding),
      ...(signal ? { signal } : {}),
    });

  // No worker: the Update waits in Temporal. The API dies with the request open; the caller gets nothing.
  await worker!.kill();
  const lost = post(AbortSignal.timeout(20_000)).then((r) => r.status, (err: Error) => err.name);
  await new Promise((r) => setTimeout(r, 1500));
  await api!.kill();
  expect(await lost).not.toBe(201);

  [worker, api] = await Promise.all([startWorkerProcess(await workerEnv()), startApiProcess(await apiEnv())]);
  let answer: Response | undefined;
  for (let i = 0; i < 60; i++) {
    answer = await post();
    if (answer.status !== 503) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect([200, 201]).toContain(answer!.status);
  const { id } = (await answer!.json()) as { id: string };
  // And once more: the same answer, nothing new.
  const again = await post();
  expect(((await again.json()) as { id: string }).id).toBe(id);

  await until(missions, missionId, (s) => s.counts.effects.pending + s.counts.effects.running === 0 && s.counts.findings.escalated >= 1, 'the escalation done');
  const rows = await store.db.query(`select finding_id from findings where mission_id = $1 and title = $2`, [missionId, finding.title]);
  expect(rows.rows).toEqual([{ finding_id: id }]);
  const effects = await store.db.query(`select kind, count(*)::int as n from effects where mission_id = $1 and subject = $2 group by kind order by kind`, [missionId, id]);
  expect(effects.rows).toEqual([{ kind: 'escalate', n: 1 }, { kind: 'finding-ticket', n: 1 }]);
  expect(tickets(join(dataDir)).filter((t) => t.missionId === missionId && String(t.id).startsWith('IR-'))).toHaveLength(1);
  expect(outbox(dataDir).filter((n) => n.missionId === missionId && n.kind === 'escalation')).toHaveLength(1);
  await endMission({ client: new Client({ connection, namespace: testNamespace() }) }, missionId);
}, 300_000);

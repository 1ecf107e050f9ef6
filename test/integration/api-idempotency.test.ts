import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import { missionWorkflowId } from '../../domain/temporal-names';
import { purgeExpiredKeys } from '../../api/idempotency';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, endMission, hunter, lead, manager, platform, until, walkToExecute } from '../support/walk';

let tw: TestWorker;
let api: FastifyInstance;
let missions: MissionService;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter]);
  missions = new MissionService(tw.client, tw.store, tw.taskQueue);
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
});

const write = (method: 'POST' | 'PUT', url: string, payload: unknown, who: typeof hunter, key?: string) =>
  api.inject({ method, url, payload: payload as object, headers: { ...as(who), ...(key ? { 'idempotency-key': key } : {}) } });

test('Idempotency-Key on every write: a retry answers the first answer and changes nothing; the same key for another request is 409', async () => {
  const { missionId } = (await write('POST', '/missions', eavdRequest, platform)).json();
  await walkToExecute(missions, missionId);
  const finding = { category: 'suspicious-security-event', title: 'examp1e.com answers MX', severity: 'high', observables: [{ type: 'domain', value: 'examp1e.com' }] };

  const first = await write('POST', `/missions/${missionId}/findings`, finding, hunter, 'hunter-finding-0001');
  const retry = await write('POST', `/missions/${missionId}/findings`, finding, hunter, 'hunter-finding-0001');
  expect(first.statusCode).toBe(201);
  expect(retry.statusCode).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.headers.location).toBe(first.headers.location);
  expect(retry.json()).toEqual(first.json());
  // Without a key the same body is a new finding (a finding has no natural key unless it names one).
  const unkeyed = await write('POST', `/missions/${missionId}/findings`, finding, hunter);
  expect(unkeyed.json().id).not.toBe(first.json().id);

  const reused = await write('POST', `/missions/${missionId}/findings`, { ...finding, title: 'another one' }, hunter, 'hunter-finding-0001');
  expect(reused.statusCode).toBe(409);
  expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  // Keys are the caller's own: another caller's same key is another request.
  const other = await write('POST', `/missions/${missionId}/findings`, { ...finding, title: 'the lead saw it too' }, lead, 'hunter-finding-0001');
  expect(other.statusCode).toBe(201);

  const stored = await allFindings(missions, missionId);
  expect(stored.filter((f) => f.title === finding.title)).toHaveLength(2);
  const tickets = await tw.store.db.query(`select count(*)::int as n from effects where mission_id = $1 and kind = 'escalate'`, [missionId]);
  expect(tickets.rows[0].n).toBe(3);

  // A gate decision retried answers what it answered, not "gate not open".
  await write('POST', `/missions/${missionId}/work-items/data-sources`, { data: { sources: [{ name: 'dns', location: 'samples/logs', model: 'DNS query log' }] } }, hunter, 'sources-0001');
  const query = { title: 'MX lookups', query: "select query from dns where query like '%examp1e%'", from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };
  const ran = await write('POST', `/missions/${missionId}/queries`, query, hunter, 'query-run-0001');
  const ranAgain = await write('POST', `/missions/${missionId}/queries`, query, hunter, 'query-run-0001');
  expect(ranAgain.json().id).toBe(ran.json().id);
  expect((await missions.queries(missionId, { limit: 50 })).items).toHaveLength(1);
  const decided = await write('POST', `/missions/${missionId}/gates/execute/decision`, { decision: 'approve' }, lead, 'execute-gate-0001');
  const decidedAgain = await write('POST', `/missions/${missionId}/gates/execute/decision`, { decision: 'approve' }, lead, 'execute-gate-0001');
  expect(decided.statusCode).toBe(200);
  expect(decidedAgain.statusCode).toBe(200);
  expect(decidedAgain.json()).toEqual(decided.json());
  // Without the key, the same decision again is the conflict it is.
  expect((await write('POST', `/missions/${missionId}/gates/execute/decision`, { decision: 'approve' }, lead)).statusCode).toBe(409);
  await endMission(tw, missionId);
});

test('the mission itself knows a request id: an Update retried after its answer was lost (another API, another run) is applied once', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await walkToExecute(missions, missionId);
  const input = { finding: { category: 'suspicious-security-event' as const, title: 'one event', severity: 'high' as const }, actor: hunter, requestId: 'k-test-request-0001' };
  const first = await missions.update(missionId, msg.addFindingUpdate, input);
  // The workflow's own memory, not Temporal's Update-id de-duplication: the retry after a hand-over.
  await tw.client.workflow.getHandle(missionId).executeUpdate(msg.addFindingUpdate, { args: [input], updateId: 'another-update-id' });
  const again = await tw.client.workflow.getHandle(missionId).executeUpdate(msg.addFindingUpdate, { args: [input] });
  expect(again).toEqual(first);
  const done = await until(missions, missionId, (s) => s.counts.effects.pending + s.counts.effects.running === 0, 'effects settled');
  // (The heartbeat watcher may add a visibility gap of its own meanwhile.)
  expect(done.counts.findings.byCategory['suspicious-security-event']).toBe(1);
  const escalations = await tw.store.db.query(`select count(*)::int as n from effects where mission_id = $1 and kind = 'escalate'`, [missionId]);
  expect(escalations.rows[0].n).toBe(1);
  await endMission(tw, missionId);
});

test('a start whose code Temporal already has (a namespace an earlier store used) skips that code instead of adopting the old workflow', async () => {
  const next = await tw.store.db.query<{ last: number }>(`select last from mission_sequences where type = 'EAVD'`);
  const taken = missionWorkflowId(`EAVD${String((next.rows[0]?.last ?? 0) + 1).padStart(2, '0')}`, 1);
  // Someone else's workflow with that id, on a task queue no worker polls.
  const foreign = await tw.client.workflow.start('huntMissionWorkflow', { workflowId: taken, taskQueue: `nobody-${process.pid}`, args: [{}] });
  try {
    const started = await missions.start(eavdRequest, platform);
    expect(started.missionId).not.toBe(taken);
    expect(started.created).toBe(true);
    const rows = await tw.store.db.query(`select mission_id from missions where mission_id = $1`, [taken]);
    expect(rows.rows).toHaveLength(0);
    await endMission(tw, started.missionId);
  } finally {
    await foreign.terminate('test over');
  }
});

test('Idempotency-Keys past their 24 hours are forgotten by the API on a timer; younger ones stay', async () => {
  const db = tw.store.db;
  await db.query(
    `insert into idempotent_requests (actor_id, key, request_hash, created_at) values
       ('purge-test', 'old', 'h1', now() - interval '25 hours'), ('purge-test', 'young', 'h2', now() - interval '23 hours')`,
  );
  const logged: object[] = [];
  const log = { info: (o: object) => logged.push(o), warn: (o: object) => logged.push(o) };
  const stop = purgeExpiredKeys(tw.store.idempotency, log, 50);
  try {
    const keys = async () => (await db.query<{ key: string }>(`select key from idempotent_requests where actor_id = 'purge-test' order by key`)).rows.map((r) => r.key);
    for (let i = 0; i < 100 && (await keys()).includes('old'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await keys()).toEqual(['young']);
    expect(logged).toContainEqual({ purged: expect.any(Number) });
  } finally {
    stop();
  }
});

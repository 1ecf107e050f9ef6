import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { endMission, feasibility, hunter, hunter2, lead, manager, platform, until, walkToAnalyzeGate } from '../support/walk';

/** The hunt backlog: proposed by anyone, scored and ordered, started by a manager as one mission that links back. */
let tw: TestWorker;
let api: FastifyInstance;
let missions: MissionService;
const started: string[] = [];

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter, hunter2]);
  missions = new MissionService(tw.client, tw.store, tw.taskQueue);
});
afterAll(async () => {
  for (const id of started) await endMission(tw, id);
  await api?.close();
  await tw?.close();
});

const post = (url: string, payload: unknown, who = hunter) => api.inject({ method: 'POST', url, payload: payload as object, headers: as(who) });
const get = (url: string) => api.inject({ method: 'GET', url, headers: as(hunter) });

const weak = { ...feasibility, dataAvailability: 1, informationQuality: 1, skillsets: 1, resourceConstraints: 1, timelines: 1, crownJewelsImpacted: false, majorVulnerabilities: false, emergentThreat: false };
const strong = { ...feasibility, dataAvailability: 5, informationQuality: 5, skillsets: 5, resourceConstraints: 5, timelines: 5, crownJewelsImpacted: true, majorVulnerabilities: true, emergentThreat: true };
const proposal = (topic: string, f: typeof feasibility, over: Record<string, unknown> = {}) => ({
  topic,
  trigger: 'intel',
  motivation: 'A TI report on lookalike domains registered against our sector this month',
  feasibility: f,
  ...over,
});

test('topics are scored by the prioritisation model and listed highest first; anyone who hunts may propose, a viewer may not', async () => {
  const a = await post('/backlog', proposal(`Parked lookalikes ${process.pid}`, weak));
  const b = await post('/backlog', proposal(`Lookalikes with fresh certificates ${process.pid}`, strong, { huntType: 'hypothesis-driven', techniques: ['T1583'] }), lead);
  expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  expect(a.headers.location).toBe(`/backlog/${a.json().id}`);
  expect(a.json()).toMatchObject({ status: 'proposed', proposedBy: hunter.id, proposal: 'reject', missionId: null });
  expect(b.json()).toMatchObject({ proposal: 'qualify', proposedBy: lead.id });
  expect(b.json().score).toBe(b.json().maxScore);
  expect(a.json().score).toBeLessThan(b.json().score);
  const ids = (await get('/backlog?status=proposed&limit=500')).json().items.map((e: { id: string }) => e.id);
  expect(ids.indexOf(b.json().id)).toBeLessThan(ids.indexOf(a.json().id));
  const viewer = await api.inject({ method: 'POST', url: '/backlog', payload: proposal('x topic', weak), headers: as({ id: 'viewer-user', role: 'viewer' }) });
  expect(viewer.statusCode).toBe(403);
  const bad = await post('/backlog', { ...proposal('x topic', weak), feasibility: { ...weak, timelines: 9 } });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().errors[0].field).toBe('body.feasibility.timelines');
});

test('a manager starts a mission from an entry: it carries the topic, hunt type and techniques, links back, and a second start is refused', async () => {
  const entry = (await post('/backlog', proposal(`Certificate-first lookalike hunt ${process.pid}`, strong, { huntType: 'hypothesis-driven', basedOn: 'mission-EAVD01-1', keywords: ['login'] }))).json();
  expect((await post(`/backlog/${entry.id}/mission`, { codeName: 'Backlog Badger' }, lead)).statusCode).toBe(403);
  const res = await post(`/backlog/${entry.id}/mission`, { codeName: 'Backlog Badger', brand: { domains: ['example.com'] } }, manager);
  expect(res.statusCode).toBe(201);
  const { missionId } = res.json();
  started.push(missionId);
  const summary = await until(missions, missionId, (s) => s.phase === 'collect', 'the mission');
  expect(summary).toMatchObject({ topic: entry.topic, huntType: 'hypothesis-driven', origin: { backlogId: entry.id, basedOn: 'mission-EAVD01-1' }, keywords: ['login'] });
  expect((await get(`/backlog/${entry.id}`)).json()).toMatchObject({ status: 'started', missionId });
  const again = await post(`/backlog/${entry.id}/mission`, { codeName: 'Backlog Badger' }, manager);
  expect(again.statusCode).toBe(409);
  expect(again.json().code).toBe('BACKLOG_ENTRY_STARTED');
  expect((await post(`/backlog/${entry.id}/drop`, { reason: 'late' }, manager)).statusCode).toBe(409);
});

test('a hypothesis-driven mission cannot pass Analyze without its hypothesis and ABLE scope (intel-driven ones, every other walk, need none)', async () => {
  const entry = (await post('/backlog', proposal(`Hypothesis hunt ${process.pid}`, strong, { huntType: 'hypothesis-driven' }))).json();
  const { missionId } = (await post(`/backlog/${entry.id}/mission`, { codeName: 'Able Aardvark' }, manager)).json();
  started.push(missionId);
  const gate = await walkToAnalyzeGate(missions, missionId);
  expect(gate.gate?.missing).toEqual(['analyze.hypothesis']);
  const refused = await post(`/missions/${missionId}/gates/analyze/decision`, { decision: 'approve' }, lead);
  expect(refused.statusCode).toBe(409);
  expect(refused.json()).toMatchObject({ code: 'MISSING_ITEMS', missing: ['analyze.hypothesis'] });
  const bad = await post(`/missions/${missionId}/work-items/hypothesis`, { data: { hypothesis: 'Adversaries register lookalikes', able: { actor: 'x' } } });
  expect(bad.statusCode).toBe(400);
  const ok = await post(`/missions/${missionId}/work-items/hypothesis`, {
    data: {
      hypothesis: 'Phishing crews register lookalikes of our login domain and get certificates for them before a campaign',
      able: { actor: 'phishing crews targeting our customers', behaviour: 'T1583.001 domain registration, certificate issuance', location: 'the public DNS and CT logs', evidence: 'CT log entries, NRD feeds, passive DNS' },
    },
  });
  expect(ok.statusCode).toBe(200);
  expect((await post(`/missions/${missionId}/gates/analyze/decision`, { decision: 'approve' }, lead)).statusCode).toBe(200);
});

test('POST /missions does not take an origin: only a backlog start sets it (a caller\'s is dropped like any unknown field)', async () => {
  const res = await post('/missions', { type: 'EAVD', codeName: 'Origin Owl', topic: 'spoofed origin', origin: { backlogId: 'B1' } }, platform);
  expect(res.statusCode).toBe(201);
  started.push(res.json().missionId);
  expect((await until(missions, res.json().missionId, () => true, 'the mission')).origin).toBeNull();
});

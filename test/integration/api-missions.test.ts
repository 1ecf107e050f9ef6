import type { FastifyInstance } from 'fastify';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, hunter, lead, manager, platform } from '../support/walk';

let tw: TestWorker;
let api: FastifyInstance;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw);
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
});

const post = (url: string, payload: unknown, who = platform) =>
  api.inject({ method: 'POST', url, payload: payload as object, headers: as(who) });
const put = (url: string, payload: unknown, who = platform) =>
  api.inject({ method: 'PUT', url, payload: payload as object, headers: as(who) });

async function waitForGate(id: string, gate: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const res = await api.inject({ url: `/missions/${id}`, headers: as(manager) });
    if (res.json().openGate === gate) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gate ${gate} never opened`);
}

test('a malformed body gets a 400 problem+json naming each field and rule', async () => {
  const res = await post('/missions', { type: 'XYZ', codeName: 'ab', topic: 42 });
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status: 400, title: 'Bad Request', code: 'VALIDATION_FAILED' });
  const fields = body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
  expect(fields).toEqual(expect.arrayContaining(['body.type:invalid_value', 'body.codeName:too_small', 'body.topic:invalid_type']));
});

test('malformed JSON, a missing identity and unknown missions get 4xx problems, never 500', async () => {
  const bad = await api.inject({
    method: 'POST', url: '/missions', payload: '{"type":', headers: { ...as(platform), 'content-type': 'application/json' },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);

  const anon = await api.inject({ method: 'POST', url: '/missions', payload: eavdRequest });
  expect(anon.statusCode).toBe(401);
  expect(anon.json().code).toBe('UNAUTHENTICATED');

  const unknown = await api.inject({ url: '/missions/mission-EAVD99-9', headers: as(manager) });
  expect(unknown.statusCode).toBe(404);
  const garbage = await api.inject({ url: '/missions/..%2F..%2Fetc', headers: as(manager) });
  expect(garbage.statusCode).toBe(404);

  const badGate = await post('/missions/mission-EAVD99-9/gates/nowhere/decision', { decision: 'approve' }, manager);
  expect(badGate.statusCode).toBe(400);
  expect(badGate.json().errors[0].field).toBe('params.gate');
});

test('through REST: start, refuse with the missing items (409), walk every gate, list by phase', async () => {
  const started = await post('/missions', eavdRequest);
  expect(started.statusCode).toBe(201);
  const { missionId } = started.json();
  await waitForGate(missionId, 'collect');

  expect((await post(`/missions/${missionId}/gates/collect/decision`, { decision: 'approve' }, manager)).json().phase).toBe('analyze');
  expect((await put(`/missions/${missionId}/lead`, { lead: lead.id }, manager)).statusCode).toBe(200);

  const refused = await post(`/missions/${missionId}/gates/analyze/decision`, { decision: 'approve' }, lead);
  expect(refused.statusCode).toBe(409);
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.json()).toMatchObject({ code: 'MISSING_ITEMS', missing: ['analyze.initial-research', 'analyze.feasibility'] });

  await post(`/missions/${missionId}/work-items/initial-research`, { data: { references: [] } }, hunter);
  await post(`/missions/${missionId}/work-items/feasibility`, { data: { qualifies: true } }, lead);
  expect((await post(`/missions/${missionId}/gates/analyze/decision`, { decision: 'approve' }, lead)).json().phase).toBe('plan');

  const listed = await api.inject({ url: '/missions?phase=plan', headers: as(manager) });
  // Visibility is eventually consistent; the mission shows up in its phase.
  let found = listed.json().missions.some((m: { missionId: string }) => m.missionId === missionId);
  for (let i = 0; !found && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const again = await api.inject({ url: '/missions?phase=plan', headers: as(manager) });
    found = again.json().missions.some((m: { missionId: string }) => m.missionId === missionId);
  }
  expect(found).toBe(true);

  const over = await put(`/missions/${missionId}/allocation`, { allocation: { totalHuntHours: 10, executionPhaseHours: 9 } }, lead);
  expect(over.statusCode).toBe(409);
  expect(over.json().code).toBe('INVALID_ALLOCATION');
  await put(`/missions/${missionId}/allocation`, { allocation: { totalHuntHours: 10, executionPhaseHours: 7.5 } }, lead);
  await post(`/missions/${missionId}/work-items/objectives`, { data: { objectives: ['MX-ready lookalikes'] } }, lead);
  for (const gate of ['plan', 'execute', 'outcomes']) {
    const res = await post(`/missions/${missionId}/gates/${gate}/decision`, { decision: 'approve' }, lead);
    expect(res.statusCode).toBe(200);
  }
  const done = await api.inject({ url: `/missions/${missionId}`, headers: as(manager) });
  expect(done.json()).toMatchObject({ status: 'completed', lead: lead.id });
  expect(Object.keys(done.json().artifacts)).toEqual(['report.md']);
});

test('OpenAPI 3.1 is served and documents the mission routes', async () => {
  const res = await api.inject({ url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/missions', '/missions/{id}', '/missions/{id}/gates/{gate}/decision']),
  );
  expect((await api.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
});

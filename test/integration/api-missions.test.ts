import type { FastifyInstance } from 'fastify';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, hunter, lead, manager, platform, walkToExecute } from '../support/walk';
import { MissionService } from '../../api/services/missions';

let tw: TestWorker;
let api: FastifyInstance;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter]);
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
  expect(fields).toEqual(expect.arrayContaining(['body.type:invalid_value', 'body.codeName:invalid_format', 'body.topic:invalid_type']));
});

test('a NUL character (which the store cannot hold) anywhere in a request is a 400 naming the field, and nothing is started', async () => {
  const res = await post('/missions', { ...eavdRequest, codeName: 'Nul Probe', topic: 'lookalikes \u0000 of our brand', keywords: ['ok', 'bad\u0000'] });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body.topic', rule: 'no NUL characters (U+0000)' }] });
  const inQuery = await api.inject({ url: '/findings?observable=a%00b', headers: as(manager) });
  expect(inQuery.statusCode).toBe(400);
  expect(inQuery.json().errors[0].field).toBe('querystring.observable');
  expect((await api.inject({ url: '/missions?codeName=Nul%20Probe', headers: as(manager) })).json().missions).toEqual([]);
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
  const forged = await api.inject({ method: 'GET', url: '/missions', headers: { authorization: 'Bearer capeo_not-a-key', 'x-capeo-actor': 'x', 'x-capeo-role': 'admin' } });
  expect(forged.statusCode).toBe(401);

  const unknown = await api.inject({ url: '/missions/mission-EAVD99-9', headers: as(manager) });
  expect(unknown.statusCode).toBe(404);
  const garbage = await api.inject({ url: '/missions/..%2F..%2Fetc', headers: as(manager) });
  expect(garbage.statusCode).toBe(404);

  const badGate = await post('/missions/mission-EAVD99-9/gates/nowhere/decision', { decision: 'approve' }, manager);
  expect(badGate.statusCode).toBe(400);
  expect(badGate.json().errors[0].field).toBe('params.gate');
});

test('through REST: start, refuse with the missing items (409), findings refused outside Execute, metrics, 403, list by phase', async () => {
  const started = await post('/missions', eavdRequest);
  expect(started.statusCode).toBe(201);
  const { missionId } = started.json();
  await waitForGate(missionId, 'collect');

  expect((await post(`/missions/${missionId}/gates/collect/decision`, { decision: 'approve' }, manager)).json().phase).toBe('analyze');
  expect((await put(`/missions/${missionId}/lead`, { lead: lead.id }, manager)).statusCode).toBe(200);

  const refused = await post(`/missions/${missionId}/gates/analyze/decision`, { decision: 'approve' }, lead);
  expect(refused.statusCode).toBe(409);
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.json()).toMatchObject({
    code: 'MISSING_ITEMS',
    missing: ['analyze.initial-research', 'analyze.feasibility', 'analyze.owners', 'analyze.team-engagement'],
  });

  // A payload that breaks its schema is the caller's 400, naming the field, before any Update.
  const badItem = await post(`/missions/${missionId}/work-items/feasibility`, { data: { dataAvailability: 9 } }, lead);
  expect(badItem.statusCode).toBe(400);
  expect(badItem.json().code).toBe('VALIDATION_FAILED');
  expect(badItem.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.data.dataAvailability']));
  expect((await post(`/missions/${missionId}/work-items/no-such-item`, { data: {} }, lead)).statusCode).toBe(404);
  // A hunter outside the squad: 403, not a conflict.
  const outsider = await post(`/missions/${missionId}/work-items/initial-research`, { data: { references: [{ title: 't', link: 'https://x.example', kind: 'code' }] } }, hunter);
  expect(outsider.statusCode).toBe(403);
  expect(outsider.json().code).toBe('NOT_ENTITLED');

  const early = await post(`/missions/${missionId}/findings`, { category: 'hunt-opportunity', title: 'too early', severity: 'low' }, lead);
  expect(early.statusCode).toBe(409);
  expect(early.json().code).toBe('WRONG_PHASE');
  const badFinding = await post(`/missions/${missionId}/findings`, { category: 'rumour', title: 'x', severity: 'low' }, lead);
  expect(badFinding.statusCode).toBe(400);
  expect(badFinding.json().errors[0]).toMatchObject({ field: 'body.category', rule: 'invalid_value' });

  const metrics = await api.inject({ url: `/missions/${missionId}/metrics`, headers: as(manager) });
  expect(metrics.json()).toMatchObject({ iteration: 1, totalHunt: { running: true }, findingsPerCategory: { 'visibility-gap': 0 } });
  const noReport = await api.inject({ url: `/missions/${missionId}/artifacts/report.md`, headers: as(manager) });
  expect(noReport.statusCode).toBe(404);
  const iterate = await post(`/missions/${missionId}/iterations`, {}, hunter);
  expect(iterate.statusCode).toBe(403);

  let found = false;
  for (let i = 0; !found && i < 50; i++) {
    const listed = await api.inject({ url: '/missions?phase=analyze', headers: as(manager) });
    found = listed.json().missions.some((m: { missionId: string }) => m.missionId === missionId);
    if (!found) await new Promise((r) => setTimeout(r, 100));
  }
  expect(found).toBe(true);
  await endMission(tw, missionId);
});

test('writes answer small acknowledgements; findings are created with Location, paged and searched across missions from the store', async () => {
  const { missionId } = (await post('/missions', eavdRequest)).json();
  await walkToExecute(new MissionService(tw.client, tw.store, tw.taskQueue), missionId);
  const made = [];
  for (let i = 0; i < 5; i++) {
    const res = await post(`/missions/${missionId}/findings`, { category: 'hunt-opportunity', title: `lead ${i}`, severity: 'low', observables: [{ type: 'domain', value: `api-${i}.example` }] }, hunter);
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/missions/${missionId}/findings/${res.json().id}`);
    expect(res.json()).toMatchObject({ created: true, finding: { title: `lead ${i}`, status: 'open', author: hunter.id }, mission: { phase: 'execute', status: 'active' } });
    // An acknowledgement, not the mission.
    expect(JSON.stringify(res.json()).length).toBeLessThan(2000);
    made.push(res.json().id as string);
  }
  const page1 = (await api.inject({ url: `/missions/${missionId}/findings?limit=2&category=hunt-opportunity`, headers: as(manager) })).json();
  expect(page1.items.map((f: { id: string }) => f.id)).toEqual(made.slice(0, 2));
  const page2 = (await api.inject({ url: `/missions/${missionId}/findings?limit=2&category=hunt-opportunity&cursor=${page1.nextCursor}`, headers: as(manager) })).json();
  expect(page2.items.map((f: { id: string }) => f.id)).toEqual(made.slice(2, 4));
  const one = await api.inject({ url: `/missions/${missionId}/findings/${made[3]}`, headers: as(manager) });
  expect(one.json()).toMatchObject({ id: made[3], title: 'lead 3' });
  const across = (await api.inject({ url: '/findings?observable=API-2.example', headers: as(manager) })).json();
  expect(across.items).toMatchObject([{ missionId, id: made[2] }]);
  const badCursor = await api.inject({ url: `/missions/${missionId}/findings?cursor=${page1.nextCursor}x`, headers: as(manager) });
  expect(badCursor.statusCode).toBe(400);
  const timeline = (await api.inject({ url: `/missions/${missionId}/timeline?limit=500`, headers: as(manager) })).json();
  expect(timeline.items.filter((e: { action: string; actor: string }) => e.action === 'finding.added' && e.actor === hunter.id)).toHaveLength(5);
  const effects = (await api.inject({ url: `/missions/${missionId}/effects?limit=500`, headers: as(manager) })).json();
  expect(effects.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['notify', 'channel', 'action-plan', 'finding-ticket']));
  const summary = (await api.inject({ url: `/missions/${missionId}`, headers: as(manager) })).json();
  expect(summary).toMatchObject({ phase: 'execute', openGate: 'execute', counts: { findings: { byCategory: { 'hunt-opportunity': 5 } } }, progress: { executionPhase: { running: true } } });
  expect(summary).not.toHaveProperty('findings');
  await endMission(tw, missionId);
});

test('Idempotency-Key: the same key and body give the same mission; another body is a 409', async () => {
  const headers = { ...as(platform), 'idempotency-key': 'soc-ticket-4711' };
  const first = await api.inject({ method: 'POST', url: '/missions', payload: eavdRequest, headers });
  const retry = await api.inject({ method: 'POST', url: '/missions', payload: eavdRequest, headers });
  expect(first.statusCode).toBe(201);
  expect(retry.statusCode).toBe(200);
  expect(retry.json()).toEqual({ ...first.json(), created: false });
  const changed = await api.inject({ method: 'POST', url: '/missions', payload: { ...eavdRequest, codeName: 'Other Name' }, headers });
  expect(changed.statusCode).toBe(409);
  expect(changed.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  const badKey = await api.inject({ method: 'POST', url: '/missions', payload: eavdRequest, headers: { ...headers, 'idempotency-key': 'short' } });
  expect(badKey.statusCode).toBe(400);
  expect(badKey.json().errors[0].field).toBe('headers.idempotency-key');
  await endMission(tw, first.json().missionId);
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

test('ops: liveness, readiness with the worker polling, Prometheus metrics for HTTP and missions', async () => {
  expect((await api.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
  const ready = await api.inject({ url: '/readyz' });
  expect(ready.statusCode).toBe(200);
  expect(ready.json()).toMatchObject({ status: 'ready', temporal: true, store: true });
  expect(ready.json().workerPollers).toBeGreaterThan(0);
  const metrics = await api.inject({ url: '/metrics' });
  expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
  expect(metrics.body).toMatch(/capeo_http_requests_total\{method="GET",route="\/readyz",status="200"\} 1/);
  expect(metrics.body).toMatch(/capeo_missions_running\{phase="collect"\} \d+/);
  expect(metrics.body).toMatch(/capeo_missions_overrun \d+/);
  expect(metrics.body).toMatch(/capeo_worker_pollers [1-9]/);
  expect(metrics.body).toMatch(/capeo_gates_open\{phase="execute"\} \d+/);
  expect(metrics.body).toMatch(/capeo_gate_oldest_wait_seconds\{phase="collect"\} \d+/);
  expect(metrics.body).toMatch(/capeo_effects_failed \d+/);
  expect(metrics.body).toMatch(/capeo_store_up 1/);

  // A mission waiting at its Collect gate shows up as an open gate.
  const { missionId } = (await post('/missions', eavdRequest)).json();
  await waitForGate(missionId, 'collect');
  let open = 0;
  for (let i = 0; i < 50 && open < 1; i++) {
    const body = (await api.inject({ url: '/metrics' })).body;
    open = Number(/capeo_gates_open\{phase="collect"\} (\d+)/.exec(body)?.[1] ?? 0);
    if (open < 1) await new Promise((r) => setTimeout(r, 100));
  }
  expect(open).toBeGreaterThanOrEqual(1);
  await endMission(tw, missionId);
});

test('watch: one mission over Server-Sent Events, to its end; all missions as they change', async () => {
  const address = await api.listen({ host: '127.0.0.1', port: 0 });
  const { missionId } = (await post('/missions', eavdRequest)).json();
  await waitForGate(missionId, 'collect');
  const events = fetch(`${address}/missions/${missionId}/events`, { headers: as(manager) }).then((r) => {
    expect(r.headers.get('content-type')).toBe('text/event-stream');
    return r.text();
  });
  const all = new AbortController();
  const allEvents = fetch(`${address}/missions/events`, { headers: as(manager), signal: all.signal }).then(async (r) => {
    const reader = r.body!.getReader();
    let text = '';
    while (!text.includes(missionId)) text += new TextDecoder().decode((await reader.read()).value);
    all.abort();
    return text;
  });
  await post(`/missions/${missionId}/gates/collect/decision`, { decision: 'approve' }, manager);
  await post(`/missions/${missionId}/gates/analyze/decision`, { decision: 'reject', reason: 'out of scope' }, manager);
  const text = await events;
  const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
  expect(names.at(-1)).toBe('end');
  expect(text).toContain('"action":"gate.rejected"');
  expect(text).toContain('"status":"not_qualified"');
  expect(text).toMatch(/^id: 1$/m);
  expect(await allEvents).toContain(`"missionId":"${missionId}"`);
});

test('listing pages with a cursor, and finds missions by code-name prefix', async () => {
  const names = ['Paging Pelican', 'Paging Puffin', 'Paging Penguin'];
  const ids = await Promise.all(names.map(async (codeName) => (await post('/missions', { ...eavdRequest, codeName })).json().missionId as string));
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let round = 0; round < 50 && seen.length < 3; round++) {
    seen.length = 0;
    cursor = null;
    do {
      const url: string = `/missions?codeName=paging%20p&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.inject({ url, headers: as(manager) });
      expect(page.statusCode).toBe(200);
      const body = page.json() as { missions: Array<{ missionId: string }>; nextCursor: string | null };
      expect(body.missions.length).toBeLessThanOrEqual(2);
      seen.push(...body.missions.map((m) => m.missionId));
      cursor = body.nextCursor;
    } while (cursor);
    if (seen.length < 3) await new Promise((r) => setTimeout(r, 100));
  }
  expect(seen.sort()).toEqual([...ids].sort());
  const bad = await api.inject({ url: '/missions?cursor=bm90LWEtY3Vyc29y', headers: as(manager) });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().errors[0].field).toBe('querystring.cursor');
  await Promise.all(ids.map((id) => endMission(tw, id)));
});

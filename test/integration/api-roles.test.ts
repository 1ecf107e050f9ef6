import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../domain/identity';
import { as, buildTestApp, roleActors } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, feasibility } from '../support/walk';
import type { RecordableItem } from '../../domain/work-items';

let tw: TestWorker;
let api: FastifyInstance;
let missionId: string;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw);
  const platform = roleActors.find((a) => a.role === 'platform')!;
  missionId = (await api.inject({ method: 'POST', url: '/missions', payload: eavdRequest, headers: as(platform) })).json().missionId;
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
});

const ANY = ROLES;
const HUNT: Role[] = ['lead', 'hunter', 'manager'];
type Route = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, allowed: readonly Role[], body?: object];

/** Every route of the API, with the roles entitled to it and a valid body. */
const reference = { title: 't', link: 'https://example.org', kind: 'article' };
/** A valid payload for each work item (each is an operation of its own with its typed body). */
const WORK_ITEM_BODIES: Record<RecordableItem, object> = {
  'initial-research': { references: [reference] },
  feasibility,
  owners: { owners: [{ name: 'Web team', contact: 'web@example.org', kind: 'technical' }] },
  'team-engagement': { teams: [], statement: 'none needed' },
  objectives: { objectives: ['o'] },
  'data-sources': { sources: [{ name: 'dns', location: 'samples/logs', model: 'DNS query log' }] },
  stakeholders: { references: [reference] },
  'infrastructure-knowledge': { references: [reference] },
  'previous-security-data': { references: [reference] },
  feedback: { feedback: 'f' },
};

const routes = (id: string): Route[] => [
  ['POST', '/missions', ['platform', 'manager'], eavdRequest],
  ['GET', '/missions', ANY],
  ['GET', '/identity', ANY],
  ['POST', '/lookalikes/check', ANY, { domain: 'payapl.com', brands: [{ domains: ['paypal.com'] }] }],
  ['GET', `/missions/${id}`, ANY],
  ['GET', `/missions/${id}/metrics`, ANY],
  ['GET', `/missions/${id}/findings`, ANY],
  ['GET', `/missions/${id}/findings/F1`, ANY],
  ['GET', '/findings?observable=example.org', ANY],
  ['GET', `/missions/${id}/timeline`, ANY],
  ['GET', `/missions/${id}/queries`, ANY],
  ['GET', `/missions/${id}/sweeps`, ANY],
  ['GET', `/missions/${id}/effects`, ANY],
  ['POST', `/missions/${id}/effects/retry`, ['lead', 'manager'], {}],
  ['POST', `/missions/${id}/effects/E1/retry`, ['lead', 'manager']],
  ['GET', `/missions/${id}/artifacts/report.md`, ANY],
  ['POST', `/missions/${id}/gates/analyze/decision`, ['lead', 'manager'], { decision: 'approve' }],
  ['PUT', `/missions/${id}/lead`, ['manager'], { lead: 'lead-user' }],
  ['PUT', `/missions/${id}/allocation`, ['lead', 'manager'], { allocation: { totalHuntHours: 10, executionPhaseHours: 5 } }],
  ['POST', `/missions/${id}/squad/invitations`, ['lead', 'manager'], { hunters: ['hunter-user'] }],
  ['POST', `/missions/${id}/squad/response`, ['hunter'], { accept: true }],
  ...Object.entries(WORK_ITEM_BODIES).map(([item, data]) => ['POST', `/missions/${id}/work-items/${item}`, HUNT, { data }] as Route),
  ['POST', `/missions/${id}/findings`, HUNT, { category: 'hunt-opportunity', title: 'an idea', severity: 'low' }],
  ['POST', `/missions/${id}/findings/F1/withdrawal`, HUNT, { reason: 'benign' }],
  ['POST', `/missions/${id}/queries`, HUNT, { title: 'q', query: 'select 1', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }],
  ['POST', `/missions/${id}/containments`, HUNT, { target: { kind: 'account', id: 'x' }, reason: 'r' }],
  ['POST', `/missions/${id}/containments/C1/decision`, ['dfir'], { decision: 'reject', reason: 'r' }],
  ['POST', `/missions/${id}/report/release`, ['lead', 'manager'], {}],
  ['POST', '/api-keys', ['admin'], { name: 'someone', role: 'viewer' }],
  ['GET', '/api-keys', ['admin']],
  ['DELETE', '/api-keys/00000000-0000-4000-8000-000000000000', ['admin']],
  ['PUT', `/missions/${id}/iteration-schedule`, ['manager', 'lead'], { everyDays: 7 }],
  ['POST', `/missions/${id}/iterations`, ['manager', 'lead']],
  ['POST', `/missions/${id}/cancellation`, ['manager', 'lead'], { reason: 'matrix test' }],
  // The mission is closed by now: its event stream replays the timeline and ends.
  ['GET', `/missions/${id}/events`, ANY],
];

/** The stream of every mission's changes never ends by itself: tried over real HTTP, headers only. */
const STREAMS: Array<[path: string, allowed: readonly Role[]]> = [['/missions/events', ANY]];

test('route × role: every route answers 401 without a key, 403 to the roles not entitled, and passes the entitled on', async () => {
  const table: string[] = [];
  for (const [method, url, allowed, body] of routes(missionId)) {
    const anon = await api.inject({ method, url, ...(body ? { payload: body } : {}) });
    if (anon.statusCode !== 401) table.push(`${method} ${url} without a key: ${anon.statusCode}`);
    for (const actor of roleActors) {
      const res = await api.inject({ method, url, headers: as(actor), ...(body ? { payload: body } : {}) });
      const entitled = allowed.includes(actor.role);
      // A role not entitled is refused at the door (FORBIDDEN); an entitled role may still be refused by the mission (NOT_ENTITLED: not its lead, not in its squad).
      const atTheDoor = res.statusCode === 403 && res.json().code === 'FORBIDDEN';
      const ok = entitled ? res.statusCode !== 401 && !atTheDoor && res.statusCode < 500 : atTheDoor;
      if (!ok) table.push(`${method} ${url} as ${actor.role}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
  }
  expect(table).toEqual([]);
});

test('route × role, streams: the all-missions event stream opens only for an authenticated caller', async () => {
  const address = await api.listen({ port: 0, host: '127.0.0.1' });
  const open = async (path: string, headers: Record<string, string>) => {
    const abort = new AbortController();
    const res = await fetch(`${address}${path}`, { headers, signal: abort.signal });
    abort.abort();
    return res;
  };
  const table: string[] = [];
  for (const [path, allowed] of STREAMS) {
    const anon = await open(path, {});
    if (anon.status !== 401) table.push(`${path} without a key: ${anon.status}`);
    for (const actor of roleActors) {
      const res = await open(path, as(actor));
      const entitled = allowed.includes(actor.role);
      if (entitled ? res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/event-stream') : res.status !== 403) {
        table.push(`${path} as ${actor.role}: ${res.status}`);
      }
    }
  }
  expect(table).toEqual([]);
});

test('the matrix covers every route the API documents', async () => {
  const doc = (await api.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const tried = [...routes('MISSION').map(([method, path]) => `${method} ${path.split('?')[0]}`), ...STREAMS.map(([path]) => `GET ${path}`)];
  const untried = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .map((m) => m.toUpperCase())
      .filter((method) => {
        const pattern = new RegExp(`^${method} ${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        return !tried.some((t) => pattern.test(t));
      })
      .map((method) => `${method} ${path}`),
  );
  expect(untried).toEqual([]);
});

test('public: health, readiness, metrics and the API docs need no key', async () => {
  for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
    expect((await api.inject({ url })).statusCode).toBe(200);
  }
});

test('admins manage keys: a key is shown once, works at once, and stops working when revoked', async () => {
  const admin = roleActors.find((a) => a.role === 'admin')!;
  const created = await api.inject({ method: 'POST', url: '/api-keys', headers: as(admin), payload: { name: 'olga', role: 'viewer' } });
  expect(created.statusCode).toBe(201);
  const { id, key } = created.json();
  expect(key).toMatch(/^capeo_[\w-]{43}$/);
  const listed = await api.inject({ url: '/api-keys', headers: as(admin) });
  expect(JSON.stringify(listed.json())).not.toContain(key);
  expect((await api.inject({ url: '/missions', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
  // A name is an identity: a second key for it is refused while the first exists.
  const twice = await api.inject({ method: 'POST', url: '/api-keys', headers: as(admin), payload: { name: 'olga', role: 'lead' } });
  expect(twice.statusCode).toBe(409);
  expect(twice.json().code).toBe('IDENTITY_TAKEN');
  expect((await api.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: as(admin) })).statusCode).toBe(204);
  expect((await api.inject({ url: '/missions', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
});

test('a caller over the rate limit gets 429 problem+json with Retry-After; others are not affected', async () => {
  const limited = await buildTestApp(tw, [], 3);
  const viewer = roleActors.find((a) => a.role === 'viewer')!;
  const manager = roleActors.find((a) => a.role === 'manager')!;
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push((await limited.inject({ url: '/missions', headers: as(viewer) })).statusCode);
  expect(codes).toEqual([200, 200, 200, 429]);
  const over = await limited.inject({ url: '/missions', headers: as(viewer) });
  expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(over.headers['retry-after']).toBeDefined();
  expect(over.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  expect((await limited.inject({ url: '/missions', headers: as(manager) })).statusCode).toBe(200);
  await limited.close();
});

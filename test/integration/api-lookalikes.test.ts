import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import { as, buildTestApp, roleActors } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, platform, hunter } from '../support/walk';

/** The reverse check over the API: against the request's brands, or the brands of the active missions. */
let tw: TestWorker;
let api: FastifyInstance;
let missionId: string;
const viewer = roleActors.find((a) => a.role === 'viewer')!;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [platform, hunter]);
  const missions = new MissionService(tw.client, tw.store, tw.taskQueue);
  ({ missionId } = await missions.start({ ...eavdRequest, brand: { domains: ['muffinbank.com'], keywords: ['login'] } }, platform));
});
afterAll(async () => {
  if (missionId) await endMission(tw, missionId);
  await api?.close();
  await tw?.close();
});

const check = (payload: unknown, who = viewer) => api.inject({ method: 'POST', url: '/lookalikes/check', payload: payload as object, headers: as(who) });

test("against the request's brands: a transposition, with its fuzzer and the brand domain", async () => {
  const res = await check({ domain: 'PayApl.com', brands: [{ id: 'pp', domains: ['PayPal.com'] }] });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({
    domain: 'payapl.com',
    brandsFrom: 'request',
    brandsChecked: 1,
    match: { brandId: 'pp', brandDomain: 'paypal.com', kind: 'candidate', algorithm: 'transposition', distance: 1, score: 5, level: 'medium' },
  });
  expect(res.json().match.reasons).toEqual([{ signal: 'candidate', points: 5, reason: 'a permutation of paypal.com (transposition)' }]);
});

test('an IDN name (Punycode) is answered in both forms; a combosquat carries its risk signals', async () => {
  const idn = (await check({ domain: 'XN--PYPAL-4VE.COM.', brands: [{ domains: ['paypal.com'] }] })).json();
  expect(idn).toMatchObject({ domain: 'xn--pypal-4ve.com', unicode: 'p\u0430ypal.com', match: { brandId: 'paypal.com', kind: 'candidate', algorithm: 'mixed-script' } });
  const combo = (await check({ domain: 'secure-login-paypal-verify.xyz', brands: [{ domains: ['paypal.com'] }] })).json();
  expect(combo.match.reasons.map((r: { signal: string }) => r.signal)).toEqual(['brand-containment', 'suspicious-tld', 'suspicious-word', 'suspicious-word', 'suspicious-word', 'hyphens']);
  expect(combo.match.level).toBe('high');
});

test("without brands: the active missions' brands, with the missions protecting the brand", async () => {
  const res = await check({ domain: 'muffinbank-login.com' });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.brandsFrom).toBe('active-missions');
  expect(body.brandsChecked).toBeGreaterThanOrEqual(1);
  expect(body.match).toMatchObject({ brandId: 'muffinbank.com', brandDomain: 'muffinbank.com', kind: 'candidate', algorithm: 'combosquatting' });
  expect(body.match.missionIds).toContain(missionId);
});

test("a brand's own subdomain and an unrelated name match nothing", async () => {
  for (const domain of ['login.muffinbank.com', 'wikipedia.org']) {
    const body = (await check({ domain })).json();
    expect([domain, body.match, body.matches]).toEqual([domain, null, []]);
  }
});

test.each([
  [{ domain: 'not a domain' }, 'body.domain'],
  [{ domain: ' payapl.com' }, 'body.domain'],
  [{ domain: '*.muffinbank.com' }, 'body.domain'],
  [{ domain: 'p\u0430ypal.com' }, 'body.domain'],
  // Of the host-name shape, but no valid Punycode: refused past the schema, still naming the field.
  [{ domain: 'xn--zz.com' }, 'domain'],
  [{}, 'body.domain'],
  [{ domain: 'payapl.com', brands: [{ domains: ['paypal'] }] }, 'body.brands.0.domains.0'],
  [{ domain: 'payapl.com', brands: [] }, 'body.brands'],
  [{ domain: 'payapl.com', brands: [{ domains: ['paypal.com'], keywords: ['has space'] }] }, 'body.brands.0.keywords.0'],
])('bad input is a 400 naming the field: %j', async (payload, field) => {
  const res = await check(payload);
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
});

test('any authenticated role may check; without a key it is a 401', async () => {
  for (const actor of roleActors) expect((await check({ domain: 'payapl.com', brands: [{ domains: ['paypal.com'] }] }, actor)).statusCode).toBe(200);
  expect((await api.inject({ method: 'POST', url: '/lookalikes/check', payload: { domain: 'payapl.com' } })).statusCode).toBe(401);
});

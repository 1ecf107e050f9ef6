import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../../activities/http/http-client';
import { MispTip } from '../../activities/tip/misp-tip';
import { stableUuid } from '../../activities/tip/stix-export';
import type { Finding } from '../../domain/findings';
import { startContractServer, type Answer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { failure } from '../support/failures';

const KEY = 'misp-automation-key-0123456789';
const finding: Finding = {
  id: 'F2',
  category: 'suspicious-security-event',
  title: 'examp1e-login.com harvests credentials',
  description: 'Cloned login page, MX ready.',
  severity: 'high',
  evidence: [],
  observables: [
    { type: 'domain', value: 'examp1e-login.com' },
    { type: 'ipv4', value: '203.0.113.7' },
  ],
  flags: [],
  status: 'open',
  author: 'hana.hunter',
  at: '2026-11-20T10:00:00.000Z',
};
const UUID = stableUuid('mission-EAVD01-1/F2/misp-event');

let srv: ContractServer;
let created = false;
/** MISP refuses any other key with 403, as it does. */
const authed = (answer: Answer | ((r: RecordedRequest) => Answer)) => (r: RecordedRequest): Answer =>
  r.headers.authorization !== KEY ? { status: 403, body: { name: 'Authentication failed. Please make sure you pass the API key.' } } : typeof answer === 'function' ? answer(r) : answer;
beforeAll(async () => {
  const routes: Record<string, Answer | ((r: RecordedRequest) => Answer)> = {
    'POST /attributes/restSearch': {
      status: 200,
      body: {
        response: {
          Attribute: [
            { id: '1', uuid: 'a-1', event_id: '9', type: 'domain', value: 'examp1e-login.com', to_ids: true, Event: { info: 'Lookalike phishing kit' } },
            { id: '2', uuid: 'a-2', event_id: '9', type: 'ip-dst', value: '203.0.113.7', to_ids: false, comment: 'lookalike hosting' },
          ],
        },
      },
    },
    [`GET /events/view/${UUID}`]: () => (created ? { status: 200, body: { Event: { id: '17', uuid: UUID, info: 'x' } } } : { status: 404, body: { name: 'Invalid event' } }),
    'POST /events/add': () => {
      created = true;
      return { status: 200, body: { Event: { id: '17', uuid: UUID } } };
    },
    'POST /sightings/add': { status: 200, body: { message: 'Sighting added' } },
    'GET /servers/getVersion': { status: 200, body: { version: '2.4.199' } },
    'GET /users/view/me': { status: 200, body: { User: { email: 'capeo@soc.example' }, Organisation: { name: 'ACME SOC' } } },
  };
  srv = await startContractServer(Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, authed(v)])));
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
});

const misp = (key = KEY, dir = mkdtempSync(join(tmpdir(), 'capeo-misp-'))) => new MispTip({ CAPEO_MISP_URL: `${srv.baseUrl}/`, CAPEO_MISP_API_KEY: key }, 5000, dir);
const json = (r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>;

test('pull: one restSearch for the mission terms with the automation key; IDS attributes are indicators', async () => {
  const intel = await misp().pullIntel({ topic: 'Lookalike domains phishing our customers', keywords: ['examp1e'] });
  expect(srv.requests).toHaveLength(1);
  const [r] = srv.requests;
  expect(r).toMatchObject({ method: 'POST', url: '/attributes/restSearch', headers: { authorization: KEY, accept: 'application/json', 'content-type': 'application/json' } });
  expect(json(r!)).toEqual({
    returnFormat: 'json',
    value: ['%lookalike%', '%domains%', '%phishing%', '%customers%', '%examp1e%'],
    limit: 500,
    page: 1,
    includeEventTags: true,
    deleted: false,
  });
  expect(intel).toEqual({
    source: 'misp',
    indicators: 1,
    reports: 0,
    observables: 0,
    matched: [
      { id: 'misp-attribute--a-1', type: 'indicator', name: 'examp1e-login.com' },
      { id: 'misp-attribute--a-2', type: 'observed-data', name: '203.0.113.7' },
    ],
  });
});

test('push: looks the event up by its UUID, creates it with attributes and tags, sights it; a retry creates nothing and loses no sighting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-misp-'));
  const ref = await misp(KEY, dir).pushFinding('mission-EAVD01-1', finding);
  expect(ref).toEqual({ system: 'misp', id: UUID, url: `${srv.baseUrl}/events/view/17` });
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /events/view/${UUID}`, 'POST /events/add', 'POST /sightings/add']);
  const event = (json(srv.requests[1]!) as { Event: Record<string, unknown> }).Event;
  expect(event).toMatchObject({
    uuid: UUID,
    info: 'examp1e-login.com harvests credentials (mission-EAVD01-1 F2)',
    date: '2026-11-20',
    threat_level_id: '1',
    distribution: '0',
    published: false,
    Tag: [{ name: 'capeo:mission="mission-EAVD01-1"' }, { name: 'tlp:amber' }, { name: 'capeo:category="suspicious-security-event"' }, { name: 'capeo:severity="high"' }],
  });
  expect((event.Attribute as Array<Record<string, unknown>>).map((a) => [a.type, a.category, a.value, a.to_ids])).toEqual([
    ['domain', 'Network activity', 'examp1e-login.com', true],
    ['ip-dst', 'Network activity', '203.0.113.7', true],
  ]);
  expect(json(srv.requests[2]!)).toEqual({ values: ['examp1e-login.com', '203.0.113.7'], source: 'capeo', type: '0' });

  // The same worker retries: its claim answers, MISP sees nothing.
  srv.requests.length = 0;
  expect(await misp(KEY, dir).pushFinding('mission-EAVD01-1', finding)).toEqual(ref);
  expect(srv.requests).toEqual([]);
  // Another worker, whose attempt died after creating the event and before sighting it: the lookup finds the
  // event, nothing is created, and the sighting is not lost.
  expect(await misp().pushFinding('mission-EAVD01-1', finding)).toEqual(ref);
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /events/view/${UUID}`, 'POST /sightings/add']);
});

test('a refused key fails for good without showing it; check() says who capeo is, or what is wrong', async () => {
  const refused = await failure(misp('wrong-key').pullIntel({ topic: 'Lookalike domains', keywords: [] }));
  expect(refused).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
  expect(refused.message).not.toContain('wrong-key');
  expect(await misp().check()).toEqual({ ok: true, detail: 'MISP 2.4.199 as capeo@soc.example (ACME SOC)' });
  const failed = await misp('wrong-key').check();
  expect(failed.ok).toBe(false);
  expect(failed.detail).toMatch(/^misp answered 403/);
  expect(failed.detail).not.toContain('wrong-key');
});

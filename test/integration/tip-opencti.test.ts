import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../../activities/http/http-client';
import { INDICATOR_ADD, INDICATOR_QUERY, INTEL_QUERY, NOTE_ADD, NOTE_QUERY, OpenCtiTip, WHO_AM_I } from '../../activities/tip/opencti-tip';
import { findingBundle } from '../../activities/tip/stix-export';
import type { Finding } from '../../domain/findings';
import { startContractServer, type Answer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { failure } from '../support/failures';

const TOKEN = 'opencti-token-0123456789abcdef';
const finding: Finding = {
  id: 'F3',
  category: 'ti-event-of-interest',
  title: 'Fresh certificate for examp1e-secure.net',
  description: 'Issued two days ago.',
  severity: 'medium',
  evidence: [],
  observables: [{ type: 'domain', value: 'examp1e-secure.net' }],
  flags: [],
  status: 'open',
  author: 'capeo',
  at: '2026-11-21T08:00:00.000Z',
};
const bundle = findingBundle('mission-EAVD01-1', finding) as { objects: Array<Record<string, unknown>> };
const indicator = bundle.objects.find((o) => o.type === 'indicator')!;
const note = bundle.objects.find((o) => o.type === 'note')!;

let srv: ContractServer;
const store = new Map<string, string>(); // STIX id → OpenCTI id
let graphqlAnswer: ((r: { query: string; variables: Record<string, unknown> }) => Answer) | undefined;

function opencti(r: RecordedRequest): Answer {
  if (r.headers.authorization !== `Bearer ${TOKEN}`) {
    return { status: 200, body: { errors: [{ message: 'You must be logged in to do this.', extensions: { code: 'AUTH_REQUIRED' } }] } };
  }
  const { query, variables } = JSON.parse(r.body) as { query: string; variables: Record<string, unknown> };
  if (graphqlAnswer) return graphqlAnswer({ query, variables });
  if (query === WHO_AM_I) return { status: 200, body: { data: { me: { name: 'capeo-connector' }, about: { version: '6.4.1' } } } };
  if (query === INTEL_QUERY) {
    return {
      status: 200,
      body: {
        data: {
          indicators: { edges: [{ node: { id: 'i-1', standard_id: 'indicator--11111111-1111-4111-8111-111111111111', name: 'examp1e-login.com phishing', pattern: "[domain-name:value = 'examp1e-login.com']" } }] },
          stixCyberObservables: { edges: [{ node: { id: 'o-1', standard_id: 'domain-name--22222222-2222-4222-8222-222222222222', entity_type: 'Domain-Name', observable_value: 'examp1e-login.com' } }] },
        },
      },
    };
  }
  if (query === INDICATOR_QUERY || query === NOTE_QUERY) {
    const key = query === INDICATOR_QUERY ? 'indicator' : 'note';
    const id = store.get(String(variables.id));
    return { status: 200, body: { data: { [key]: id ? { id, standard_id: variables.id } : null } } };
  }
  if (query === INDICATOR_ADD || query === NOTE_ADD) {
    const input = variables.input as { stix_id: string };
    const id = `octi-${store.size + 1}`;
    store.set(input.stix_id, id);
    return { status: 200, body: { data: { [query === INDICATOR_ADD ? 'indicatorAdd' : 'noteAdd']: { id, standard_id: input.stix_id } } } };
  }
  return { status: 400, body: { errors: [{ message: 'unexpected query' }] } };
}

beforeAll(async () => {
  srv = await startContractServer({ 'POST /graphql': opencti });
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
  graphqlAnswer = undefined;
});

const tip = (token = TOKEN, dir = mkdtempSync(join(tmpdir(), 'capeo-opencti-'))) => new OpenCtiTip({ CAPEO_OPENCTI_URL: srv.baseUrl, CAPEO_OPENCTI_TOKEN: token }, 5000, dir);
const sent = (r: RecordedRequest) => JSON.parse(r.body) as { query: string; variables: Record<string, unknown> };

test('pull: one GraphQL search for the mission terms with the Bearer token', async () => {
  const intel = await tip().pullIntel({ topic: 'Lookalike domains', keywords: ['examp1e'] });
  expect(srv.requests).toHaveLength(1);
  expect(srv.requests[0]).toMatchObject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
  expect(sent(srv.requests[0]!)).toEqual({ query: INTEL_QUERY, variables: { search: 'lookalike domains examp1e' } });
  expect(intel).toEqual({
    source: 'opencti',
    indicators: 1,
    reports: 0,
    observables: 1,
    matched: [
      { id: 'indicator--11111111-1111-4111-8111-111111111111', type: 'indicator', name: 'examp1e-login.com phishing' },
      { id: 'domain-name--22222222-2222-4222-8222-222222222222', type: 'domain-name', name: 'examp1e-login.com' },
    ],
  });
});

test('push: each indicator looked up by its STIX id, then created with its observable; a note on them; a retry creates nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-opencti-'));
  const ref = await tip(TOKEN, dir).pushFinding('mission-EAVD01-1', finding);
  expect(ref).toEqual({ system: 'opencti', id: indicator.id, url: `${srv.baseUrl}/dashboard/observations/indicators/octi-1` });
  expect(srv.requests.map((r) => sent(r))).toEqual([
    { query: INDICATOR_QUERY, variables: { id: indicator.id } },
    {
      query: INDICATOR_ADD,
      variables: {
        input: {
          stix_id: indicator.id,
          name: 'Fresh certificate for examp1e-secure.net (examp1e-secure.net)',
          description: 'Issued two days ago.',
          pattern: "[domain-name:value = 'examp1e-secure.net']",
          pattern_type: 'stix',
          x_opencti_main_observable_type: 'Domain-Name',
          indicator_types: ['anomalous-activity'],
          valid_from: '2026-11-21T08:00:00.000Z',
          createObservables: true,
        },
      },
    },
    { query: NOTE_QUERY, variables: { id: note.id } },
    { query: NOTE_ADD, variables: { input: { stix_id: note.id, abstract: finding.title, content: 'Issued two days ago.', objects: ['octi-1'] } } },
  ]);

  // Retried by the same worker: its claim answers. By another worker after a crash: lookups, no creation.
  srv.requests.length = 0;
  expect(await tip(TOKEN, dir).pushFinding('mission-EAVD01-1', finding)).toEqual(ref);
  expect(srv.requests).toEqual([]);
  expect(await tip().pushFinding('mission-EAVD01-1', finding)).toEqual(ref);
  expect(srv.requests.map((r) => sent(r).query)).toEqual([INDICATOR_QUERY, NOTE_QUERY]);
});

test('GraphQL errors: a refused token fails for good without showing it; a validation error too; others are retried', async () => {
  const refused = await failure(tip('stolen-or-wrong').pullIntel({ topic: 'Lookalike domains', keywords: [] }));
  expect(refused).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
  expect(refused.message).not.toContain('stolen-or-wrong');
  graphqlAnswer = () => ({ status: 200, body: { errors: [{ message: 'Invalid pattern', extensions: { code: 'VALIDATION_ERROR' } }] } });
  expect(await failure(tip().pushFinding('m', { ...finding, id: 'F9' }))).toMatchObject({ type: ExternalError.RequestRejected, nonRetryable: true });
  graphqlAnswer = () => ({ status: 200, body: { errors: [{ message: 'Elastic is busy', extensions: { code: 'DATABASE_ERROR' } }] } });
  expect(await failure(tip().pullIntel({ topic: 'Lookalike domains', keywords: [] }))).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false });
});

test('check() names the platform version and the token user, or what is wrong', async () => {
  expect(await tip().check()).toEqual({ ok: true, detail: 'OpenCTI 6.4.1 as capeo-connector' });
  const bad = await tip('nope').check();
  expect(bad.ok).toBe(false);
  expect(bad.detail).toContain('CAPEO_OPENCTI_TOKEN');
});

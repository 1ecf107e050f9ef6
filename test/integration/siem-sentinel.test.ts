import { SentinelSiem, type SentinelSettings } from '../../activities/siem/sentinel-siem';
import { startContractServer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { failure } from '../support/failures';

const SECRET = 'Xy8Q~sentinel-client-s3cret';
const TENANT = '72f988bf-0000-4000-8000-2d7cd011db47';
const CLIENT = '0e0f5e3c-1111-4111-8111-7a3b0c9d2e10';
const WS = 'b7d1c2e3-2222-4222-8222-4f5a6b7c8d9e';
const TOKEN_PATH = `POST /${TENANT}/oauth2/v2.0/token`;
const QUERY_PATH = `POST /v1/workspaces/${WS}/query`;
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };

let srv: ContractServer;
let tokens: number;
/** Bearer tokens Log Analytics no longer accepts (expired early, or revoked). */
const revoked = new Set<string>();
let query: (body: { query: string; timespan?: string }) => { status: number; body?: unknown; headers?: Record<string, string> };

beforeAll(async () => {
  srv = await startContractServer({
    [TOKEN_PATH]: (r) => {
      const form = new URLSearchParams(r.body);
      if (form.get('client_secret') !== SECRET) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } };
      }
      tokens += 1;
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `eyJ0eXAi.token-${tokens}` } };
    },
    [QUERY_PATH]: (r) =>
      revoked.has(r.headers.authorization ?? '')
        ? { status: 401, body: { error: { message: 'Valid authentication was not provided', code: 'AuthorizationRequiredError' } } }
        : query(JSON.parse(r.body) as { query: string; timespan?: string }),
    // As Entra ID answers a tenant it does not know.
    'POST /no-such-tenant/oauth2/v2.0/token': {
      status: 400,
      body: { error: 'invalid_request', error_description: "AADSTS90002: Tenant 'no-such-tenant' not found. Check to make sure you have the correct tenant ID." },
    },
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
  tokens = 0;
  revoked.clear();
  query = (body) =>
    body.query === 'print 1'
      ? { status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [{ name: 'print_0', type: 'long' }], rows: [[1]] }] } }
      : {
          status: 200,
          body: {
            tables: [
              {
                name: 'PrimaryResult',
                columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Name', type: 'string' }, { name: 'Computer', type: 'string' }],
                rows: [
                  ['2026-11-03T10:00:00Z', 'examp1e-login.com', 'ws-01'],
                  ['2026-11-04T10:00:00Z', 'examp1e-login.com', 'ws-02'],
                  ['2026-11-05T10:00:00Z', 'examp1e-login.com', 'ws-03'],
                ],
              },
            ],
          },
        };
});

const settings = (over: Partial<SentinelSettings> = {}): SentinelSettings => ({
  CAPEO_SENTINEL_WORKSPACE_ID: WS,
  CAPEO_SENTINEL_TENANT_ID: TENANT,
  CAPEO_SENTINEL_CLIENT_ID: CLIENT,
  CAPEO_SENTINEL_CLIENT_SECRET: SECRET,
  CAPEO_SENTINEL_API_URL: srv.baseUrl,
  CAPEO_SENTINEL_LOGIN_URL: `${srv.baseUrl}/`,
  CAPEO_SIEM_SOURCES: ['DnsEvents', 'CommonSecurityLog'],
  ...over,
});
const sentinel = (over: Partial<SentinelSettings> = {}, clock?: () => number) => new SentinelSiem(settings(over), 5000, clock);
const json = (r: RecordedRequest): unknown => JSON.parse(r.body);
const KQL = "DnsEvents | where Name == 'examp1e-login.com' | project TimeGenerated, Name, Computer";

test('a client-credentials token, then the KQL with the range as timespan; rows keyed by column', async () => {
  const r = await sentinel().runQuery({ query: KQL, ...range, limit: 2 });

  expect(srv.requests.map((q) => `${q.method} ${q.url}`)).toEqual([TOKEN_PATH, QUERY_PATH]);
  const [tokenReq, queryReq] = srv.requests;
  expect(tokenReq!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(tokenReq!.headers.authorization).toBeUndefined();
  expect(tokenReq!.body).toBe(
    new URLSearchParams({ client_id: CLIENT, client_secret: SECRET, grant_type: 'client_credentials', scope: 'https://api.loganalytics.io/.default' }).toString(),
  );
  expect(queryReq!.headers).toMatchObject({ authorization: 'Bearer eyJ0eXAi.token-1', 'content-type': 'application/json', accept: 'application/json' });
  expect(json(queryReq!)).toEqual({ query: KQL, timespan: '2026-11-01T00:00:00.000Z/2026-11-21T00:00:00.000Z' });

  expect(r).toEqual({
    columns: ['TimeGenerated', 'Name', 'Computer'],
    rowCount: 3,
    sample: [
      { TimeGenerated: '2026-11-03T10:00:00Z', Name: 'examp1e-login.com', Computer: 'ws-01' },
      { TimeGenerated: '2026-11-04T10:00:00Z', Name: 'examp1e-login.com', Computer: 'ws-02' },
    ],
    truncated: true,
  });
});

test('the token is cached until shortly before it expires, and shared by concurrent calls', async () => {
  let now = Date.parse('2026-11-21T12:00:00Z');
  const s = sentinel({}, () => now);
  await Promise.all([s.runQuery({ query: KQL, ...range }), s.runQuery({ query: KQL, ...range })]);
  await s.runQuery({ query: KQL, ...range });
  expect(srv.requests.map((q) => q.url).filter((u) => u.includes('oauth2'))).toHaveLength(1);
  now += 3599_000 - 30_000; // inside the renewal margin
  await s.runQuery({ query: KQL, ...range });
  const auths = srv.requests.filter((q) => q.url.includes('/query')).map((q) => q.headers.authorization);
  expect(auths).toEqual(['Bearer eyJ0eXAi.token-1', 'Bearer eyJ0eXAi.token-1', 'Bearer eyJ0eXAi.token-1', 'Bearer eyJ0eXAi.token-2']);
});

test('KQL errors (400 BadArgumentError, SemanticError) are non-retryable SIEM_QUERY_INVALID without the token', async () => {
  for (const code of ['BadArgumentError', 'SemanticError']) {
    query = () => ({
      status: 400,
      body: { error: { message: 'The request had some invalid properties', code, correlationId: 'c-1', innererror: { code: 'SYN0002', message: "Query could not be parsed at 'whre'" } } },
    });
    const f = await failure(sentinel().runQuery({ query: 'DnsEvents | whre x', ...range }));
    expect(f.type).toBe('SIEM_QUERY_INVALID');
    expect(f.nonRetryable).toBe(true);
    expect(f.message).toContain(code);
    expect(f.message).not.toContain('token-');
    expect(f.message).not.toContain(SECRET);
  }
});

test('heartbeat: one KQL summarize per table over the window; no events is silent; a bad table name is refused unsent', async () => {
  query = ({ query: kql }) =>
    kql.startsWith('DnsEvents')
      ? { status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [{ name: 'events', type: 'long' }, { name: 'last', type: 'datetime' }], rows: [[812, '2026-11-21T22:41:07.123Z']] }] } }
      : { status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [{ name: 'events', type: 'long' }, { name: 'last', type: 'datetime' }], rows: [[0, null]] }] } };
  const now = '2026-11-21T23:00:00Z';
  const s = sentinel();
  expect(await s.heartbeat({ source: 'DnsEvents', silentAfterMinutes: 60, now })).toEqual({ source: 'DnsEvents', lastSeen: '2026-11-21T22:41:07.123Z', events: 812, silent: false });
  expect(await s.heartbeat({ source: 'CommonSecurityLog', silentAfterMinutes: 60, now })).toEqual({ source: 'CommonSecurityLog', lastSeen: null, events: 0, silent: true });
  expect(srv.requests.filter((q) => q.url.includes('/query')).map(json)).toEqual([
    { query: 'DnsEvents | where TimeGenerated > ago(60m) | summarize events=count(), last=max(TimeGenerated)' },
    { query: 'CommonSecurityLog | where TimeGenerated > ago(60m) | summarize events=count(), last=max(TimeGenerated)' },
  ]);
  const before = srv.requests.length;
  expect((await failure(s.heartbeat({ source: 'DnsEvents | take 1', silentAfterMinutes: 60, now }))).type).toBe('SIEM_QUERY_INVALID');
  expect(srv.requests).toHaveLength(before);
  expect(await s.sources()).toEqual(['DnsEvents', 'CommonSecurityLog']);
});

test('429 is retryable and honours Retry-After', async () => {
  query = () => ({ status: 429, body: { error: { code: 'TooManyRequests', message: 'throttled' } }, headers: { 'retry-after': '30' } });
  const f = await failure(sentinel().runQuery({ query: KQL, ...range }));
  expect(f.type).toBe('EXTERNAL_UNAVAILABLE');
  expect(f.nonRetryable).toBe(false);
  expect(f.nextRetryDelay).toBe(30_000);
});

test('a refused client secret is EXTERNAL_AUTH_REJECTED that never quotes the secret; no query is sent', async () => {
  const f = await failure(sentinel({ CAPEO_SENTINEL_CLIENT_SECRET: 'wrong-s3cret' }).runQuery({ query: KQL, ...range }));
  expect(f.type).toBe('EXTERNAL_AUTH_REJECTED');
  expect(f.nonRetryable).toBe(true);
  expect(f.message).toContain('AADSTS7000215');
  expect(f.message).not.toContain('wrong-s3cret');
  expect(srv.requests.map((q) => `${q.method} ${q.url}`)).toEqual([TOKEN_PATH]);
  // An unknown tenant (Entra ID answers 400) is a credentials problem too.
  const tenant = await failure(sentinel({ CAPEO_SENTINEL_TENANT_ID: 'no-such-tenant' }).runQuery({ query: KQL, ...range }));
  expect(tenant).toMatchObject({ type: 'EXTERNAL_AUTH_REJECTED', nonRetryable: true });
  expect(tenant.message).toContain('AADSTS90002');
  expect(srv.requests.at(-1)!.url).toBe('/no-such-tenant/oauth2/v2.0/token');
});

test('a token refused before its expiry is replaced once, in the same attempt; refused again, the failure is final', async () => {
  const s = sentinel();
  await s.runQuery({ query: KQL, ...range });
  revoked.add('Bearer eyJ0eXAi.token-1');
  srv.requests.length = 0;
  expect((await s.runQuery({ query: KQL, ...range })).rowCount).toBeGreaterThan(0);
  expect(srv.requests.map((q) => `${q.method} ${q.url}`)).toEqual([QUERY_PATH, TOKEN_PATH, QUERY_PATH]);
  expect(srv.requests[2]!.headers.authorization).toBe('Bearer eyJ0eXAi.token-2');

  revoked.add('Bearer eyJ0eXAi.token-2').add('Bearer eyJ0eXAi.token-3');
  srv.requests.length = 0;
  expect(await failure(s.runQuery({ query: KQL, ...range }))).toMatchObject({ type: 'EXTERNAL_AUTH_REJECTED', nonRetryable: true });
  expect(srv.requests.map((q) => `${q.method} ${q.url}`)).toEqual([QUERY_PATH, TOKEN_PATH, QUERY_PATH]);
});

test('check: a token and print 1; what to fix otherwise', async () => {
  const host = new URL(srv.baseUrl).host;
  expect(await sentinel().check()).toEqual({ ok: true, detail: `client ${CLIENT} of tenant ${TENANT} queries workspace ${WS} at ${host}; heartbeat on DnsEvents, CommonSecurityLog` });
  expect(srv.requests.map((q) => `${q.method} ${q.url}`)).toEqual([TOKEN_PATH, QUERY_PATH]);
  expect(json(srv.requests[1]!)).toEqual({ query: 'print 1' });

  expect(await sentinel({ CAPEO_SENTINEL_TENANT_ID: undefined, CAPEO_SENTINEL_CLIENT_SECRET: undefined }).check()).toEqual({
    ok: false,
    detail: 'set CAPEO_SENTINEL_TENANT_ID, CAPEO_SENTINEL_CLIENT_SECRET',
  });
  const wrong = await sentinel({ CAPEO_SENTINEL_CLIENT_SECRET: 'wrong-s3cret' }).check();
  expect(wrong.ok).toBe(false);
  expect(wrong.detail).toMatch(/Entra ID refused the token request \(check CAPEO_SENTINEL_TENANT_ID/);
  expect(wrong.detail).not.toContain('wrong-s3cret');
  expect((await sentinel({ CAPEO_SIEM_SOURCES: undefined }).check()).detail).toMatch(/CAPEO_SIEM_SOURCES is unset/);
  expect((await failure(sentinel({ CAPEO_SENTINEL_WORKSPACE_ID: undefined }).runQuery({ query: KQL, ...range }))).type).toBe('INTEGRATION_NOT_CONFIGURED');
});

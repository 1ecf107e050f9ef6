import { ExternalError, httpCall, retryAfterMs } from '../../activities/http/http-client';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { failure } from '../support/failures';

let srv: ContractServer;
beforeAll(async () => {
  srv = await startContractServer({
    'POST /ok': (r) => ({ status: 201, body: { echoed: JSON.parse(r.body) as unknown } }),
    'GET /limited': { status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '7' } },
    'GET /down': { status: 503, body: { error: 'maintenance' } },
    'GET /auth?token=hook-secret': { status: 401, body: { error: 'bad token' } },
    'GET /forbidden?token=hook-secret': { status: 403, body: {} },
    'POST /invalid': { status: 400, body: { errors: { summary: 'Field required' } } },
    'GET /empty': { status: 204 },
    'GET /moved': { status: 302, headers: { location: '/final' } },
    'GET /final': { status: 200, body: { here: true } },
    'POST /hook-moved': { status: 301, headers: { location: '/ok' } },
  });
});
afterAll(() => srv.close());

test('sends JSON bodies with their content type and reads JSON answers', async () => {
  const res = await httpCall({ system: 'echo', url: `${srv.baseUrl}/ok`, body: { a: 1 }, headers: { authorization: 'Bearer s3cret' } });
  expect(res).toMatchObject({ status: 201, body: { echoed: { a: 1 } } });
  expect(srv.requests.at(-1)).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret' } });
});

test('429 and 5xx are retryable, and Retry-After sets the next delay', async () => {
  const limited = await failure(httpCall({ system: 'siem', url: `${srv.baseUrl}/limited` }));
  expect(limited).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false });
  expect(limited.nextRetryDelay).toBe(7000);
  expect(limited.message).toBe('siem answered 429: {"error":"slow down"}');
  expect(await failure(httpCall({ system: 'siem', url: `${srv.baseUrl}/down` }))).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false });
});

test('authentication and validation refusals are not retried; messages name the system, never the URL', async () => {
  for (const path of ['/auth', '/forbidden']) {
    const f = await failure(httpCall({ system: 'jira', url: `${srv.baseUrl}${path}?token=hook-secret` }));
    expect(f).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
    expect(f.message).not.toContain('hook-secret');
    expect(f.message).not.toContain('127.0.0.1');
  }
  const invalid = await failure(httpCall({ system: 'jira', url: `${srv.baseUrl}/invalid`, body: {} }));
  expect(invalid).toMatchObject({ type: ExternalError.RequestRejected, nonRetryable: true });
  expect(invalid.message).toContain('Field required');
});

test('lookups can answer null on 404; 204 has no body; an unreachable host is retryable', async () => {
  expect((await httpCall({ system: 'x', url: `${srv.baseUrl}/missing`, nullOn: [404] })).body).toBeNull();
  expect(await failure(httpCall({ system: 'x', url: `${srv.baseUrl}/missing` }))).toMatchObject({ type: ExternalError.RequestRejected });
  expect((await httpCall({ system: 'x', url: `${srv.baseUrl}/empty` })).body).toBeNull();
  const dead = await failure(httpCall({ system: 'x', url: 'http://127.0.0.1:1/', timeoutMs: 1000 }));
  expect(dead).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false });
});

test('Retry-After as seconds or an HTTP date', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  expect(retryAfterMs('3', now)).toBe(3000);
  expect(retryAfterMs('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  expect(retryAfterMs('soon', now)).toBeUndefined();
  expect(retryAfterMs(null, now)).toBeUndefined();
  expect(retryAfterMs('999999', now)).toBe(3_600_000);
});

test('reads follow redirects; a redirected write is refused for good, and nothing is replayed elsewhere', async () => {
  expect((await httpCall({ system: 'rdap', url: `${srv.baseUrl}/moved` })).body).toEqual({ here: true });
  const before = srv.requests.length;
  const refused = await failure(httpCall({ system: 'webhook', url: `${srv.baseUrl}/hook-moved`, body: { event: 'x' } }));
  expect(refused).toMatchObject({ type: ExternalError.RequestRejected, nonRetryable: true });
  expect(refused.message).toMatch(/^webhook answered 301 \(a redirect\) to a POST/);
  // Only the refused POST reached the server: it was not replayed to /ok as a GET or a POST.
  expect(srv.requests.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /hook-moved']);
});

test('a URL with credentials, or no URL at all, is refused for good without being quoted', async () => {
  for (const url of [`http://capeo:s3cret-pass@127.0.0.1:1/hook`, 'not a url s3cret-pass', 'ftp://s3cret-pass.example/']) {
    const f = await failure(httpCall({ system: 'misp', url }));
    expect(f).toMatchObject({ type: ExternalError.NotConfigured, nonRetryable: true });
    expect(f.message).toMatch(/^misp: the configured URL/);
    expect(f.message).not.toContain('s3cret-pass');
  }
});

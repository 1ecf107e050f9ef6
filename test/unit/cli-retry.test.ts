import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, answer, CliError, EXIT } from '../../cli/api-client';

/** A loopback API that answers each request with the next status of `script`, and records the requests. */
let server: Server;
let url: string;
let script: number[] = [];
const seen: Array<{ method: string; url: string; key: string | undefined; authorization: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, key: req.headers['idempotency-key'] as string | undefined, authorization: req.headers.authorization, body });
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'content-type': status < 400 ? 'application/json' : 'application/problem+json', ...(status === 503 ? { 'retry-after': '0' } : {}) });
      res.end(JSON.stringify(status < 400 ? { ok: true } : { status, title: 'Service Unavailable', code: 'MISSION_BUSY' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const finding = { category: 'hunt-opportunity' as const, title: 'x', severity: 'low' as const, observables: [] };
const addFinding = (api: Api, id = 'm') => answer(api.call.POST('/missions/{id}/findings', { params: { path: { id } }, body: finding }));

test('a write sends an Idempotency-Key and retries a 503 with the same key and body', async () => {
  script = [503, 503, 201];
  const api = new Api({ url, key: 'k' });
  expect(await addFinding(api)).toEqual({ ok: true });
  expect(seen).toHaveLength(3);
  expect(seen[0]!.key).toMatch(/^capeo-cli-[0-9a-f-]{36}$/);
  expect(new Set(seen.map((s) => s.key)).size).toBe(1);
  expect(seen.map((s) => JSON.parse(s.body))).toEqual([finding, finding, finding]);
  expect(seen.map((s) => s.authorization)).toEqual(['Bearer k', 'Bearer k', 'Bearer k']);
  // The next write is another request: another key.
  script = [200];
  await answer(api.call.PUT('/missions/{id}/lead', { params: { path: { id: 'm' } }, body: { lead: 'l' } }));
  expect(seen[3]!.key).not.toBe(seen[0]!.key);
});

test('a write gives up after its attempts with the busy exit code; a 409 is not retried; reads carry no key', async () => {
  script = [503, 503, 503];
  const api = new Api({ url, key: 'k' });
  await expect(addFinding(api)).rejects.toMatchObject({ exitCode: EXIT.busy });
  expect(seen).toHaveLength(3);
  script = [409];
  await expect(addFinding(api)).rejects.toBeInstanceOf(CliError);
  expect(seen).toHaveLength(4);
  script = [503];
  await expect(answer(api.call.GET('/missions/{id}', { params: { path: { id: 'm' } } }))).rejects.toMatchObject({ exitCode: EXIT.busy });
  expect(seen.at(-1)).toMatchObject({ method: 'GET', key: undefined });
  expect(seen).toHaveLength(5);
});

test('the generated client puts path parameters and queries in the URL, encoded', async () => {
  const api = new Api({ url: `${url}/`, key: 'k' });
  await answer(api.call.GET('/missions/{id}/findings', { params: { path: { id: 'mission-EAVD/01 x' }, query: { observable: 'https://examp1e.com/a?b=c', limit: 5 } } }));
  await answer(api.call.GET('/missions', { params: { query: { codeName: 'Barracuda M', overrun: 'true' } } }));
  expect(seen.map((s) => s.url)).toEqual([
    '/missions/mission-EAVD%2F01%20x/findings?observable=https%3A%2F%2Fexamp1e.com%2Fa%3Fb%3Dc&limit=5',
    '/missions?codeName=Barracuda%20M&overrun=true',
  ]);
});

test('a lost connection is retried for a write, and reported as unreachable when it stays lost', async () => {
  const api = new Api({ url: 'http://127.0.0.1:9', key: 'k', writeAttempts: 2, maxRetryWaitMs: 10 });
  await expect(addFinding(api)).rejects.toMatchObject({ unreachable: true, message: expect.stringMatching(/^cannot reach the capeo API at http:\/\/127\.0\.0\.1:9/) });
});

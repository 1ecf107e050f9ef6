import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, CliError, EXIT } from '../../cli/api-client';

/** A loopback API that answers each request with the next status of `script`, and records the requests. */
let server: Server;
let url: string;
let script: number[] = [];
const seen: Array<{ method: string; key: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method!, key: req.headers['idempotency-key'] as string | undefined });
    const status = script.shift() ?? 200;
    req.resume();
    res.writeHead(status, { 'content-type': status < 400 ? 'application/json' : 'application/problem+json', ...(status === 503 ? { 'retry-after': '0' } : {}) });
    res.end(JSON.stringify(status < 400 ? { ok: true } : { status, title: 'Service Unavailable', code: 'MISSION_BUSY' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

test('a write sends an Idempotency-Key and retries a 503 with the same key', async () => {
  script = [503, 503, 201];
  const api = new Api({ url, key: 'k' });
  expect(await api.json('POST', '/missions/m/findings', { title: 'x' })).toEqual({ ok: true });
  expect(seen).toHaveLength(3);
  expect(seen[0]!.key).toMatch(/^capeo-cli-[0-9a-f-]{36}$/);
  expect(new Set(seen.map((s) => s.key)).size).toBe(1);
  // The next write is another request: another key.
  script = [200];
  await api.json('PUT', '/missions/m/lead', { lead: 'l' });
  expect(seen[3]!.key).not.toBe(seen[0]!.key);
});

test('a write gives up after its attempts with the busy exit code; a 409 is not retried; reads carry no key', async () => {
  script = [503, 503, 503];
  const api = new Api({ url, key: 'k' });
  await expect(api.json('POST', '/x', {})).rejects.toMatchObject({ exitCode: EXIT.busy });
  expect(seen).toHaveLength(3);
  script = [409];
  await expect(api.json('POST', '/x', {})).rejects.toBeInstanceOf(CliError);
  expect(seen).toHaveLength(4);
  script = [503];
  await expect(api.json('GET', '/x')).rejects.toMatchObject({ exitCode: EXIT.busy });
  expect(seen.at(-1)).toEqual({ method: 'GET', key: undefined });
  expect(seen).toHaveLength(5);
});

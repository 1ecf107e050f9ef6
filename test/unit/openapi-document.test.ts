import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLIENT_TYPES_FILE, openApiDocument } from '../../api/document';

type Op = { responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>; parameters?: Array<{ in: string; name: string }>; requestBody?: unknown };
type Doc = { paths: Record<string, Record<string, Op>> };

let doc: Doc;
beforeAll(async () => {
  doc = (await openApiDocument()) as Doc;
});
const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

test('the committed docs/openapi.json is what the routes document (regenerate with `npx tsx scripts/openapi.ts`)', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8')) as unknown;
  expect(doc).toEqual(committed);
});

test('the CLI\'s client types are what openapi-typescript generates from the document (regenerate with `npx tsx scripts/openapi.ts`)', () => {
  // In a process of its own: openapi-typescript's dependencies are ES modules, which jest's VM does not load.
  const root = join(__dirname, '..', '..');
  const check = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/openapi.ts', '--check'], { cwd: root, encoding: 'utf8' });
  expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  expect(readFileSync(join(root, CLIENT_TYPES_FILE), 'utf8')).toContain('"/missions/{id}/findings": {');
});

test('every error is documented as application/problem+json, and every operation documents 401, 403, 429 and 503', () => {
  for (const { path, method, op } of operations()) {
    for (const [status, res] of Object.entries(op.responses)) {
      if (Number(status) >= 400) expect({ path, method, status, types: Object.keys(res.content ?? {}) }).toEqual({ path, method, status, types: ['application/problem+json'] });
    }
    expect({ path, method, statuses: Object.keys(op.responses) }).toEqual({ path, method, statuses: expect.arrayContaining(['401', '403', '429', '503']) });
  }
});

test('writes take an Idempotency-Key; bodies are 413/415 when too large or not JSON; creations send Location', () => {
  for (const { path, method, op } of operations()) {
    if (method === 'post' || method === 'put') {
      expect({ path, method, key: op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key') }).toEqual({ path, method, key: true });
    }
    if (op.requestBody) expect({ path, method, statuses: Object.keys(op.responses) }).toEqual({ path, method, statuses: expect.arrayContaining(['413', '415']) });
    if (op.responses['201']) expect({ path, method, location: Object.keys(op.responses['201'].headers ?? {}) }).toEqual({ path, method, location: ['Location'] });
  }
  expect(Object.keys(doc.paths['/api-keys/{id}']!.delete!.responses)).toContain('204');
});

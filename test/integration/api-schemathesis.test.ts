import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';

const ROOT = join(__dirname, '..', '..');
const SCHEMATHESIS = join(ROOT, '.tools', 'venv', 'bin', 'schemathesis');
const manager = { id: 'maria.manager', role: 'manager' as const };
const ERROR_LOG = join(mkdtempSync(join(tmpdir(), 'capeo-st-')), 'api-errors.log');

let tw: TestWorker;
let api: FastifyInstance;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [manager], 0, ERROR_LOG);
}, 300_000);
afterAll(async () => {
  await api?.close();
  await tw?.close();
}, 300_000);

test('schemathesis, driven by /openapi.json with a valid key: no 5xx, every response as documented', async () => {
  const base = await api.listen({ host: '127.0.0.1', port: 0 });
  // Asynchronously: the API under test runs in this very process.
  const run = await runCommand(
    SCHEMATHESIS,
    [
      'run', `${base}/openapi.json`,
      '-H', `Authorization: ${as(manager).authorization}`,
      '--checks', 'not_a_server_error,response_schema_conformance',
      // Server-Sent Events never end: they are tested on their own.
      '--exclude-path-regex', '/events$',
      '--max-examples', '5',
      '--seed', '20261122',
      '--generation-database', ':memory:',
      '--request-timeout', '20',
      '--no-color',
    ],
  );
  const summary = run.stdout.slice(run.stdout.lastIndexOf('SUMMARY'));
  expect(run.stdout).toMatch(/Test cases:\s+\d+ generated, \d+ passed/);
  // On failure, show what the server logged along with schemathesis' summary.
  const serverLog = existsSync(ERROR_LOG) ? readFileSync(ERROR_LOG, 'utf8').slice(0, 8000) : '';
  expect({ status: run.status, summary, serverLog }).toMatchObject({ status: 0 });
}, 300_000);

function runCommand(cmd: string, args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout }));
  });
}

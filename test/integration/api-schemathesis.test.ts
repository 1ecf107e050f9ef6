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
const viewer = { id: 'victor.viewer', role: 'viewer' as const };
const ERROR_LOG = join(mkdtempSync(join(tmpdir(), 'capeo-st-')), 'api-errors.log');
const EXAMPLES = Number(process.env.CAPEO_SCHEMATHESIS_EXAMPLES ?? 50);

let tw: TestWorker;
let api: FastifyInstance;
let base: string;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [manager, viewer], 0, ERROR_LOG);
  base = await api.listen({ host: '127.0.0.1', port: 0 });
}, 300_000);
afterAll(async () => {
  await api?.close();
  await tw?.close();
}, 300_000);

/**
 * schemathesis with every check (status codes, content types, headers, schemas, positive data
 * accepted, negative data rejected, authentication, the stateful phase following the links it infers
 * from Location headers), positive and negative data, a fixed seed.
 */
async function schemathesis(who: { id: string; role: 'manager' | 'viewer' }, phases: string): Promise<void> {
  // Asynchronously: the API under test runs in this very process.
  const run = await runCommand(SCHEMATHESIS, [
    // Per-operation settings, each with its reason (test/schemathesis.toml).
    '--config-file', join(ROOT, 'test', 'schemathesis.toml'),
    'run', `${base}/openapi.json`,
    '-H', `Authorization: ${as(who).authorization}`,
    '--checks', 'all',
    '--mode', 'all',
    '--phases', phases,
    // Hypothesis finds few strings for a 20,000-character query that meets every pattern at once: a
    // limit of the generator (it would filter too many), not of the API; the other cases still run.
    '--suppress-health-check', 'filter_too_much',
    // Server-Sent Events never end: they are tested on their own.
    '--exclude-path-regex', '/events$',
    '--max-examples', String(EXAMPLES),
    '--seed', '20261201',
    '--generation-database', ':memory:',
    '--request-timeout', '20',
    '--no-color',
  ]);
  const failures = run.stdout.indexOf('FAILURES');
  const summary = failures >= 0 ? run.stdout.slice(failures, failures + 30_000) : run.stdout.slice(-4000);
  // On failure, show what the server logged along with schemathesis' report.
  const serverLog = existsSync(ERROR_LOG) ? readFileSync(ERROR_LOG, 'utf8').slice(0, 8000) : '';
  expect(run.status === 0 ? 'no failures' : `${summary}\n--- what the API logged ---\n${serverLog}`).toBe('no failures');
  // It ran: operations tested and cases generated (not a run that skipped everything).
  expect(run.stdout).toMatch(/Test cases:\s+[1-9]\d* generated/);
}

test('schemathesis, every check and phase, with a manager key: the API does what /openapi.json says', () => schemathesis(manager, 'examples,coverage,fuzzing,stateful'), 900_000);
// The coverage phase's cases are the same for every key (and take minutes): the viewer's run fuzzes and follows links.
test('schemathesis, every check, with a viewer key (refused writes are documented 403s)', () => schemathesis(viewer, 'fuzzing,stateful'), 900_000);

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

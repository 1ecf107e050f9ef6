import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import type { LookalikeCheck } from '../../cli/api-types';
import type { Actor } from '../../domain/identity';
import { as, buildTestApp, roleActors } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, platform } from '../support/walk';

/** `capeo lookalikes check`: the real CLI in a child process, against a real API (or none, with --local). */
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = join(ROOT, 'cli', 'capeo.ts');
const viewer = roleActors.find((a) => a.role === 'viewer')!;

let tw: TestWorker;
let api: FastifyInstance;
let url: string;
let missionId: string;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [platform]);
  url = await api.listen({ host: '127.0.0.1', port: 0 });
  const missions = new MissionService(tw.client, tw.store, tw.taskQueue);
  ({ missionId } = await missions.start({ ...eavdRequest, codeName: 'Crumble Check', brand: { domains: ['crumblebank.com'], keywords: [] } }, platform));
});
afterAll(async () => {
  if (missionId) await endMission(tw, missionId);
  await api?.close();
  await tw?.close();
});

function capeo(args: string[], who?: Actor, apiUrl = url): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CAPEO_URL: apiUrl };
  delete env.CAPEO_API_KEY;
  if (who) env.CAPEO_API_KEY = as(who).authorization!.replace(/^Bearer /, '');
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [ENTRY, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test("against the active missions' brands through the API: which brand, how, the score's reasons and the missions", async () => {
  const ran = await capeo(['lookalikes', 'check', 'crumblebnak.com'], viewer);
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  const lines = ran.stdout.trim().split('\n');
  expect(lines[0]).toBe('crumblebnak.com imitates crumblebank.com: a permutation (transposition), distance 1');
  expect(lines).toContain('  +5  a permutation of crumblebank.com (transposition)');
  expect(lines.find((l) => l.startsWith('  missions: '))).toContain(missionId);
});

test('--brand through the API and --local without it give the same answer', async () => {
  const viaApi = await capeo(['lookalikes', 'check', 'secure-login-paypal-verify.xyz', '--brand', 'paypal.com', '--json'], viewer);
  expect(viaApi.code).toBe(0);
  const local = await capeo(['lookalikes', 'check', 'secure-login-paypal-verify.xyz', '--brand', 'paypal.com', '--local', '--json'], undefined, 'http://127.0.0.1:9');
  expect(local.code).toBe(0);
  const a = JSON.parse(viaApi.stdout) as LookalikeCheck;
  expect(a.match).toMatchObject({ brandDomain: 'paypal.com', kind: 'brand-containment', level: 'high' });
  expect(JSON.parse(local.stdout)).toEqual(a);
});

test('a Unicode name is sent as its Punycode and shown in both forms', async () => {
  const ran = await capeo(['lookalikes', 'check', 'p\u0430ypal.com', '--brand', 'paypal.com'], viewer);
  expect(ran.code).toBe(0);
  expect(ran.stdout.split('\n')[0]).toBe('p\u0430ypal.com (xn--pypal-4ve.com) imitates paypal.com: a permutation (mixed-script), distance 1');
});

test('no match, a bad domain (2, the API naming the field), --local without --brand (2), no key (3)', async () => {
  const none = await capeo(['lookalikes', 'check', 'wikipedia.org', '--brand', 'paypal.com'], viewer);
  expect([none.code, none.stdout.trim()]).toEqual([0, 'wikipedia.org: imitates none of the 1 brand checked (given)']);
  const bad = await capeo(['lookalikes', 'check', 'not_a_domain'], viewer);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/domain/);
  const local = await capeo(['lookalikes', 'check', 'payapl.com', '--local']);
  expect([local.code, local.stderr.trim()]).toEqual([2, 'capeo lookalikes check: --local needs --brand (the active missions are known to the API only)']);
  const anon = await capeo(['lookalikes', 'check', 'payapl.com']);
  expect(anon.code).toBe(3);
});

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import type { MissionState } from '../../domain/mission';
import { as, buildTestApp } from '../support/api';
import { freePort } from '../support/processes';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, feasibility, hunter, hunter2, lead, manager, openGate, platform, ref, until, walkToExecute } from '../support/walk';
import type { Actor } from '../../domain/identity';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = join(ROOT, 'cli', 'capeo.ts');

let tw: TestWorker;
let api: FastifyInstance;
let missions: MissionService;
let url: string;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter, hunter2]);
  url = await api.listen({ host: '127.0.0.1', port: 0 });
  missions = new MissionService(tw.client, tw.taskQueue, join(tmpdir(), 'none'));
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
});

const keyOf = (a: Actor) => as(a).authorization!.replace(/^Bearer /, '');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process (never spawnSync: the API answers from this process). */
function capeo(args: string[], who?: Actor, extraEnv: Record<string, string> = {}, command = [TSX, ENTRY]): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, CAPEO_URL: url, ...extraEnv };
  delete env.CAPEO_API_KEY;
  if (who) env.CAPEO_API_KEY = keyOf(who);
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function start(codeName: string): Promise<string> {
  const res = await api.inject({ method: 'POST', url: '/missions', payload: { ...eavdRequest, codeName }, headers: as(platform) });
  expect(res.statusCode).toBe(201);
  return res.json().missionId as string;
}

test('list, show and gate approve (a refused approval exits 5 naming what is missing); --json is the API JSON', async () => {
  const id = await start('Cli Cormorant');
  await openGate(missions, id, 'collect');
  // Visibility is eventually consistent: list until the mission shows.
  await until(missions, id, () => true, 'started');
  let listed: { missions: Array<{ missionId: string; phase: string }>; nextCursor: string | null } = { missions: [], nextCursor: null };
  for (let i = 0; i < 50 && !listed.missions.some((m) => m.missionId === id); i++) {
    const r = await capeo(['missions', 'list', '--code', 'cli corm', '--json'], manager);
    expect(r.code).toBe(0);
    listed = JSON.parse(r.stdout);
    if (!listed.missions.some((m) => m.missionId === id)) await new Promise((res) => setTimeout(res, 200));
  }
  expect(listed.missions.map((m) => m.missionId)).toEqual([id]);
  expect(listed.nextCursor).toBeNull();
  const text = await capeo(['missions', 'list', '--all', '--phase', 'collect', '--limit', '1'], manager);
  expect(text.code).toBe(0);
  expect(text.stdout.split('\n')[0]).toMatch(/^MISSION +STATUS +PHASE +LEAD +OVERRUN +DEADLINE +STARTED$/);
  expect(text.stdout).toMatch(new RegExp(`^${id} +RUNNING +collect +— +no `, 'm'));

  const shown = await capeo(['missions', 'show', id], manager);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain(`(${id})`);
  expect(shown.stdout).toContain('open gate: collect — ready for a decision');
  expect(shown.stdout).toContain('Total Hunt Duration: not started');
  expect(shown.stdout).toMatch(/^collect +intel +capeo/m);
  expect(shown.stdout).toMatch(/soc-platform +mission\.started/);
  const shownJson = await capeo(['missions', 'show', id, '--json'], manager);
  expect(JSON.parse(shownJson.stdout)).toEqual(JSON.parse((await api.inject({ url: `/missions/${id}`, headers: as(manager) })).body));

  // The manager approves Collect (the open gate, found by the CLI); a lead is assigned.
  const collect = await capeo(['gate', 'approve', id, '--note', 'intel is enough'], manager);
  expect(collect).toMatchObject({ code: 0, stderr: '' });
  expect(collect.stdout).toMatch(new RegExp(`^${id}: gate collect approved; now status active, phase analyze(, open gate analyze)?\n$`));
  await missions.assignLead(id, lead.id, manager);

  // The lead's approval of Analyze is refused until its items are recorded.
  const refused = await capeo(['gate', 'approve', id], lead);
  expect(refused.code).toBe(5);
  expect(refused.stdout).toBe('');
  expect(refused.stderr.trim()).toBe(
    'capeo gate approve: 409 Conflict (MISSING_ITEMS) — ' +
      `${(await refusalDetail(id))} — missing: analyze.initial-research, analyze.feasibility, analyze.owners, analyze.team-engagement`,
  );

  await missions.recordWorkItem(id, 'initial-research', { references: [ref] }, lead);
  await missions.recordWorkItem(id, 'feasibility', feasibility, lead);
  await missions.recordWorkItem(id, 'owners', { owners: [{ name: 'Web team', contact: 'web@example.org', kind: 'technical' }] }, lead);
  await missions.recordWorkItem(id, 'team-engagement', { teams: [], statement: 'none needed' }, lead);
  const approved = await capeo(['gate', 'approve', id, '--phase', 'analyze', '--json'], lead);
  expect(approved.code).toBe(0);
  const after = JSON.parse(approved.stdout) as MissionState;
  expect(after.phase).toBe('plan');
  const s = await missions.get(id);
  expect(s.timeline.filter((e) => e.action === 'gate.approved').map((e) => `${e.actor}:${e.detail ?? ''}`)).toEqual([
    `${manager.id}:collect: intel is enough`,
    `${lead.id}:analyze`,
  ]);
  await tw.client.workflow.getHandle(id).terminate('test done');
});

/** The API's own detail for the refused decision, read the same way (the CLI must print it as is). */
async function refusalDetail(id: string): Promise<string> {
  const res = await api.inject({ method: 'POST', url: `/missions/${id}/gates/analyze/decision`, payload: { decision: 'approve' }, headers: as(lead) });
  expect(res.statusCode).toBe(409);
  return res.json().detail as string;
}

test('findings add records the finding as given; unknown missions exit 4; a bad key exits 3 and is never printed', async () => {
  const id = await start('Cli Cuttlefish');
  await walkToExecute(missions, id);
  const added = await capeo(
    ['findings', 'add', id, '--category', 'detection-opportunity', '--title', 'Beaconing to examp1e.com', '--severity', 'low',
      '--description', 'every 60 s from one host', '--observable', 'domain:examp1e.com', '--observable', 'url:https://examp1e.com/c2', '--json'],
    hunter,
  );
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  const answer = JSON.parse(added.stdout) as { id: string; mission: MissionState };
  const stored = (await missions.get(id)).findings.find((f) => f.id === answer.id)!;
  expect(stored).toMatchObject({
    category: 'detection-opportunity', title: 'Beaconing to examp1e.com', severity: 'low', description: 'every 60 s from one host',
    observables: [{ type: 'domain', value: 'examp1e.com' }, { type: 'url', value: 'https://examp1e.com/c2' }], author: hunter.id,
  });
  const text = await capeo(['findings', 'add', id, '--category', 'hunt-opportunity', '--title', 'Look at MX too'], hunter);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(new RegExp(`^${id}: finding \\S+ recorded \\(hunt-opportunity, medium, open\\)\\n$`));

  const missing = await capeo(['missions', 'show', 'mission-EAVD99-9'], manager);
  expect(missing.code).toBe(4);
  expect(missing.stderr).toMatch(/^capeo missions show: 404 Not Found \(NOT_FOUND\) — /);

  const forbidden = await capeo(['gate', 'approve', id, '--phase', 'execute'], platform);
  expect(forbidden.code).toBe(3);
  expect(forbidden.stderr).toMatch(/^capeo gate approve: 403 Forbidden \(FORBIDDEN\)/);

  const bad = 'capeo_this-key-was-never-issued-0123456789abcdefghijk';
  const keyFile = join(mkdtempSync(join(tmpdir(), 'capeo-cli-')), 'key');
  writeFileSync(keyFile, `${bad}\n`);
  for (const run of [capeo(['missions', 'list'], undefined, { CAPEO_API_KEY: bad }), capeo(['missions', 'list', '--key-file', keyFile])]) {
    const r = await run;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^capeo missions list: 401 Unauthorized \(UNAUTHENTICATED\)/);
    expect(r.stdout + r.stderr).not.toContain(bad);
  }
  const none = await capeo(['missions', 'list']);
  expect(none.code).toBe(3);
  expect(none.stderr).toContain('(no API key: set CAPEO_API_KEY or pass --key-file FILE)');
  await tw.client.workflow.getHandle(id).terminate('test done');
});

test('watch prints the mission events as NDJSON as they come; Ctrl-C ends it', async () => {
  const id = await start('Cli Coelacanth');
  await openGate(missions, id, 'collect');
  const env = { ...process.env, CAPEO_URL: url, CAPEO_API_KEY: keyOf(manager) };
  const child = spawn(TSX, [ENTRY, 'missions', 'watch', id, '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  const lines: string[] = [];
  let buffer = '';
  let decided = false;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      // Once the history is out, a live decision must arrive too.
      if (lines.some((l) => l.includes('"action":"gate.opened"')) && !lines.some((l) => l.includes('gate.approved'))) {
        if (!decided) {
          decided = true;
          void missions.decideGate(id, { gate: 'collect', decision: 'approve' }, manager);
        }
      }
      if (lines.some((l) => l.includes('"action":"gate.approved"'))) resolve();
    });
    child.on('close', () => reject(new Error(`watch ended early: ${stderr}`)));
  });
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  const events = lines.map((l) => JSON.parse(l) as { event: string; id: string; data: { actor: string; action: string; detail?: string; phase: string } });
  expect(events[0]).toMatchObject({ event: 'audit', id: '1', data: { actor: platform.id, action: 'mission.started' } });
  expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.data)).toContainEqual(expect.objectContaining({ actor: manager.id, action: 'gate.approved', detail: 'collect' }));
  await tw.client.workflow.getHandle(id).terminate('test done');
});

test('watch reopens a dropped stream with Last-Event-ID and prints no event twice', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const ev = (id: number, action: string) => `event: audit\nid: ${id}\ndata: ${JSON.stringify({ at: `t${id}`, actor: 'ann', action, phase: 'collect' })}\n\n`;
    if (seen.length === 1) res.end(ev(1, 'mission.started') + ev(2, 'gate.opened')); // dropped without an end
    else res.end(`${ev(3, 'gate.approved')}event: end\nid: 3\ndata: {"status":"cancelled"}\n\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    const r = await capeo(['missions', 'watch', 'mission-EAVD01-1', '--url', `http://127.0.0.1:${port}`], manager);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      't1  ann  mission.started  [collect]',
      't2  ann  gate.opened  [collect]',
      't3  ann  gate.approved  [collect]',
      'mission closed: cancelled',
      '',
    ]);
    expect(seen).toHaveLength(2);
    expect(seen[0]!['last-event-id']).toBeUndefined();
    expect(seen[1]!['last-event-id']).toBe('2');
    expect(seen.map((h) => [h.accept, h.authorization])).toEqual([
      ['text/event-stream', `Bearer ${keyOf(manager)}`],
      ['text/event-stream', `Bearer ${keyOf(manager)}`],
    ]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('lookalikes runs locally (no API): json, csv and text for example.com, a homoglyph, the fuzzer filter; unknown fuzzers exit 2', async () => {
  const noApi = { CAPEO_URL: 'http://127.0.0.1:9' };
  const json = await capeo(['lookalikes', 'example.com', '--format', 'json'], undefined, noApi);
  expect(json.code).toBe(0);
  const all = JSON.parse(json.stdout) as Array<{ fuzzer: string; domain: string }>;
  expect(all).toContainEqual({ fuzzer: 'homoglyph', domain: 'examp1e.com' });
  expect(all.every((p) => Object.keys(p).join() === 'fuzzer,domain' && /^[a-z0-9.-]+$/.test(p.domain))).toBe(true);
  expect(all.length).toBeGreaterThan(1000);

  // Through the bin shim too.
  const csv = await capeo(['lookalikes', 'example.com', '--fuzzers', 'homoglyph,cyrillic', '--format', 'csv'], undefined, noApi, [process.execPath, join(ROOT, 'cli', 'bin.cjs')]);
  expect(csv.code).toBe(0);
  const rows = csv.stdout.trim().split('\n');
  expect(rows[0]).toBe('fuzzer,domain');
  expect(rows).toContain('homoglyph,examp1e.com');
  expect(rows).toContain('homoglyph,xn--xample-9ua.com');
  expect(new Set(rows.slice(1).map((r) => r.split(',')[0]))).toEqual(new Set(['cyrillic', 'homoglyph']));
  expect(rows.slice(1)).toEqual(all.filter((p) => ['cyrillic', 'homoglyph'].includes(p.fuzzer)).map((p) => `${p.fuzzer},${p.domain}`));

  const text = await capeo(['lookalikes', 'example.com', '--fuzzers', 'homoglyph'], undefined, noApi);
  expect(text.code).toBe(0);
  const lines = text.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^FUZZER {5}DOMAIN$/);
  expect(lines).toContain('homoglyph  examp1e.com');

  const bad = await capeo(['lookalikes', 'example.com', '--fuzzers', 'homoglyph,typo'], undefined, noApi);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
  expect(bad.stderr.trim()).toBe(
    'capeo lookalikes: --fuzzers: unknown typo; valid: addition, bitsquatting, cyrillic, homoglyph, hyphenation, insertion, omission, plural, ' +
      'repetition, replacement, subdomain, transposition, vowel-swap, dictionary, tld-swap, various, combosquatting',
  );
});

test('an unreachable API exits 1 naming the URL, never the key', async () => {
  const key = 'capeo_cli-test-key-that-must-not-leak';
  const closed = `http://127.0.0.1:${await freePort()}`;
  const ran = await capeo(['missions', 'list', '--url', closed], undefined, { CAPEO_API_KEY: key });
  expect(ran.code).toBe(1);
  expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  expect(ran.stderr).toMatch(new RegExp(`^capeo missions list: cannot reach the capeo API at ${closed.replace(/\./g, '\\.')}: `));
  expect(ran.stderr + ran.stdout).not.toContain(key);
}, 60_000);

test('doctor checks the service configuration from the environment: one line per check, exit 1 on a failure, 2 on bad settings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-cli-doctor-'));
  const env = {
    CAPEO_DATA_DIR: dir,
    TEMPORAL_ADDRESS: process.env.CAPEO_TEST_TEMPORAL_ADDRESS!,
    CAPEO_DNS_SERVERS: '127.0.0.1:9',
    CAPEO_DNS_TIMEOUT_MS: '300',
    CAPEO_CT_URL: url,
    CAPEO_RDAP_BOOTSTRAP_URL: `${url}/healthz`,
  };
  const json = await capeo(['doctor', '--json'], undefined, env);
  const lines = JSON.parse(json.stdout) as Array<{ part: string; subject: string; ok: boolean; detail: string }>;
  expect(lines.map((l) => `${l.part} ${l.ok}`).sort()).toEqual(
    ['chat true', 'ct true', 'dns false', 'notify true', 'rdap true', 'siem true', 'temporal true', 'ticketing true', 'tip true'].sort(),
  );
  expect(json.code).toBe(1);

  const text = await capeo(['doctor'], undefined, env);
  expect(text.stdout).toMatch(/^FAIL {2}dns {7}127\.0\.0\.1:9: no answer/m);
  expect(text.stdout.trim().split('\n').at(-1)).toBe('1 of 9 checks failed');

  const bad = await capeo(['doctor'], undefined, { ...env, CAPEO_TICKETING: 'jira', CAPEO_JIRA_PROJECT: 'not a key' });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('CAPEO_JIRA_PROJECT: a Jira project key such as HUNT');
}, 60_000);

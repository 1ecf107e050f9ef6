import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import type { Ack, EffectItem, FindingAdded, FoundFinding, MissionEntry, Retried } from '../../cli/api-types';
import type { Actor } from '../../domain/identity';
import { as, buildTestApp, roleActors } from '../support/api';
import { freePort } from '../support/processes';
import { realActivities, startTestWorker, tickets, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, feasibility, hunter, hunter2, lead, manager, openGate, platform, ref, timeline, until, walkToExecute } from '../support/walk';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = join(ROOT, 'cli', 'capeo.ts');

let tw: TestWorker;
let api: FastifyInstance;
let missions: MissionService;
let url: string;
let dataDir: string;

beforeAll(async () => {
  // An empty log lake: no log source falls silent, so no visibility-gap finding joins those a test records.
  const real = realActivities(undefined, { CAPEO_LOG_DIR: mkdtempSync(join(tmpdir(), 'capeo-cli-logs-')) });
  dataDir = real.dataDir;
  tw = await startTestWorker(real.activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter, hunter2]);
  url = await api.listen({ host: '127.0.0.1', port: 0 });
  missions = new MissionService(tw.client, tw.store, tw.taskQueue, join(tmpdir(), 'none'));
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
});

const keyOf = (a: Actor) => as(a).authorization!.replace(/^Bearer /, '');
/** A lead who is not this mission's: the route lets the role through, the mission refuses the person. */
const otherLead = roleActors.find((a) => a.role === 'lead')!;

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

/** A JSON document the API answers, read the way a client reads it. */
const apiJson = async (path: string, who: Actor = manager) => JSON.parse((await api.inject({ url: path, headers: as(who) })).body) as unknown;

async function start(codeName: string, policy: Record<string, unknown> = {}): Promise<string> {
  const res = await api.inject({ method: 'POST', url: '/missions', payload: { ...eavdRequest, codeName, policy }, headers: as(platform) });
  expect(res.statusCode).toBe(201);
  return res.json().missionId as string;
}

test('list, show and gate approve (a refused approval exits 5 naming what is missing); --json is the API JSON', async () => {
  const id = await start('Cli Cormorant');
  const other = await start('Cli Cormorant Bis');
  await openGate(missions, id, 'collect');
  await openGate(missions, other, 'collect');
  // Newest first, one per page: the hint names the next page's cursor, which gives the older mission.
  const first = await capeo(['missions', 'list', '--code', 'cli corm', '--limit', '1', '--json'], manager);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  const page = JSON.parse(first.stdout) as { missions: MissionEntry[]; nextCursor: string | null };
  expect(page.missions.map((m) => m.missionId)).toEqual([other]);
  const firstText = await capeo(['missions', 'list', '--code', 'cli corm', '--limit', '1'], manager);
  expect(firstText.stderr).toBe(`more missions: add --all, or --cursor ${page.nextCursor}\n`);
  const second = await capeo(['missions', 'list', '--code', 'cli corm', '--limit', '1', '--cursor', page.nextCursor!], manager);
  expect(second.stdout.split('\n')[0]).toMatch(/^MISSION +STATUS +PHASE +GATE +LEAD +OVERRUN +FAILED-EFFECTS +DEADLINE +CREATED$/);
  expect(second.stdout).toMatch(new RegExp(`^${id} +active +collect +collect +— +no +0 +— +\\d{4}-`, 'm'));
  expect(second.stdout).not.toContain(other);
  const all = await capeo(['missions', 'list', '--code', 'cli corm', '--limit', '1', '--all', '--json'], manager);
  const listed = JSON.parse(all.stdout) as { missions: MissionEntry[]; nextCursor: string | null };
  expect(listed.missions.map((m) => [m.missionId, m.status, m.phase, m.openGate])).toEqual([
    [other, 'active', 'collect', 'collect'],
    [id, 'active', 'collect', 'collect'],
  ]);
  expect(listed.nextCursor).toBeNull();
  await endMission(tw, other);

  const shown = await capeo(['missions', 'show', id], manager);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain(`(${id})`);
  expect(shown.stdout).toMatch(/^open gate: collect \(round 1, opened \S+\) — ready for a decision$/m);
  expect(shown.stdout).toContain('Total Hunt Duration: not started');
  expect(shown.stdout).toMatch(/^collect +intel +done +capeo/m);
  expect(shown.stdout).toContain('Findings: none');
  expect(shown.stdout).toMatch(/^Audit \(\d+\)$/m);
  expect(shown.stdout).toMatch(/soc-platform +mission\.started/);
  // The mission may still settle between reads: the CLI's JSON is one of the answers around it.
  const before = await apiJson(`/missions/${id}`);
  const shownJson = await capeo(['missions', 'show', id, '--json'], manager);
  const after = await apiJson(`/missions/${id}`);
  expect([before, after]).toContainEqual(JSON.parse(shownJson.stdout));

  // The manager approves Collect (the open gate, found by the CLI); a lead is assigned.
  const collect = await capeo(['gate', 'approve', id, '--note', 'intel is enough'], manager);
  expect(collect).toMatchObject({ code: 0, stderr: '' });
  expect(collect.stdout).toMatch(new RegExp(`^${id}: gate collect approved; now status active, phase analyze(, open gate analyze)?\n$`));
  await missions.assignLead(id, lead.id, manager);
  await openGate(missions, id, 'analyze');

  // The lead's approval of Analyze is refused until its items are recorded.
  const refused = await capeo(['gate', 'approve', id], lead);
  expect(refused.code).toBe(5);
  expect(refused.stdout).toBe('');
  expect(refused.stderr.trim()).toBe(
    'capeo gate approve: 409 Conflict (MISSING_ITEMS) — ' +
      `${await refusalDetail(id)} — missing: analyze.initial-research, analyze.feasibility, analyze.owners, analyze.team-engagement`,
  );
  // Another lead is not this mission's: the mission refuses the person (403), not the state.
  const notHers = await capeo(['gate', 'approve', id, '--phase', 'analyze'], otherLead);
  expect(notHers.code).toBe(3);
  expect(notHers.stderr).toMatch(/^capeo gate approve: 403 Forbidden \(NOT_ENTITLED\) — /);

  await missions.recordWorkItem(id, 'initial-research', { references: [ref] }, lead);
  await missions.recordWorkItem(id, 'feasibility', feasibility, lead);
  await missions.recordWorkItem(id, 'owners', { owners: [{ name: 'Web team', contact: 'web@example.org', kind: 'technical' }] }, lead);
  await missions.recordWorkItem(id, 'team-engagement', { teams: [], statement: 'none needed' }, lead);
  const approved = await capeo(['gate', 'approve', id, '--phase', 'analyze', '--json'], lead);
  expect(approved.code).toBe(0);
  expect(JSON.parse(approved.stdout) as Ack).toMatchObject({ phase: 'plan', status: 'active' });
  const audit = await timeline(missions, id);
  expect(audit.filter((e) => e.action === 'gate.approved').map((e) => `${e.actor}:${e.detail ?? ''}`)).toEqual([
    `${manager.id}:collect: intel is enough`,
    `${lead.id}:analyze`,
  ]);
  await endMission(tw, id);
});

/** The API's own detail for the refused decision, read the same way (the CLI must print it as is). */
async function refusalDetail(id: string): Promise<string> {
  const res = await api.inject({ method: 'POST', url: `/missions/${id}/gates/analyze/decision`, payload: { decision: 'approve' }, headers: as(lead) });
  expect(res.statusCode).toBe(409);
  return res.json().detail as string;
}

test('findings add records the finding as given, once per source key; list and search find it; 400, 404, 403 and 401 exit 2, 4, 3, 3', async () => {
  const id = await start('Cli Cuttlefish');
  await walkToExecute(missions, id);
  const beacon = `c2-${Date.now()}.examp1e.com`;
  const added = await capeo(
    ['findings', 'add', id, '--category', 'detection-opportunity', '--title', 'Beaconing to examp1e.com', '--severity', 'low',
      '--description', 'every 60 s from one host', '--observable', `domain:${beacon}`, '--observable', 'url:https://examp1e.com/c2', '--json'],
    hunter,
  );
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  const answer = JSON.parse(added.stdout) as FindingAdded;
  expect(answer).toMatchObject({ created: true, mission: { phase: 'execute', status: 'active' } });
  expect(answer.finding.id).toBe(answer.id);
  const stored = await missions.finding(id, answer.id);
  // The store's finding is the one answered, and more once its ticket is made.
  expect(stored).toMatchObject(answer.finding);
  expect(stored).toMatchObject({
    category: 'detection-opportunity', title: 'Beaconing to examp1e.com', severity: 'low', description: 'every 60 s from one host',
    observables: [{ type: 'domain', value: beacon }, { type: 'url', value: 'https://examp1e.com/c2' }], author: hunter.id, status: 'open',
  });
  const text = await capeo(['findings', 'add', id, '--category', 'hunt-opportunity', '--title', 'Look at MX too', '--source-key', 'mx-look'], hunter);
  expect(text.code).toBe(0);
  const mx = new RegExp(`^${id}: finding (F\\d+) recorded \\(hunt-opportunity, medium, open\\)\\n$`).exec(text.stdout)?.[1];
  expect(mx).toBeDefined();
  const again = await capeo(['findings', 'add', id, '--category', 'hunt-opportunity', '--title', 'Look at MX too', '--source-key', 'mx-look'], hunter2);
  expect(again).toMatchObject({ code: 0, stdout: `${id}: finding ${mx} was already recorded for this source key (open); nothing added\n` });

  const listed = await capeo(['findings', 'list', id, '--json'], manager);
  expect((JSON.parse(listed.stdout) as { items: FoundFinding[] }).items.map((f) => f.id)).toEqual([answer.id, mx]);
  const byCategory = await capeo(['findings', 'list', id, '--category', 'hunt-opportunity'], manager);
  expect(byCategory.stdout.split('\n')[0]).toMatch(/^ID +CATEGORY +SEVERITY +STATUS +AUTHOR +AT +OBSERVABLES +TITLE$/);
  expect(byCategory.stdout.trim().split('\n').slice(1)).toEqual([expect.stringMatching(new RegExp(`^${mx} +hunt-opportunity +medium +open +${hunter.id} +\\S+ +— +Look at MX too$`))]);
  const byValue = await capeo(['findings', 'list', id, '--observable', beacon.toUpperCase(), '--status', 'open', '--json'], manager);
  expect((JSON.parse(byValue.stdout) as { items: FoundFinding[] }).items.map((f) => f.id)).toEqual([answer.id]);
  const none = await capeo(['findings', 'list', id, '--observable', `url:${beacon}`], manager);
  expect(none).toMatchObject({ code: 0, stdout: 'No findings.\n' });

  const found = await capeo(['findings', 'search', '--observable', `domain:${beacon}`, '--json'], manager);
  expect(found.code).toBe(0);
  expect((JSON.parse(found.stdout) as { items: FoundFinding[] }).items.map((f) => [f.missionId, f.id])).toEqual([[id, answer.id]]);
  const foundText = await capeo(['findings', 'search', '--observable', beacon, '--since', '2020-01-01T00:00:00Z'], manager);
  expect(foundText.stdout).toMatch(new RegExp(`^${id} +${answer.id} +detection-opportunity +low +open `, 'm'));
  const badSince = await capeo(['findings', 'search', '--since', 'yesterday'], manager);
  expect(badSince.code).toBe(2);
  expect(badSince.stderr).toMatch(/^capeo findings search: 400 Bad Request \(VALIDATION_FAILED\) — .*querystring\.since/);

  const shown = await capeo(['missions', 'show', id, '--findings', '1'], manager);
  expect(shown.stdout).toContain('Findings (last 1 of 2)');
  expect(shown.stdout).toMatch(new RegExp(`^${mx} +hunt-opportunity +medium +open +Look at MX too$`, 'm'));
  expect(shown.stdout).toMatch(/^findings: 2 \(detection-opportunity 1, hunt-opportunity 1\), 0 escalated, 0 withdrawn; queries: 0;/m);

  const short = await capeo(['findings', 'add', id, '--category', 'hunt-opportunity', '--title', 'ab'], hunter);
  expect(short.code).toBe(2);
  expect(short.stderr).toMatch(/^capeo findings add: 400 Bad Request \(VALIDATION_FAILED\) — .*body\.title: .*\[invalid_format\]/);

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
  const anonymous = await capeo(['missions', 'list']);
  expect(anonymous.code).toBe(3);
  expect(anonymous.stderr).toContain('(no API key: set CAPEO_API_KEY or pass --key-file FILE)');
  await endMission(tw, id);
});

test('a failed effect is listed, shown and, once the integration works again, retried: exit 0; refusals exit 3, 4 and 5', async () => {
  // One attempt per effect, so the broken ticketing fails the finding's ticket at once.
  const id = await start('Cli Chiton', { effectMaxAttempts: 1, effectRetrySeconds: 0.1 });
  await walkToExecute(missions, id);
  const ticketsDir = join(dataDir, 'tickets');
  renameSync(ticketsDir, `${ticketsDir}.away`);
  writeFileSync(ticketsDir, 'a file where the ticketing wants its folder');
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    rmSync(ticketsDir);
    renameSync(`${ticketsDir}.away`, ticketsDir);
  };
  try {
    const added = await capeo(['findings', 'add', id, '--category', 'hunt-opportunity', '--title', 'Registrar abuse contact', '--json'], hunter);
    expect(added.code).toBe(0);
    const fid = (JSON.parse(added.stdout) as FindingAdded).id;
    await until(missions, id, (s) => s.counts.effects.failed === 1, 'the ticket effect failing');

    const failed = await capeo(['effects', 'list', id, '--state', 'failed', '--json'], manager);
    expect(failed.code).toBe(0);
    const items = (JSON.parse(failed.stdout) as { items: EffectItem[] }).items;
    expect(items).toEqual([expect.objectContaining({ kind: 'finding-ticket', key: `finding:${fid}`, state: 'failed', attempts: 1, error: expect.stringContaining('EEXIST') })]);
    const effectId = items[0]!.id;
    const failedText = await capeo(['effects', 'list', id, '--state', 'failed'], manager);
    expect(failedText.stdout).toMatch(new RegExp(`^${effectId} +finding-ticket +finding:${fid} +failed +1 +\\S+ +Error: EEXIST: file already exists, mkdir `, 'm'));
    const all = await capeo(['effects', 'list', id, '--json'], manager);
    expect((JSON.parse(all.stdout) as { items: EffectItem[] }).items.filter((e) => e.state === 'failed').map((e) => e.id)).toEqual([effectId]);
    const shown = await capeo(['missions', 'show', id], manager);
    expect(shown.stdout).toMatch(new RegExp(`^effects: \\d+ pending, \\d+ running, \\d+ done, 1 failed — capeo effects list ${id} --state failed$`, 'm'));
    const listed = JSON.parse((await capeo(['missions', 'list', '--code', 'cli chiton', '--json'], manager)).stdout) as { missions: MissionEntry[] };
    expect(listed.missions.map((m) => [m.missionId, m.failedEffects])).toEqual([[id, 1]]);

    const byHunter = await capeo(['effects', 'retry', id, effectId], hunter);
    expect(byHunter.code).toBe(3);
    expect(byHunter.stderr).toMatch(/^capeo effects retry: 403 Forbidden/);
    const unknown = await capeo(['effects', 'retry', id, 'E999'], lead);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/^capeo effects retry: 404 Not Found \(NOT_FOUND\) — no effect 'E999'/);

    restore();
    const retried = await capeo(['effects', 'retry', id], lead);
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(retried.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^ID +KIND +KEY +STATE +ERROR$/),
      expect.stringMatching(new RegExp(`^${effectId} +finding-ticket +finding:${fid} +done +—$`)),
      `${id}: 1 retried, 1 done`,
    ]);
    expect(tickets(dataDir).filter((t) => t.missionId === id && t.findingId === fid)).toHaveLength(1);

    const notFailed = await capeo(['effects', 'retry', id, effectId, '--json'], lead);
    expect(notFailed.code).toBe(5);
    expect(notFailed.stderr).toMatch(/^capeo effects retry: 409 Conflict \(EFFECT_NOT_FAILED\)/);
    const nothing = await capeo(['effects', 'retry', id, '--json'], manager);
    expect(nothing.code).toBe(0);
    expect(JSON.parse(nothing.stdout) as { retried: Retried[] }).toEqual({ retried: [] });
    await until(missions, id, (s) => s.counts.effects.failed === 0, 'the mission counting the retried effect');
    expect(await capeo(['effects', 'list', id, '--state', 'failed'], manager)).toMatchObject({ code: 0, stdout: 'No effects.\n' });
  } finally {
    restore();
    await endMission(tw, id);
  }
});

/** Runs a watch until `done` holds for the lines printed so far, then interrupts it; `onLine` may act meanwhile. */
async function watch(args: string[], done: (lines: string[]) => boolean, onLine: (lines: string[]) => void = () => undefined) {
  const env = { ...process.env, CAPEO_URL: url, CAPEO_API_KEY: keyOf(manager) };
  const child = spawn(TSX, [ENTRY, 'missions', 'watch', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  const lines: string[] = [];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      onLine(lines);
      if (done(lines)) resolve();
    });
    child.on('close', () => reject(new Error(`watch ended early: ${stderr}`)));
  });
  child.kill('SIGINT');
  return { code: await exited, lines };
}

test('watch prints the mission events as NDJSON as they come; Ctrl-C ends it', async () => {
  const id = await start('Cli Coelacanth');
  await openGate(missions, id, 'collect');
  let decided = false;
  const { code, lines } = await watch(
    [id, '--json'],
    (l) => l.some((x) => x.includes('"action":"gate.approved"')),
    (l) => {
      // Once the history is out, a live decision must arrive too.
      if (!decided && l.some((x) => x.includes('"action":"gate.opened"'))) {
        decided = true;
        void missions.decideGate(id, { gate: 'collect', decision: 'approve' }, manager);
      }
    },
  );
  expect(code).toBe(0);
  const events = lines.map((l) => JSON.parse(l) as { event: string; id: string; data: { actor: string; action: string; detail?: string; phase: string } });
  expect(events[0]).toMatchObject({ event: 'audit', id: '1', data: { actor: platform.id, action: 'mission.started' } });
  expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.data)).toContainEqual(expect.objectContaining({ actor: manager.id, action: 'gate.approved', detail: 'collect' }));
  await endMission(tw, id);
});

test('watch of every mission prints a mission entry when its phase or gate changes', async () => {
  const id = await start('Cli Cowrie');
  await openGate(missions, id, 'collect');
  const mine = (l: string[]) => l.map((x) => JSON.parse(x) as { event: string; data: MissionEntry }).filter((e) => e.data.missionId === id);
  let decided = false;
  const { code, lines } = await watch(
    ['--json'],
    (l) => mine(l).some((e) => e.data.phase === 'analyze'),
    (l) => {
      if (!decided && mine(l).length) {
        decided = true;
        void missions.decideGate(id, { gate: 'collect', decision: 'approve' }, manager);
      }
    },
  );
  expect(code).toBe(0);
  const entries = mine(lines);
  expect(entries.map((e) => e.event)).toEqual(entries.map(() => 'mission'));
  expect(entries[0]!.data).toMatchObject({ missionId: id, status: 'active', phase: 'collect', openGate: 'collect', failedEffects: 0 });
  expect(entries.at(-1)!.data).toMatchObject({ phase: 'analyze' });
  await endMission(tw, id);
});

test('watch reopens a dropped stream with Last-Event-ID (also after a busy 503) and prints no event twice', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const ev = (id: number, action: string) => `event: audit\nid: ${id}\ndata: ${JSON.stringify({ at: `t${id}`, actor: 'ann', action, phase: 'collect' })}\n\n`;
    if (seen.length === 2) {
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'STORE_UNAVAILABLE', detail: 'the mission store is not answering; retry shortly' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
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
    expect(r.stderr).toBe(
      'connection lost (503 Service Unavailable (STORE_UNAVAILABLE) — the mission store is not answering; retry shortly (retry after 1 s)); reconnecting\n',
    );
    expect(seen.map((h) => h['last-event-id'])).toEqual([undefined, '2', '2']);
    expect(seen.map((h) => [h.accept, h.authorization])).toEqual(seen.map(() => ['text/event-stream', `Bearer ${keyOf(manager)}`]));
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('effects retry sends the ids given and exits 1 when an effect failed again (the integration is still down)', async () => {
  const asked: Array<{ method?: string; url?: string; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      asked.push({ method: req.method, url: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        retried: [
          { id: 'E3', kind: 'finding-ticket', key: 'finding:F1', state: 'done' },
          { id: 'E7', kind: 'escalate', key: 'incident:F2', state: 'failed', error: 'EXTERNAL_AUTH_REJECTED: jira answered 401' },
        ],
      }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    const r = await capeo(['effects', 'retry', 'mission-EAVD01-1', 'e3', 'E7', '--url', `http://127.0.0.1:${port}`], lead);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([
      'E3  finding-ticket  finding:F1   done    —',
      'E7  escalate        incident:F2  failed  EXTERNAL_AUTH_REJECTED: jira answered 401',
      'mission-EAVD01-1: 2 retried, 1 done, 1 failed again',
    ]);
    expect(asked).toEqual([{ method: 'POST', url: '/missions/mission-EAVD01-1/effects/retry', body: JSON.stringify({ effectIds: ['E3', 'E7'] }) }]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('lookalikes runs locally (no API): json, csv and text for example.com, a homoglyph, the fuzzer filter; unknown fuzzers exit 2', async () => {
  const noApi = { CAPEO_URL: 'http://127.0.0.1:9' };
  const json = await capeo(['lookalikes', 'example.com', '--format', 'json'], undefined, noApi);
  expect(json.code).toBe(0);
  const all = JSON.parse(json.stdout) as Array<{ fuzzer: string; domain: string; algorithms: string[] }>;
  expect(all).toContainEqual({ fuzzer: 'homoglyph', domain: 'examp1e.com', algorithms: ['homoglyph', 'replacement'] });
  expect(all).toContainEqual({ fuzzer: 'addition', domain: 'examplee.com', algorithms: ['addition', 'repetition', 'double-replacement'] });
  expect(all.every((p) => Object.keys(p).join() === 'fuzzer,domain,algorithms' && /^[a-z0-9.-]+$/.test(p.domain))).toBe(true);
  expect(all.length).toBeGreaterThan(5000);
  const allTlds = JSON.parse((await capeo(['lookalikes', 'example.com', '--fuzzers', 'tld-swap', '--all-tlds', '--json'], undefined, noApi)).stdout) as unknown[];
  expect(allTlds.length).toBeGreaterThan(1400);

  // Through the bin shim too.
  const csv = await capeo(['lookalikes', 'example.com', '--fuzzers', 'homoglyph,cyrillic', '--format', 'csv'], undefined, noApi, [process.execPath, join(ROOT, 'cli', 'bin.cjs')]);
  expect(csv.code).toBe(0);
  const rows = csv.stdout.trim().split('\n');
  expect(rows[0]).toBe('fuzzer,domain,algorithms');
  expect(rows).toContain('homoglyph,examp1e.com,homoglyph');
  expect(rows).toContain('homoglyph,xn--xample-9ua.com,homoglyph');
  expect(new Set(rows.slice(1).map((r) => r.split(',')[0]))).toEqual(new Set(['cyrillic', 'homoglyph']));

  const text = await capeo(['lookalikes', 'example.com', '--fuzzers', 'homoglyph'], undefined, noApi);
  expect(text.code).toBe(0);
  const lines = text.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^FUZZER {5}DOMAIN +ALGORITHMS$/);
  expect(lines.some((l) => /^homoglyph {2}examp1e\.com +homoglyph$/.test(l))).toBe(true);

  const bad = await capeo(['lookalikes', 'example.com', '--fuzzers', 'homoglyph,typo'], undefined, noApi);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
  expect(bad.stderr.trim()).toBe(
    'capeo lookalikes: --fuzzers: unknown typo; valid: addition, bitsquatting, cyrillic, homoglyph, hyphenation, insertion, omission, plural, ' +
      'repetition, replacement, subdomain, transposition, vowel-swap, dictionary, tld-swap, various, combosquatting, change-order, ' +
      'double-replacement, missing-dot, strip-hyphen, dot-to-hyphen, add-tld, wrong-sld, misspelling, homophone, numeral-swap, ' +
      'mixed-script, dynamic-dns',
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

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/dev-server';
import { typedWalk } from './typed-walk';

const ROOT = join(__dirname, '..', '..');

/** The README's curl walk: the fenced bash block marked `# capeo:walk`. */
function readmeWalk(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('# capeo:walk'));
  if (!block) throw new Error('README has no block marked # capeo:walk');
  return block;
}

function waitForOutput(child: ChildProcess, text: string, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(text)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`command 1 exited (${code}) before "${text}":\n${out}`)));
  });
}

const alive = (pattern: string) => spawnSync('pgrep', ['-f', pattern]).status === 0;

let stack: ChildProcess | undefined;
afterAll(() => {
  if (stack?.exitCode === null) stack.kill('SIGKILL');
});

test("README command 1 brings the stack up, the README's curl walk and the generated client's walk complete a mission each, SIGTERM stops everything", async () => {
  const [apiPort, temporalPort, uiPort, storePort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: '',
    CAPEO_API_PORT: String(apiPort),
    CAPEO_TEMPORAL_PORT: String(temporalPort),
    CAPEO_TEMPORAL_UI_PORT: String(uiPort),
    CAPEO_STORE_PORT: String(storePort),
    CAPEO_DATABASE_URL: '',
    CAPEO_DATA_DIR: mkdtempSync(join(tmpdir(), 'capeo-e2e-')),
    CAPEO_LOG_LEVEL: 'warn',
    CAPEO_BOOTSTRAP_ADMIN_KEY: `capeo_e2e_${process.pid}_admin_key_0123456789`,
  };
  stack = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const banner = await waitForOutput(stack, 'Ctrl-C stops everything');
  expect(banner).toContain(`API           http://127.0.0.1:${apiPort}`);
  expect(banner).toContain(`/docs`);
  expect(banner).toContain(`Temporal UI   http://127.0.0.1:${uiPort}`);
  const ui = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `http://127.0.0.1:${uiPort}/`], { encoding: 'utf8' });
  expect(ui.stdout).toBe('200');

  const walk = spawnSync('bash', ['-euo', 'pipefail', '-c', readmeWalk()], {
    cwd: ROOT,
    env: { ...process.env, API: `http://127.0.0.1:${apiPort}`, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, CAPEO_ADMIN_KEY: env.CAPEO_BOOTSTRAP_ADMIN_KEY },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(walk.stderr).toBe('');
  expect(walk.status).toBe(0);
  expect(walk.stdout).toContain('mission: mission-EAVD');
  expect(walk.stdout).toContain('"status":"completed"');
  expect(walk.stdout).toMatch(/Status\s+COMPLETED/);
  expect(walk.stdout).toMatch(/CapeoPhase:[^\]]*?outcomes/);

  // Over real HTTP, each person acted with their own key, and the audit timeline names them.
  const missionId = /mission: (mission-\S+)/.exec(walk.stdout)![1]!;
  const timeline = await (
    await fetch(`http://127.0.0.1:${apiPort}/missions/${missionId}/timeline?limit=500`, { headers: { authorization: `Bearer ${env.CAPEO_BOOTSTRAP_ADMIN_KEY}` } })
  ).json() as { items: Array<{ actor: string; action: string }> };
  const actions = timeline.items.map((e) => `${e.actor}:${e.action}`);
  for (const expected of ['soc-platform:mission.started', 'ann:gate.approved', 'ann:lead.assigned', 'lucas:gate.approved', 'hana:squad.accepted', 'hugo:squad.accepted', 'hana:finding.added', 'lucas:report.released']) {
    expect(actions).toContain(expected);
  }

  // The same walk through the client generated from docs/openapi.json (the CLI's), as a SOC platform integrating with capeo writes it.
  const typed = await typedWalk(`http://127.0.0.1:${apiPort}`, env.CAPEO_BOOTSTRAP_ADMIN_KEY, '.typed');
  expect(typed.started).toMatchObject({ created: true, code: expect.stringMatching(/^EAVD\d{2,}$/) });
  expect(typed.started.code).not.toBe(/mission-(EAVD\d+)/.exec(missionId)![1]);
  expect(typed.query.query.rowCount).toBeGreaterThan(0);
  expect(typed.added.created).toBe(true);
  expect(typed.escalated).toMatchObject({ id: typed.added.finding.id, status: 'escalated' });
  expect(typed.failedEffects.items).toEqual([]);
  expect(typed.done).toMatchObject({ status: 'completed', phase: 'outcomes' });
  expect(typed.metrics.totalHunt).toMatchObject({ running: false, allocatedHours: 40 });
  expect(typed.metrics.escalations.count).toBe(1);
  expect(typed.timeline.items.map((e) => `${e.actor}:${e.action}`)).toEqual(
    expect.arrayContaining(['soc-platform.typed:mission.started', 'ann.typed:gate.approved', 'hana.typed:finding.added', 'lucas.typed:report.released']),
  );

  // SIGTERM to npm itself: npm does not pass it on, so capeo watches its launcher and stops everything.
  stack.kill('SIGTERM');
  const server = `--db-filename ${env.CAPEO_DATA_DIR}`;
  // The embedded mission store is a PostgreSQL server of its own, in the data folder.
  const store = `${env.CAPEO_DATA_DIR}/postgres/cluster`;
  expect(alive(store)).toBe(true);
  const apiAnswers = () => spawnSync('curl', ['-s', '-o', '/dev/null', `http://127.0.0.1:${apiPort}/healthz`]).status === 0;
  for (let i = 0; i < 60 && (alive(server) || alive(store) || apiAnswers()); i++) await new Promise((r) => setTimeout(r, 500));
  expect(alive(server)).toBe(false);
  expect(alive(store)).toBe(false);
  expect(apiAnswers()).toBe(false);
}, 420_000);

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { readOutbox } from '../../activities/notify/outbox-notifier';
import { TOPOLOGY } from '../../scripts/topology';
import { everyItem, executeWork, type Summary, people, poll, walkFromExecute, walkToExecute, walkToExecutePhase, type WalkPeople } from '../support/http-walk';
import { Replicas, roundRobinProxy } from '../support/replicas';
import { startTopology, type TopologyCluster } from '../support/topology-cluster';

/**
 * The production topology for real (docker-compose.yml's, described by scripts/topology.ts): the
 * Temporal server on PostgreSQL, two capeo workers and two API replicas, every one a process of its
 * own on loopback ports. The README's walk runs through a load balancer alternating the replicas;
 * then twenty missions run while workers are SIGKILLed every few seconds, an API replica is killed,
 * the Temporal server is SIGKILLed and PostgreSQL restarted, and nothing is lost or done twice.
 */
const ROOT = join(__dirname, '..', '..');
const MISSIONS = Number(process.env.TOPOLOGY_MISSIONS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'capeo-topology-'));
let cluster: TopologyCluster;

beforeAll(async () => {
  cluster = await startTopology({ dir });
}, 600_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const readmeWalk = (): string => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('# capeo:walk'));
  if (!block) throw new Error('README has no block marked # capeo:walk');
  return block;
};

function runBash(script: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const tickets = (): Array<Record<string, unknown>> => {
  const d = join(cluster.dataDir, 'tickets');
  return readdirSync(d)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(d, f), 'utf8')) as Record<string, unknown>);
};

test("the README's walk through a load balancer alternating the two API replicas completes as on the dev server", async () => {
  const proxy = await roundRobinProxy(cluster.apiUrls);
  try {
    // Not spawnSync: the load balancer answers from this process's event loop.
    const walk = await runBash(readmeWalk(), { API: proxy.url, TEMPORAL_ADDRESS: cluster.temporalAddress, TEMPORAL_NAMESPACE: TOPOLOGY.namespace.name, CAPEO_ADMIN_KEY: cluster.adminKey });
    expect(walk.stderr).toBe('');
    expect(walk.status).toBe(0);
    expect(walk.stdout).toContain('mission: mission-EAVD');
    expect(walk.stdout).toContain('"status":"completed"');
    expect(walk.stdout).toMatch(/Status\s+COMPLETED/);
    expect(walk.stdout).toMatch(/CapeoPhase:[^\]]*?outcomes/);
    // Request n went to replica n mod 2: both served half the walk.
    expect(Math.min(...proxy.served)).toBeGreaterThanOrEqual(15);
    expect(Math.abs(proxy.served[0]! - proxy.served[1]!)).toBeLessThanOrEqual(1);

    const missionId = /mission: (mission-\S+)/.exec(walk.stdout)![1]!;
    const api = new Replicas(cluster.apiUrls);
    const actions = (await everyItem<{ actor: string; action: string }>(api, cluster.adminKey, `/missions/${missionId}/timeline`)).map((e) => `${e.actor}:${e.action}`);
    for (const expected of ['soc-platform:mission.started', 'ann:gate.approved', 'ann:lead.assigned', 'lucas:gate.approved', 'hana:squad.accepted', 'hugo:squad.accepted', 'hana:finding.added', 'lucas:report.released']) {
      expect(actions).toContain(expected);
    }
    expect(actions.filter((a) => a.endsWith(':finding.escalated'))).toHaveLength(1);
    const sent = readOutbox(join(cluster.dataDir, 'outbox')).filter((n) => n.missionId === missionId);
    expect(sent.filter((n) => n.kind === 'escalation')).toHaveLength(1);
    expect(sent.filter((n) => n.kind === 'comms')).toHaveLength(1);
  } finally {
    await proxy.close();
  }
}, 300_000);

test('twenty missions while workers are SIGKILLed, an API replica killed, the Temporal server SIGKILLed and PostgreSQL restarted: all complete, nothing lost or doubled, clocks fire after the downtime', async () => {
  const api = new Replicas(cluster.apiUrls);
  const log = (line: string) => process.stdout.write(`topology: ${line}\n`);
  const events: string[] = [];
  let workerKills = 0;

  // Workers: one SIGKILLed every two to five seconds, in turn, and started again.
  let chaos = true;
  const killer = (async () => {
    for (let n = 0; chaos; n++) {
      await new Promise((r) => setTimeout(r, 2000 + Math.random() * 3000));
      if (!chaos) break;
      const i = n % TOPOLOGY.capeo.workers;
      await cluster.killWorker(i);
      workerKills++;
      // Started again as a restart policy would: a start while the server is down fails, and is tried again.
      for (let attempt = 1; ; attempt++) {
        try {
          await cluster.startWorker(i);
          break;
        } catch (err) {
          if (attempt >= 60) throw err;
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    }
  })();

  // The short mission: its Execution Phase Duration runs out while the Temporal server is down.
  const short = await people(api, cluster.adminKey, '.short');
  let temporalBackAt = 0;
  let temporalKilled!: () => void;
  const downtime = new Promise<void>((resolve) => (temporalKilled = resolve));
  const director = (async () => {
    await new Promise((r) => setTimeout(r, 8000));
    await cluster.killApi(1);
    events.push('api-1 killed');
    await new Promise((r) => setTimeout(r, 5000));
    await cluster.startApi(1);
    events.push('api-1 restarted');

    const id = await walkToExecutePhase(api, short, 'Topology Short', { totalHuntHours: 120 / 3600, executionPhaseHours: 45 / 3600 });
    const deadline = Date.parse((await api.call<Summary>(short.ann, 'GET', `/missions/${id}`)).clocks.execution.deadline!);
    if (deadline - Date.now() < 10_000) throw new Error(`the short mission's execution clock ends in ${deadline - Date.now()} ms, before the downtime could start`);
    await cluster.killTemporal();
    events.push('temporal killed');
    temporalKilled();
    await new Promise((r) => setTimeout(r, Math.max(5000, deadline - Date.now() + 1000)));
    await cluster.startTemporal();
    temporalBackAt = Date.now();
    events.push('temporal restarted');

    await new Promise((r) => setTimeout(r, 10_000));
    await cluster.restartPostgres();
    events.push('postgresql restarted');
    return id;
  })();

  const ids: string[] = [];
  const walkers: Record<string, WalkPeople> = {};
  let next = 0;
  let failed = false;
  const started = Date.now();
  const lanes = await Promise.allSettled(
    Array.from({ length: 5 }, async () => {
      try {
        for (let i = next++; i < MISSIONS && !failed; i = next++) {
          // The second half starts once the server is down: they run through its restart and PostgreSQL's.
          if (i >= MISSIONS / 2) await Promise.race([downtime, director.catch(() => undefined)]);
          const p = await people(api, cluster.adminKey, `.t${i}`);
          const id = await walkToExecute(api, p, `Topology Run ${i}`);
          await walkFromExecute(api, p, id);
          walkers[id] = p;
          ids.push(id);
          log(`${ids.length}/${MISSIONS} missions completed (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      } catch (err) {
        failed = true;
        throw err;
      }
    }),
  );
  const stopChaos = async () => {
    chaos = false;
    await killer;
  };
  const shortId = await director.catch(async (err: Error) => {
    await stopChaos();
    throw err;
  });
  const failure = lanes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await stopChaos();
    throw failure.reason;
  }
  // The short mission's clock fired once, after the downtime; then it completes like the others.
  await poll('short mission overrun', () => api.call<Summary>(short.ann, 'GET', `/missions/${shortId}`), (s) => s.clocks.execution.overrun === true);
  const expiry = await poll(
    'execution expiry audit entry',
    () => everyItem<{ action: string; at: string }>(api, short.ann, `/missions/${shortId}/timeline`),
    (t) => t.some((e) => e.action === 'clock.execution.expired'),
  );
  expect(expiry.filter((e) => e.action === 'clock.execution.expired')).toHaveLength(1);
  expect(Date.parse(expiry.find((e) => e.action === 'clock.execution.expired')!.at)).toBeGreaterThanOrEqual(temporalBackAt - 1000);
  await executeWork(api, short, shortId, 'Topology Short');
  await walkFromExecute(api, short, shortId);
  walkers[shortId] = short;
  ids.push(shortId);
  await stopChaos();
  log(`events: ${events.join(', ')}; ${workerKills} worker kills; replicas served ${api.served.join(' / ')}, ${api.retries} retries; unexpected exits: ${cluster.unexpectedExits.join('; ') || 'none'}`);
  expect(events).toEqual(['api-1 killed', 'api-1 restarted', 'temporal killed', 'temporal restarted', 'postgresql restarted']);
  expect(workerKills).toBeGreaterThanOrEqual(5);
  expect(Math.min(...api.served)).toBeGreaterThan(0);
  expect(ids).toHaveLength(MISSIONS + 1);

  const connection = await Connection.connect({ address: cluster.temporalAddress });
  const client = new Client({ connection, namespace: TOPOLOGY.namespace.name });
  const pg = new PgClient({ connectionString: cluster.storeUrl });
  await pg.connect();
  try {
    const sent = readOutbox(join(cluster.dataDir, 'outbox'));
    expect(new Set(sent.map((n) => n.idempotencyKey)).size).toBe(sent.length);
    const allTickets = tickets();
    const failures: string[] = [];
    for (const id of ids) {
      const p = walkers[id]!;
      const outcome = (await client.workflow.getHandle(id).result()) as { status: string };
      expect(outcome.status).toBe('completed');
      const findings = await everyItem<{ category: string; status: string }>(api, p.ann, `/missions/${id}/findings`);
      // The two the hunters recorded, once each (and the silent EDR source's visibility gap, at most once).
      expect(findings.filter((f) => f.category === 'suspicious-security-event')).toHaveLength(1);
      expect(findings.filter((f) => f.category === 'hunt-opportunity')).toHaveLength(1);
      expect(findings.filter((f) => f.category === 'visibility-gap').length).toBeLessThanOrEqual(1);
      expect(findings.find((f) => f.category === 'suspicious-security-event')).toMatchObject({ status: 'escalated' });
      const mine = sent.filter((n) => n.missionId === id);
      expect(mine.filter((n) => n.kind === 'escalation')).toHaveLength(1);
      expect(mine.filter((n) => n.kind === 'comms')).toHaveLength(1);
      expect(allTickets.filter((t) => t.missionId === id && String(t.id).startsWith('IR-'))).toHaveLength(1);
      const summary = await api.call<Summary>(p.ann, 'GET', `/missions/${id}`);
      expect(summary.counts.effects).toMatchObject({ failed: 0, pending: 0, running: 0 });
      expect(summary.lead).toBe(p.names.lucas);
      const audit = await everyItem<{ action: string }>(api, p.ann, `/missions/${id}/timeline`);
      for (const action of ['mission.started', 'intel.collected', 'finding.escalated', 'report.released']) {
        expect(audit.filter((e) => e.action === action)).toHaveLength(1);
      }
      for await (const run of client.workflow.list({ query: `WorkflowId = '${id}'` })) {
        const history = await client.workflow.getHandle(id, run.runId).fetchHistory();
        for (const e of history.events ?? []) {
          const f = e.workflowTaskFailedEventAttributes;
          if (f && /nondetermin/i.test(`${f.cause} ${f.failure?.message}`)) failures.push(`${id}/${run.runId}: ${f.failure?.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent.filter((n) => n.kind === 'execution-expired' && n.missionId === ids[ids.length - 1])).toHaveLength(1);
    // No missing and no duplicate row: an audit entry for every number a mission gave out, once each.
    const rows = await pg.query(`select mission_id, count(*)::int as n, count(distinct seq)::int as d, max(seq)::int as top from audit_entries where mission_id = any($1) group by mission_id`, [ids]);
    expect(rows.rows).toHaveLength(ids.length);
    for (const row of rows.rows as Array<{ n: number; d: number; top: number }>) {
      expect(row.n).toBe(row.top);
      expect(row.d).toBe(row.n);
    }
  } finally {
    await pg.end();
    await connection.close();
  }
}, 900_000);

test('the metrics docs/operations.md says to watch are served: capeo\'s on every API replica, Temporal\'s on its Prometheus endpoint', async () => {
  const doc = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## What to watch'), doc.indexOf('## Search attributes on a cluster'));
  const documented = [...section.matchAll(/`((?:capeo_|[a-z]+_)[a-z_]+)`/g)].map((m) => m[1]!);
  const served = (text: string) => new Set(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0]!.replace(/_(bucket|sum|count)$/, '')));
  for (const url of cluster.apiUrls) {
    const names = served(await (await fetch(`${url}/metrics`)).text());
    expect(documented.filter((n) => n.startsWith('capeo_') && !names.has(n))).toEqual([]);
  }
  const temporal = await (await fetch(cluster.temporalMetricsUrl)).text();
  const names = served(temporal);
  // Those every run has traffic for (errors, backlogs and failed tasks appear when they happen).
  const everyRun = ['service_requests', 'service_latency', 'persistence_latency', 'task_schedule_to_start_latency', 'lock_requests'];
  expect(everyRun.filter((n) => !documented.includes(n))).toEqual([]);
  expect(everyRun.filter((n) => !names.has(n))).toEqual([]);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { startApi } from '../../api/server';
import { loadConfig, type Config } from '../../config';
import type { Actor } from '../../domain/identity';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';
import { openStore, type MissionStore } from '../../store';
import { embeddedPostgresBinDir, startPostgresServer, type PostgresServer } from '../../store/postgres-server';
import { createLogger } from '../../worker/logger';
import { startWorker, type RunningWorker } from '../../worker/run-worker';
import { mean, percentile } from './stats';
import { formatTable } from './table';
import { copySampleIntel, SAMPLE_LOGS } from '../../test/support/sample-intel';

const ROOT = resolve(__dirname, '..', '..');
const ADMIN_KEY = 'capeo_bench_admin_key_000000000000';

export interface BenchStack {
  config: Config;
  client: Client;
  store: MissionStore;
  /** Absent when the stack was started without one. */
  worker: Worker | undefined;
  api: { url: string; stop(): Promise<void> };
  /** The servers' process ids, for their CPU use (the API's when it runs in a process of its own). */
  pids: { temporal: number; postgres: number; api?: number };
  /** An API key for the actor, made through the API by the bootstrap admin. */
  keyFor(actor: Actor): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * The API as the production topology runs it (the compose file's capeo-api): `tsx api/main.ts`, a
 * process of its own against the stack's Temporal server and store. Answers once it is ready.
 */
async function startApiProcess(env: Record<string, string>, onExit: (code: number | null) => void): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_API_CPU_PROF=dir: the API process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_API_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ...profile, join(ROOT, 'api', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, CAPEO_API_HOST: '127.0.0.1', CAPEO_API_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', (code) => {
    exited = true;
    onExit(code);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('the API process exited before it was ready');
    if (Date.now() > deadline) throw new Error('the API process was not ready within 60 s');
    // Live (not ready: readiness wants a worker, and a benchmark may run none).
    const ready = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async (): Promise<void> => {
    if (exited) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    if (!exited) child.kill('SIGKILL');
  };
  return { url, pid: child.pid!, stop };
}

/**
 * Its own in-memory headless Temporal dev server on a free loopback port, its own
 * mission store (the embedded PostgreSQL), a worker (unless `worker: false`) and the
 * API (rate limit off) on a free port: in this process, or with `apiProcess: true` in a process
 * of its own as deployed; `cleanup` stops all of it.
 */
export async function startBenchStack(o: { worker?: boolean; apiProcess?: boolean } = {}): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const dataDir = mkdtempSync(join(tmpdir(), 'capeo-bench-'));
  const config = loadConfig({
    CAPEO_DATA_DIR: dataDir,
    CAPEO_LOG_LEVEL: 'warn',
    CAPEO_API_PORT: '0',
    CAPEO_RATE_LIMIT_PER_MINUTE: '0',
    CAPEO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    CAPEO_INTEL_DIR: copySampleIntel(dataDir),
    CAPEO_LOG_DIR: SAMPLE_LOGS,
  });
  const log = createLogger(config, 'capeo-bench');
  let server: DevServer | undefined;
  let postgres: PostgresServer | undefined;
  let store: MissionStore | undefined;
  let worker: RunningWorker | undefined;
  let api: BenchStack['api'] | undefined;
  let apiPid: number | undefined;
  let connection: Connection | undefined;
  let stopping = false;
  const cleanup = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await api?.stop().catch((err) => console.error('API stop failed:', err));
    await connection?.close().catch((err) => console.error('client close failed:', err));
    await worker?.stop().catch((err) => console.error('worker stop failed:', err));
    await store?.close().catch(() => undefined);
    await postgres?.stop();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Without its servers a benchmark would only wait out every timeout and retry; it ends at once instead.
  const onServerExit = (name: string) => (code: number | null) => {
    if (stopping) return;
    console.error(`the ${name} exited on its own (code ${code}): stopping`);
    void cleanup().finally(() => process.exit(1));
  };
  try {
    [server, postgres] = await Promise.all([
      startDevServer({ port: await freePort(), headless: true, onExit: onServerExit('Temporal dev server') }),
      startPostgresServer({ binDir: embeddedPostgresBinDir(), dataDir: join(dataDir, 'postgres'), port: await freePort(), database: 'capeo', onExit: onServerExit('mission store (PostgreSQL)') }),
    ]);
    store = await openStore(postgres.url);
    if (o.worker !== false) worker = await startWorker(config, server.address, log, store);
    if (o.apiProcess) {
      const child = await startApiProcess(
        {
          TEMPORAL_ADDRESS: server.address,
          CAPEO_DATABASE_URL: postgres.url,
          CAPEO_DATA_DIR: dataDir,
          CAPEO_LOG_LEVEL: 'warn',
          CAPEO_RATE_LIMIT_PER_MINUTE: '0',
          CAPEO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
          CAPEO_TASK_QUEUE: config.CAPEO_TASK_QUEUE,
          TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
        },
        onServerExit('API process'),
      );
      api = child;
      apiPid = child.pid;
    } else {
      api = await startApi(config, server.address, log, store);
    }
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    process.stderr.write(`temporal ${server.address}, API ${api.url}, task queue ${config.CAPEO_TASK_QUEUE}\n`);
    const apiUrl = api.url;
    const keyFor = async (actor: Actor): Promise<string> => {
      const res = await fetch(`${apiUrl}/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: actor.id, role: actor.role }),
      });
      if (res.status !== 201) throw new Error(`key for ${actor.id}: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    };
    return { config, client, store, worker: worker?.worker, api, pids: { temporal: server.pid, postgres: postgres.pid, ...(apiPid ? { api: apiPid } : {}) }, keyFor, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export interface Phase {
  label: string;
  ok: number;
  failed: number;
  firstError?: string;
  seconds: number;
  latencies: number[];
}

/** Runs op(0..n-1) with `concurrency` in flight; times each one and the whole phase. */
export async function runPhase(label: string, n: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Phase> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) {
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { label, ok: latencies.length, failed, firstError, seconds: (performance.now() - started) / 1000, latencies };
}

/** Waits until the worker has had nothing in flight for `quietMs`, so one phase's work does not load the next. */
export async function settle(worker: Worker | undefined, quietMs = 500, timeoutMs = 30_000): Promise<void> {
  if (!worker) return;
  const deadline = Date.now() + timeoutMs;
  let idleSince: number | undefined;
  while (Date.now() < deadline) {
    const s = worker.getStatus();
    if (s.numInFlightWorkflowActivations === 0 && s.numInFlightActivities === 0) {
      idleSince ??= Date.now();
      if (Date.now() - idleSince >= quietMs) return;
    } else {
      idleSince = undefined;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The two phases side by side: count, throughput, p50/p99/mean/max, and the ratios of the first to the second. */
export function comparisonTable(unit: string, a: Phase, b: Phase): string[] {
  const tput = (p: Phase) => p.ok / p.seconds;
  const f = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
  const rows = [
    ['path', 'done', 'failed', 'wall s', `${unit}/s`, 'p50 ms', 'p99 ms', 'mean ms', 'max ms'],
    ...[a, b].map((p) => [p.label, String(p.ok), String(p.failed), f(p.seconds, 2), f(tput(p)), f(percentile(p.latencies, 50)), f(percentile(p.latencies, 99)), f(mean(p.latencies)), f(Math.max(...p.latencies))]),
  ];
  const out = [
    ...formatTable(rows),
    '',
    `${a.label}/${b.label}  throughput ${f(tput(a) / tput(b), 2)}x   p50 ${f(percentile(a.latencies, 50) / percentile(b.latencies, 50), 2)}x   p99 ${f(percentile(a.latencies, 99) / percentile(b.latencies, 99), 2)}x`,
  ];
  for (const p of [a, b]) if (p.firstError) out.push(`${p.label}: ${p.failed} failed, first error: ${p.firstError}`);
  return out;
}

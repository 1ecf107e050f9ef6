/**
 * Mission start throughput and latency: through the REST API (POST /missions over real HTTP) against
 * the raw Temporal client starting the same `missionWorkflow` directly.
 *
 * The API path is HTTP + validation + code allocation (an Update-with-start on the single mission-code
 * registry workflow, which handles its Updates one at a time) + the workflow start. The raw path is the
 * workflow start alone, with the same arguments and search attributes but a made-up code: no registry.
 * The gap between the two is mostly that registry Update.
 *
 * Everything runs in this process against its own in-memory, headless Temporal dev server on a free
 * loopback port, with a worker and the API on a free port; all are stopped at the end.
 *
 *   npx tsx bench/start-missions.ts [N] [CONCURRENCY]      (or npm run bench -- [N] [CONCURRENCY])
 *   env: BENCH_N (100), BENCH_CONCURRENCY (8), BENCH_WARMUP (5 per path, not counted)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { startApi, type RunningApi } from '../api/server';
import { loadConfig } from '../config';
import { missionCode } from '../domain/nomenclature';
import { SearchAttr } from '../domain/temporal-names';
import { freePort, startDevServer, type DevServer } from '../scripts/dev-server';
import { eavdRequest, platform } from '../test/support/walk';
import { createLogger } from '../worker/logger';
import { startWorker, type RunningWorker } from '../worker/run-worker';
import { mean, percentile } from './lib/stats';

const ROOT = resolve(__dirname, '..');

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got '${raw}'`);
  return n;
}

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 100);
const CONCURRENCY = positiveInt('CONCURRENCY', process.argv[3] ?? process.env.BENCH_CONCURRENCY, 8);
const WARMUP = positiveInt('BENCH_WARMUP', process.env.BENCH_WARMUP, 5, 0);

interface Phase {
  label: string;
  ok: number;
  failed: number;
  firstError?: string;
  seconds: number;
  latencies: number[];
}

/** Runs op(0..n-1) with `concurrency` requests in flight; times each one and the whole phase. */
async function runPhase(label: string, n: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Phase> {
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
  const seconds = (performance.now() - started) / 1000;
  return { label, ok: latencies.length, failed, firstError, seconds, latencies };
}

/** Waits until the worker has had nothing in flight for `quietMs`, so one phase's mission work does not load the next. */
async function settle(worker: Worker, quietMs = 500, timeoutMs = 30_000): Promise<void> {
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

function report(api: Phase, raw: Phase): string {
  const tput = (p: Phase) => p.ok / p.seconds;
  const f = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
  const rows = [
    ['path', 'started', 'failed', 'wall s', 'missions/s', 'p50 ms', 'p99 ms', 'mean ms', 'max ms'],
    ...[api, raw].map((p) => [
      p.label,
      String(p.ok),
      String(p.failed),
      f(p.seconds, 2),
      f(tput(p)),
      f(percentile(p.latencies, 50)),
      f(percentile(p.latencies, 99)),
      f(mean(p.latencies)),
      f(Math.max(...p.latencies)),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = [
    '',
    `capeo mission start: N=${N} per path, concurrency ${CONCURRENCY}, warm-up ${WARMUP} per path (not counted), API path first`,
    '',
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `API/raw  throughput ${f(tput(api) / tput(raw), 2)}x   p50 latency ${f(percentile(api.latencies, 50) / percentile(raw.latencies, 50), 2)}x`,
    '',
    'API  = POST /missions over HTTP: validation, code allocation through the registry Update-with-start',
    '       (one registry workflow, Updates handled one at a time), then client.workflow.start.',
    'raw  = client.workflow.start(\'missionWorkflow\') alone, same args and search attributes, no code registry.',
    'The API path\'s extra cost is mostly that registry Update.',
  ];
  if (Math.ceil(0.99 * N) === N) out.push(`(nearest-rank percentiles: with N=${N}, p99 is the slowest start)`);
  for (const p of [api, raw]) if (p.firstError) out.push(`${p.label}: ${p.failed} failed, first error: ${p.firstError}`);
  return out.join('\n') + '\n';
}

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const dataDir = mkdtempSync(join(tmpdir(), 'capeo-bench-'));
  const config = loadConfig({
    CAPEO_DATA_DIR: dataDir,
    CAPEO_LOG_LEVEL: 'warn',
    CAPEO_API_PORT: '0',
    CAPEO_INTEL_DIR: join(ROOT, 'samples', 'intel'),
  });
  const log = createLogger(config, 'capeo-bench');

  let server: DevServer | undefined;
  let worker: RunningWorker | undefined;
  let api: RunningApi | undefined;
  let connection: Connection | undefined;
  let stopping = false;

  const cleanup = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await api?.stop().catch((err) => console.error('API stop failed:', err));
    await connection?.close().catch((err) => console.error('client close failed:', err));
    await worker?.stop().catch((err) => console.error('worker stop failed:', err));
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await startDevServer({
      port: await freePort(),
      headless: true,
      onExit: (code) => {
        if (!stopping) console.error(`the Temporal dev server exited unexpectedly (code ${code})`);
      },
    });
    worker = await startWorker(config, server.address, log);
    api = await startApi(config, server.address, log);
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    process.stderr.write(`temporal ${server.address}, API ${api.url}, task queue ${config.CAPEO_TASK_QUEUE}\n`);

    const apiUrl = `${api.url}/missions`;
    const headers = { 'content-type': 'application/json', 'x-capeo-actor': platform.id, 'x-capeo-role': platform.role };
    const body = JSON.stringify(eavdRequest);
    const viaApi = async (): Promise<void> => {
      const res = await fetch(apiUrl, { method: 'POST', headers, body });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    };

    const viaRaw = async (workflowId: string, code: string): Promise<void> => {
      await client.workflow.start('missionWorkflow', {
        workflowId,
        taskQueue: config.CAPEO_TASK_QUEUE,
        args: [{ ...eavdRequest, missionId: workflowId, code, iteration: 1, requester: platform }],
        typedSearchAttributes: [
          { key: SearchAttr.phase, value: 'collect' },
          { key: SearchAttr.status, value: 'active' },
          { key: SearchAttr.type, value: eavdRequest.type },
          { key: SearchAttr.code, value: code },
        ],
      });
    };

    // Warm-up: connections, the registry workflow's creation, the worker's first workflow tasks.
    const warmApi = await runPhase('warm-up API', WARMUP, CONCURRENCY, viaApi);
    const warmRaw = await runPhase('warm-up raw', WARMUP, CONCURRENCY, (i) => viaRaw(`bench-raw-warmup-${i}`, missionCode('RAW', 900 + i)));
    for (const w of [warmApi, warmRaw]) if (w.firstError) throw new Error(`${w.label} failed: ${w.firstError}`);
    await settle(worker.worker);

    const apiPhase = await runPhase('API', N, CONCURRENCY, viaApi);
    await settle(worker.worker);
    const rawPhase = await runPhase('raw', N, CONCURRENCY, (i) => viaRaw(`bench-raw-${i}`, missionCode('RAW', i + 1)));

    process.stdout.write(report(apiPhase, rawPhase));
    return apiPhase.failed + rawPhase.failed > 0 ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

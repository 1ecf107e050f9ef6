/**
 * Does a mission's size show in the API? For missions holding SIZES findings (10, 1,000, 10,000 by
 * default): GET /missions/{id} (the bounded summary), GET /missions/{id}/findings?limit=50 (the
 * first page) and POST /missions/{id}/findings (an Update, answered once the finding is in the store;
 * posted on an idle mission, and back to back), p50 and p99 over real HTTP, and the ratio of each
 * figure at the largest size to the same figure at the smallest. The goal is flat.
 *
 * Each mission is walked to Execute through the mission service, then filled through its
 * `sweepFindingsSignal` (the sweeps' own path, 100 findings a signal, each with its own source key)
 * until the summary counts them all and their effects (a ticket per finding) have drained; its policy
 * runs 32 effects at once to fill it sooner. Measuring starts once every mission is full, in ROUNDS
 * rounds that rotate the order of the sizes, so that no size always goes first.
 *
 *   npx tsx bench/mission-size.ts [SIZES] [READS] [WRITES] [ROUNDS]     (npm run bench:size -- …)
 *   SIZES comma-separated (10,1000,10000); READS per read endpoint and mission (200), WRITES findings
 *   posted per mission of each kind (20), both split over ROUNDS (2). env: BENCH_SIZES, BENCH_READS, BENCH_WRITES, BENCH_ROUNDS
 */
import { performance } from 'node:perf_hooks';
import { MissionService } from '../api/services/missions';
import type { NewFinding } from '../domain/findings';
import { sweepFindingsSignal } from '../domain/messages';
import type { MissionSummary } from '../domain/mission-summary';
import { eavdRequest, hunter, platform, walkToExecute } from '../test/support/walk';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient, type HttpClient } from './lib/http';
import { mergeRounds } from './lib/rounds';
import { runPhase, settle, startBenchStack, type BenchStack, type Phase } from './lib/stack';
import { percentile } from './lib/stats';
import { formatTable } from './lib/table';

const SIZES = (process.argv[2] ?? process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map((s) => positiveInt('SIZES', s.trim(), 0));
const READS = positiveInt('READS', process.argv[3] ?? process.env.BENCH_READS, 200);
const WRITES = positiveInt('WRITES', process.argv[4] ?? process.env.BENCH_WRITES, 20);
const ROUNDS = positiveInt('ROUNDS', process.argv[5] ?? process.env.BENCH_ROUNDS, 2);
const SIGNAL_BATCH = 100;
const FILL_TIMEOUT_MS = 15 * 60_000;
/** Findings posted so far, over all missions: each gets its own source key. */
let posted = 0;

const finding = (key: string, n: number): NewFinding => ({
  category: 'hunt-opportunity',
  title: `Lookalike domain bench-${n}.example registered`,
  description: `A lookalike of the protected brand, recorded by the mission-size benchmark (${key}).`,
  severity: 'low',
  evidence: [{ kind: 'dns', summary: `bench-${n}.example A 192.0.2.${n % 250}` }],
  observables: [{ type: 'domain', value: `bench-${n}.example` }],
  sourceKey: key,
  flags: [],
});

/** A mission at Execute holding `size` findings, every one of their effects done. */
async function missionOfSize(stack: BenchStack, missions: MissionService, size: number): Promise<string> {
  const { missionId } = await missions.start({ ...eavdRequest, codeName: `Size ${size}`, policy: { effectConcurrency: 32 } }, platform);
  await walkToExecute(missions, missionId);
  const handle = stack.client.workflow.getHandle(missionId);
  for (let from = 0; from < size; from += SIGNAL_BATCH) {
    const batch = Array.from({ length: Math.min(SIGNAL_BATCH, size - from) }, (_, i) => finding(`bench:${size}:${from + i}`, from + i));
    await handle.signal(sweepFindingsSignal, { sweep: 0, findings: batch });
  }
  const started = performance.now();
  const deadline = Date.now() + FILL_TIMEOUT_MS;
  let last = '';
  for (;;) {
    const s: MissionSummary = await missions.summary(missionId);
    const e = s.counts.effects;
    if (s.counts.findings.total >= size && e.pending + e.running === 0) break;
    const progress = `${missionId}: ${s.counts.findings.total}/${size} findings, effects ${e.done} done, ${e.pending + e.running} to go, ${e.failed} failed`;
    if (progress !== last) process.stderr.write(`${progress} (${((performance.now() - started) / 1000).toFixed(0)}s)\n`);
    last = progress;
    if (Date.now() > deadline) throw new Error(`${progress}: not full after ${FILL_TIMEOUT_MS / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return missionId;
}

const REQUESTS = ['summary', 'page', 'post idle', 'post busy'] as const;
type Request = (typeof REQUESTS)[number];
const LABELS: Record<Request, string> = {
  summary: 'GET /missions/{id}',
  page: 'GET /missions/{id}/findings?limit=50',
  'post idle': 'POST /missions/{id}/findings, idle mission',
  'post busy': 'POST /missions/{id}/findings, back to back',
};

/**
 * One round of every request on one mission. A posted finding leaves its ticket to make after the
 * answer: "idle" posts each wait for the worker to go idle first (a hunter's pace), "busy" ones follow
 * each other at once, so each meets the previous one's ticket and store writes.
 */
async function measureRound(http: HttpClient, worker: BenchStack['worker'], id: string, reads: number, writes: number): Promise<Record<Request, Phase>> {
  const post = async () => void expectStatus(await http.post(`/missions/${id}/findings`, finding(`bench:post:${posted}`, 1_000_000 + posted++)), 201, 'POST …/findings');
  const summary = await runPhase('summary', reads, 1, async () => void expectStatus(await http.get(`/missions/${id}`), 200, 'GET /missions/{id}'));
  const page = await runPhase('page', reads, 1, async () => void expectStatus(await http.get(`/missions/${id}/findings?limit=50`), 200, 'GET …/findings'));
  const idle: Phase[] = [];
  for (let i = 0; i < writes; i++) {
    await settle(worker, 100);
    idle.push(await runPhase('post idle', 1, 1, post));
  }
  await settle(worker, 100);
  const busy = await runPhase('post busy', writes, 1, post);
  await settle(worker);
  return { summary, page, 'post idle': mergeRounds('post idle', idle), 'post busy': busy };
}

async function main(): Promise<number> {
  const stack = await startBenchStack();
  let http: HttpClient | undefined;
  try {
    http = httpClient(stack.api.url, { authorization: `Bearer ${await stack.keyFor(hunter)}` });
    const missions = new MissionService(stack.client, stack.store, stack.config.CAPEO_TASK_QUEUE);
    const filling = performance.now();
    const ids = await Promise.all(SIZES.map((size) => missionOfSize(stack, missions, size)));
    process.stderr.write(`missions filled in ${((performance.now() - filling) / 1000).toFixed(0)}s\n`);
    await settle(stack.worker);

    const rounds = SIZES.map(() => Object.fromEntries(REQUESTS.map((q) => [q, [] as Phase[]])) as Record<Request, Phase[]>);
    // The warm-up: every request a few times on every mission, not counted.
    for (const id of ids) await measureRound(http, stack.worker, id, 5, 2);
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < SIZES.length; k++) {
        const i = (k + r) % SIZES.length;
        const m = await measureRound(http, stack.worker, ids[i]!, Math.ceil(READS / ROUNDS), Math.ceil(WRITES / ROUNDS));
        for (const q of REQUESTS) rounds[i]![q].push(m[q]);
      }
    }

    const merged = rounds.map((f) => REQUESTS.map((q) => [LABELS[q], mergeRounds(q, f[q])] as const));
    const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
    const out = ['', `capeo mission size: ${SIZES.join(', ')} findings; ${READS} reads per endpoint, ${WRITES} posts of each kind per mission, sequential, in ${ROUNDS} rotating rounds`];
    merged.forEach((m, i) => {
      out.push('', `${SIZES[i]} findings (${ids[i]})`);
      out.push(...formatTable([['request', 'n', 'failed', 'p50 ms', 'p99 ms'], ...m.map(([label, p]) => [label, String(p.ok), String(p.failed), ms(percentile(p.latencies, 50)), ms(percentile(p.latencies, 99))])]));
    });
    const [small, large] = [merged[0]!, merged.at(-1)!];
    const ratio = (a: Phase, b: Phase, p: number) => `${(percentile(a.latencies, p) / percentile(b.latencies, p)).toFixed(2)}x`;
    out.push('', `ratio ${SIZES.at(-1)} / ${SIZES[0]} findings (goal: flat, 1.0x; a page of a mission under 50 findings is shorter)`);
    out.push(...formatTable([['request', 'p50', 'p99'], ...large.map(([label, p], j) => [label, ratio(p, small[j]![1], 50), ratio(p, small[j]![1], 99)])]));
    for (const m of merged) for (const [label, p] of m) if (p.firstError) out.push(`${label}: ${p.failed} failed, first error: ${p.firstError}`);
    process.stdout.write(`${out.join('\n')}\n\n`);
    return merged.some((m) => m.some(([, p]) => p.failed > 0)) ? 1 : 0;
  } finally {
    http?.close();
    await stack.cleanup();
  }
}

runBenchmark(main);

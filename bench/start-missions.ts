/**
 * Mission start throughput and latency: through the REST API (POST /missions over real HTTP) against
 * the raw Temporal client starting `huntMissionWorkflow` directly. Target: API throughput >= 0.9x raw.
 *
 * The API path is HTTP + authentication + validation + the code's reservation in the mission store
 * (the type's sequence and the mission's row, one statement; reservations that come together share
 * one) + the workflow start.
 * The raw path is the workflow start alone: the same start input and search attributes, a made-up
 * code, nothing in the store. With BENCH_BREAKDOWN=1 two more paths split the API's cost: the
 * launcher called in-process (reservation + start, no HTTP) and the reservation alone.
 *
 * The API runs in a process of its own, as the production topology deploys it (the compose file's
 * capeo-api); the load generator and the raw client run in this one. BENCH_API_IN_PROCESS=1 runs the
 * API in this process instead (one Node thread for the load, the API and its Temporal client).
 *
 * The stack runs no worker: what is measured is the start, not the mission's first phase. With one,
 * the two paths would not load it alike (an API mission runs its Collect phase at once, a raw one has
 * no row in the store and only retries its first store write). The paths alternate in ROUNDS short
 * rounds (A B, B A, …), each after the servers have gone quiet. The CPU table says what each start
 * costs every process, which on a small machine is what throughput comes down to.
 *
 *   npx tsx bench/start-missions.ts [N] [CONCURRENCY] [ROUNDS]     (npm run bench:starts -- …)
 *   env: BENCH_N (400 per path), BENCH_CONCURRENCY (8), BENCH_ROUNDS (4), BENCH_WARMUP (20 per path), BENCH_BREAKDOWN,
 *        BENCH_API_IN_PROCESS
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/identity';
import { startMissionRequestSchema } from '../domain/mission';
import { MISSION_WORKFLOW_TYPE, type MissionStartInput, type MissionWorkflow } from '../domain/mission-start';
import { missionCode } from '../domain/nomenclature';
import { initialMissionSearchAttributes, missionWorkflowId } from '../domain/temporal-names';
import { startMission } from '../launch/start-mission';
import { reserveMission } from '../store/mission-registry';
import { eavdRequest, platform } from '../test/support/walk';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient, type HttpClient } from './lib/http';
import { cpuSince, cpuTable, pinTrees, sampleCpu, settleServers, sumCpu, type CpuSample } from './lib/cpu';
import { mergeRounds, roundOrder } from './lib/rounds';
import { comparisonTable, runPhase, startBenchStack, type BenchStack, type Phase } from './lib/stack';

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 400);
const CONCURRENCY = positiveInt('CONCURRENCY', process.argv[3] ?? process.env.BENCH_CONCURRENCY, 8);
const ROUNDS = positiveInt('ROUNDS', process.argv[4] ?? process.env.BENCH_ROUNDS, 4);
const WARMUP = positiveInt('BENCH_WARMUP', process.env.BENCH_WARMUP, 20, 0);
const BREAKDOWN = process.env.BENCH_BREAKDOWN === '1';
const API_IN_PROCESS = process.env.BENCH_API_IN_PROCESS === '1';

interface Path {
  label: string;
  /** Starts mission number `seq` (unique over the run). */
  op(seq: number): Promise<void>;
}

function paths(stack: BenchStack, http: HttpClient): Path[] {
  const { client, config, store } = stack;
  const taskQueue = config.CAPEO_TASK_QUEUE;
  const request = startMissionRequestSchema.parse(eavdRequest);
  const requester: Actor = platform;

  const viaApi: Path = {
    label: 'API',
    op: async () => void expectStatus(await http.post('/missions', eavdRequest), 201, 'POST /missions'),
  };

  const raw: Path = {
    label: 'raw',
    async op(seq) {
      const code = missionCode('RAW', seq);
      const start: MissionStartInput = { ...request, missionId: missionWorkflowId(code, 1), code, iteration: 1, requester };
      await client.workflow.start<MissionWorkflow>(MISSION_WORKFLOW_TYPE, {
        workflowId: start.missionId,
        taskQueue,
        args: [{ start }],
        typedSearchAttributes: initialMissionSearchAttributes(start.type, start.code, start.codeName),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    },
  };

  const launcher: Path = {
    label: 'launcher',
    op: async () => void (await startMission({ client, store, taskQueue }, eavdRequest, requester)),
  };
  const reserveOnly: Path = {
    label: 'reserve',
    op: async () =>
      void (await reserveMission(store.db, {
        requestId: randomUUID(),
        requestHash: randomUUID(),
        row: { type: request.type, codeName: request.codeName, startRequest: request, requester: requester.id, previousMissionId: null },
      })),
  };
  return BREAKDOWN ? [viaApi, raw, launcher, reserveOnly] : [viaApi, raw];
}

/** Both paths, in alternating rounds, measured in the current CPU layout. */
async function measure(stack: BenchStack, all: Path[], layout: string): Promise<{ lines: string[]; ratio: number; failed: boolean }> {
  const cpu = new Map<Path, CpuSample[]>(all.map((p) => [p, []]));
  let seq = layout === 'shared' ? 0 : 1_000_000;
  const run = async (p: Path, label: string, n: number): Promise<Phase> => {
    const base = seq;
    seq += n;
    const before = sampleCpu(stack.pids);
    const phase = await runPhase(label, n, CONCURRENCY, (i) => p.op(base + i + 1));
    cpu.get(p)!.push(cpuSince(before, sampleCpu(stack.pids)));
    await settleServers(stack.pids);
    return phase;
  };
  // Warm-up: connections, the pool, the sequence row, the JIT.
  for (const p of all) {
    const w = await run(p, `warm-up ${p.label}`, WARMUP);
    if (w.failed) throw new Error(`${w.label} failed: ${w.firstError}`);
    cpu.get(p)!.length = 0;
  }
  const rounds = new Map<Path, Phase[]>(all.map((p) => [p, []]));
  const perRound = Math.ceil(N / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of roundOrder(all, r)) rounds.get(p)!.push(await run(p, p.label, perRound));
  }
  const [apiPhase, rawPhase, ...parts] = all.map((p) => mergeRounds(p.label, rounds.get(p)!));
  const cpuRows = all.map((p) => ({ label: p.label, ops: rounds.get(p)!.reduce((s, r) => s + r.ok + r.failed, 0), cpu: sumCpu(cpu.get(p)!) }));
  const ratio = apiPhase!.ok / apiPhase!.seconds / (rawPhase!.ok / rawPhase!.seconds);
  return {
    ratio,
    failed: all.some((p) => rounds.get(p)!.some((r) => r.failed > 0)),
    lines: [
      '',
      `— ${layout}: ${perRound * ROUNDS} per path in ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}, warm-up ${WARMUP} per path (not counted)`,
      '',
      ...comparisonTable('missions', apiPhase!, rawPhase!),
      ...parts.flatMap((p) => ['', ...comparisonTable('missions', p, rawPhase!)]),
      '',
      `CPU per start during the timed rounds (node = this process: the load generator and the raw client${API_IN_PROCESS ? ', and the API' : '; api = the API process'}):`,
      ...cpuTable('start', cpuRows),
    ],
  };
}

async function main(): Promise<number> {
  const stack = await startBenchStack({ worker: false, apiProcess: !API_IN_PROCESS });
  let http: HttpClient | undefined;
  try {
    http = httpClient(stack.api.url, { authorization: `Bearer ${await stack.keyFor(platform)}` });
    const all = paths(stack, http);
    // On one box every path shares the cores with the Temporal server; in production Temporal runs on
    // hosts of its own. Both layouts are measured: all processes on every core, then Temporal pinned
    // to core 0 and everything else (API, bench client, PostgreSQL) to core 1.
    const shared = await measure(stack, all, 'shared');
    const pinned = pinTrees({ 0: [stack.pids.temporal], 1: [process.pid, stack.pids.postgres, ...(stack.pids.api ? [stack.pids.api] : [])] });
    const isolated = pinned ? await measure(stack, all, 'Temporal on a core of its own') : undefined;
    const verdict = (r: number) => `${r.toFixed(2)}x ${r >= 0.9 ? 'met' : 'MISSED'}`;
    process.stdout.write(
      [
        '',
        `capeo mission start: the API (${API_IN_PROCESS ? 'in the bench process' : 'a process of its own, as deployed'}) against the raw Temporal client`,
        ...shared.lines,
        ...(isolated ? isolated.lines : ['', '(taskset unavailable: the isolated layout was not measured)']),
        '',
        `target: API throughput >= 0.90x raw — shared cores ${verdict(shared.ratio)}${isolated ? `; Temporal on its own core ${verdict(isolated.ratio)}` : ''}`,
        'API = POST /missions over HTTP: auth, validation, the code reserved in the store (one statement: sequence and row; starts that come together share one), then the start.',
        `raw = client.workflow.start('${MISSION_WORKFLOW_TYPE}') alone, same start input and search attributes, a made-up code, no store.`,
        ...(BREAKDOWN ? ['launcher = startMission() in-process: the reservation and the start, no HTTP.', 'reserve = the store reservation alone, no workflow.'] : []),
        '',
      ].join('\n'),
    );
    return shared.failed || isolated?.failed ? 1 : 0;
  } finally {
    http?.close();
    await stack.cleanup();
  }
}

runBenchmark(main);

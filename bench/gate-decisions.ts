/**
 * Gate-decision round trip: POST /missions/{id}/gates/collect/decision over real HTTP against a raw
 * Temporal `executeUpdate(decideGateUpdate)` on the same server. Target: API p50 <= 1.1x raw.
 *
 * Both wait for the same thing: the Update's validator, its handler, the workflow entering Analyze
 * with its gate open, and that written to the mission store. The API adds HTTP, authentication,
 * validation and its look-up of the mission in the store. Every mission is started through the API
 * and waits at its Collect gate (polled through GET /missions/{id}) before any decision is timed;
 * the paths alternate in ROUNDS short rounds (A B, B A, …), each after the worker has gone idle.
 *
 *   npx tsx bench/gate-decisions.ts [N] [CONCURRENCY] [ROUNDS]     (npm run bench:gates -- …)
 *   env: BENCH_N (80 per path), BENCH_CONCURRENCY (4), BENCH_ROUNDS (4)
 */
import { decideGateUpdate } from '../domain/messages';
import type { MissionSummary } from '../domain/mission-summary';
import { eavdRequest, manager, platform } from '../test/support/walk';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient, type HttpClient } from './lib/http';
import { mergeRounds, roundOrder } from './lib/rounds';
import { comparisonTable, runPhase, settle, startBenchStack, type Phase } from './lib/stack';
import { percentile } from './lib/stats';

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 80);
const CONCURRENCY = positiveInt('CONCURRENCY', process.argv[3] ?? process.env.BENCH_CONCURRENCY, 4);
const ROUNDS = positiveInt('ROUNDS', process.argv[4] ?? process.env.BENCH_ROUNDS, 4);
const PREPARE_TIMEOUT_MS = 120_000;

/** Starts n missions through the API and waits until each has its Collect gate open. */
async function missionsAtCollectGate(http: HttpClient, n: number): Promise<string[]> {
  const ids: string[] = [];
  const started = await runPhase('start', n, 4, async () => {
    ids.push(expectStatus<{ missionId: string }>(await http.post('/missions', eavdRequest), 201, 'POST /missions').missionId);
  });
  if (started.failed) throw new Error(`starting missions: ${started.firstError}`);
  const deadline = Date.now() + PREPARE_TIMEOUT_MS;
  for (const id of ids) {
    for (;;) {
      const a = await http.get(`/missions/${id}`);
      if (a.status === 200 && (JSON.parse(a.text) as MissionSummary).openGate === 'collect') break;
      if (Date.now() > deadline) throw new Error(`${id}: its Collect gate did not open in ${PREPARE_TIMEOUT_MS / 1000}s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return ids;
}

async function main(): Promise<number> {
  const stack = await startBenchStack();
  let starter: HttpClient | undefined;
  let deciding: HttpClient | undefined;
  try {
    const { client, api, worker } = stack;
    starter = httpClient(api.url, { authorization: `Bearer ${await stack.keyFor(platform)}` });
    deciding = httpClient(api.url, { authorization: `Bearer ${await stack.keyFor(manager)}` });
    const perRound = Math.ceil(N / ROUNDS);
    const forApi = await missionsAtCollectGate(starter, perRound * ROUNDS);
    const forRaw = await missionsAtCollectGate(starter, perRound * ROUNDS);
    await settle(worker);

    const http = deciding;
    const paths = [
      {
        label: 'API',
        ids: forApi,
        decide: async (id: string) => void expectStatus(await http.post(`/missions/${id}/gates/collect/decision`, { decision: 'approve' }), 200, 'decision'),
      },
      {
        label: 'raw',
        ids: forRaw,
        decide: async (id: string) => void (await client.workflow.getHandle(id).executeUpdate(decideGateUpdate, { args: [{ gate: 'collect', decision: 'approve', actor: manager }] })),
      },
    ];
    const rounds = new Map<string, Phase[]>(paths.map((p) => [p.label, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const p of roundOrder(paths, r)) {
        const ids = p.ids.slice(r * perRound, (r + 1) * perRound);
        rounds.get(p.label)!.push(await runPhase(p.label, ids.length, CONCURRENCY, (i) => p.decide(ids[i]!)));
        await settle(worker);
      }
    }
    const [viaApi, viaRaw] = paths.map((p) => mergeRounds(p.label, rounds.get(p.label)!));
    const ratio = percentile(viaApi!.latencies, 50) / percentile(viaRaw!.latencies, 50);

    process.stdout.write(
      [
        '',
        `capeo gate decision round trip: ${perRound * ROUNDS} per path in ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}`,
        '',
        ...comparisonTable('decisions', viaApi!, viaRaw!),
        '',
        `target: API p50 <= 1.10x raw — ${ratio <= 1.1 ? 'met' : 'MISSED'}`,
        "API = POST .../gates/collect/decision over HTTP: auth, validation, the mission looked up in the store, executeUpdate; it answers the Update's acknowledgement.",
        'raw = handle.executeUpdate(decideGateUpdate) alone.',
        '',
      ].join('\n'),
    );
    return viaApi!.failed + viaRaw!.failed > 0 ? 1 : 0;
  } finally {
    starter?.close();
    deciding?.close();
    await stack.cleanup();
  }
}

runBenchmark(main);

/**
 * Mission start throughput and latency: through the REST API (POST /missions over real HTTP) against
 * the raw Temporal client starting the same `missionWorkflow` directly.
 *
 * The API path is HTTP + authentication + validation + code allocation (an Update-with-start on the
 * single mission-code registry workflow, which handles its Updates one at a time) + the workflow start.
 * The raw path is the workflow start alone, same arguments and search attributes, a made-up code.
 *
 *   npx tsx bench/start-missions.ts [N] [CONCURRENCY]      (or npm run bench -- [N] [CONCURRENCY])
 *   env: BENCH_N (100), BENCH_CONCURRENCY (8), BENCH_WARMUP (5 per path, not counted)
 */
import { startMissionRequestSchema } from '../domain/mission';
import { missionCode } from '../domain/nomenclature';
import { initialMissionSearchAttributes } from '../domain/temporal-names';
import { eavdRequest, platform } from '../test/support/walk';
import { positiveInt } from './lib/args';
import { comparisonTable, runPhase, settle, startBenchStack } from './lib/stack';

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 100);
const CONCURRENCY = positiveInt('CONCURRENCY', process.argv[3] ?? process.env.BENCH_CONCURRENCY, 8);
const WARMUP = positiveInt('BENCH_WARMUP', process.env.BENCH_WARMUP, 5, 0);

async function main(): Promise<number> {
  const stack = await startBenchStack();
  try {
    const { client, config, api, worker } = stack;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await stack.keyFor(platform)}` };
    const body = JSON.stringify(eavdRequest);
    const viaApi = async (): Promise<void> => {
      const res = await fetch(`${api.url}/missions`, { method: 'POST', headers, body });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    };
    const request = startMissionRequestSchema.parse(eavdRequest);
    const viaRaw = async (workflowId: string, code: string): Promise<void> => {
      await client.workflow.start('missionWorkflow', {
        workflowId,
        taskQueue: config.CAPEO_TASK_QUEUE,
        args: [{ ...request, missionId: workflowId, code, iteration: 1, requester: platform }],
        typedSearchAttributes: initialMissionSearchAttributes(request.type, code, request.codeName),
      });
    };

    // Warm-up: connections, the registry workflow's creation, the worker's first workflow tasks.
    const warmApi = await runPhase('warm-up API', WARMUP, CONCURRENCY, viaApi);
    const warmRaw = await runPhase('warm-up raw', WARMUP, CONCURRENCY, (i) => viaRaw(`bench-raw-warmup-${i}`, missionCode('RAW', 900 + i)));
    for (const w of [warmApi, warmRaw]) if (w.firstError) throw new Error(`${w.label} failed: ${w.firstError}`);
    await settle(worker);

    const apiPhase = await runPhase('API', N, CONCURRENCY, viaApi);
    await settle(worker);
    const rawPhase = await runPhase('raw', N, CONCURRENCY, (i) => viaRaw(`bench-raw-${i}`, missionCode('RAW', i + 1)));

    process.stdout.write(
      [
        '',
        `capeo mission start: N=${N} per path, concurrency ${CONCURRENCY}, warm-up ${WARMUP} per path (not counted)`,
        '',
        ...comparisonTable('missions', apiPhase, rawPhase),
        '',
        'API = POST /missions over HTTP: auth, validation, code allocation through the registry Update-with-start, then the start.',
        "raw = client.workflow.start('missionWorkflow') alone, same args and search attributes, no code registry.",
        '',
      ].join('\n'),
    );
    return apiPhase.failed + rawPhase.failed > 0 ? 1 : 0;
  } finally {
    await stack.cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

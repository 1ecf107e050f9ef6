/**
 * Gate-decision round trip: POST /missions/{id}/gates/collect/decision over real HTTP against a raw
 * Temporal `executeUpdate(decideGate)` on the same server. Both wait for the same thing: the
 * Update's validator, its handler, and the workflow entering Analyze with its gate open.
 *
 *   npx tsx bench/gate-decisions.ts [N] [CONCURRENCY]
 *   env: BENCH_N (50), BENCH_CONCURRENCY (4)
 */
import { decideGateUpdate } from '../domain/messages';
import { eavdRequest, manager, platform } from '../test/support/walk';
import { positiveInt } from './lib/args';
import { comparisonTable, runPhase, settle, startBenchStack } from './lib/stack';

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 50);
const CONCURRENCY = positiveInt('CONCURRENCY', process.argv[3] ?? process.env.BENCH_CONCURRENCY, 4);

/** Starts n missions through the API and waits until each has its Collect gate open. */
async function missionsAtCollectGate(apiUrl: string, key: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${apiUrl}/missions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(eavdRequest),
    });
    ids.push(((await res.json()) as { missionId: string }).missionId);
  }
  for (const id of ids) {
    for (;;) {
      const res = await fetch(`${apiUrl}/missions/${id}`, { headers: { authorization: `Bearer ${key}` } });
      if (res.status === 200 && ((await res.json()) as { openGate: string | null }).openGate === 'collect') break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return ids;
}

async function main(): Promise<number> {
  const stack = await startBenchStack();
  try {
    const { client, api, worker } = stack;
    const [platformKey, managerKey] = [await stack.keyFor(platform), await stack.keyFor(manager)];
    const forApi = await missionsAtCollectGate(api.url, platformKey, N);
    const forRaw = await missionsAtCollectGate(api.url, platformKey, N);
    await settle(worker);

    const viaApi = await runPhase('API', N, CONCURRENCY, async (i) => {
      const res = await fetch(`${api.url}/missions/${forApi[i]}/gates/collect/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${managerKey}` },
        body: JSON.stringify({ decision: 'approve' }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    });
    await settle(worker);
    const viaRaw = await runPhase('raw', N, CONCURRENCY, async (i) => {
      await client.workflow.getHandle(forRaw[i]!).executeUpdate(decideGateUpdate, { args: [{ gate: 'collect', decision: 'approve', actor: manager }] });
    });

    process.stdout.write(
      [
        '',
        `capeo gate decision round trip: N=${N} per path, concurrency ${CONCURRENCY}`,
        '',
        ...comparisonTable('decisions', viaApi, viaRaw),
        '',
        'API = POST .../gates/collect/decision over HTTP: auth, validation, executeUpdate; it answers the Update\'s acknowledgement.',
        'raw = handle.executeUpdate(decideGate) alone.',
        '',
      ].join('\n'),
    );
    return viaApi.failed + viaRaw.failed > 0 ? 1 : 0;
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

/**
 * capeo on its production topology (test/support/topology-cluster.ts: the Temporal server on
 * PostgreSQL, two API replicas, one then two workers): mission starts per second and the gate-decision
 * round trip through the API replicas (requests alternating between them), against the raw Temporal
 * client on the same server. Figures are printed, not asserted; docs/operations.md sizes from them.
 *
 * starts: POST /missions (auth, validation, the code reserved in the store, the start; the mission's
 * Collect phase then runs on the workers) against client.workflow.start of the same input on a task
 * queue no worker polls (the start alone).
 * gates: POST .../gates/collect/decision against handle.executeUpdate(decideGateUpdate), each on
 * missions waiting at their Collect gate.
 *
 *   npx tsx bench/topology.ts [STARTS] [DECISIONS] [CONCURRENCY]     (npm run bench:topology -- …)
 *   env: BENCH_STARTS (120 per path), BENCH_DECISIONS (40 per path), BENCH_CONCURRENCY (8)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startMissionRequestSchema } from '../domain/mission';
import { decideGateUpdate } from '../domain/messages';
import { MISSION_WORKFLOW_TYPE, type MissionStartInput, type MissionWorkflow } from '../domain/mission-start';
import type { MissionSummary } from '../domain/mission-summary';
import { missionCode } from '../domain/nomenclature';
import { initialMissionSearchAttributes, missionWorkflowId } from '../domain/temporal-names';
import { TOPOLOGY } from '../scripts/topology';
import { startTopology } from '../test/support/topology-cluster';
import { eavdRequest, manager, platform } from '../test/support/walk';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient, type HttpClient } from './lib/http';
import { comparisonTable, runPhase, type Phase } from './lib/stack';
import { percentile } from './lib/stats';

const STARTS = positiveInt('STARTS', process.argv[2] ?? process.env.BENCH_STARTS, 120);
const DECISIONS = positiveInt('DECISIONS', process.argv[3] ?? process.env.BENCH_DECISIONS, 40);
const CONCURRENCY = positiveInt('CONCURRENCY', process.argv[4] ?? process.env.BENCH_CONCURRENCY, 8);

/** Request n to replica n mod N, as a load balancer in front of them does. */
const alternating = (clients: HttpClient[]) => {
  let n = 0;
  return () => clients[n++ % clients.length]!;
};

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-bench-topology-'));
  const cluster = await startTopology({ dir, workers: 2 });
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  const client = new Client({ connection, namespace: TOPOLOGY.namespace.name });
  const opened: HttpClient[] = [];
  try {
    const admin = httpClient(cluster.apiUrls[0]!, { authorization: `Bearer ${cluster.adminKey}` });
    opened.push(admin);
    const keyFor = async (name: string, role: string) => expectStatus<{ key: string }>(await admin.post('/api-keys', { name, role }), 201, 'POST /api-keys').key;
    const asRole = async (name: string, role: string) => {
      const key = await keyFor(name, role);
      const clients = cluster.apiUrls.map((url) => httpClient(url, { authorization: `Bearer ${key}` }));
      opened.push(...clients);
      return alternating(clients);
    };
    const soc = await asRole(platform.id, 'platform');
    const ann = await asRole(manager.id, 'manager');
    const request = startMissionRequestSchema.parse(eavdRequest);
    let rawSeq = 0;

    const startsVia = {
      api: async () => void expectStatus(await soc().post('/missions', eavdRequest), 201, 'POST /missions'),
      raw: async () => {
        const code = missionCode('RAW', ++rawSeq);
        const start: MissionStartInput = { ...request, missionId: missionWorkflowId(code, 1), code, iteration: 1, requester: platform };
        await client.workflow.start<MissionWorkflow>(MISSION_WORKFLOW_TYPE, {
          workflowId: start.missionId,
          taskQueue: 'bench-topology-raw',
          args: [{ start }],
          typedSearchAttributes: initialMissionSearchAttributes(start.type, start.code, start.codeName),
        });
      },
    };

    const atCollectGate = async (n: number): Promise<string[]> => {
      const ids: string[] = [];
      const started = await runPhase('prepare', n, 4, async () => {
        ids.push(expectStatus<{ missionId: string }>(await soc().post('/missions', eavdRequest), 201, 'POST /missions').missionId);
      });
      if (started.failed) throw new Error(`starting missions: ${started.firstError}`);
      for (const id of ids) {
        const deadline = Date.now() + 180_000;
        for (;;) {
          const a = await ann().get(`/missions/${id}`);
          if (a.status === 200 && (JSON.parse(a.text) as MissionSummary).openGate === 'collect') break;
          if (Date.now() > deadline) throw new Error(`${id}: its Collect gate did not open within 180 s`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      return ids;
    };

    const lines: string[] = [];
    let failed = false;
    for (const workers of [2, 1]) {
      if (workers === 1) await cluster.killWorker(1);
      const api = await runPhase('API', STARTS, CONCURRENCY, () => startsVia.api());
      const raw = await runPhase('raw', STARTS, CONCURRENCY, () => startsVia.raw());
      const forApi = await atCollectGate(DECISIONS);
      const forRaw = await atCollectGate(DECISIONS);
      const decideApi = await runPhase('API', DECISIONS, 4, async (i) =>
        void expectStatus(await ann().post(`/missions/${forApi[i]}/gates/collect/decision`, { decision: 'approve' }), 200, 'decision'),
      );
      const decideRaw = await runPhase('raw', DECISIONS, 4, async (i) =>
        void (await client.workflow.getHandle(forRaw[i]!).executeUpdate(decideGateUpdate, { args: [{ gate: 'collect', decision: 'approve', actor: manager }] })),
      );
      failed ||= [api, raw, decideApi, decideRaw].some((p: Phase) => p.failed > 0);
      lines.push(
        '',
        `— ${workers} worker${workers > 1 ? 's' : ''}, ${cluster.apiUrls.length} API replicas (requests alternating), Temporal ${TOPOLOGY.temporal.version} on PostgreSQL ${TOPOLOGY.postgres.major}`,
        '',
        `mission starts: ${STARTS} per path, concurrency ${CONCURRENCY}`,
        ...comparisonTable('missions', api, raw),
        '',
        `gate decisions (Collect): ${DECISIONS} per path, concurrency 4; p50 API ${percentile(decideApi.latencies, 50).toFixed(1)} ms, raw ${percentile(decideRaw.latencies, 50).toFixed(1)} ms`,
        ...comparisonTable('decisions', decideApi, decideRaw),
      );
    }
    process.stdout.write(
      [
        '',
        'capeo on the production topology (bench/topology.ts): the API replicas against the raw Temporal client on the same server',
        ...lines,
        '',
        'starts: API = POST /missions (auth, validation, the store reservation, the start; the Collect phase then runs on the workers);',
        "        raw = client.workflow.start alone, same input, on a task queue no worker polls.",
        'gates:  API = POST .../gates/collect/decision; raw = handle.executeUpdate(decideGateUpdate). Both wait for the workflow to apply it.',
        '',
      ].join('\n'),
    );
    return failed ? 1 : 0;
  } finally {
    for (const h of opened) h.close();
    await connection.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);

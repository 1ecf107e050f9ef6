/**
 * Mission lists: the mission store (what `GET /missions` reads, over real HTTP) against Temporal
 * visibility (`listWorkflowExecutions` by search attributes, the raw client), for the same filters, on
 * the same missions. The issue behind it: lists may use visibility or the store, whichever answers
 * faster. The store also answers what visibility cannot (failed effects, open gate, created order).
 *
 *   npx tsx bench/mission-list.ts [MISSIONS] [READS]
 *   env: BENCH_MISSIONS (300), BENCH_READS (200)
 */
import { MISSION_WORKFLOW_TYPE } from '../domain/mission-start';
import { SearchAttr } from '../domain/temporal-names';
import { eavdRequest, platform } from '../test/support/walk';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient, type HttpClient } from './lib/http';
import { comparisonTable, runPhase, startBenchStack, type Phase } from './lib/stack';

const MISSIONS = positiveInt('MISSIONS', process.argv[2] ?? process.env.BENCH_MISSIONS, 300);
const READS = positiveInt('READS', process.argv[3] ?? process.env.BENCH_READS, 200);

async function main(): Promise<number> {
  // No worker: the missions sit at their start, as many missions do, with their first search attributes.
  const stack = await startBenchStack({ worker: false });
  let http: HttpClient | undefined;
  try {
    http = httpClient(stack.api.url, { authorization: `Bearer ${await stack.keyFor(platform)}` });
    const api = http;
    const names = ['Pelican', 'Puffin', 'Penguin', 'Gannet'];
    for (let i = 0; i < MISSIONS; i++) {
      expectStatus(await api.post('/missions', { ...eavdRequest, codeName: `Bench ${names[i % names.length]} ${i}` }), 201, 'start');
    }
    // Visibility indexes asynchronously: wait until it holds them all.
    const all = `WorkflowType = '${MISSION_WORKFLOW_TYPE}' AND ${SearchAttr.status.name} = 'active'`;
    while ((await stack.client.workflow.count(all)).count < MISSIONS) await new Promise((r) => setTimeout(r, 100));

    const filters: Array<{ label: string; api: string; visibility: string }> = [
      { label: 'active, 50', api: '/missions?status=active&limit=50', visibility: all },
      { label: 'code-name prefix, 50', api: '/missions?codeName=bench%20pu&limit=50', visibility: `${all} AND ${SearchAttr.codeName.name} STARTS_WITH 'bench pu'` },
      { label: 'phase, 500', api: '/missions?phase=collect&limit=500', visibility: `WorkflowType = '${MISSION_WORKFLOW_TYPE}' AND ${SearchAttr.phase.name} = 'collect'` },
    ];
    const out: string[] = ['', `capeo mission lists: ${MISSIONS} missions, ${READS} sequential reads per path and filter`];
    for (const f of filters) {
      const pageSize = Number(/limit=(\d+)/.exec(f.api)![1]);
      const store: Phase = await runPhase('store', READS, 1, async () => void expectStatus(await api.get(f.api), 200, f.label));
      const visibility: Phase = await runPhase('visibility', READS, 1, async () => {
        await stack.client.workflowService.listWorkflowExecutions({ namespace: stack.config.TEMPORAL_NAMESPACE, query: f.visibility, pageSize });
      });
      out.push('', `— ${f.label}`, ...comparisonTable('lists', store, visibility));
    }
    out.push(
      '',
      'store = GET /missions over HTTP (auth, validation, the query on the missions table, serialisation).',
      'visibility = listWorkflowExecutions with the same filter through the raw client (the dev server\'s SQLite visibility).',
      '',
    );
    process.stdout.write(out.join('\n'));
    return 0;
  } finally {
    http?.close();
    await stack.cleanup();
  }
}

runBenchmark(main);

import { performance } from 'node:perf_hooks';
import type { Actor } from '../domain/identity';
import { startMissionRequestSchema } from '../domain/mission';
import { MISSION_WORKFLOW_TYPE, type MissionStartInput, type MissionWorkflow } from '../domain/mission-start';
import { missionCode } from '../domain/nomenclature';
import { initialMissionSearchAttributes, missionWorkflowId } from '../domain/temporal-names';
import { eavdRequest, platform } from '../test/support/walk';
import { pinTrees, settleServers } from './lib/cpu';
import { runPhase, startBenchStack } from './lib/stack';
import { mean } from './lib/stats';

async function main() {
  const stack = await startBenchStack({ worker: false });
  const { client, config } = stack;
  const request = startMissionRequestSchema.parse(eavdRequest);
  const requester: Actor = platform;
  let seq = 0;
  const ts: number[] = [];
  const start = async () => {
    const code = missionCode('RAW', ++seq);
    const s: MissionStartInput = { ...request, missionId: missionWorkflowId(code, 1), code, iteration: 1, requester };
    const t0 = performance.now();
    await client.workflow.start<MissionWorkflow>(MISSION_WORKFLOW_TYPE, { workflowId: s.missionId, taskQueue: config.CAPEO_TASK_QUEUE, args: [{ start: s }], typedSearchAttributes: initialMissionSearchAttributes(s.type, s.code, s.codeName), workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    ts.push(performance.now() - t0);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const variants: Array<[string, number, (ms: number) => Promise<void>, number]> = [
    ['raw c8', 8, async () => start(), 0],
    ['raw c4', 4, async () => start(), 0],
    ['raw c16', 16, async () => start(), 0],
    ['sleep5+start c8', 8, async () => { await sleep(5); await start(); }, 5],
    ['sleep10+start c8', 8, async () => { await sleep(10); await start(); }, 10],
    ['sleep10+start c16', 16, async () => { await sleep(10); await start(); }, 10],
  ];
  for (const layout of ['shared', 'pinned']) {
    if (layout === 'pinned') pinTrees({ 0: [stack.pids.temporal], 1: [process.pid, stack.pids.postgres] });
    await runPhase('w', 60, 8, start);
    for (const [name, c, op] of variants) {
      ts.length = 0;
      let secs = 0, ok = 0;
      for (let r = 0; r < 3; r++) { const p = await runPhase(name, 100, c, op); secs += p.seconds; ok += p.ok; await settleServers(stack.pids); }
      console.log(layout, name.padEnd(20), 'per s', (ok / secs).toFixed(0), 'start mean', mean(ts).toFixed(1));
    }
  }
  await stack.cleanup();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });

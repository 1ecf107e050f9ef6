import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testEnv } from './temporal';

/**
 * Every run of a mission replays against the workflow code. A run that does not is written to the
 * test folder as Temporal's JSON (as `temporal workflow show --output json` writes it, the format
 * the replay fixtures use), and the error names the file.
 */
export async function replayEveryRun(client: Client, missionId: string): Promise<number> {
  let runs = 0;
  for await (const w of client.workflow.list({ query: `WorkflowId = '${missionId}'` })) {
    const history = await client.workflow.getHandle(missionId, w.runId).fetchHistory();
    runs++;
    try {
      await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, `${missionId}/${w.runId}`);
    } catch (err) {
      const file = join(testEnv().dir, `replay-failed-${missionId}-${w.runId}.json`);
      writeFileSync(file, historyToJSON(history));
      throw new Error(`${missionId} run ${w.runId} does not replay (its history: ${file}): ${(err as Error).message}`);
    }
  }
  return runs;
}

import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createIterationActivities } from '../../activities/iterations/iteration-activities';
import type { StartedIteration } from '../../domain/iterations';
import type { Actor } from '../../domain/identity';

const iterations = proxyActivities<ReturnType<typeof createIterationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '30 seconds', maximumAttempts: 20 },
});

/**
 * Starts the next iteration of a mission code. Run by the API for a new iteration
 * and by a Temporal Schedule for recurring ones; its own workflow id makes the
 * claim of the iteration number idempotent.
 */
export async function missionIterationWorkflow(input: { code: string; requester?: Actor }): Promise<StartedIteration> {
  return iterations.startNextIteration({
    code: input.code,
    requestId: workflowInfo().workflowId,
    requester: input.requester ?? { id: 'capeo-schedule', role: 'platform' },
  });
}

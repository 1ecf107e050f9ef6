import { CancellationScope, executeChild, isCancellation, workflowInfo } from '@temporalio/workflow';
import { visibilityWatchWorkflow } from '../../visibility/visibility-watch-workflow';
import type { Mission } from '../mission-state';

/**
 * Execute: the Execution Phase Duration clock starts, and the visibility watch (a
 * child workflow) runs the heartbeat queries until the mission leaves Execute.
 * Returns what stops the watch.
 */
export function execute(m: Mission): () => Promise<void> {
  m.startClock('execution');
  const scope = new CancellationScope();
  const watching = scope
    .run(() =>
      executeChild(visibilityWatchWorkflow, {
        workflowId: `${workflowInfo().workflowId}-visibility`,
        args: [
          {
            missionWorkflowId: workflowInfo().workflowId,
            heartbeatMinutes: m.state.policy.heartbeatMinutes,
            silentAfterMinutes: m.state.policy.silentAfterMinutes,
            reported: [],
          },
        ],
        parentClosePolicy: 'TERMINATE',
      }),
    )
    .catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
  return async () => {
    scope.cancel();
    await watching;
  };
}

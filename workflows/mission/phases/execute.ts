import { CancellationScope, executeChild, isCancellation, workflowInfo } from '@temporalio/workflow';
import { eavdSweepWorkflow } from '../../eavd/sweep-workflow';
import { visibilityWatchWorkflow } from '../../visibility/visibility-watch-workflow';
import type { Mission } from '../mission-state';

/**
 * Execute: the Execution Phase Duration clock starts; the visibility watch (heartbeat
 * queries) and, with a brand to protect, the EAVD discovery sweeps run as child
 * workflows until the mission leaves Execute. A child that fails is audited and the
 * mission goes on: losing discovery must not lose the hunt. Returns what stops them.
 */
export function execute(m: Mission): () => Promise<void> {
  m.startClock('execution');
  const s = m.state;
  const id = workflowInfo().workflowId;
  const scope = new CancellationScope();
  const supervise = (name: string, child: Promise<unknown>): Promise<void> =>
    child.then(
      () => undefined,
      (err: unknown) => {
        if (isCancellation(err)) return;
        const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        m.audit('capeo', `${name}.failed`, cause.slice(0, 300));
      },
    );
  const children = scope.run(() =>
    Promise.all([
      supervise(
        'visibility-watch',
        executeChild(visibilityWatchWorkflow, {
          workflowId: `${id}-visibility`,
          args: [{ missionWorkflowId: id, heartbeatMinutes: s.policy.heartbeatMinutes, silentAfterMinutes: s.policy.silentAfterMinutes, reported: [] }],
          parentClosePolicy: 'TERMINATE',
        }),
      ),
      s.brand
        ? supervise(
            'sweep',
            executeChild(eavdSweepWorkflow, {
              workflowId: `${id}-sweep`,
              args: [
                {
                  missionWorkflowId: id,
                  missionId: s.missionId,
                  domains: s.brand.domains,
                  keywords: s.brand.keywords,
                  intervalMinutes: s.policy.sweepIntervalMinutes,
                  sweep: 1,
                  known: [],
                },
              ],
              parentClosePolicy: 'TERMINATE',
            }),
          )
        : Promise.resolve(),
    ]),
  );
  return async () => {
    scope.cancel();
    await children;
  };
}

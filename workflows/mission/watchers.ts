import { getExternalWorkflowHandle, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { eavdSweepWorkflow } from '../eavd/sweep-workflow';
import { visibilityWatchWorkflow } from '../visibility/visibility-watch-workflow';
import type { MissionMachine } from './mission-machine';
import type { StoreWriter } from './store-writer';

/**
 * The mission's watchers during Execute: the visibility watch (heartbeat queries) and, with a brand
 * to protect, the EAVD discovery sweeps. They are workflows of their own, abandoned by their parent
 * so they outlive its continue-as-new; the mission cancels them when it leaves Execute, and they end
 * by themselves if the mission is no longer in Execute. A watcher that fails tells the mission, which
 * audits it and goes on.
 */
export class Watchers {
  constructor(
    private readonly m: MissionMachine,
    private readonly writer: StoreWriter,
  ) {}

  private ids(): string[] {
    const s = this.m.state;
    return [`${s.missionId}-visibility`, ...(s.brand ? [`${s.missionId}-sweep`] : [])];
  }

  async start(): Promise<void> {
    const s = this.m.state;
    if (s.watchers.started) return;
    // The watchers read the mission's phase from the store: it must say Execute before they start.
    await this.writer.flush();
    const common = { parentClosePolicy: ParentClosePolicy.ABANDON } as const;
    await startChild(visibilityWatchWorkflow, {
      ...common,
      workflowId: `${s.missionId}-visibility`,
      args: [{ missionWorkflowId: s.missionId, heartbeatMinutes: s.policy.heartbeatMinutes, silentAfterMinutes: s.policy.silentAfterMinutes, reported: [] }],
    });
    if (s.brand) {
      await startChild(eavdSweepWorkflow, {
        ...common,
        workflowId: `${s.missionId}-sweep`,
        args: [
          {
            missionWorkflowId: s.missionId,
            missionId: s.missionId,
            domains: s.brand.domains,
            keywords: s.brand.keywords,
            // Only when set: a mission started before the field existed starts its sweep with the same input.
            ...(s.brand.lookalikes && { lookalikes: s.brand.lookalikes }),
            intervalMinutes: s.policy.sweepIntervalMinutes,
            sweep: 1,
            known: [],
          },
        ],
      });
    }
    s.watchers.started = true;
    this.m.audit('capeo', 'watchers.started', this.ids().join(', '));
  }

  async stop(): Promise<void> {
    const s = this.m.state;
    if (!s.watchers.started || s.watchers.stopped) return;
    s.watchers.stopped = true;
    for (const id of this.ids()) {
      try {
        await getExternalWorkflowHandle(id).cancel();
      } catch {
        // Already ended (a sweep that failed, a watch that saw the mission leave Execute).
      }
    }
    this.m.audit('capeo', 'watchers.stopped', this.ids().join(', '));
  }
}

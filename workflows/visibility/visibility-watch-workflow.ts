import { continueAsNew, getExternalWorkflowHandle, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { createSiemActivities } from '../../activities/siem/siem-activities';
import type { createStoreActivities } from '../../activities/store/store-activities';
import { visibilityGapSignal } from '../../domain/messages';

const siem = proxyActivities<ReturnType<typeof createSiemActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

const store = proxyActivities<ReturnType<typeof createStoreActivities>>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '30 seconds' } });

export interface VisibilityWatchInput {
  missionWorkflowId: string;
  heartbeatMinutes: number;
  silentAfterMinutes: number;
  /** Sources already reported to the mission, carried across continue-as-new. */
  reported: string[];
}

const CHECKS_PER_RUN = 200;

/**
 * The heartbeat query of every log source, at the policy's interval, for as long
 * as the mission is in Execute (the mission cancels it). A source that went
 * silent is reported to the mission at once, once. A workflow of its own with
 * continue-as-new, so the mission's own history stays small however long the
 * Execution Phase lasts; it ends by itself once the mission is no longer in Execute.
 */
export async function visibilityWatchWorkflow(input: VisibilityWatchInput): Promise<void> {
  const reported = new Set(input.reported);
  const mission = getExternalWorkflowHandle(input.missionWorkflowId);
  for (let i = 0; i < CHECKS_PER_RUN && !workflowInfo().continueAsNewSuggested; i++) {
    const standing = await store.missionStanding({ missionId: input.missionWorkflowId });
    if (!standing || standing.status !== 'active' || standing.phase !== 'execute') return;
    const results = await siem.checkHeartbeats({ silentAfterMinutes: input.silentAfterMinutes, now: new Date().toISOString() });
    for (const r of results) {
      if (!r.silent || reported.has(r.source)) continue;
      await mission.signal(visibilityGapSignal, { source: r.source, lastSeen: r.lastSeen, events: r.events, silentAfterMinutes: input.silentAfterMinutes });
      reported.add(r.source);
    }
    await sleep(input.heartbeatMinutes * 60_000);
  }
  await continueAsNew<typeof visibilityWatchWorkflow>({ ...input, reported: [...reported] });
}

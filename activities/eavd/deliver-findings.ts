import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { NewFinding } from '../../domain/findings';
import { sweepFindingsSignal } from '../../domain/messages';

/** Findings per signal: a signal's payload stays far from Temporal's 2 MB limit. */
export const FINDINGS_PER_SIGNAL = 100;

/**
 * Sends findings to a mission from an activity (the lookalike watchers: newly-registered-domain feeds,
 * certificate transparency), in `sweepFindings` signals with sweep 0 (not a sweep of the mission's own).
 * At-least-once, like any activity: give each finding a source key (lookalikeFinding does), and the
 * mission keeps one finding per key, so a signal sent again after a retry adds nothing. Answers false
 * when the mission's workflow is gone (it ended): nothing to deliver to.
 */
export async function deliverFindings(client: Client, missionId: string, findings: readonly NewFinding[]): Promise<boolean> {
  const handle = client.workflow.getHandle(missionId);
  for (let i = 0; i < findings.length; i += FINDINGS_PER_SIGNAL) {
    try {
      await handle.signal(sweepFindingsSignal, { sweep: 0, findings: findings.slice(i, i + FINDINGS_PER_SIGNAL) });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
  return true;
}

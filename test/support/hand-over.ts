import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { NewFinding } from '../../domain/findings';
import * as msg from '../../domain/messages';
import { MAX_INBOX_CHARS } from '../../domain/mission-core';
import type { JiraDouble } from './jira-double';
import { hunter } from './walk';

/** A sweep finding with its source key for title (and an optional description to make it large). */
export const sweepFinding = (key: string, description = ''): NewFinding => ({
  category: 'ti-event-of-interest', title: key, description, severity: 'low', evidence: [], observables: [], flags: [], sourceKey: key,
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Holds a mission's hand-over open and signals more than its inbox carries (for a mission at its
 * Execute gate with a small `maxHistoryEvents`, effectConcurrency 1, and Jira as its ticketing):
 *
 * 1. Jira holds issue creation open, and a finding's ticket goes to it: that effect runs until
 *    `release` is called, and a hand-over waits for running effects.
 * 2. Small signals grow the history past the bound until the mission hands over. A gate decision
 *    by a hunter tells which: refused as not entitled while the run takes Updates, as busy once it
 *    hands over (busy is checked first).
 * 3. One signal larger than the inbox's bound (`big`, ten findings), then one that fits (`last`).
 *
 * Answers the number of small signals sent (`small-0`…), the big findings, and what lets Jira go.
 */
export async function overflowHeldHandOver(handle: WorkflowHandle, jira: JiraDouble): Promise<{ small: number; big: NewFinding[]; release: () => void }> {
  const signal = (findings: NewFinding[]) => handle.signal(msg.sweepFindingsSignal, { sweep: 1, findings });
  const release = jira.hold();
  const before = jira.creates().length;
  await signal([sweepFinding('first')]);
  for (let i = 0; jira.creates().length === before; i++) {
    if (i > 600) throw new Error('the ticket was never asked for');
    await pause(50);
  }
  let small = 0;
  for (;;) {
    const answer = await hunterDecides(handle);
    if (answer === 'MISSION_BUSY') break;
    if (answer !== 'NOT_ENTITLED') throw new Error(`a hunter's gate decision answered ${answer}, not NOT_ENTITLED or MISSION_BUSY`);
    if (small > 400) throw new Error('the mission never handed over');
    await signal([sweepFinding(`small-${small++}`)]);
  }
  const big = Array.from({ length: 10 }, (_, i) => sweepFinding(`big-${i}`, 'x'.repeat(Math.ceil(MAX_INBOX_CHARS / 10) + 100)));
  await signal(big);
  await signal([sweepFinding('last')]);
  return { small, big, release };
}

/** A hunter's gate decision: what it is refused with (`NOT_ENTITLED`, or `MISSION_BUSY` during a hand-over). */
function hunterDecides(handle: WorkflowHandle): Promise<string | undefined> {
  return handle
    .executeUpdate(msg.decideGateUpdate, { args: [{ gate: 'execute', decision: 'approve', actor: hunter }] })
    .then(() => 'accepted', (err: unknown) => (err instanceof WorkflowUpdateFailedError ? (err.cause as { type?: string })?.type : String(err)));
}

/** The mission still hands over (a hunter's gate decision is refused as busy). */
export async function stillHandingOver(handle: WorkflowHandle): Promise<boolean> {
  return (await hunterDecides(handle)) === 'MISSION_BUSY';
}

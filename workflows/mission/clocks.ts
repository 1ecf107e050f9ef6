import { condition } from '@temporalio/workflow';
import { nextClockEvent } from '../../domain/clocks';
import type { MissionMachine } from './mission-machine';

/** What the clock loop depends on: it wakes (and sets a new timer) only when one of these changes. */
function clockKey(m: MissionMachine): string {
  const s = m.state;
  const c = (x: typeof s.clocks.total) => `${x.startedAt}|${x.stoppedAt}|${x.allocatedHours}|${x.warningsSent.join(',')}`;
  return `${s.status}|${m.draining}|${c(s.clocks.total)}|${c(s.clocks.execution)}|${s.policy.clockWarnings.join(',')}`;
}

/**
 * Both clocks as durable timers: Temporal keeps the timer, so a warning or an expiry fires at the
 * right time even after worker or server downtime, and a new run (continue-as-new) sets it again
 * from the clocks it carries. Runs until the mission ends or hands over to its next run.
 */
export async function runClocks(m: MissionMachine): Promise<void> {
  while (m.state.status === 'active' && !m.draining) {
    const seen = clockKey(m);
    const changed = () => clockKey(m) !== seen;
    const next = nextClockEvent(m.state);
    if (!next) {
      await condition(changed);
      continue;
    }
    const wait = next.at - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    m.clockFired(next);
  }
}

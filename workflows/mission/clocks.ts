import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { missingRequiredItems } from '../../domain/gates';
import { SearchAttr } from '../../domain/temporal-names';
import { notify } from './activity-proxies';
import { effectKey } from './effects';
import type { Mission } from './mission-state';

type Which = 'total' | 'execution';
interface ClockEvent {
  which: Which;
  fraction: number;
  at: number;
}

const LABEL: Record<Which, string> = { total: 'Total Hunt Duration', execution: 'Execution Phase Duration' };

/** The next warning or expiry of either clock, or undefined when none is due. */
export function nextClockEvent(m: Mission): ClockEvent | undefined {
  const fractions = [...new Set([...m.state.policy.clockWarnings, 1])].sort((a, b) => a - b);
  let next: ClockEvent | undefined;
  for (const which of ['total', 'execution'] as const) {
    const c = m.state.clocks[which];
    if (!c.startedAt || c.stoppedAt || c.allocatedHours === null) continue;
    for (const fraction of fractions) {
      if (c.warningsSent.includes(fraction)) continue;
      const at = Date.parse(c.startedAt) + fraction * c.allocatedHours * 3_600_000;
      if (!next || at < next.at) next = { which, fraction, at };
      break;
    }
  }
  return next;
}

/**
 * Both clocks as durable timers: Temporal keeps the timer, so a warning or an
 * expiry fires at the right time even after worker or server downtime. Runs until
 * the mission ends; wakes early whenever the state changes (allocation amended,
 * clock stopped).
 */
export async function runClocks(m: Mission, approveExecuteGate: () => void): Promise<void> {
  while (m.state.status === 'active') {
    const seen = m.version;
    const next = nextClockEvent(m);
    const changed = () => m.version !== seen || m.state.status !== 'active';
    if (!next) {
      await condition(changed);
      continue;
    }
    const wait = next.at - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    await fire(m, next, approveExecuteGate);
  }
}

async function fire(m: Mission, e: ClockEvent, approveExecuteGate: () => void): Promise<void> {
  const s = m.state;
  const c = s.clocks[e.which];
  c.warningsSent.push(e.fraction);
  const pct = Math.round(e.fraction * 100);
  const to = [s.lead ?? 'hunt-managers'];
  const expired = e.fraction >= 1;
  if (expired) {
    c.overrun = true;
    if (e.which === 'total') upsertSearchAttributes([{ key: SearchAttr.overrun, value: true }]);
  }
  m.audit('capeo', expired ? `clock.${e.which}.${e.which === 'total' ? 'overrun' : 'expired'}` : `clock.${e.which}.warning`, `${pct}%`);

  let text = `${LABEL[e.which]} of ${s.displayName}: ${pct}% of ${c.allocatedHours} h used.`;
  if (expired && e.which === 'total') text += ' The mission has overrun its allocation; it continues, and the lead is asked to act.';
  const missing = missingRequiredItems(s);
  const autoAdvance = expired && e.which === 'execution' && s.policy.autoAdvanceOnExecutionExpiry && s.openGate === 'execute';
  if (expired && e.which === 'execution') {
    text += autoAdvance && missing.length === 0
      ? ' The Execution Phase is over; by policy the mission moves to Outcomes.'
      : ' The Execution Phase is over: please decide the Execute gate to move to Outcomes.';
    if (autoAdvance && missing.length) text += ` Automatic advance is blocked until these are done: ${missing.join(', ')}.`;
  }
  await notify.sendNotification({
    idempotencyKey: effectKey('clock', e.which, e.fraction),
    kind: expired ? (e.which === 'total' ? 'clock-overrun' : 'execution-expired') : 'clock-warning',
    to: expired && e.which === 'total' ? [...to, 'hunt-managers'] : to,
    subject: `[${s.displayName}] ${LABEL[e.which]} ${expired ? (e.which === 'total' ? 'overrun' : 'reached') : `at ${pct}%`}`,
    text,
    missionId: s.missionId,
  });
  if (autoAdvance && missing.length === 0) {
    m.audit('capeo', 'gate.approved', 'execute: execution phase duration reached (policy: advance automatically)');
    approveExecuteGate();
  }
}

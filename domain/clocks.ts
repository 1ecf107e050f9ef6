import type { Clock, MissionCore } from './mission-core';

export type ClockName = 'total' | 'execution';

export interface ClockEvent {
  which: ClockName;
  /** The share of the allocation reached: a warning below 1, the expiry at 1. */
  fraction: number;
  /** Epoch milliseconds. */
  at: number;
}

export const CLOCK_LABEL: Record<ClockName, string> = { total: 'Total Hunt Duration', execution: 'Execution Phase Duration' };

const HOUR = 3_600_000;

/** The next warning or expiry of either clock, or undefined when none is due. */
export function nextClockEvent(s: Pick<MissionCore, 'clocks' | 'policy'>): ClockEvent | undefined {
  const fractions = [...new Set([...s.policy.clockWarnings, 1])].sort((a, b) => a - b);
  let next: ClockEvent | undefined;
  for (const which of ['total', 'execution'] as const) {
    const c = s.clocks[which];
    if (!c.startedAt || c.stoppedAt || c.allocatedHours === null) continue;
    for (const fraction of fractions) {
      if (c.warningsSent.includes(fraction)) continue;
      const at = Date.parse(c.startedAt) + fraction * c.allocatedHours * HOUR;
      if (!next || at < next.at) next = { which, fraction, at };
      break;
    }
  }
  return next;
}

/** A clock's deadline from its start and allocation. */
export function deadlineOf(c: Clock): string | null {
  return c.startedAt && c.allocatedHours !== null ? new Date(Date.parse(c.startedAt) + c.allocatedHours * HOUR).toISOString() : null;
}

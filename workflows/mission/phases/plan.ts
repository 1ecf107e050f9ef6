import type { Mission } from '../mission-state';

/** Plan: a lead or an allocation set earlier counts for the Plan phase's work items. */
export function plan(m: Mission): void {
  const s = m.state;
  if (s.lead) m.recordItem('lead', 'capeo', { lead: s.lead });
  if (s.allocation) m.recordItem('time-allocation', 'capeo', { ...s.allocation });
}

import type { Mission } from '../mission-state';

/** Analyze: the pre-assessment; the Total Hunt Duration runs from here to the report's release. */
export function analyze(m: Mission): void {
  m.startClock('total');
}

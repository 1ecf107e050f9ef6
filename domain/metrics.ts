import { FINDING_CATEGORIES, type FindingCategory } from './findings';
import type { Clock, MissionState } from './mission';
import { PHASES, type Phase } from './phases';

const HOUR = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 1000) / 1000;

export interface ClockMetrics {
  allocatedHours: number | null;
  actualHours: number | null;
  remainingHours: number | null;
  percentUsed: number | null;
  running: boolean;
  overrun: boolean;
  deadline: string | null;
}

export interface MissionMetrics {
  iteration: number;
  squadSize: number;
  totalHunt: ClockMetrics;
  executionPhase: ClockMetrics;
  phaseHours: Record<Phase, number>;
  gateWaitHours: Record<Phase, number>;
  findingsPerCategory: Record<FindingCategory, number>;
  escalations: { count: number; meanHoursToEscalation: number | null; maxHoursToEscalation: number | null };
  visibilityGaps: number;
  queriesRun: number;
}

export function clockMetrics(c: Clock, now: number): ClockMetrics {
  const started = c.startedAt ? Date.parse(c.startedAt) : null;
  const end = c.stoppedAt ? Date.parse(c.stoppedAt) : now;
  const actual = started === null ? null : hours(end - started);
  return {
    allocatedHours: c.allocatedHours,
    actualHours: actual,
    remainingHours: c.allocatedHours !== null && actual !== null ? hours((c.allocatedHours - actual) * HOUR) : null,
    percentUsed: c.allocatedHours && actual !== null ? Math.round((actual / c.allocatedHours) * 1000) / 10 : null,
    running: started !== null && c.stoppedAt === null,
    overrun: c.overrun,
    deadline: c.deadline,
  };
}

/** The metrics of the spec, computed from the state and its audit timeline. */
export function computeMetrics(s: MissionState, nowIso: string): MissionMetrics {
  const now = Date.parse(nowIso);
  const zero = () => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  const phaseHours = zero();
  const gateWaitHours = zero();
  let current: { phase: Phase; at: number } | null = null;
  const gateOpened = new Map<Phase, number>();
  const end = s.status === 'active' ? now : Date.parse(s.timeline.at(-1)?.at ?? nowIso);
  for (const e of s.timeline) {
    const at = Date.parse(e.at);
    if (e.action === 'phase.entered') {
      if (current) phaseHours[current.phase] += hours(at - current.at);
      current = { phase: e.detail as Phase, at };
    } else if (e.action === 'gate.opened') {
      gateOpened.set(e.detail as Phase, at);
    } else if (e.action === 'gate.approved' || e.action === 'gate.rejected') {
      const gate = (e.detail ?? '').split(':')[0] as Phase;
      const opened = gateOpened.get(gate);
      if (opened !== undefined) gateWaitHours[gate] += hours(at - opened);
      gateOpened.delete(gate);
    }
  }
  if (current) phaseHours[current.phase] += hours(end - current.at);
  for (const [gate, opened] of gateOpened) gateWaitHours[gate] += hours(end - opened);

  const live = s.findings.filter((f) => f.status !== 'withdrawn');
  const findingsPerCategory = Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;
  for (const f of live) findingsPerCategory[f.category]++;
  const delays = s.findings.filter((f) => f.escalation).map((f) => hours(Date.parse(f.escalation!.at) - Date.parse(f.at)));

  return {
    iteration: s.iteration,
    squadSize: Object.values(s.squad).filter((m) => m.status === 'accepted').length + (s.lead ? 1 : 0),
    totalHunt: clockMetrics(s.clocks.total, now),
    executionPhase: clockMetrics(s.clocks.execution, now),
    phaseHours,
    gateWaitHours,
    findingsPerCategory,
    escalations: {
      count: delays.length,
      meanHoursToEscalation: delays.length ? hours((delays.reduce((a, b) => a + b, 0) / delays.length) * HOUR) : null,
      maxHoursToEscalation: delays.length ? Math.max(...delays) : null,
    },
    visibilityGaps: findingsPerCategory['visibility-gap'],
    queriesRun: s.queries.length,
  };
}

import { z } from 'zod';
import { FINDING_CATEGORIES, type FindingCategory } from './findings';
import type { AuditEntry, Clock, MissionRecord } from './mission';
import { PHASES, type Phase } from './phases';

const HOUR = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 1000) / 1000;

const hoursOrNull = z.number().nullable();

export const clockMetricsSchema = z.object({
  allocatedHours: hoursOrNull,
  actualHours: hoursOrNull,
  remainingHours: hoursOrNull.describe('negative once the clock has overrun'),
  percentUsed: z.number().nullable().describe('share of the allocation used, in percent to one decimal; null without an allocation'),
  running: z.boolean(),
  overrun: z.boolean(),
  deadline: z.string().nullable(),
});
export type ClockMetrics = z.infer<typeof clockMetricsSchema>;

/** Hours per phase: every phase, 0 for one not reached. */
const perPhase = z.record(z.enum(PHASES), z.number());

export const missionMetricsSchema = z
  .object({
    iteration: z.number().int(),
    squadSize: z.number().int(),
    totalHunt: clockMetricsSchema,
    executionPhase: clockMetricsSchema,
    phaseHours: perPhase.describe('hours spent in each phase'),
    gateWaitHours: perPhase.describe('hours each gate waited for its decision'),
    findingsPerCategory: z.record(z.enum(FINDING_CATEGORIES), z.number().int()),
    escalations: z.object({ count: z.number().int(), meanHoursToEscalation: hoursOrNull, maxHoursToEscalation: hoursOrNull }),
    visibilityGaps: z.number().int(),
    queriesRun: z.number().int(),
  })
  .describe('A mission\'s metrics: its two clocks, time per phase and gate, findings and escalations');
export type MissionMetrics = z.infer<typeof missionMetricsSchema>;

/** Share of the allocation used, in percent to one decimal; null without an allocation (or where it would not be a number). */
function percentOf(actual: number | null, allocated: number | null): number | null {
  if (!allocated || actual === null) return null;
  const p = Math.round((actual / allocated) * 1000) / 10;
  return Number.isFinite(p) ? p : null;
}

export function clockMetrics(c: Clock, now: number): ClockMetrics {
  const started = c.startedAt ? Date.parse(c.startedAt) : null;
  const end = c.stoppedAt ? Date.parse(c.stoppedAt) : now;
  const actual = started === null ? null : hours(end - started);
  return {
    allocatedHours: c.allocatedHours,
    actualHours: actual,
    remainingHours: c.allocatedHours !== null && actual !== null ? hours((c.allocatedHours - actual) * HOUR) : null,
    percentUsed: percentOf(actual, c.allocatedHours),
    running: started !== null && c.stoppedAt === null,
    overrun: c.overrun,
    deadline: c.deadline,
  };
}

/**
 * What the metrics are computed from: the summary's clocks and squad, the audit entries of phases and
 * gates, the findings per category and the delays from finding to escalation. Small whatever the
 * mission holds, so the API computes it from the store without reading every finding.
 */
export interface MetricsInput {
  iteration: number;
  status: MissionRecord['status'];
  lead: string | null;
  squad: MissionRecord['squad'];
  clocks: MissionRecord['clocks'];
  /** Audit entries of phases and gates (`phase.entered`, `gate.*`), in order; the last entry's time ends a closed mission. */
  timeline: AuditEntry[];
  /** Time of the mission's latest audit entry (when a closed mission ended). */
  lastActivityAt: string | null;
  findingsPerCategory: Record<FindingCategory, number>;
  /** Hours from each escalated finding to its escalation. */
  escalationHours: number[];
  queriesRun: number;
}

/** The audit actions the metrics read. */
export const METRIC_ACTIONS = ['phase.entered', 'gate.opened', 'gate.reopened', 'gate.approved', 'gate.rejected'] as const;

export function metricsInputOf(s: MissionRecord): MetricsInput {
  const findingsPerCategory = Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;
  for (const f of s.findings) if (f.status !== 'withdrawn') findingsPerCategory[f.category]++;
  return {
    iteration: s.iteration,
    status: s.status,
    lead: s.lead,
    squad: s.squad,
    clocks: s.clocks,
    timeline: s.timeline.filter((e) => (METRIC_ACTIONS as readonly string[]).includes(e.action)),
    lastActivityAt: s.timeline.at(-1)?.at ?? null,
    findingsPerCategory,
    escalationHours: s.findings.filter((f) => f.escalation).map((f) => hours(Date.parse(f.escalation!.at) - Date.parse(f.at))),
    queriesRun: s.queries.length,
  };
}

/** The metrics of the spec. */
export function computeMetrics(s: MetricsInput, nowIso: string): MissionMetrics {
  const now = Date.parse(nowIso);
  const zero = () => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  const phaseHours = zero();
  const gateWaitHours = zero();
  let current: { phase: Phase; at: number } | null = null;
  const gateOpened = new Map<Phase, number>();
  const end = s.status === 'active' ? now : Date.parse(s.lastActivityAt ?? nowIso);
  for (const e of s.timeline) {
    const at = Date.parse(e.at);
    if (e.action === 'phase.entered') {
      if (current) phaseHours[current.phase] += hours(at - current.at);
      current = { phase: e.detail as Phase, at };
    } else if (e.action === 'gate.opened' || e.action === 'gate.reopened') {
      if (!gateOpened.has(e.detail as Phase)) gateOpened.set(e.detail as Phase, at);
    } else if (e.action === 'gate.approved' || e.action === 'gate.rejected') {
      const gate = (e.detail ?? '').split(':')[0] as Phase;
      const opened = gateOpened.get(gate);
      if (opened !== undefined) gateWaitHours[gate] += hours(at - opened);
      gateOpened.delete(gate);
    }
  }
  if (current) phaseHours[current.phase] += hours(end - current.at);
  for (const [gate, opened] of gateOpened) gateWaitHours[gate] += hours(end - opened);
  const delays = s.escalationHours;
  return {
    iteration: s.iteration,
    squadSize: Object.values(s.squad).filter((m) => m.status === 'accepted').length + (s.lead ? 1 : 0),
    totalHunt: clockMetrics(s.clocks.total, now),
    executionPhase: clockMetrics(s.clocks.execution, now),
    phaseHours,
    gateWaitHours,
    findingsPerCategory: s.findingsPerCategory,
    escalations: {
      count: delays.length,
      meanHoursToEscalation: delays.length ? hours((delays.reduce((a, b) => a + b, 0) / delays.length) * HOUR) : null,
      maxHoursToEscalation: delays.length ? Math.max(...delays) : null,
    },
    visibilityGaps: s.findingsPerCategory['visibility-gap'],
    queriesRun: s.queriesRun,
  };
}

import { z } from 'zod';
import { FINDING_CATEGORIES, type FindingCategory } from './findings';
import type { Clock } from './mission';
import { MISSION_STATUSES, type MissionStatus } from './phases';
import { reason } from './commands';

/**
 * The hunt program, measured by what its hunts changed (PEAK's metrics): outcomes, durations against
 * their allocations, findings, detections proposed and accepted, visibility gaps raised and resolved,
 * escalations, techniques hunted. Pure: computed from rows the store reads.
 */

/** What became of a finding after the hunt: a detection accepted or rejected by detection engineering, a gap resolved or not. */
export const FINDING_OUTCOMES = ['accepted', 'rejected', 'resolved', 'wont-fix'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** Outcomes a finding of each category may take: detections are accepted or rejected, everything else resolved or not. */
export function outcomesFor(category: FindingCategory): readonly FindingOutcome[] {
  return category === 'detection-opportunity' ? ['accepted', 'rejected'] : ['resolved', 'wont-fix'];
}

export const findingOutcomeSchema = z.object({ outcome: z.enum(FINDING_OUTCOMES), note: reason.optional() });
export type FindingOutcomeRequest = z.infer<typeof findingOutcomeSchema>;

/** One mission as the program metrics need it. */
export interface ProgramMissionRow {
  missionId: string;
  type: string;
  lead: string | null;
  status: MissionStatus;
  clocks: { total: Clock; execution: Clock } | null;
  findings: Partial<Record<FindingCategory, number>>;
  detections: { proposed: number; accepted: number; rejected: number };
  visibilityGaps: { raised: number; resolved: number };
  /** Hours from each escalated finding to its escalation. */
  escalationHours: number[];
}

const HOUR = 3_600_000;
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

const durationSchema = z.object({
  missions: z.number().int().describe('missions whose clock started'),
  allocatedHours: z.number().describe('sum of the allocations of those missions'),
  actualHours: z.number().describe('sum of the hours their clock ran (to now for a running clock)'),
  meanActualHours: z.number().nullable(),
  overrun: z.number().int().describe('missions past their allocation'),
  overrunRate: z.number().nullable().describe('overrun / missions, 0..1'),
});

const groupSchema = z.object({
  missions: z.number().int(),
  byOutcome: z.record(z.enum(MISSION_STATUSES), z.number().int()),
  totalHunt: durationSchema,
  executionPhase: durationSchema,
  findingsPerCategory: z.record(z.enum(FINDING_CATEGORIES), z.number().int()),
  detections: z.object({ proposed: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  visibilityGaps: z.object({ raised: z.number().int(), resolved: z.number().int() }),
  escalations: z.object({ count: z.number().int(), meanHoursToEscalation: z.number().nullable() }),
});
export type ProgramGroup = z.infer<typeof groupSchema>;

export const programMetricsSchema = groupSchema
  .extend({
    from: z.string(),
    to: z.string(),
    techniques: z.object({
      hunted: z.number().int(),
      withFindings: z.number().int(),
      layer: z.string().describe('where the ATT&CK Navigator layer of the period is'),
    }),
    byType: z.record(z.string(), groupSchema),
    byLead: z.record(z.string(), groupSchema).describe('per mission lead; missions without a lead under "(none)"'),
  })
  .meta({ id: 'ProgramMetrics', description: 'The hunt program over the missions created in [from, to)' });
export type ProgramMetrics = z.infer<typeof programMetricsSchema>;

function duration(rows: ProgramMissionRow[], pick: (c: { total: Clock; execution: Clock }) => Clock, now: number): z.infer<typeof durationSchema> {
  let missions = 0;
  let allocated = 0;
  let actual = 0;
  let overrun = 0;
  for (const r of rows) {
    const c = r.clocks && pick(r.clocks);
    if (!c?.startedAt) continue;
    missions++;
    allocated += c.allocatedHours ?? 0;
    actual += ((c.stoppedAt ? Date.parse(c.stoppedAt) : now) - Date.parse(c.startedAt)) / HOUR;
    if (c.overrun) overrun++;
  }
  return {
    missions,
    allocatedHours: round(allocated),
    actualHours: round(actual),
    meanActualHours: missions ? round(actual / missions) : null,
    overrun,
    overrunRate: missions ? round(overrun / missions, 4) : null,
  };
}

/** The metrics of a group of missions. */
export function programGroup(rows: ProgramMissionRow[], now: number): ProgramGroup {
  const byOutcome = Object.fromEntries(MISSION_STATUSES.map((s) => [s, 0])) as Record<MissionStatus, number>;
  const findingsPerCategory = Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;
  const detections = { proposed: 0, accepted: 0, rejected: 0 };
  const visibilityGaps = { raised: 0, resolved: 0 };
  const delays: number[] = [];
  for (const r of rows) {
    byOutcome[r.status]++;
    for (const c of FINDING_CATEGORIES) findingsPerCategory[c] += r.findings[c] ?? 0;
    detections.proposed += r.detections.proposed;
    detections.accepted += r.detections.accepted;
    detections.rejected += r.detections.rejected;
    visibilityGaps.raised += r.visibilityGaps.raised;
    visibilityGaps.resolved += r.visibilityGaps.resolved;
    delays.push(...r.escalationHours);
  }
  return {
    missions: rows.length,
    byOutcome,
    totalHunt: duration(rows, (c) => c.total, now),
    executionPhase: duration(rows, (c) => c.execution, now),
    findingsPerCategory,
    detections,
    visibilityGaps,
    escalations: { count: delays.length, meanHoursToEscalation: delays.length ? round(delays.reduce((a, b) => a + b, 0) / delays.length) : null },
  };
}

const groupBy = (rows: ProgramMissionRow[], key: (r: ProgramMissionRow) => string): Map<string, ProgramMissionRow[]> => {
  const out = new Map<string, ProgramMissionRow[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

/** The program's metrics over `rows` (the missions created in [from, to)), with the ATT&CK counts of the same period. */
export function programMetrics(
  rows: ProgramMissionRow[],
  p: { from: string; to: string; now: string; techniques: { hunted: number; withFindings: number } },
): ProgramMetrics {
  const now = Date.parse(p.now);
  const sorted = (m: Map<string, ProgramMissionRow[]>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, programGroup(v, now)]));
  return {
    from: p.from,
    to: p.to,
    ...programGroup(rows, now),
    techniques: { ...p.techniques, layer: `/attack/layer?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}` },
    byType: sorted(groupBy(rows, (r) => r.type)),
    byLead: sorted(groupBy(rows, (r) => r.lead ?? '(none)')),
  };
}

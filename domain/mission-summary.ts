import { z } from 'zod';
import { externalRefSchema, FINDING_CATEGORIES } from './findings';
import { failedItems, missingRequiredItems } from './gates';
import { defaultHuntType, huntTypeSchema, originSchema } from './hunt-types';
import { artifactRefSchema } from './mission-artifacts';
import type { MissionCore } from './mission-core';
import { missionRecordSchema, phaseSchema } from './mission';

const itemRecordSchema = z.object({ status: z.enum(['done', 'failed']), by: z.string(), at: z.string() });
const countsByCategory = z.object(Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, z.number().int()])) as Record<(typeof FINDING_CATEGORIES)[number], z.ZodNumber>);

/**
 * What `GET /missions/{id}` answers: a bounded summary of the mission (counts, the open gate with
 * what is missing, clocks, squad, latest activity), whatever the mission holds. The workflow writes
 * it to the mission store with every change it persists; the findings, timeline, queries, sweeps and
 * effects are paged sub-resources.
 */
const identity = missionRecordSchema.pick({
  missionId: true, code: true, codeName: true, displayName: true, channelName: true, type: true, iteration: true, topic: true, trigger: true,
  keywords: true, requester: true, stakeholders: true, audience: true, brand: true, policy: true, status: true, phase: true, closedReason: true,
  lead: true, squad: true, squadFormedAt: true, allocation: true, clocks: true, previous: true,
});

export const missionSummarySchema = identity.extend({
  huntType: huntTypeSchema,
  /** The backlog entry the mission was started from, and the mission whose playbook it builds on. */
  origin: originSchema.nullable(),
  /** The open gate's phase, or null while the phase does its own work or once the mission ended. */
  openGate: phaseSchema.nullable(),
  gate: z
    .object({
      phase: phaseSchema,
      round: z.number().int(),
      openedAt: z.string(),
      /** Required items not done: an approval is refused until this is empty. */
      missing: z.array(z.string()),
      /** System items whose step failed: they do not block the gate; their effects can be retried. */
      failed: z.array(z.string()),
      decided: z.object({ decision: z.enum(['approve', 'reject']), by: z.string(), at: z.string(), reason: z.string().optional() }).nullable(),
    })
    .nullable(),
  workItems: z.record(z.string(), z.record(z.string(), itemRecordSchema)),
  objectives: z.array(z.string()),
  prioritisation: z.object({ score: z.number(), maxScore: z.number(), proposal: z.enum(['qualify', 'reject']) }).nullable(),
  intel: z.object({ source: z.string(), indicators: z.number(), reports: z.number(), observables: z.number(), matched: z.number() }).nullable(),
  external: z.object({ channel: externalRefSchema.optional(), epic: externalRefSchema.optional() }),
  artifacts: z.record(z.string(), artifactRefSchema),
  counts: z.object({
    findings: z.object({ total: z.number().int(), byCategory: countsByCategory, escalated: z.number().int(), withdrawn: z.number().int() }),
    queries: z.number().int(),
    containments: z.object({ total: z.number().int(), pending: z.number().int() }),
    effects: z.object({ pending: z.number().int(), running: z.number().int(), done: z.number().int(), failed: z.number().int() }),
    sweeps: z.number().int(),
    auditEntries: z.number().int(),
  }),
  pendingContainments: z.array(
    z.object({ id: z.string(), target: z.object({ kind: z.enum(['endpoint', 'account']), id: z.string() }), reason: z.string(), findingId: z.string().optional() }),
  ),
  sweeps: z.object({ count: z.number().int(), lastAt: z.string().nullable(), lastNew: z.number().int() }),
  latest: z.object({ at: z.string(), actor: z.string(), action: z.string() }).nullable(),
  runs: z.number().int(),
});
export type MissionSummary = z.infer<typeof missionSummarySchema>;

/** The summary of a mission's core state (pure: the workflow calls it before each write to the store). */
export function summarise(s: MissionCore): MissionSummary {
  const workItems: MissionSummary['workItems'] = {};
  for (const [phase, items] of Object.entries(s.items)) {
    workItems[phase] = Object.fromEntries(Object.entries(items ?? {}).filter((e): e is [string, NonNullable<(typeof e)[1]>] => Boolean(e[1])));
  }
  const artifacts = Object.fromEntries(Object.entries(s.artifacts).filter((e): e is [string, NonNullable<(typeof e)[1]>] => Boolean(e[1])));
  const open = s.status === 'active' && s.gate !== null && s.gate.verdict === null;
  return {
    missionId: s.missionId,
    code: s.code,
    codeName: s.codeName,
    displayName: s.displayName,
    channelName: s.channelName,
    type: s.type,
    iteration: s.iteration,
    topic: s.topic,
    trigger: s.trigger,
    keywords: s.keywords,
    requester: s.requester,
    stakeholders: s.stakeholders,
    audience: s.audience,
    brand: s.brand,
    policy: s.policy,
    status: s.status,
    phase: s.phase,
    closedReason: s.closedReason,
    openGate: open ? s.gate!.phase : null,
    gate:
      s.gate && s.status === 'active'
        ? { phase: s.gate.phase, round: s.gate.round, openedAt: s.gate.openedAt, missing: missingRequiredItems(s), failed: failedItems(s), decided: s.gate.verdict }
        : null,
    huntType: s.huntType ?? defaultHuntType(s.type),
    origin: s.origin ?? null,
    lead: s.lead,
    squad: s.squad,
    squadFormedAt: s.squadFormedAt,
    allocation: s.allocation,
    clocks: s.clocks,
    workItems,
    objectives: s.objectives,
    prioritisation: s.prioritisation,
    intel: s.intel,
    external: s.external,
    artifacts,
    counts: {
      findings: s.findings,
      queries: s.counters.queries,
      containments: { total: s.counters.containments, pending: s.containments.length },
      effects: { pending: s.effects.queue.length + s.effects.deferred + (s.effects.proposed ?? 0), running: s.effects.running, done: s.effects.done, failed: s.effects.failed },
      sweeps: s.sweeps.count,
      auditEntries: s.counters.audit,
    },
    pendingContainments: s.containments,
    sweeps: s.sweeps,
    previous: s.previous,
    latest: s.latest,
    runs: s.runs,
  };
}

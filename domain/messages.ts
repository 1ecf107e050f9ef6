import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { timeAllocationSchema } from './allocation';
import { newFindingSchema, type NewFinding } from './findings';
import { actorSchema } from './identity';
import type { EffectRef, EffectResult } from './effects';
import type { SweepRecord } from './mission';
import type { UpdateAckState } from './mission-core';
import { phaseSchema } from './mission';
import { optionalText, text } from './text';

export const reason = text(2000);
/** An RFC 3339 date-time, seconds included (what OpenAPI's `date-time` means), with its offset. */
// From year 1: PostgreSQL (like the Gregorian calendar) has no year 0.
export const dateTime = z.iso.datetime({ offset: true }).regex(/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, 'an RFC 3339 date-time with seconds, from year 1');

export const gateDecisionSchema = z.object({
  gate: phaseSchema,
  decision: z.enum(['approve', 'reject']),
  reason: reason.optional(),
});
export type GateDecision = z.infer<typeof gateDecisionSchema>;

export const assignLeadSchema = z.object({ lead: text(120) });
export const workItemSchema = z.object({
  item: z.string().min(1).max(60),
  data: z.record(z.string(), z.unknown()),
});
export const setAllocationSchema = z.object({
  allocation: timeAllocationSchema,
  reason: reason.optional(),
});
export const inviteHuntersSchema = z.object({ hunters: z.array(text(120)).min(1).max(50) });
export const squadResponseSchema = z.object({ accept: z.boolean(), reason: reason.optional() });
export const addFindingSchema = z.object({ finding: newFindingSchema });
export const withdrawFindingSchema = z.object({ findingId: z.string().min(1).max(40), reason });
export const runQuerySchema = z.object({
  title: text(200),
  query: text(20_000),
  from: dateTime,
  to: dateTime,
});
export const requestContainmentSchema = z.object({
  target: z.object({ kind: z.enum(['endpoint', 'account']), id: text(300) }),
  reason,
  findingId: z.string().min(1).max(40).optional(),
});
export const decideContainmentSchema = z.object({
  containmentId: z.string().min(1).max(40),
  decision: z.enum(['approve', 'reject']),
  reason,
});
export const cancelMissionSchema = z.object({ reason });
export const releaseReportSchema = z.object({ summary: optionalText(10_000).optional() });

/** Every Update carries the acting identity so the workflow's validators check entitlement too. */
const acted = <T extends z.ZodRawShape>(s: z.ZodObject<T>) => s.extend({ actor: actorSchema, requestId: z.string().max(100).optional() });
export const gateDecisionInputSchema = acted(gateDecisionSchema);
export type GateDecisionInput = z.infer<typeof gateDecisionInputSchema>;
export type AssignLeadInput = z.infer<typeof assignLeadSchema> & Acted;
export type WorkItemInput = z.infer<typeof workItemSchema> & Acted;
export type SetAllocationInput = z.infer<typeof setAllocationSchema> & Acted;
export type InviteHuntersInput = z.infer<typeof inviteHuntersSchema> & Acted;
export type SquadResponseInput = z.infer<typeof squadResponseSchema> & Acted;
export type AddFindingInput = z.input<typeof addFindingSchema> & Acted;
export type WithdrawFindingInput = z.infer<typeof withdrawFindingSchema> & Acted;
export type RunQueryInput = z.infer<typeof runQuerySchema> & Acted;
export type RequestContainmentInput = z.infer<typeof requestContainmentSchema> & Acted;
export type DecideContainmentInput = z.infer<typeof decideContainmentSchema> & Acted;
export type CancelMissionInput = z.infer<typeof cancelMissionSchema> & Acted;
export type ReleaseReportInput = z.infer<typeof releaseReportSchema> & Acted;
type Acted = {
  actor: z.infer<typeof actorSchema>;
  /**
   * The caller's Idempotency-Key as a request id (hashed with the caller): the Update's id, and what
   * the mission remembers its answer by, across continue-as-new, so a retry is the same write.
   */
  requestId?: string;
};

/**
 * What an Update answers: small on purpose, since every Update's result is kept in
 * the workflow history; the full state is read through the query.
 */
export type UpdateAck = UpdateAckState;

export const decideGateUpdate = defineUpdate<UpdateAck, [GateDecisionInput]>('decideGate');
export const assignLeadUpdate = defineUpdate<UpdateAck, [AssignLeadInput]>('assignLead');
export const recordWorkItemUpdate = defineUpdate<UpdateAck, [WorkItemInput]>('recordWorkItem');
export const setAllocationUpdate = defineUpdate<UpdateAck, [SetAllocationInput]>('setAllocation');
export const inviteHuntersUpdate = defineUpdate<UpdateAck, [InviteHuntersInput]>('inviteHunters');
export const squadResponseUpdate = defineUpdate<UpdateAck, [SquadResponseInput]>('squadResponse');
export const addFindingUpdate = defineUpdate<UpdateAck, [AddFindingInput]>('addFinding');
export const withdrawFindingUpdate = defineUpdate<UpdateAck, [WithdrawFindingInput]>('withdrawFinding');
export const runQueryUpdate = defineUpdate<UpdateAck, [RunQueryInput]>('runQuery');
export const requestContainmentUpdate = defineUpdate<UpdateAck, [RequestContainmentInput]>('requestContainment');
export const decideContainmentUpdate = defineUpdate<UpdateAck, [DecideContainmentInput]>('decideContainment');
export const cancelMissionUpdate = defineUpdate<UpdateAck, [CancelMissionInput]>('cancelMission');
export const releaseReportUpdate = defineUpdate<UpdateAck, [ReleaseReportInput]>('releaseReport');

/** From an effect retry (a workflow of its own) to its mission, if still running: what each retried effect did. */
export interface EffectsRetried {
  outcomes: Array<{ effect: EffectRef; result?: EffectResult; error?: { type: string; message: string } }>;
}
export const effectsRetriedSignal = defineSignal<[EffectsRetried]>('effectsRetried');

/** From a watcher of the mission (the visibility watch, the EAVD sweeps) that failed for good. */
export const watcherFailedSignal = defineSignal<[{ watcher: 'visibility-watch' | 'sweep'; error: string }]>('watcherFailed');

/** From the visibility watch (a child workflow) to its mission: a log source went silent. */
export interface SilentSource {
  source: string;
  lastSeen: string | null;
  events: number;
  silentAfterMinutes: number;
}
export const visibilityGapSignal = defineSignal<[SilentSource]>('visibilityGap');

/**
 * From an EAVD sweep (a child workflow) to its mission, once the sweep is done: what it found that the
 * last did not. The findings themselves went ahead in `sweepFindings` signals, one per enrichment batch.
 */
export type SweepResults = Omit<SweepRecord, 'at'>;
export const sweepResultsSignal = defineSignal<[SweepResults]>('sweepResults');

/**
 * From an EAVD sweep to its mission: the findings of one enrichment batch, sent as soon as they are
 * scored (an escalation need not wait for the whole sweep) and small enough that a brand with thousands
 * of registered lookalikes never makes a payload near Temporal's size limit.
 */
export interface SweepFindings {
  sweep: number;
  findings: NewFinding[];
}
export const sweepFindingsSignal = defineSignal<[SweepFindings]>('sweepFindings');

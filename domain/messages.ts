import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { NewFinding } from './findings';
import { actorSchema } from './identity';
import type { EffectRef, EffectResult } from './effects';
import type { SweepRecord } from './mission';
import type { UpdateAckState } from './mission-core';

import { assignLeadSchema, gateDecisionSchema, setAllocationSchema, inviteHuntersSchema, squadResponseSchema, addFindingSchema, withdrawFindingSchema, runQuerySchema, requestContainmentSchema, decideContainmentSchema, cancelMissionSchema, releaseReportSchema, workItemSchema } from './commands';

export * from './commands';

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
 * of registered lookalikes never makes a payload near Temporal's size limit. The lookalike watchers
 * outside the mission (newly-registered-domain feeds, certificate transparency) send theirs with
 * sweep 0 (activities/eavd/deliver-findings.ts).
 */
export interface SweepFindings {
  sweep: number;
  findings: NewFinding[];
}
export const sweepFindingsSignal = defineSignal<[SweepFindings]>('sweepFindings');

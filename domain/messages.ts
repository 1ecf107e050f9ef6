import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { timeAllocationSchema } from './allocation';
import { actorSchema } from './identity';
import type { MissionState } from './mission';
import { phaseSchema } from './mission';

export const gateDecisionSchema = z.object({
  gate: phaseSchema,
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type GateDecision = z.infer<typeof gateDecisionSchema>;

export const assignLeadSchema = z.object({ lead: z.string().trim().min(1).max(120) });
export const workItemSchema = z.object({
  item: z.string().min(1).max(60),
  data: z.record(z.string(), z.unknown()),
});
export const setAllocationSchema = z.object({
  allocation: timeAllocationSchema,
  reason: z.string().trim().min(1).max(2000).optional(),
});

/** Every Update carries the acting identity so the workflow's validators check entitlement too. */
const acted = <T extends z.ZodRawShape>(s: z.ZodObject<T>) => s.extend({ actor: actorSchema });
export const gateDecisionInputSchema = acted(gateDecisionSchema);
export const assignLeadInputSchema = acted(assignLeadSchema);
export const workItemInputSchema = acted(workItemSchema);
export const setAllocationInputSchema = acted(setAllocationSchema);

export type GateDecisionInput = z.infer<typeof gateDecisionInputSchema>;
export type AssignLeadInput = z.infer<typeof assignLeadInputSchema>;
export type WorkItemInput = z.infer<typeof workItemInputSchema>;
export type SetAllocationInput = z.infer<typeof setAllocationInputSchema>;

export const decideGateUpdate = defineUpdate<MissionState, [GateDecisionInput]>('decideGate');
export const assignLeadUpdate = defineUpdate<MissionState, [AssignLeadInput]>('assignLead');
export const recordWorkItemUpdate = defineUpdate<MissionState, [WorkItemInput]>('recordWorkItem');
export const setAllocationUpdate = defineUpdate<MissionState, [SetAllocationInput]>('setAllocation');
export const missionStateQuery = defineQuery<MissionState>('missionState');

export interface AllocateCodeInput {
  type: string;
  /** Caller's request id: the same id always gets the same code back. */
  requestId: string;
}
export interface AllocatedCode {
  code: string;
  sequence: number;
}
export const allocateCodeUpdate = defineUpdate<AllocatedCode, [AllocateCodeInput]>('allocateCode');

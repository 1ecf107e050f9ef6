import { z } from 'zod';
import { timeAllocationSchema } from './allocation';
import { actorSchema } from './identity';
import { MISSION_TYPE_CODES } from './mission-types';
import { MISSION_STATUSES, PHASES } from './phases';
import { artifactRefSchema } from './mission-artifacts';

export const phaseSchema = z.enum(PHASES);
export const missionTypeSchema = z.enum(MISSION_TYPE_CODES);

export const TRIGGERS = ['intel', 'incident', 'schedule', 'request'] as const;

/** What a SOC platform sends to start a mission. */
export const startMissionRequestSchema = z.object({
  type: missionTypeSchema,
  codeName: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u, 'letters, digits, spaces, hyphens and apostrophes only'),
  topic: z.string().trim().min(3).max(500),
  trigger: z.enum(TRIGGERS).default('request'),
  keywords: z.array(z.string().trim().min(2).max(60)).max(50).default([]),
});
export type StartMissionRequest = z.infer<typeof startMissionRequestSchema>;

export const missionWorkflowInputSchema = startMissionRequestSchema.extend({
  missionId: z.string(),
  code: z.string(),
  iteration: z.number().int().positive(),
  requester: actorSchema,
});
export type MissionWorkflowInput = z.infer<typeof missionWorkflowInputSchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const workItemRecordSchema = z.object({
  by: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WorkItemRecord = z.infer<typeof workItemRecordSchema>;

export const intelSummarySchema = z.object({
  source: z.string(),
  indicators: z.number().int(),
  reports: z.number().int(),
  observables: z.number().int(),
  matched: z.array(z.object({ id: z.string(), type: z.string(), name: z.string() })),
});
export type IntelSummary = z.infer<typeof intelSummarySchema>;

export { artifactRefSchema, type ArtifactRef } from './mission-artifacts';

export const missionStateSchema = z.object({
  missionId: z.string(),
  code: z.string(),
  codeName: z.string(),
  displayName: z.string(),
  type: missionTypeSchema,
  iteration: z.number().int(),
  topic: z.string(),
  trigger: z.enum(TRIGGERS),
  keywords: z.array(z.string()),
  requester: z.string(),
  status: z.enum(MISSION_STATUSES),
  phase: phaseSchema,
  openGate: phaseSchema.nullable(),
  lead: z.string().nullable(),
  allocation: timeAllocationSchema.nullable(),
  workItems: z.record(z.string(), z.record(z.string(), workItemRecordSchema)),
  intel: intelSummarySchema.nullable(),
  artifacts: z.record(z.string(), artifactRefSchema),
  closedReason: z.string().nullable(),
  timeline: z.array(auditEntrySchema),
});
export type MissionState = z.infer<typeof missionStateSchema>;

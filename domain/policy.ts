import { z } from 'zod';
import { DEFAULT_MAX_EXECUTION_RATIO } from './allocation';

/** Prioritisation model for the feasibility assessment: weights per factor and the score that qualifies. */
export const prioritisationSchema = z.object({
  weights: z
    .object({
      dataAvailability: z.number().min(0).max(10).default(2),
      informationQuality: z.number().min(0).max(10).default(1.5),
      skillsets: z.number().min(0).max(10).default(1),
      resourceConstraints: z.number().min(0).max(10).default(1),
      timelines: z.number().min(0).max(10).default(1),
      crownJewelsImpacted: z.number().min(0).max(10).default(3),
      majorVulnerabilities: z.number().min(0).max(10).default(2),
      emergentThreat: z.number().min(0).max(10).default(2),
    })
    .prefault({}),
  /** Share of the maximum score (0..1) from which the model proposes to qualify. */
  qualifyAt: z.number().min(0).max(1).default(0.5),
});

/** Per-mission policy; every field has the organisation's default. */
export const missionPolicySchema = z.object({
  maxExecutionRatio: z.number().gt(0).max(1).default(DEFAULT_MAX_EXECUTION_RATIO),
  minSquadSize: z.number().int().min(1).max(50).default(2),
  clockWarnings: z.array(z.number().gt(0).max(1)).max(10).default([0.5, 0.8, 1]),
  gateReminderHours: z.number().min(1 / 3600, 'at least one second').max(24 * 30).default(24),
  autoAdvanceOnExecutionExpiry: z.boolean().default(false),
  heartbeatMinutes: z.number().min(1 / 60, 'at least one second').max(24 * 60).default(60),
  sweepIntervalMinutes: z.number().min(1 / 60, 'at least one second').max(7 * 24 * 60).default(360),
  silentAfterMinutes: z.number().positive().max(7 * 24 * 60).default(240),
  prioritisation: prioritisationSchema.prefault({}),
});
export type MissionPolicy = z.infer<typeof missionPolicySchema>;

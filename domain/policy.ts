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
  /** Side effects of different findings run at once, up to this many. */
  effectConcurrency: z.number().int().min(1).max(32).default(4),
  /** Attempts of an effect (with backoff) before it is failed, audited and alerted. */
  effectMaxAttempts: z.number().int().min(1).max(20).default(5),
  /** Delay before an effect's second attempt; each next one doubles it (at most two minutes). */
  effectRetrySeconds: z.number().min(0.1).max(600).default(2),
  /**
   * The mission continues as new (a fresh workflow history, the same mission) past this many history
   * events, or sooner when Temporal suggests it. Temporal's own limit is 51,200.
   */
  maxHistoryEvents: z.number().int().min(500).max(40_000).default(10_000),
});
export type MissionPolicy = z.infer<typeof missionPolicySchema>;

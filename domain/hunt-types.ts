import { z } from 'zod';
import type { MissionTypeCode } from './mission-types';

/**
 * The kind of hunt (PEAK's hypothesis-driven, baseline and model-assisted hunts; capeo's EAVD discovery
 * is intel-driven), and where a mission came from. Zod only, imported by the start request's schema.
 */
export const HUNT_TYPES = ['hypothesis-driven', 'baseline', 'model-assisted', 'intel-driven'] as const;
export type HuntType = (typeof HUNT_TYPES)[number];
export const huntTypeSchema = z.enum(HUNT_TYPES);

/** What a mission type is when its start does not say: EAVD is discovery driven by intel on the brand. */
export function defaultHuntType(_type: MissionTypeCode): HuntType {
  return 'intel-driven';
}

/** Where a mission came from: the backlog entry it was started from, and the mission whose playbook it builds on. */
export const originSchema = z.object({
  backlogId: z.string().regex(/^B\d+$/, 'a backlog entry id such as B12'),
  basedOn: z.string().min(1).max(100).optional().describe('the mission whose playbook this hunt builds on'),
});
export type Origin = z.infer<typeof originSchema>;

import type { z } from 'zod';
import type * as s from '../api/routes/missions/schemas';

/** The API's answers as its own response schemas declare them, so a change there fails the CLI's typecheck. */
type Answer<R extends { response: { 200: z.ZodType } }> = z.infer<R['response'][200]>;

export type MissionView = Answer<typeof s.getMission>;
export type MissionEntry = Answer<typeof s.listMissions>['missions'][number];
export type Finding = Answer<typeof s.getFinding>;
export type FoundFinding = Answer<typeof s.searchFindings>['items'][number];
export type AuditItem = Answer<typeof s.listTimeline>['items'][number];
export type EffectItem = Answer<typeof s.listEffects>['items'][number];
export type Retried = Answer<typeof s.retryEffects>['retried'][number];
export type Ack = z.infer<typeof s.ackSchema>;
export type FindingAdded = z.infer<(typeof s.addFinding)['response'][201]>;
export type ClockProgress = MissionView['progress']['totalHunt'];

import { z } from 'zod';
import { techniquesSchema } from './attack';
import { timeAllocationSchema } from './allocation';
import { newFindingSchema } from './findings';
import { phaseSchema } from './mission';
import { optionalText, text } from './text';

/**
 * What each command of a mission takes (the API's bodies, the Updates' payloads): zod only, so the
 * web board checks a form with the very schema the API and the workflow check it with.
 */
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
  /** `sigma`: `query` is a Sigma rule (YAML), converted for the configured SIEM (docs/sigma.md). */
  format: z.enum(['native', 'sigma']).optional(),
  from: dateTime,
  to: dateTime,
  /** ATT&CK techniques the query hunts (checked against the loaded catalogue). */
  techniques: techniquesSchema.optional(),
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


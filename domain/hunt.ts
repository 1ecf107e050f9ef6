import { z } from 'zod';
import { techniquesSchema } from './attack';
import { TRIGGERS } from './mission';
import { huntTypeSchema } from './hunt-types';
import { MISSION_TYPE_CODES } from './mission-types';
import { text } from './text';
import { feasibilitySchema, hypothesisSchema } from './work-items';

/**
 * Hunt knowledge beyond one mission: the hypothesis and its ABLE scope (actor, behaviour, location,
 * evidence), and the backlog of hunt topics a team chooses from (hunt types: hunt-types.ts).
 */



/** A hunt topic proposed to the backlog, by anyone, with what motivated it. */
export const backlogProposalSchema = z.object({
  topic: text(500, 3),
  trigger: z.enum(TRIGGERS),
  motivation: text(4000, 3).describe('what triggered the proposal: the intel, the incident, the gap seen'),
  type: z.enum(MISSION_TYPE_CODES).default('EAVD'),
  huntType: huntTypeSchema.optional(),
  hypothesis: hypothesisSchema.optional(),
  keywords: z.array(text(60, 2)).max(50).default([]),
  techniques: techniquesSchema.optional(),
  /** The prioritisation model's inputs: the entry is scored and ordered by them. */
  feasibility: feasibilitySchema,
  basedOn: z.string().min(1).max(100).optional().describe('a mission whose playbook this hunt would build on'),
});
export type BacklogProposal = z.infer<typeof backlogProposalSchema>;

export const BACKLOG_STATUSES = ['proposed', 'started', 'dropped'] as const;
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

export const backlogEntrySchema = backlogProposalSchema
  .extend({
    id: z.string(),
    status: z.enum(BACKLOG_STATUSES),
    score: z.number(),
    maxScore: z.number(),
    proposal: z.enum(['qualify', 'reject']).describe("the prioritisation model's proposal"),
    proposedBy: z.string(),
    proposedAt: z.string(),
    missionId: z.string().nullable().describe('the mission started from it'),
    droppedReason: z.string().nullable(),
  })
  .meta({ id: 'BacklogEntry' });
export type BacklogEntry = z.infer<typeof backlogEntrySchema>;

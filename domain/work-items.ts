import { z } from 'zod';
import { techniquesSchema } from './attack';
import type { MissionPolicy } from './policy';
import { optionalText, text as freeText } from './text';

const text = (max = 2000) => freeText(max);
const url = z.url({ protocol: /^https?$/ }).max(2048);

export const referenceSchema = z.object({
  title: text(300),
  link: url,
  kind: z.enum(['article', 'documentation', 'code', 'report', 'ticket', 'architecture', 'policy', 'other']),
  notes: optionalText(4000).optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

const score = z.number().int().min(0).max(5);
export const feasibilitySchema = z.object({
  dataAvailability: score,
  informationQuality: score,
  skillsets: score,
  resourceConstraints: score.describe('5 = no constraint'),
  timelines: score.describe('5 = comfortable'),
  crownJewelsImpacted: z.boolean(),
  majorVulnerabilities: z.boolean(),
  emergentThreat: z.boolean(),
  notes: optionalText(4000).optional(),
});
export type Feasibility = z.infer<typeof feasibilitySchema>;

export const ownerSchema = z.object({
  name: text(200),
  contact: text(300),
  kind: z.enum(['business', 'technical']),
  asset: optionalText(300).optional(),
});

export const teamEngagementSchema = z.object({
  team: text(200),
  involvement: z.enum(['informed', 'consulted', 'supporting', 'leading']),
  deliverables: text(2000),
});

/** PEAK's ABLE scope of a hypothesis. */
export const ableSchema = z.object({
  actor: freeText(500).describe('who: the threat actor or kind of adversary'),
  behaviour: freeText(2000).describe('what they do: the behaviour or technique hunted'),
  location: freeText(1000).describe('where: the part of the estate it happens in'),
  evidence: freeText(2000).describe('which data would show it'),
});

/** The Analyze work item of a hypothesis: required for hypothesis-driven hunts, optional otherwise. */
export const hypothesisSchema = z.object({ hypothesis: freeText(2000, 10), able: ableSchema });

/** Typed payloads of the work items people record; system items are recorded by the workflow itself. */
export const WORK_ITEM_PAYLOADS = {
  'initial-research': z.object({ references: z.array(referenceSchema).min(1).max(200) }),
  feasibility: feasibilitySchema,
  owners: z.object({ owners: z.array(ownerSchema).min(1).max(100) }),
  // Engaging no team is a valid answer, but it must be stated.
  hypothesis: hypothesisSchema,
  'team-engagement': z.object({ teams: z.array(teamEngagementSchema).max(50), statement: text(2000) }),
  // The ATT&CK techniques the objectives hunt, checked against the loaded catalogue.
  objectives: z.object({ objectives: z.array(text(500)).min(1).max(30), techniques: techniquesSchema.default([]) }),
  'data-sources': z.object({
    sources: z.array(z.object({ name: text(200), location: text(500), model: text(500) })).min(1).max(100),
  }),
  stakeholders: z.object({ references: z.array(referenceSchema).min(1).max(200) }),
  'infrastructure-knowledge': z.object({ references: z.array(referenceSchema).min(1).max(200) }),
  'previous-security-data': z.object({ references: z.array(referenceSchema).min(1).max(200) }),
  feedback: z.object({ feedback: text(10_000), improvements: z.array(text(1000)).max(50).default([]) }),
} as const;
export type RecordableItem = keyof typeof WORK_ITEM_PAYLOADS;

export interface PrioritisationResult {
  score: number;
  maxScore: number;
  proposal: 'qualify' | 'reject';
}

/** The prioritisation model: a weighted score of the feasibility factors, proposing qualify or reject. */
export function prioritise(f: Feasibility, policy: MissionPolicy['prioritisation']): PrioritisationResult {
  const w = policy.weights;
  const graded = [
    [f.dataAvailability, w.dataAvailability],
    [f.informationQuality, w.informationQuality],
    [f.skillsets, w.skillsets],
    [f.resourceConstraints, w.resourceConstraints],
    [f.timelines, w.timelines],
  ] as const;
  const flags = [
    [f.crownJewelsImpacted, w.crownJewelsImpacted],
    [f.majorVulnerabilities, w.majorVulnerabilities],
    [f.emergentThreat, w.emergentThreat],
  ] as const;
  const score = graded.reduce((s, [v, wt]) => s + (v / 5) * wt, 0) + flags.reduce((s, [v, wt]) => s + (v ? wt : 0), 0);
  const maxScore = [...graded, ...flags].reduce((s, [, wt]) => s + wt, 0);
  const rounded = Math.round(score * 100) / 100;
  return { score: rounded, maxScore, proposal: maxScore > 0 && score / maxScore >= policy.qualifyAt ? 'qualify' : 'reject' };
}

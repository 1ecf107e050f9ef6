import { z } from 'zod';
import { techniquesSchema } from './attack';
import { artifactRefSchema } from './mission-artifacts';
import { optionalText, text } from './text';

export const FINDING_CATEGORIES = [
  'visibility-gap',
  'security-control-issue',
  'detection-opportunity',
  'hunt-opportunity',
  'suspicious-security-event',
  'ti-event-of-interest',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const OBSERVABLE_TYPES = ['domain', 'ipv4', 'ipv6', 'url', 'hash', 'email'] as const;
export const observableSchema = z.object({
  type: z.enum(OBSERVABLE_TYPES),
  value: text(2048),
});
export type Observable = z.infer<typeof observableSchema>;

export const evidenceSchema = z.object({
  kind: z.enum(['query', 'dns', 'certificate', 'registration', 'web', 'note', 'other']),
  summary: text(4000),
  artifact: artifactRefSchema.optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** What a hunter (or a sweep) submits. */
export const newFindingSchema = z.object({
  category: z.enum(FINDING_CATEGORIES),
  title: text(200, 3),
  description: optionalText(10_000).default(''),
  severity: z.enum(SEVERITIES),
  evidence: z.array(evidenceSchema).max(50).default([]),
  observables: z.array(observableSchema).max(500).default([]),
  /** Stable id from the source (for example a sweep's candidate domain), so a retry never duplicates. */
  sourceKey: z.string().min(1).max(300).optional(),
  flags: z.array(z.enum(['playbook', 'battlefield-intel'])).max(2).default([]),
  /** A detection-opportunity's proposed detection: a Sigma rule (YAML), checked as a Sigma hunt query is (docs/sigma.md). */
  proposedRule: z.string().min(1).max(50_000).optional(),
  /** ATT&CK techniques the finding is evidence of (checked against the loaded catalogue). */
  techniques: techniquesSchema.optional(),
});
export type NewFinding = z.infer<typeof newFindingSchema>;

export const externalRefSchema = z.object({ system: z.string(), id: z.string(), url: z.string().optional() });
export type ExternalRef = z.infer<typeof externalRefSchema>;

export const findingSchema = newFindingSchema.extend({
  id: z.string(),
  status: z.enum(['open', 'escalated', 'withdrawn']),
  author: z.string(),
  at: z.string(),
  withdrawnReason: z.string().optional(),
  ticket: externalRefSchema.optional(),
  escalation: z
    .object({ at: z.string(), ticket: externalRefSchema, notification: z.string(), channel: z.string().optional() })
    .optional(),
  tip: externalRefSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

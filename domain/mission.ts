import { z } from 'zod';
import { techniquesSchema } from './attack';
import { huntTypeSchema, originSchema } from './hunt-types';
import { timeAllocationSchema } from './allocation';
import { externalRefSchema, findingSchema } from './findings';
import { actorSchema } from './identity';
import { artifactRefSchema } from './mission-artifacts';
import { MISSION_TYPE_CODES } from './mission-types';
import { MISSION_STATUSES, PHASES } from './phases';
import { missionPolicySchema } from './policy';
import { text } from './text';

export { artifactRefSchema, type ArtifactRef } from './mission-artifacts';

export const phaseSchema = z.enum(PHASES);
export const missionTypeSchema = z.enum(MISSION_TYPE_CODES);

export const TRIGGERS = ['intel', 'incident', 'schedule', 'request'] as const;

const person = text(120);

/**
 * EAVD: which large lookalike families a brand's sweeps add (README "Lookalike discovery" has their
 * sizes); absent, the bounded defaults.
 */
export const lookalikePolicySchema = z.object({
  /** TLDs swapped to and added: none, common (every ccTLD and common gTLDs) or all (every IANA TLD). */
  tldFamily: z.enum(['none', 'common', 'all']).default('common'),
  /** Also every public-suffix entry under the brand's TLD (paypal.blogspot.com...). */
  publicSuffixes: z.boolean().default(false),
  /** Also the brand under each of about 35,000 dynamic-DNS suffixes. */
  dynamicDns: z.boolean().default(false),
  /** Combosquatting with the built-in dictionary of about 800 service words, besides the brand keywords. */
  combosquattingDictionary: z.boolean().default(true),
  /** Homoglyphs two rounds deep in ail-typo-squatting's manner too (quadratic in the label's length). */
  allHomoglyphs: z.boolean().default(false),
});
export type LookalikePolicy = z.infer<typeof lookalikePolicySchema>;

/** What a SOC platform sends to start a mission. */
export const startMissionRequestSchema = z.object({
  type: missionTypeSchema,
  codeName: text(60, 3, { pattern: /^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u, rule: 'letters, digits, spaces, hyphens and apostrophes only' }),
  topic: text(500, 3),
  trigger: z.enum(TRIGGERS).default('request'),
  keywords: z.array(text(60, 2)).max(50).default([]),
  stakeholders: z.array(person).max(100).default([]),
  audience: z.array(text(320, 3)).max(500).default([]),
  /** EAVD: the protected brand; with it, Execute runs discovery sweeps for lookalikes. */
  brand: z
    .object({
      domains: z.array(z.string().trim().toLowerCase().regex(/^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'a domain name such as example.com')).min(1).max(20),
      keywords: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,30}$/, 'a lure keyword such as login')).max(50).default([]),
      lookalikes: lookalikePolicySchema.optional(),
    })
    .optional(),
  /** The kind of hunt; EAVD missions default to intel-driven discovery. */
  huntType: huntTypeSchema.optional(),
  /** The backlog entry the mission was started from (set by capeo when a manager starts an entry). */
  origin: originSchema.optional(),
  /** ATT&CK techniques the mission hunts (checked against the loaded catalogue). */
  techniques: techniquesSchema.optional(),
  policy: missionPolicySchema.prefault({}),
});
export type StartMissionRequest = z.input<typeof startMissionRequestSchema>;
export type StartMissionParsed = z.infer<typeof startMissionRequestSchema>;

export const previousIterationSchema = z.object({
  missionId: z.string(),
  playbook: artifactRefSchema.nullable(),
  objectives: z.array(z.string()),
});

export const missionWorkflowInputSchema = startMissionRequestSchema.extend({
  missionId: z.string(),
  code: z.string(),
  iteration: z.number().int().positive(),
  requester: actorSchema,
  previous: previousIterationSchema.optional(),
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
  /** Absent means done; 'failed' is a system step that failed for good (a failed effect). */
  status: z.enum(['done', 'failed']).optional(),
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

export const clockSchema = z.object({
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  allocatedHours: z.number().nullable(),
  deadline: z.string().nullable(),
  warningsSent: z.array(z.number()),
  overrun: z.boolean(),
});
export type Clock = z.infer<typeof clockSchema>;

export const squadMemberSchema = z.object({
  status: z.enum(['invited', 'accepted', 'declined']),
  invitedAt: z.string(),
  respondedAt: z.string().optional(),
});

export const queryRunSchema = z.object({
  id: z.string(),
  title: z.string(),
  query: z.string(),
  from: z.string(),
  to: z.string(),
  rowCount: z.number().int(),
  columns: z.array(z.string()),
  sample: z.array(z.record(z.string(), z.unknown())),
  truncated: z.boolean(),
  evidence: artifactRefSchema,
  by: z.string(),
  at: z.string(),
  techniques: z.array(z.string()).optional(),
  /** The Sigma rule the hunter posted, when `query` was converted from one (docs/sigma.md). */
  sigma: z.string().optional(),
});
export type QueryRun = z.infer<typeof queryRunSchema>;

export const containmentSchema = z.object({
  id: z.string(),
  target: z.object({ kind: z.enum(['endpoint', 'account']), id: z.string() }),
  reason: z.string(),
  findingId: z.string().optional(),
  requestedBy: z.string(),
  at: z.string(),
  status: z.enum(['pending-dfir', 'approved', 'rejected', 'executed', 'failed']),
  dfir: z.object({ by: z.string(), at: z.string(), decision: z.enum(['approve', 'reject']), reason: z.string() }).optional(),
  action: externalRefSchema.optional(),
});
export type Containment = z.infer<typeof containmentSchema>;

/** An EAVD sweep as the mission keeps it: what it found that the sweep before did not. */
export const sweepRecordSchema = z.object({
  sweep: z.number().int(),
  at: z.string(),
  candidates: z.number().int(),
  registered: z.number().int(),
  /** Names whose lookups failed: existence unknown, asked again by the next sweep. */
  unresolved: z.number().int(),
  /** Names answered only by their zone's wildcard (or a resolver that rewrites NXDOMAIN). */
  wildcard: z.number().int(),
  newDomains: z.array(z.string()),
  /** How many findings the sweep sent. */
  findingCount: z.number().int(),
});
export type SweepRecord = z.infer<typeof sweepRecordSchema>;

/**
 * The whole mission as the mission store holds it (findings, queries, timeline, work-item payloads):
 * what the outcome documents are rendered from. Never kept in a workflow, never answered in one piece.
 */
export const missionRecordSchema = z.object({
  missionId: z.string(),
  code: z.string(),
  codeName: z.string(),
  displayName: z.string(),
  channelName: z.string(),
  type: missionTypeSchema,
  iteration: z.number().int(),
  topic: z.string(),
  trigger: z.enum(TRIGGERS),
  keywords: z.array(z.string()),
  requester: z.string(),
  stakeholders: z.array(z.string()),
  audience: z.array(z.string()),
  policy: missionPolicySchema,
  status: z.enum(MISSION_STATUSES),
  phase: phaseSchema,
  openGate: phaseSchema.nullable(),
  lead: z.string().nullable(),
  squad: z.record(z.string(), squadMemberSchema),
  squadFormedAt: z.string().nullable(),
  allocation: timeAllocationSchema.nullable(),
  clocks: z.object({ total: clockSchema, execution: clockSchema }),
  workItems: z.record(z.string(), z.record(z.string(), workItemRecordSchema)),
  intel: intelSummarySchema.nullable(),
  findings: z.array(findingSchema),
  queries: z.array(queryRunSchema),
  containments: z.array(containmentSchema),
  brand: z.object({ domains: z.array(z.string()), keywords: z.array(z.string()), lookalikes: lookalikePolicySchema.optional() }).nullable(),
  sweeps: z.array(sweepRecordSchema),
  external: z.record(z.string(), externalRefSchema),
  artifacts: z.record(z.string(), artifactRefSchema),
  previous: previousIterationSchema.nullable(),
  closedReason: z.string().nullable(),
  timeline: z.array(auditEntrySchema),
});
export type MissionRecord = z.infer<typeof missionRecordSchema>;

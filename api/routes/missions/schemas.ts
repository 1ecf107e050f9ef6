import { techniqueIdSchema } from '../../../domain/attack';
import { z } from 'zod';
import { EFFECT_STATES } from '../../../domain/effects';
import { FINDING_CATEGORIES, findingSchema, OBSERVABLE_TYPES, SEVERITIES } from '../../../domain/findings';
import * as m from '../../../domain/messages';
import { auditEntrySchema, clockSchema, missionTypeSchema, phaseSchema, queryRunSchema, startMissionRequestSchema, sweepRecordSchema } from '../../../domain/mission';
import { missionSummarySchema } from '../../../domain/mission-summary';
import { missionMetricsSchema } from '../../../domain/metrics';
import { MISSION_STATUSES } from '../../../domain/phases';
import { WORK_ITEM_PAYLOADS, type RecordableItem } from '../../../domain/work-items';
import { CURSOR_PATTERNS } from '../../../store/mission-reads';
import { idempotencyKeyHeader, problemSchema } from '../../openapi';
import { text } from '../../../domain/text';

export const missionParams = z.object({ id: z.string().min(1).max(100) });
export { problemSchema };

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 503: problemSchema };
const started = z.object({
  missionId: z.string(),
  code: z.string(),
  iteration: z.number().int(),
  displayName: z.string(),
  created: z.boolean(),
  previousMissionId: z.string().optional(),
});

const clockMetricsSchema = z.object({
  allocatedHours: z.number().nullable(),
  actualHours: z.number().nullable(),
  remainingHours: z.number().nullable(),
  percentUsed: z.number().nullable(),
  running: z.boolean(),
  overrun: z.boolean(),
  deadline: z.string().nullable(),
});
export const missionViewSchema = missionSummarySchema
  .extend({
    progress: z.object({ totalHunt: clockMetricsSchema, executionPhase: clockMetricsSchema }).describe('the clocks as they stand now'),
    updatedAt: z.string(),
  })
  .meta({ id: 'MissionSummary' });

/** What a write answers: the mission's phase, status and open gate after it (and the id of what it created). */
export const ackSchema = z.object({
  phase: phaseSchema,
  status: z.enum(MISSION_STATUSES),
  openGate: phaseSchema.nullable(),
  id: z.string().optional(),
  created: z.boolean().optional(),
});
const ackReply = { 200: ackSchema, ...problems };

const limit = z.coerce.number().int().min(1).max(500).default(50);
const order = z.enum(['asc', 'desc']).default('asc').describe('oldest first (asc, the default) or newest first (desc)');
/** A page's position: the `nextCursor` of the previous page (any string of the pattern is a position). */
const cursorOf = (pattern: RegExp) => z.string().regex(pattern, 'the nextCursor of a previous page').optional().describe('the nextCursor of the previous page');
const cursor = cursorOf(CURSOR_PATTERNS.seq);
const paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page') });

export const startMission = {
  // `origin` is capeo's (a backlog start sets it): a caller's is dropped like any unknown field.
  body: startMissionRequestSchema.omit({ origin: true }),
  headers: z.object({ 'idempotency-key': idempotencyKeyHeader }),
  response: { 201: started, 200: started, ...problems },
};

const missionListEntry = z.object({
  missionId: z.string(),
  code: z.string(),
  iteration: z.number().int(),
  type: z.string(),
  codeName: z.string(),
  displayName: z.string(),
  status: z.string(),
  phase: z.string(),
  lead: z.string().nullable(),
  openGate: z.string().nullable(),
  gateOpenedAt: z.string().nullable(),
  overrun: z.boolean(),
  deadline: z.string().nullable(),
  failedEffects: z.number().int(),
  findings: z.number().int(),
  escalated: z.number().int().describe('findings escalated to incident response'),
  clocks: z.object({ total: clockSchema, execution: clockSchema }).describe('Total Hunt Duration and Execution Phase Duration as the mission last wrote them'),
  clockWarnings: z.array(z.number()).describe("the policy's warning fractions of an allocation"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listMissions = {
  querystring: z.object({
    phase: phaseSchema.optional(),
    status: z.enum(MISSION_STATUSES).optional(),
    type: missionTypeSchema.optional(),
    code: z.string().regex(/^[A-Z]{2,8}\d{2,}$/, 'a mission code such as EAVD01').optional(),
    lead: z.string().regex(/^[\w.@+-]{1,120}$/, 'an identity: letters, digits and . @ + - _').optional(),
    overrun: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    codeName: text(60, 1, { pattern: /^[\p{L}\p{N} '-]+$/u, rule: 'letters, digits, spaces, hyphens and apostrophes' }).optional(),
    cursor: cursorOf(CURSOR_PATTERNS.listSeq),
    limit,
  }),
  response: { 200: z.object({ missions: z.array(missionListEntry), nextCursor: z.string().nullable() }), ...problems },
};

export const getMission = { params: missionParams, response: { 200: missionViewSchema, ...problems } };

const storedFinding = findingSchema.meta({ id: 'Finding' });
const findingFilters = {
  category: z.enum(FINDING_CATEGORIES).optional(),
  status: z.enum(['open', 'escalated', 'withdrawn']).optional(),
  severity: z.enum(SEVERITIES).optional(),
  observable: text(2048).optional().describe('an observable value (domain, address, URL, hash, email), compared without case'),
  observableType: z.enum(OBSERVABLE_TYPES).optional(),
  technique: techniqueIdSchema.optional().describe('an ATT&CK technique id the finding carries'),
};
export const listFindings = {
  params: missionParams,
  querystring: z.object({ ...findingFilters, order, cursor, limit }),
  response: { 200: paged(storedFinding), ...problems },
};
export const getFinding = {
  params: z.object({ id: missionParams.shape.id, findingId: z.string().min(1).max(40) }),
  response: { 200: storedFinding, ...problems },
};
export const searchFindings = {
  querystring: z.object({
    ...findingFilters,
    since: m.dateTime.optional().describe('findings recorded at or after this time'),
    until: m.dateTime.optional().describe('findings recorded before this time'),
    cursor: cursorOf(CURSOR_PATTERNS.findingSearch),
    limit,
  }),
  response: { 200: paged(storedFinding.extend({ missionId: z.string() })), ...problems },
};
export const listTimeline = {
  params: missionParams,
  querystring: z.object({ order, cursor, limit }),
  response: { 200: paged(auditEntrySchema.extend({ seq: z.number().int() })), ...problems },
};
export const listQueries = { params: missionParams, querystring: z.object({ cursor, limit }), response: { 200: paged(queryRunSchema), ...problems } };
export const listSweeps = { params: missionParams, querystring: z.object({ cursor, limit }), response: { 200: paged(sweepRecordSchema), ...problems } };
const effectEntry = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string(),
  subject: z.string().nullable(),
  state: z.enum(EFFECT_STATES),
  attempts: z.number().int(),
  error: z.string().nullable(),
  errorType: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const listEffects = {
  params: missionParams,
  querystring: z.object({ state: z.enum(EFFECT_STATES).optional(), cursor, limit }),
  response: { 200: paged(effectEntry), ...problems },
};
const retried = z.object({
  retried: z.array(z.object({ id: z.string(), kind: z.string(), key: z.string(), state: z.enum(['done', 'failed']), error: z.string().optional() })),
});
export const retryEffects = {
  params: missionParams,
  body: z.object({ effectIds: z.array(z.string().regex(/^E\d+$/, 'an effect id such as E12')).min(1).max(500).optional() }).nullish(),
  response: { 200: retried, ...problems },
};
export const retryEffect = {
  params: z.object({ id: missionParams.shape.id, effectId: z.string().regex(/^E\d+$/, 'an effect id such as E12') }),
  response: { 200: retried, ...problems },
};

export const decideGate = {
  params: z.object({ id: missionParams.shape.id, gate: phaseSchema }),
  // A rejection says why: the schema says so, so a generated client knows before it asks.
  body: z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), reason: m.reason.optional() }),
    z.object({ decision: z.literal('reject'), reason: m.reason }),
  ]),
  response: ackReply,
};
export const assignLead = { params: missionParams, body: m.assignLeadSchema, response: ackReply };
/** One operation per work item people record, with that item's typed payload (domain/work-items). */
export const recordWorkItem = <I extends RecordableItem>(item: I) => ({
  params: missionParams,
  body: z.object({ data: WORK_ITEM_PAYLOADS[item] }),
  response: ackReply,
});
export const setAllocation = { params: missionParams, body: m.setAllocationSchema, response: ackReply };
export const inviteHunters = { params: missionParams, body: m.inviteHuntersSchema, response: ackReply };
export const squadResponse = { params: missionParams, body: m.squadResponseSchema, response: ackReply };
export const addFinding = {
  params: missionParams,
  body: m.addFindingSchema.shape.finding,
  response: { 201: z.object({ id: z.string(), created: z.boolean(), finding: storedFinding, mission: ackSchema }), 200: z.object({ id: z.string(), created: z.boolean(), finding: storedFinding, mission: ackSchema }), ...problems },
};
export const withdrawFinding = {
  params: z.object({ id: missionParams.shape.id, findingId: z.string().min(1).max(40) }),
  body: m.withdrawFindingSchema.omit({ findingId: true }),
  response: ackReply,
};
export const runQuery = { params: missionParams, body: m.runQuerySchema, response: { 201: z.object({ id: z.string(), query: queryRunSchema, mission: ackSchema }), ...problems } };
export const requestContainment = { params: missionParams, body: m.requestContainmentSchema, response: { 201: z.object({ id: z.string(), mission: ackSchema }), ...problems } };
export const decideContainment = {
  params: z.object({ id: missionParams.shape.id, containmentId: z.string().min(1).max(40) }),
  body: m.decideContainmentSchema.omit({ containmentId: true }),
  response: ackReply,
};
export const cancelMission = { params: missionParams, body: m.cancelMissionSchema, response: ackReply };
// Every field is optional: so is the body.
export const releaseReport = { params: missionParams, body: m.releaseReportSchema.nullish(), response: ackReply };
export const getMetrics = { params: missionParams, response: { 200: missionMetricsSchema, ...problems } };
export const ARTIFACT_NAMES = ['playbook.ipynb', 'report.md', 'report.html', 'comms.txt', 'comms.html'] as const;
export const getArtifact = { params: z.object({ id: missionParams.shape.id, name: z.enum(ARTIFACT_NAMES) }) };
export const newIteration = {
  params: missionParams,
  headers: startMission.headers,
  response: { 201: started, 200: started, ...problems },
};
export const scheduleIterations = {
  params: missionParams,
  body: z.object({ everyDays: z.number().int().min(1).max(366) }),
  response: { 200: z.object({ scheduleId: z.string() }), ...problems },
};

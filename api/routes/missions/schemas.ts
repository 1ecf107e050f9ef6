import { z } from 'zod';
import * as m from '../../../domain/messages';
import { missionStateSchema, missionTypeSchema, phaseSchema, startMissionRequestSchema } from '../../../domain/mission';
import { MISSION_STATUSES } from '../../../domain/phases';

export const missionParams = z.object({ id: z.string().min(1).max(100) });
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    code: z.string().optional(),
    instance: z.string().optional(),
    missing: z.array(z.string()).optional(),
    errors: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 503: problemSchema };
const started = z.object({ missionId: z.string(), code: z.string(), displayName: z.string(), created: z.boolean() });
const stateReply = { 200: missionStateSchema, ...problems };
const createdReply = { 201: z.object({ id: z.string(), mission: missionStateSchema }), ...problems };

export const startMission = {
  body: startMissionRequestSchema,
  headers: z.object({
    'idempotency-key': z.string().regex(/^[\x21-\x7e]{8,200}$/, '8 to 200 visible ASCII characters').optional(),
  }),
  response: { 201: started, 200: started, ...problems },
};

export const listMissions = {
  querystring: z.object({
    phase: phaseSchema.optional(),
    status: z.enum(MISSION_STATUSES).optional(),
    type: missionTypeSchema.optional(),
    code: z.string().regex(/^[A-Z]{2,8}\d{2,}$/, 'a mission code such as EAVD01').optional(),
    lead: z.string().regex(/^[\w.@+-]{1,120}$/, 'an identity: letters, digits and . @ + - _').optional(),
    overrun: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    codeName: z.string().trim().min(1).max(60).regex(/^[\p{L}\p{N} '-]+$/u, 'letters, digits, spaces, hyphens and apostrophes').optional(),
    cursor: z.string().regex(/^[\w-]{1,2000}$/, 'a cursor from a previous page').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
  response: {
    200: z.object({
      missions: z.array(
        z.object({
          missionId: z.string(),
          status: z.string(),
          phase: z.string().nullable(),
          type: z.string().nullable(),
          code: z.string().nullable(),
          lead: z.string().nullable(),
          overrun: z.boolean(),
          deadline: z.string().nullable(),
          startedAt: z.string(),
        }),
      ),
      nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
    }),
    ...problems,
  },
};

export const getMission = { params: missionParams, response: stateReply };
export const decideGate = {
  params: z.object({ id: missionParams.shape.id, gate: phaseSchema }),
  body: m.gateDecisionSchema.omit({ gate: true }),
  response: stateReply,
};
export const assignLead = { params: missionParams, body: m.assignLeadSchema, response: stateReply };
export const recordWorkItem = {
  params: z.object({ id: missionParams.shape.id, item: z.string().min(1).max(60) }),
  body: z.object({ data: z.record(z.string(), z.unknown()) }),
  response: stateReply,
};
export const setAllocation = { params: missionParams, body: m.setAllocationSchema, response: stateReply };
export const inviteHunters = { params: missionParams, body: m.inviteHuntersSchema, response: stateReply };
export const squadResponse = { params: missionParams, body: m.squadResponseSchema, response: stateReply };
export const addFinding = { params: missionParams, body: m.addFindingSchema.shape.finding, response: createdReply };
export const withdrawFinding = {
  params: z.object({ id: missionParams.shape.id, findingId: z.string().min(1).max(40) }),
  body: m.withdrawFindingSchema.omit({ findingId: true }),
  response: stateReply,
};
export const runQuery = { params: missionParams, body: m.runQuerySchema, response: createdReply };
export const requestContainment = { params: missionParams, body: m.requestContainmentSchema, response: createdReply };
export const decideContainment = {
  params: z.object({ id: missionParams.shape.id, containmentId: z.string().min(1).max(40) }),
  body: m.decideContainmentSchema.omit({ containmentId: true }),
  response: stateReply,
};
export const cancelMission = { params: missionParams, body: m.cancelMissionSchema, response: stateReply };
export const releaseReport = { params: missionParams, body: m.releaseReportSchema, response: stateReply };
export const getMetrics = { params: missionParams, response: { 200: z.record(z.string(), z.unknown()), ...problems } };
export const ARTIFACT_NAMES = ['playbook.ipynb', 'report.md', 'report.html', 'comms.txt', 'comms.html'] as const;
export const getArtifact = { params: z.object({ id: missionParams.shape.id, name: z.enum(ARTIFACT_NAMES) }) };
export const newIteration = {
  params: missionParams,
  response: {
    201: z.object({ missionId: z.string(), code: z.string(), iteration: z.number(), displayName: z.string(), previousMissionId: z.string() }),
    ...problems,
  },
};
export const scheduleIterations = {
  params: missionParams,
  body: z.object({ everyDays: z.number().int().min(1).max(366) }),
  response: { 200: z.object({ scheduleId: z.string() }), ...problems },
};

import { z } from 'zod';
import { assignLeadSchema, gateDecisionSchema, setAllocationSchema } from '../../../domain/messages';
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

const problems = { 400: problemSchema, 401: problemSchema, 404: problemSchema, 409: problemSchema };

export const startMission = {
  body: startMissionRequestSchema,
  response: {
    201: z.object({ missionId: z.string(), code: z.string(), displayName: z.string(), created: z.boolean() }),
    200: z.object({ missionId: z.string(), code: z.string(), displayName: z.string(), created: z.boolean() }),
    ...problems,
  },
};

export const listMissions = {
  querystring: z.object({
    phase: phaseSchema.optional(),
    status: z.enum(MISSION_STATUSES).optional(),
    type: missionTypeSchema.optional(),
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
          startedAt: z.string(),
        }),
      ),
    }),
    ...problems,
  },
};

export const getMission = { params: missionParams, response: { 200: missionStateSchema, ...problems } };

export const decideGate = {
  params: z.object({ id: missionParams.shape.id, gate: phaseSchema }),
  body: gateDecisionSchema.omit({ gate: true }),
  response: { 200: missionStateSchema, ...problems },
};

export const assignLead = { params: missionParams, body: assignLeadSchema, response: { 200: missionStateSchema, ...problems } };

export const recordWorkItem = {
  params: z.object({ id: missionParams.shape.id, item: z.string().min(1).max(60) }),
  body: z.object({ data: z.record(z.string(), z.unknown()) }),
  response: { 200: missionStateSchema, ...problems },
};

export const setAllocation = { params: missionParams, body: setAllocationSchema, response: { 200: missionStateSchema, ...problems } };

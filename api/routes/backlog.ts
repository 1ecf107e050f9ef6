import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { backlogEntrySchema, backlogProposalSchema, BACKLOG_STATUSES } from '../../domain/hunt';
import { startMissionRequestSchema } from '../../domain/mission';
import { missionPolicySchema } from '../../domain/policy';
import { reason } from '../../domain/commands';
import { prioritise } from '../../domain/work-items';
import { ConflictError, NotFoundError } from '../errors';
import { actorOf } from '../identity';
import { problemSchema } from '../openapi';
import type { MissionService } from '../services/missions';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 503: problemSchema };
const entryParams = z.object({ id: z.string().regex(/^B\d{1,15}$/, 'a backlog entry id such as B12') });
/** What the manager adds when a topic becomes a mission; the rest comes from the entry. */
const startFromEntry = startMissionRequestSchema.pick({ codeName: true, stakeholders: true, audience: true, brand: true, policy: true });
const started = z.object({ missionId: z.string(), code: z.string(), iteration: z.number().int(), displayName: z.string(), created: z.boolean() });

/** Roles that may propose a topic: anyone who works hunts (not a read-only viewer, not the key admin). */
const PROPOSERS = ['platform', 'manager', 'lead', 'hunter', 'dfir'] as const;

/**
 * The hunt backlog: topics proposed by anyone with the trigger that motivated them, scored by the
 * prioritisation model (the Analyze phase's, with the default policy's weights), ordered by score,
 * and turned into a mission by a hunt manager; the mission links back to its entry (`origin`).
 */
export const backlogRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  const backlog = () => missions.store.backlog;
  const weights = missionPolicySchema.parse({}).prioritisation;

  app.post('/backlog', { schema: { summary: 'Propose a hunt topic', body: backlogProposalSchema, response: { 201: backlogEntrySchema, ...problems } } }, async (req, reply) => {
    const actor = actorOf(req, ...PROPOSERS);
    await missions.checkTechniques('techniques', req.body.techniques);
    const created = await missions.storeRead(() => backlog().propose(req.body, prioritise(req.body.feasibility, weights), actor.id));
    return reply.status(201).header('location', `/backlog/${created.id}`).send(created);
  });

  app.get(
    '/backlog',
    {
      schema: {
        summary: 'The hunt backlog, highest score first',
        querystring: z.object({ status: z.enum(BACKLOG_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(backlogEntrySchema) }), ...problems },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await missions.storeRead(() => backlog().list(req.query)) };
    },
  );

  app.get('/backlog/:id', { schema: { summary: 'A backlog entry', params: entryParams, response: { 200: backlogEntrySchema, ...problems } } }, async (req) => {
    actorOf(req);
    const e = await missions.storeRead(() => backlog().get(req.params.id));
    if (!e) throw new NotFoundError(`no backlog entry '${req.params.id}'`);
    return e;
  });

  app.post(
    '/backlog/:id/mission',
    { schema: { summary: 'Start a mission from a backlog entry (hunt manager)', params: entryParams, body: startFromEntry, response: { 201: started, 200: started, ...problems } } },
    async (req, reply) => {
      const actor = actorOf(req, 'manager');
      const e = await missions.storeRead(() => backlog().get(req.params.id));
      if (!e) throw new NotFoundError(`no backlog entry '${req.params.id}'`);
      if (e.status === 'dropped') throw new ConflictError('BACKLOG_ENTRY_DROPPED', `backlog entry ${e.id} was dropped: ${e.droppedReason ?? ''}`);
      if (e.status === 'started' && e.missionId) throw new ConflictError('BACKLOG_ENTRY_STARTED', `backlog entry ${e.id} is mission ${e.missionId} already`);
      const request = startMissionRequestSchema.parse({
        ...req.body,
        type: e.type,
        topic: e.topic,
        trigger: e.trigger,
        keywords: e.keywords,
        ...(e.huntType ? { huntType: e.huntType } : {}),
        ...(e.techniques ? { techniques: e.techniques } : {}),
        origin: { backlogId: e.id, ...(e.basedOn ? { basedOn: e.basedOn } : {}) },
      });
      // One mission per entry: the entry's id is the start's request id, whoever retries it.
      const mission = await missions.startFromBacklog(request, actor, e.id);
      await missions.storeRead(() => backlog().markStarted(e.id, mission.missionId));
      return reply.status(mission.created ? 201 : 200).header('location', `/missions/${mission.missionId}`).send(mission);
    },
  );

  app.post(
    '/backlog/:id/drop',
    { schema: { summary: 'Drop a backlog entry (hunt manager)', params: entryParams, body: z.object({ reason }), response: { 200: backlogEntrySchema, ...problems } } },
    async (req) => {
      actorOf(req, 'manager');
      const dropped = await missions.storeRead(() => backlog().drop(req.params.id, req.body.reason));
      if (dropped) return dropped;
      const e = await missions.storeRead(() => backlog().get(req.params.id));
      if (!e) throw new NotFoundError(`no backlog entry '${req.params.id}'`);
      throw new ConflictError('BACKLOG_ENTRY_NOT_PROPOSED', `backlog entry ${e.id} is ${e.status}`);
    },
  );
};

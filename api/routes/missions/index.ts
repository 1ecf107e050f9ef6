import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../identity';
import type { MissionService } from '../../services/missions';
import * as s from './schemas';

export const missionRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  app.post('/missions', { schema: { ...s.startMission, summary: 'Start a mission' } }, async (req, reply) => {
    const started = await missions.start(req.body, actorOf(req));
    return reply.status(started.created ? 201 : 200).send(started);
  });

  app.get('/missions', { schema: { ...s.listMissions, summary: 'List missions' } }, async (req) => {
    actorOf(req);
    return { missions: await missions.list(req.query) };
  });

  app.get('/missions/:id', { schema: { ...s.getMission, summary: 'Read a mission' } }, async (req) => {
    actorOf(req);
    return missions.get(req.params.id);
  });

  app.post('/missions/:id/gates/:gate/decision', { schema: { ...s.decideGate, summary: 'Decide a gate' } }, async (req) =>
    missions.decideGate(req.params.id, { gate: req.params.gate, ...req.body }, actorOf(req)),
  );

  app.put('/missions/:id/lead', { schema: { ...s.assignLead, summary: 'Assign the mission lead' } }, async (req) =>
    missions.assignLead(req.params.id, req.body.lead, actorOf(req)),
  );

  app.post('/missions/:id/work-items/:item', { schema: { ...s.recordWorkItem, summary: 'Record a work item' } }, async (req) =>
    missions.recordWorkItem(req.params.id, req.params.item, req.body.data, actorOf(req)),
  );

  app.put('/missions/:id/allocation', { schema: { ...s.setAllocation, summary: 'Set or amend the time allocation' } }, async (req) =>
    missions.setAllocation(req.params.id, req.body.allocation, req.body.reason, actorOf(req)),
  );
};

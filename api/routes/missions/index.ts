import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as msg from '../../../domain/messages';
import { actorOf } from '../../identity';
import type { MissionService } from '../../services/missions';
import * as s from './schemas';

/** Roles that write hunt work; the workflow then checks the squad and the lead. */
const HUNT = ['lead', 'hunter', 'manager'] as const;

const CONTENT_TYPES: Record<(typeof s.ARTIFACT_NAMES)[number], string> = {
  'playbook.ipynb': 'application/x-ipynb+json',
  'report.md': 'text/markdown; charset=utf-8',
  'report.html': 'text/html; charset=utf-8',
  'comms.txt': 'text/plain; charset=utf-8',
  'comms.html': 'text/html; charset=utf-8',
};

export const missionRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  app.post('/missions', { schema: { ...s.startMission, summary: 'Start a mission' } }, async (req, reply) => {
    const started = await missions.start(req.body, actorOf(req, 'platform', 'manager'), req.headers['idempotency-key']);
    return reply.status(started.created ? 201 : 200).send(started);
  });

  app.get('/missions', { schema: { ...s.listMissions, summary: 'List missions' } }, async (req) => {
    actorOf(req);
    return missions.listPage(req.query);
  });

  app.get('/missions/:id', { schema: { ...s.getMission, summary: 'Read a mission' } }, async (req) => {
    actorOf(req);
    return missions.get(req.params.id);
  });

  app.get('/missions/:id/metrics', { schema: { ...s.getMetrics, summary: 'Mission metrics' } }, async (req) => {
    actorOf(req);
    return { ...(await missions.metrics(req.params.id)) };
  });

  app.get('/missions/:id/artifacts/:name', { schema: { ...s.getArtifact, summary: 'Download an outcome artifact' } }, async (req, reply) => {
    actorOf(req);
    const body = await missions.artifact(req.params.id, req.params.name);
    return reply.type(CONTENT_TYPES[req.params.name]).send(body);
  });

  app.post('/missions/:id/iterations', { schema: { ...s.newIteration, summary: 'Start the next iteration' } }, async (req, reply) =>
    reply.status(201).send(await missions.newIteration(req.params.id, actorOf(req, 'manager', 'lead'))),
  );
  app.put('/missions/:id/iteration-schedule', { schema: { ...s.scheduleIterations, summary: 'Schedule recurring iterations' } }, async (req) =>
    missions.scheduleIterations(req.params.id, req.body.everyDays, actorOf(req, 'manager', 'lead')),
  );

  /** One route per Update: the acting identity is added, the state after the Update is answered. */
  const state = async (p: ReturnType<MissionService['update']>) => (await p).state;

  app.post('/missions/:id/gates/:gate/decision', { schema: { ...s.decideGate, summary: 'Decide a gate' } }, async (req) =>
    state(missions.decideGate(req.params.id, { gate: req.params.gate, ...req.body }, actorOf(req, 'lead', 'manager'))),
  );
  app.put('/missions/:id/lead', { schema: { ...s.assignLead, summary: 'Assign the mission lead' } }, async (req) =>
    state(missions.assignLead(req.params.id, req.body.lead, actorOf(req, 'manager'))),
  );
  app.post('/missions/:id/work-items/:item', { schema: { ...s.recordWorkItem, summary: 'Record a work item' } }, async (req) =>
    state(missions.recordWorkItem(req.params.id, req.params.item, req.body.data, actorOf(req, ...HUNT))),
  );
  app.put('/missions/:id/allocation', { schema: { ...s.setAllocation, summary: 'Set or amend the time allocation' } }, async (req) =>
    state(missions.setAllocation(req.params.id, req.body.allocation, req.body.reason, actorOf(req, 'lead', 'manager'))),
  );
  app.post('/missions/:id/squad/invitations', { schema: { ...s.inviteHunters, summary: 'Invite hunters to the squad' } }, async (req) =>
    state(missions.update(req.params.id, msg.inviteHuntersUpdate, { ...req.body, actor: actorOf(req, 'lead', 'manager') })),
  );
  app.post('/missions/:id/squad/response', { schema: { ...s.squadResponse, summary: 'Accept or decline a squad invitation' } }, async (req) =>
    state(missions.update(req.params.id, msg.squadResponseUpdate, { ...req.body, actor: actorOf(req, 'hunter') })),
  );
  app.post('/missions/:id/findings', { schema: { ...s.addFinding, summary: 'Record a finding' } }, async (req, reply) => {
    const { ack, state: mission } = await missions.update(req.params.id, msg.addFindingUpdate, { finding: req.body, actor: actorOf(req, ...HUNT) });
    return reply.status(201).send({ id: ack.id!, mission });
  });
  app.post('/missions/:id/findings/:findingId/withdrawal', { schema: { ...s.withdrawFinding, summary: 'Withdraw a finding' } }, async (req) =>
    state(missions.update(req.params.id, msg.withdrawFindingUpdate, { findingId: req.params.findingId, ...req.body, actor: actorOf(req, ...HUNT) })),
  );
  app.post('/missions/:id/queries', { schema: { ...s.runQuery, summary: 'Run a hunt query through the SIEM' } }, async (req, reply) => {
    const { ack, state: mission } = await missions.update(req.params.id, msg.runQueryUpdate, { ...req.body, actor: actorOf(req, ...HUNT) });
    return reply.status(201).send({ id: ack.id!, mission });
  });
  app.post('/missions/:id/containments', { schema: { ...s.requestContainment, summary: 'Request containment' } }, async (req, reply) => {
    const { ack, state: mission } = await missions.update(req.params.id, msg.requestContainmentUpdate, { ...req.body, actor: actorOf(req, ...HUNT) });
    return reply.status(201).send({ id: ack.id!, mission });
  });
  app.post('/missions/:id/containments/:containmentId/decision', { schema: { ...s.decideContainment, summary: 'DFIR decision on containment' } }, async (req) =>
    state(missions.update(req.params.id, msg.decideContainmentUpdate, { containmentId: req.params.containmentId, ...req.body, actor: actorOf(req, 'dfir') })),
  );
  app.post('/missions/:id/cancellation', { schema: { ...s.cancelMission, summary: 'Cancel a mission' } }, async (req) =>
    state(missions.update(req.params.id, msg.cancelMissionUpdate, { ...req.body, actor: actorOf(req, 'manager', 'lead') })),
  );
  app.post('/missions/:id/report/release', { schema: { ...s.releaseReport, summary: 'Release the report (stops the Total Hunt Duration clock)' } }, async (req) =>
    state(missions.update(req.params.id, msg.releaseReportUpdate, { ...req.body, actor: actorOf(req, 'lead', 'manager') })),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as msg from '../../../domain/messages';
import { WORK_ITEM_PAYLOADS, type RecordableItem } from '../../../domain/work-items';
import { requestIdOf } from '../../idempotency';
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
  app.post('/missions', { schema: { ...s.startMission, summary: 'Start a mission' }, config: { ownIdempotency: true } }, async (req, reply) => {
    // The body is the schema's output (trimmed, defaults filled): the service does not parse it again.
    const started = await missions.startParsed(req.body, actorOf(req, 'platform', 'manager'), req.headers['idempotency-key']);
    return reply.status(started.created ? 201 : 200).header('location', `/missions/${started.missionId}`).send(started);
  });

  app.get('/missions', { schema: { ...s.listMissions, summary: 'List missions' } }, async (req) => {
    actorOf(req);
    const page = await missions.list(req.query);
    return { missions: page.items, nextCursor: page.nextCursor };
  });

  app.get('/missions/:id', { schema: { ...s.getMission, summary: 'Read a mission (a bounded summary)' } }, async (req) => {
    actorOf(req);
    return missions.get(req.params.id);
  });

  app.get('/missions/:id/findings', { schema: { ...s.listFindings, summary: "A mission's findings, paged and filtered" } }, async (req) => {
    actorOf(req);
    const { cursor, ...filter } = req.query;
    return missions.findings(req.params.id, { ...filter, ...(cursor ? { cursor } : {}) });
  });
  app.get('/missions/:id/findings/:findingId', { schema: { ...s.getFinding, summary: 'Read a finding' } }, async (req) => {
    actorOf(req);
    return missions.finding(req.params.id, req.params.findingId);
  });
  app.get('/findings', { schema: { ...s.searchFindings, summary: 'Search findings across missions' } }, async (req) => {
    actorOf(req);
    const { cursor, ...filter } = req.query;
    return missions.searchFindings({ ...filter, ...(cursor ? { cursor } : {}) });
  });
  app.get('/missions/:id/timeline', { schema: { ...s.listTimeline, summary: "A mission's audit timeline, paged" } }, async (req) => {
    actorOf(req);
    return missions.timeline(req.params.id, req.query);
  });
  app.get('/missions/:id/queries', { schema: { ...s.listQueries, summary: "A mission's hunt query runs, paged" } }, async (req) => {
    actorOf(req);
    return missions.queries(req.params.id, req.query);
  });
  app.get('/missions/:id/sweeps', { schema: { ...s.listSweeps, summary: "A mission's EAVD sweeps, paged" } }, async (req) => {
    actorOf(req);
    return missions.sweeps(req.params.id, req.query);
  });
  app.get('/missions/:id/effects', { schema: { ...s.listEffects, summary: "A mission's effect log (tickets, escalations, notifications…), paged" } }, async (req) => {
    actorOf(req);
    const { state, ...page } = req.query;
    return missions.effects(req.params.id, { ...page, ...(state ? { state } : {}) });
  });
  app.post('/missions/:id/effects/retry', { schema: { ...s.retryEffects, summary: "Retry a mission's failed effects (lead or manager)" } }, async (req) =>
    missions.retryEffects(req.params.id, actorOf(req, 'lead', 'manager'), req.body?.effectIds),
  );
  app.post('/missions/:id/effects/:effectId/retry', { schema: { ...s.retryEffect, summary: 'Retry one failed effect (lead or manager)' } }, async (req) =>
    missions.retryEffects(req.params.id, actorOf(req, 'lead', 'manager'), [req.params.effectId]),
  );

  app.get('/missions/:id/metrics', { schema: { ...s.getMetrics, summary: 'Mission metrics' } }, async (req) => {
    actorOf(req);
    return missions.metrics(req.params.id);
  });

  app.get('/missions/:id/artifacts/:name', { schema: { ...s.getArtifact, summary: 'Download an outcome artifact' } }, async (req, reply) => {
    actorOf(req);
    const body = await missions.artifact(req.params.id, req.params.name);
    return reply.type(CONTENT_TYPES[req.params.name]).send(body);
  });

  app.post('/missions/:id/iterations', { schema: { ...s.newIteration, summary: 'Start the next iteration' }, config: { ownIdempotency: true } }, async (req, reply) => {
    const started = await missions.newIteration(req.params.id, actorOf(req, 'manager', 'lead'), req.headers['idempotency-key']);
    return reply.status(started.created ? 201 : 200).header('location', `/missions/${started.missionId}`).send(started);
  });
  app.put('/missions/:id/iteration-schedule', { schema: { ...s.scheduleIterations, summary: 'Schedule recurring iterations' } }, async (req) =>
    missions.scheduleIterations(req.params.id, req.body.everyDays, actorOf(req, 'manager', 'lead')),
  );

  // One route per Update: the acting identity is added; the answer is the Update's acknowledgement.
  app.post('/missions/:id/gates/:gate/decision', { schema: { ...s.decideGate, summary: 'Decide a gate' } }, async (req) =>
    missions.decideGate(req.params.id, { gate: req.params.gate, ...req.body }, actorOf(req, 'lead', 'manager'), requestIdOf(req)),
  );
  app.put('/missions/:id/lead', { schema: { ...s.assignLead, summary: 'Assign the mission lead' } }, async (req) =>
    missions.assignLead(req.params.id, req.body.lead, actorOf(req, 'manager'), requestIdOf(req)),
  );
  // One route per work item, each with its typed payload: a payload that breaks it is a 400 before any Update.
  for (const item of Object.keys(WORK_ITEM_PAYLOADS) as RecordableItem[]) {
    app.post(`/missions/:id/work-items/${item}`, { schema: { ...s.recordWorkItem(item), summary: `Record the ${item} work item` } }, async (req) =>
      missions.recordWorkItem(req.params.id, item, req.body.data as Record<string, unknown>, actorOf(req, ...HUNT), requestIdOf(req)),
    );
  }
  app.put('/missions/:id/allocation', { schema: { ...s.setAllocation, summary: 'Set or amend the time allocation' } }, async (req) =>
    missions.setAllocation(req.params.id, req.body.allocation, req.body.reason, actorOf(req, 'lead', 'manager'), requestIdOf(req)),
  );
  app.post('/missions/:id/squad/invitations', { schema: { ...s.inviteHunters, summary: 'Invite hunters to the squad' } }, async (req) =>
    missions.update(req.params.id, msg.inviteHuntersUpdate, { ...req.body, actor: actorOf(req, 'lead', 'manager'), ...requestIdOf(req) }),
  );
  app.post('/missions/:id/squad/response', { schema: { ...s.squadResponse, summary: 'Accept or decline a squad invitation' } }, async (req) =>
    missions.update(req.params.id, msg.squadResponseUpdate, { ...req.body, actor: actorOf(req, 'hunter'), ...requestIdOf(req) }),
  );
  app.post('/missions/:id/findings', { schema: { ...s.addFinding, summary: 'Record a finding' } }, async (req, reply) => {
    // Who first: a role that may not record findings is a 403 whatever the body holds.
    const actor = actorOf(req, ...HUNT);
    await missions.checkTechniques('techniques', req.body.techniques);
    missions.checkProposedRule(req.body);
    const ack = await missions.update(req.params.id, msg.addFindingUpdate, { finding: req.body, actor, ...requestIdOf(req) });
    const finding = await missions.finding(req.params.id, ack.id!);
    const { id, created, ...mission } = ack;
    return reply
      .status(created === false ? 200 : 201)
      .header('location', `/missions/${req.params.id}/findings/${id}`)
      .send({ id: id!, created: created !== false, finding, mission });
  });
  app.post('/missions/:id/findings/:findingId/withdrawal', { schema: { ...s.withdrawFinding, summary: 'Withdraw a finding' } }, async (req) =>
    missions.update(req.params.id, msg.withdrawFindingUpdate, { findingId: req.params.findingId, ...req.body, actor: actorOf(req, ...HUNT), ...requestIdOf(req) }),
  );
  app.post('/missions/:id/queries', { schema: { ...s.runQuery, summary: 'Run a hunt query through the SIEM' } }, async (req, reply) => {
    const actor = actorOf(req, ...HUNT);
    await missions.checkTechniques('techniques', req.body.techniques);
    const { id, ...mission } = await missions.update(req.params.id, msg.runQueryUpdate, { ...req.body, actor, ...requestIdOf(req) });
    const query = await missions.query(req.params.id, id!);
    return reply.status(201).header('location', `/missions/${req.params.id}/queries`).send({ id: id!, query, mission });
  });
  app.post('/missions/:id/containments', { schema: { ...s.requestContainment, summary: 'Request containment' } }, async (req, reply) => {
    const { id, ...mission } = await missions.update(req.params.id, msg.requestContainmentUpdate, { ...req.body, actor: actorOf(req, ...HUNT), ...requestIdOf(req) });
    return reply.status(201).send({ id: id!, mission });
  });
  app.post('/missions/:id/containments/:containmentId/decision', { schema: { ...s.decideContainment, summary: 'DFIR decision on containment' } }, async (req) =>
    missions.update(req.params.id, msg.decideContainmentUpdate, { containmentId: req.params.containmentId, ...req.body, actor: actorOf(req, 'dfir'), ...requestIdOf(req) }),
  );
  app.post('/missions/:id/cancellation', { schema: { ...s.cancelMission, summary: 'Cancel a mission' } }, async (req) =>
    missions.update(req.params.id, msg.cancelMissionUpdate, { ...req.body, actor: actorOf(req, 'manager', 'lead'), ...requestIdOf(req) }),
  );
  app.post('/missions/:id/report/release', { schema: { ...s.releaseReport, summary: 'Release the report (stops the Total Hunt Duration clock)' } }, async (req) =>
    missions.update(req.params.id, msg.releaseReportUpdate, { ...req.body, actor: actorOf(req, 'lead', 'manager'), ...requestIdOf(req) }),
  );
};

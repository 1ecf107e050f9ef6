import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateTime } from '../../domain/commands';
import { findingOutcomeSchema, FINDING_OUTCOMES, outcomesFor, programMetrics, programMetricsSchema } from '../../domain/program';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { actorOf } from '../identity';
import { problemSchema } from '../openapi';
import type { MissionService } from '../services/missions';
import { utcPeriod } from './attack';
import { missionParams } from './missions/schemas';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 503: problemSchema };
const outcomeReply = z
  .object({ missionId: z.string(), findingId: z.string(), outcome: z.enum(FINDING_OUTCOMES), note: z.string().nullable(), by: z.string(), at: z.string() })
  .meta({ id: 'FindingOutcome' });

/**
 * The hunt program: metrics over the missions of a period (`GET /program/metrics`), and the outcome of a
 * finding after its hunt (a detection accepted by detection engineering, a visibility gap resolved),
 * which those metrics count. Served from the mission store; an outcome can be recorded long after the
 * mission ended, so it is the store's record, not the mission workflow's.
 */
export const programRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  const store = () => missions.store;

  app.get(
    '/program/metrics',
    {
      schema: {
        summary: 'Hunt program metrics over the missions created in a period',
        querystring: z.object({ from: dateTime.describe('missions created at or after this time'), to: dateTime.describe('missions created before this time (a `to` not after `from` is an empty period)') }),
        response: { 200: programMetricsSchema, ...problems },
      },
    },
    async (req) => {
      actorOf(req);
      const { from, to } = utcPeriod(req.query);
      const [rows, coverage] = await Promise.all([missions.storeRead(() => store().program.missions(from, to)), missions.storeRead(() => store().attack.coverage({ from, to }))]);
      return programMetrics(rows, {
        from,
        to,
        now: new Date().toISOString(),
        techniques: { hunted: coverage.filter((c) => c.hunted > 0).length, withFindings: coverage.filter((c) => c.findings > 0).length },
      });
    },
  );

  app.put(
    '/missions/:id/findings/:findingId/outcome',
    {
      schema: {
        summary: 'Record what became of a finding (a detection accepted or rejected, a gap resolved or not)',
        params: z.object({ id: missionParams.shape.id, findingId: z.string().min(1).max(40) }),
        body: findingOutcomeSchema,
        response: { 200: outcomeReply, ...problems },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'lead', 'manager');
      const { id, findingId } = req.params;
      const summary = await missions.summary(id);
      if (actor.role !== 'manager' && actor.id !== summary.lead) throw new ForbiddenError('only a hunt manager or the mission lead records what became of a finding', 'NOT_ENTITLED');
      const standing = await missions.storeRead(() => store().program.findingStanding(id, findingId));
      if (!standing) throw new NotFoundError(`no finding '${findingId}' in mission '${id}'`);
      if (standing.status === 'withdrawn') throw new ConflictError('FINDING_WITHDRAWN', `finding '${findingId}' was withdrawn: it has no outcome`);
      const allowed = outcomesFor(standing.category);
      // The finding's category (its state, not this body) decides which outcomes it takes.
      if (!allowed.includes(req.body.outcome)) throw new ConflictError('OUTCOME_NOT_FOR_CATEGORY', `a ${standing.category} finding is ${allowed.join(' or ')}, not ${req.body.outcome}`);
      const recorded = await missions.storeRead(() => store().program.setOutcome(id, findingId, { outcome: req.body.outcome, ...(req.body.note ? { note: req.body.note } : {}), by: actor.id }));
      return { missionId: id, findingId, ...recorded };
    },
  );
};

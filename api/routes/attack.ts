import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { navigatorLayer, navigatorLayerSchema, type AttackCatalogue, type TechniqueCoverage } from '../../domain/attack';
import { dateTime } from '../../domain/commands';
import { NotFoundError } from '../errors';
import { actorOf } from '../identity';
import { problemSchema } from '../openapi';
import type { MissionService } from '../services/missions';
import { missionParams } from './missions/schemas';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 503: problemSchema };

const catalogueInfo = z
  .object({ version: z.string(), domain: z.string(), source: z.string(), techniqueCount: z.number().int(), loadedAt: z.string() })
  .meta({ id: 'AttackCatalogue' });
const coverageEntry = z.object({
  id: z.string(),
  name: z.string().nullable().describe('from the current catalogue; null for an id it does not know (a revoked or older technique)'),
  tactics: z.array(z.string()),
  hunted: z.number().int().describe('the mission, its objectives and its query runs naming the technique'),
  findings: z.number().int().describe('findings carrying the technique, withdrawn ones aside'),
  missions: z.array(z.string()),
});
const coverage = z
  .object({
    attackVersion: z.string().nullable().describe("the release the techniques were checked against (a mission's, or the current one)"),
    hunted: z.number().int().describe('techniques hunted'),
    withFindings: z.number().int().describe('techniques with findings'),
    techniques: z.array(coverageEntry),
  })
  .meta({ id: 'AttackCoverage' });
const layer = navigatorLayerSchema.meta({ id: 'NavigatorLayer', description: 'an ATT&CK Navigator layer, format 4.5' });
/**
 * A period as the store takes it: in UTC (PostgreSQL refuses offsets past ±15:59, which RFC 3339
 * allows), [from, to); one whose `to` is not after its `from` holds no mission.
 */
export const utcPeriod = (q: { from: string; to: string }) => ({ from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString() });

const range = z.object({
  from: dateTime.describe('missions created at or after this time'),
  to: dateTime.describe('missions created before this time (a `to` not after `from` is an empty period)'),
});

/**
 * MITRE ATT&CK: the catalogue in use, and coverage (techniques hunted, techniques with findings) with
 * its ATT&CK Navigator layer, for a mission or for the missions created in a time range.
 */
export const attackRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  // Read when a request comes, not when the routes are registered (the document build has no store).
  const attack = () => missions.store.attack;

  const catalogueOrNull = () => missions.storeRead(() => attack().current());
  const view = (version: string | null, catalogue: AttackCatalogue | null, entries: TechniqueCoverage[]) => ({
    attackVersion: version,
    hunted: entries.filter((e) => e.hunted > 0).length,
    withFindings: entries.filter((e) => e.findings > 0).length,
    techniques: entries.map((e) => ({ ...e, name: catalogue?.techniques[e.id]?.name ?? null, tactics: catalogue?.techniques[e.id]?.tactics ?? [] })),
  });
  const missionCoverage = async (id: string) => {
    const m = await missions.storeRead(() => attack().missionAttack(id));
    if (!m) throw new NotFoundError(`no mission '${id}'`, 'MISSION_NOT_FOUND');
    const [catalogue, entries] = await Promise.all([catalogueOrNull(), missions.storeRead(() => attack().coverage({ missionId: id }))]);
    return { code: m.code, version: m.attackVersion ?? catalogue?.version ?? null, catalogue, entries };
  };

  app.get('/attack', { schema: { summary: 'The ATT&CK catalogue in use', response: { 200: catalogueInfo, ...problems } } }, async (req) => {
    actorOf(req);
    const info = await missions.storeRead(() => attack().info());
    if (!info) throw new NotFoundError('no ATT&CK catalogue is loaded (CAPEO_ATTACK_BUNDLE or CAPEO_ATTACK_TAXII_COLLECTION); technique ids are checked by form only', 'ATTACK_NOT_LOADED');
    return info;
  });

  app.get('/missions/:id/attack', { schema: { summary: "A mission's ATT&CK coverage", params: missionParams, response: { 200: coverage, ...problems } } }, async (req) => {
    actorOf(req);
    const c = await missionCoverage(req.params.id);
    return view(c.version, c.catalogue, c.entries);
  });

  app.get(
    '/missions/:id/attack/layer',
    { schema: { summary: "A mission's ATT&CK Navigator layer", params: missionParams, response: { 200: layer, ...problems } } },
    async (req, reply) => {
      actorOf(req);
      const c = await missionCoverage(req.params.id);
      void reply.header('content-disposition', `attachment; filename="${c.code}-attack-layer.json"`);
      return navigatorLayer({
        name: `${c.code}: techniques hunted`,
        description: `ATT&CK techniques mission ${c.code} hunted, and those with findings (capeo)`,
        catalogue: { version: c.version, domain: c.catalogue?.domain ?? 'enterprise-attack' },
        coverage: c.entries,
      });
    },
  );

  app.get('/attack/coverage', { schema: { summary: 'ATT&CK coverage of the missions created in a time range', querystring: range, response: { 200: coverage, ...problems } } }, async (req) => {
    actorOf(req);
    const q = utcPeriod(req.query);
    const [catalogue, entries] = await Promise.all([catalogueOrNull(), missions.storeRead(() => attack().coverage(q))]);
    return view(catalogue?.version ?? null, catalogue, entries);
  });

  app.get('/attack/layer', { schema: { summary: 'ATT&CK Navigator layer of the missions created in a time range', querystring: range, response: { 200: layer, ...problems } } }, async (req, reply) => {
    actorOf(req);
    const q = utcPeriod(req.query);
    const [catalogue, entries] = await Promise.all([catalogueOrNull(), missions.storeRead(() => attack().coverage(q))]);
    void reply.header('content-disposition', `attachment; filename="capeo-attack-layer-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.json"`);
    return navigatorLayer({
      name: `capeo: techniques hunted ${q.from.slice(0, 10)} to ${q.to.slice(0, 10)}`,
      description: `ATT&CK techniques hunted by the missions created from ${q.from} to ${q.to}, and those with findings (capeo)`,
      catalogue: { version: catalogue?.version ?? null, domain: catalogue?.domain ?? 'enterprise-attack' },
      coverage: entries,
    });
  });
};

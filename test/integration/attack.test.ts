import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { run } from '../../cli/capeo';
import { createAttackActivities } from '../../activities/attack/attack-activities';
import { MissionService } from '../../api/services/missions';
import { navigatorLayerSchema } from '../../domain/attack';
import { ATTACK_CATALOGUE_WORKFLOW_ID } from '../../domain/temporal-names';
import { as, buildTestApp } from '../support/api';
import { attackBundle, REVOKED } from '../support/attack-bundle';
import { startMedallion, type Medallion } from '../support/medallion';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, hunter, lead, manager, platform, walkToExecute } from '../support/walk';

/**
 * ATT&CK end to end: the refresh workflow loads the catalogue from a bundle file (a TAXII collection
 * too), technique ids are checked against it at every door, and a mission's coverage and Navigator
 * layer are answered from the store.
 */
const PYTHON = join(__dirname, '..', '..', '.tools', 'venv', 'bin', 'python');
const CHECK = join(__dirname, '..', 'python', 'navigator_layer_check.py');

let tw: TestWorker;
let api: FastifyInstance;
let missions: MissionService;
let url: string;
let medallion: Medallion | undefined;
const started: string[] = [];
const workflowId = `${ATTACK_CATALOGUE_WORKFLOW_ID}-test-${process.pid}`;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-attack-'));
  const bundle = join(dir, 'enterprise-attack.json');
  writeFileSync(bundle, JSON.stringify(attackBundle('17.1')));
  tw = await startTestWorker(realActivities(undefined, { CAPEO_ATTACK_BUNDLE: bundle }).activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter]);
  url = await api.listen({ host: '127.0.0.1', port: 0 });
  missions = new MissionService(tw.client, tw.store, tw.taskQueue);
});
afterAll(async () => {
  for (const id of started) await endMission(tw, id);
  await tw?.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined);
  await medallion?.stop();
  await api?.close();
  await tw?.close();
});

const get = (url: string) => api.inject({ method: 'GET', url, headers: as(hunter) });
const post = (url: string, payload: unknown, who = hunter) => api.inject({ method: 'POST', url, payload: payload as object, headers: as(who) });

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the refresh workflow loads the catalogue from the bundle file, and GET /attack says which release is in use', async () => {
  await tw.client.workflow.start('attackCatalogueWorkflow', { workflowId, taskQueue: tw.taskQueue, args: [{ refreshHours: 24 }] });
  const info: Record<string, unknown> = await until('the catalogue', async () => {
    const res = await get('/attack');
    return res.statusCode === 200 && res.json().version === '17.1' ? res.json() : undefined;
  });
  expect(info).toMatchObject({ version: '17.1', domain: 'enterprise-attack', techniqueCount: 9 });
  expect(info.source).toMatch(/^file:.*enterprise-attack\.json$/);
});

test('a TAXII 2.1 collection (served by medallion, paged) is a source too: a new release becomes current, a release loaded again changes nothing', async () => {
  const objects = attackBundle('17.2').objects;
  medallion = await startMedallion({ objects, maxPageSize: 4 });
  const activities = createAttackActivities({
    store: tw.store.attack,
    source: { CAPEO_ATTACK_TAXII_API_ROOT: medallion.apiRoot, CAPEO_ATTACK_TAXII_COLLECTION: medallion.collectionId, CAPEO_ATTACK_TAXII_USER: medallion.user, CAPEO_ATTACK_TAXII_PASSWORD: medallion.password },
    timeoutMs: 10_000,
  });
  const first = await activities.refreshAttackCatalogue();
  expect(first).toMatchObject({ version: '17.2', created: true, techniques: 9 });
  // Every page was read: 16 objects, at most 4 a page.
  expect((await medallion.requests()).filter((r) => r.url.includes('/objects/')).length).toBeGreaterThanOrEqual(4);
  expect((await activities.refreshAttackCatalogue()).created).toBe(false);
  // The API's copy is cached for a few seconds; the store says 17.2 at once.
  expect((await tw.store.attack.info())?.version).toBe('17.2');
});

describe('a mission with techniques', () => {
  let missionId: string;

  beforeAll(async () => {
    const res = await post('/missions', { ...eavdRequest, techniques: ['T1583.001'] }, platform);
    expect(res.statusCode).toBe(201);
    missionId = res.json().missionId;
    started.push(missionId);
    await walkToExecute(missions, missionId, undefined, { objectives: ['find lookalike domains before they are used'], techniques: ['T1583.001', 'T1596.003'] });
  });

  test('records the release its techniques were checked against', async () => {
    const row = await tw.store.db.query<{ attack_version: string | null }>('select attack_version from missions where mission_id = $1', [missionId]);
    expect(['17.1', '17.2']).toContain(row.rows[0]!.attack_version);
  });

  test.each([
    ['an unknown technique', ['T1583.001', 'T9999'], 'techniques.1', /T9999 is not a technique of ATT&CK/],
    ['a revoked technique', [REVOKED], 'techniques.0', /revoked/],
  ])('%s is a 400 naming the entry, at the start, on a finding and on a query; nothing is recorded', async (_what, techniques, field, message) => {
    const before = (await get(`/missions/${missionId}/findings`)).json().items.length;
    const refusals = [
      await post('/missions', { ...eavdRequest, techniques }, platform),
      await post(`/missions/${missionId}/findings`, { category: 'ti-event-of-interest', title: 'refused', severity: 'low', techniques }),
      await post(`/missions/${missionId}/queries`, { title: 'refused', query: 'select * from dns', from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z', techniques }),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'UNKNOWN_TECHNIQUE', errors: [{ field }] });
      expect(res.json().detail).toMatch(message);
    }
    expect((await get(`/missions/${missionId}/findings`)).json().items.length).toBe(before);
  });

  test('a malformed technique id is refused by the schema, naming the field', async () => {
    const res = await post(`/missions/${missionId}/findings`, { category: 'ti-event-of-interest', title: 'refused', severity: 'low', techniques: ['T12'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.techniques.0');
  });

  test('coverage counts the mission, its objectives, its queries and its findings; the layer is a valid Navigator layer', async () => {
    const finding = await post(`/missions/${missionId}/findings`, { category: 'ti-event-of-interest', title: 'Fresh lookalike with a certificate', severity: 'medium', techniques: ['T1583.001', 'T1596.003'] });
    expect(finding.statusCode).toBe(201);
    const query = await post(`/missions/${missionId}/queries`, { title: 'Lookups', query: 'select * from dns', from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z', techniques: ['T1071.004'] });
    expect(query.statusCode).toBe(201);
    const coverage = await until('the finding in the store', async () => {
      const c = (await get(`/missions/${missionId}/attack`)).json();
      return c.withFindings === 2 ? c : undefined;
    });
    const code = missionId.replace(/^mission-/, '').replace(/-1$/, '');
    expect(coverage.techniques).toEqual([
      { id: 'T1071.004', name: 'DNS', tactics: ['command-and-control'], hunted: 1, findings: 0, missions: [code] },
      { id: 'T1583.001', name: 'Domains', tactics: ['resource-development'], hunted: 2, findings: 1, missions: [code] },
      { id: 'T1596.003', name: 'Digital Certificates', tactics: ['reconnaissance'], hunted: 1, findings: 1, missions: [code] },
    ]);
    expect(coverage.hunted).toBe(3);

    // The finding filter by technique, on the mission and across missions.
    expect((await get(`/missions/${missionId}/findings?technique=T1596.003`)).json().items.map((f: { title: string }) => f.title)).toEqual(['Fresh lookalike with a certificate']);
    expect((await get(`/findings?technique=T1071.004`)).json().items).toEqual([]);

    const res = await get(`/missions/${missionId}/attack/layer`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*-attack-layer\.json"/);
    const layer = res.json();
    expect(navigatorLayerSchema.safeParse(layer).success).toBe(true);
    const checked = JSON.parse(execFileSync(PYTHON, [CHECK], { input: JSON.stringify(layer), encoding: 'utf8' }));
    expect(checked.techniques).toEqual(['T1071.004', 'T1583.001', 'T1596.003']);

    // Across missions: the range that holds this mission's creation, and one that does not.
    const now = new Date();
    const range = (from: Date, to: Date) => `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const wide = (await get(`/attack/coverage?${range(new Date(now.getTime() - 3_600_000), new Date(now.getTime() + 60_000))}`)).json();
    expect(wide.techniques.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['T1071.004', 'T1583.001', 'T1596.003']));
    const before = (await get(`/attack/coverage?${range(new Date('2020-01-01T00:00:00Z'), new Date('2020-02-01T00:00:00Z'))}`)).json();
    expect(before.techniques).toEqual([]);
    const rangeLayer = await get(`/attack/layer?${range(new Date(now.getTime() - 3_600_000), new Date(now.getTime() + 60_000))}`);
    expect(navigatorLayerSchema.safeParse(rangeLayer.json()).success).toBe(true);
    // A period whose end is not after its start is empty.
    const backwards = await get(`/attack/coverage?${range(now, new Date(now.getTime() - 1000))}`);
    expect([backwards.statusCode, backwards.json().techniques]).toEqual([200, []]);

    // The CLI writes the mission's layer for the Navigator.
    const file = join(mkdtempSync(join(tmpdir(), 'capeo-layer-')), 'layer.json');
    const err: string[] = [];
    const env = { CAPEO_URL: url, CAPEO_API_KEY: as(hunter).authorization!.replace(/^Bearer /, '') };
    expect(await run(['attack', 'layer', missionId, '--out', file], { out: () => undefined, err: (t) => err.push(t), env })).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(layer);
    expect(err.join('\n')).toMatch(/3 techniques/);
    expect(await run(['attack', 'layer', missionId, '--from', '2026-01-01'], { out: () => undefined, err: (t) => err.push(t), env })).toBe(2);
  });

  test('objectives with an unknown technique are refused, naming the entry', async () => {
    const other = await post('/missions', eavdRequest, platform);
    started.push(other.json().missionId);
    await expect(walkToExecute(missions, other.json().missionId, undefined, { objectives: ['x'], techniques: ['T9999'] })).rejects.toMatchObject({ status: 400, fields: ['data.techniques.0'] });
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, hunter, lead, manager, platform, walkToExecute } from '../support/walk';

/**
 * A hunter posts a Sigma rule as a hunt query: the worker converts it for the configured SIEM (the
 * embedded lake, with a field and log-source mapping from CAPEO_SIGMA_MAPPING), runs it, and keeps
 * the rule, the converted query and the result; a rule capeo cannot take is a 400 naming the rule part.
 */
let tw: TestWorker;
let api: FastifyInstance;
let missionId: string;
let dataDir: string;

beforeAll(async () => {
  const mappingFile = join(mkdtempSync(join(tmpdir(), 'capeo-sigma-')), 'mapping.json');
  writeFileSync(mappingFile, JSON.stringify({ fields: { Image: 'image', EventType: 'event' }, logsources: [{ product: 'windows', category: 'process_creation', target: 'edr' }] }));
  const real = realActivities(undefined, { CAPEO_SIGMA_MAPPING: mappingFile });
  dataDir = real.dataDir;
  tw = await startTestWorker(real.activities);
  api = await buildTestApp(tw, [platform, manager, lead, hunter]);
  const missions = new MissionService(tw.client, tw.store, tw.taskQueue);
  ({ missionId } = await missions.start(eavdRequest, platform));
  await walkToExecute(missions, missionId);
});
afterAll(async () => {
  if (missionId) await endMission(tw, missionId);
  await api?.close();
  await tw?.close();
});

const post = (payload: unknown) => api.inject({ method: 'POST', url: `/missions/${missionId}/queries`, payload: payload as object, headers: as(hunter) });
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };
const rule = (detection: string) => `title: Outlook starting processes
id: 2f6b1c9e-7a40-4d8e-9b3a-5c1d2e3f4a5b
status: test
logsource:
  product: windows
  category: process_creation
detection:
${detection}
level: medium
`;

test('a Sigma rule runs as a hunt query; the record keeps the rule and the converted query, the evidence both and the result', async () => {
  const sigma = rule("  selection:\n    Image: 'OUTLOOK.EXE'\n  filter:\n    EventType: network_connect\n  condition: selection and not filter");
  const res = await post({ title: 'Outlook processes (Sigma)', query: sigma, format: 'sigma', ...range });
  expect(res.statusCode).toBe(201);
  const { query } = res.json();
  expect(query.sigma).toBe(sigma.trim());
  expect(query.query).toMatch(/^SELECT \* EXCLUDE \(capeo_event\) FROM .*"edr"/);
  expect(query.query).toContain(`'$."image"'`);
  // samples/logs/edr.ndjson: outlook.exe has 7 process_start events (and 4 network_connect ones).
  expect(query.rowCount).toBe(7);
  expect(query.sample.every((r: { image: string; event: string }) => r.image === 'outlook.exe' && r.event === 'process_start')).toBe(true);
  const evidence = JSON.parse(readFileSync(join(dataDir, 'artifacts', query.evidence.path), 'utf8'));
  expect(evidence).toMatchObject({ sigma: { rule: sigma.trim(), language: 'duckdb', title: 'Outlook starting processes' }, query: query.query, rowCount: 7 });
});

test.each([
  ['an unknown modifier', "  selection:\n    Image|foo: x\n  condition: selection", 'detection.selection.Image|foo: unknown modifier foo'],
  ['an unsupported construct', "  selection:\n    Image: x\n  condition: selection | count() > 3", 'detection.condition: aggregations after |'],
  ['malformed YAML', "  selection: [unclosed\n  condition: selection", 'rule'],
])('a Sigma rule with %s is a 400 naming the query and the rule part', async (_what, detection, part) => {
  const res = await post({ title: 'bad rule', query: rule(detection), format: 'sigma', ...range });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'SIEM_QUERY_INVALID', errors: [{ field: 'query' }] });
  expect(res.json().detail).toContain(`query (Sigma rule): ${part}`);
});

describe('a detection opportunity proposes a Sigma rule', () => {
  const finding = (over: Record<string, unknown>) =>
    api.inject({ method: 'POST', url: `/missions/${missionId}/findings`, payload: { category: 'detection-opportunity', title: 'Outlook spawning processes', severity: 'medium', ...over }, headers: as(hunter) });

  test('a rule capeo takes is kept with the finding', async () => {
    const proposed = rule("  selection:\n    Image|endswith: '\\\\OUTLOOK.EXE'\n  condition: selection");
    const res = await finding({ proposedRule: proposed });
    expect(res.statusCode).toBe(201);
    const read = await api.inject({ method: 'GET', url: `/missions/${missionId}/findings/${res.json().id}`, headers: as(hunter) });
    expect(read.json().proposedRule).toBe(proposed);
  });

  test.each([
    ['malformed YAML', 'title: [unclosed', /^proposedRule: Sigma rule: rule( \(line \d+\))?: not YAML/],
    ['an unknown modifier', rule("  selection:\n    Image|foo: 'x'\n  condition: selection"), /detection\.selection\.Image\|foo: unknown modifier foo/],
    ['a condition naming no selection', rule("  selection:\n    Image: 'x'\n  condition: other"), /condition/],
  ])('%s is a 400 naming the rule part; nothing is recorded', async (_what, proposedRule, detail) => {
    const before = (await api.inject({ method: 'GET', url: `/missions/${missionId}/findings?category=detection-opportunity`, headers: as(hunter) })).json().items.length;
    const res = await finding({ proposedRule });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'SIGMA_RULE_INVALID', errors: [{ field: 'proposedRule' }] });
    expect(res.json().detail).toMatch(detail);
    expect((await api.inject({ method: 'GET', url: `/missions/${missionId}/findings?category=detection-opportunity`, headers: as(hunter) })).json().items.length).toBe(before);
  });

  test('only a detection opportunity proposes a rule', async () => {
    const res = await finding({ category: 'hunt-opportunity', proposedRule: rule("  selection:\n    Image: 'x'\n  condition: selection") });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'proposedRule' }] });
  });
});

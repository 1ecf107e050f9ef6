import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { eavdRequest, endMission, hunter, lead, manager, platform, walkToExecute } from '../support/walk';

/** Bad input that is the caller's fault is the caller's 4xx, naming the field or rule: never a 500, never a 409. */
let tw: TestWorker;
let api: FastifyInstance;
let missionId: string;

beforeAll(async () => {
  tw = await startTestWorker(realActivities().activities);
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

const post = (url: string, payload: unknown, who = hunter) => api.inject({ method: 'POST', url, payload: payload as object, headers: as(who) });
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };

test.each([
  ['a syntax error', 'select query from dns where and', /syntax|parser/i],
  ['a statement that is not a SELECT', 'drop table dns', /read-only|select/i],
  ['a table that does not exist', 'select * from no_such_table', /no_such_table/],
  ['a column that does not exist', 'select no_such_column from dns', /no_such_column/],
])('a hunt query the SIEM refuses (%s) is a 400 naming the query, with the SIEM message', async (_what, query, message) => {
  const res = await post(`/missions/${missionId}/queries`, { title: 'refused', query, ...range });
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ code: 'SIEM_QUERY_INVALID', errors: [{ field: 'query' }] });
  expect(res.json().detail).toMatch(message);
});

test('a query whose time range is backwards is a 400 naming the field', async () => {
  const res = await post(`/missions/${missionId}/queries`, { title: 'backwards', query: 'select * from dns', from: range.to, to: range.from });
  expect(res.statusCode).toBe(400);
  expect(res.json().errors[0].field).toBe('from');
});

test('a work item whose reference link is not a URL is a 400 naming the field; nothing is recorded', async () => {
  const res = await post(`/missions/${missionId}/work-items/stakeholders`, { data: { references: [{ title: 'wiki', link: 'not a url', kind: 'documentation' }] } });
  expect(res.statusCode).toBe(400);
  expect(res.json().code).toBe('VALIDATION_FAILED');
  expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.data.references.0.link']));
  const items = await tw.store.db.query(`select count(*)::int as n from work_items where mission_id = $1 and item = 'stakeholders'`, [missionId]);
  expect(items.rows[0].n).toBe(0);
});

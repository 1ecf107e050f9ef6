import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import { run } from '../../cli/capeo';
import { newFindingSchema } from '../../domain/findings';
import * as msg from '../../domain/messages';
import { as, buildTestApp } from '../support/api';
import { testStore } from '../support/postgres';
import { realActivities, startTestWorker, testEnv, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, endMission, hunter, hunter2, lead, manager, platform, until, walkFromExecute, walkToAnalyzeGate, walkToExecute } from '../support/walk';

/**
 * Program metrics over three missions in a store of their own (so nothing another test file records
 * is counted): one completed with detections, a gap and an escalation, one not qualified at the
 * Analyze gate, one cancelled before it had a lead. What the metrics say is what was recorded.
 */
let tw: TestWorker;
let api: FastifyInstance;
let url: string;
let missions: MissionService;
const ids: string[] = [];
let from: string;

beforeAll(async () => {
  from = new Date(Date.now() - 1000).toISOString();
  tw = await startTestWorker(realActivities().activities, testEnv().address, await testStore('program'));
  api = await buildTestApp(tw, [platform, manager, lead, hunter, hunter2]);
  url = await api.listen({ host: '127.0.0.1', port: 0 });
  missions = new MissionService(tw.client, tw.store, tw.taskQueue);
});
afterAll(async () => {
  for (const id of ids) await endMission(tw, id);
  await api?.close();
  await tw?.close();
  await tw?.store.close();
});

const put = (u: string, payload: unknown, who = lead) => api.inject({ method: 'PUT', url: u, payload: payload as object, headers: as(who) });
const finding = (category: string, title: string, severity = 'medium') => ({ finding: newFindingSchema.parse({ category, title, severity }) });

async function startOne(): Promise<string> {
  const { missionId } = await missions.start(eavdRequest, platform);
  ids.push(missionId);
  return missionId;
}

describe('three missions', () => {
  let completed: string;
  let gapIds: string[];
  let detections: string[];
  let withdrawn: string;

  beforeAll(async () => {
    // 1. Completed: two detections (one accepted, one rejected), a gap resolved, an escalated event.
    completed = await startOne();
    await walkToExecute(missions, completed);
    detections = [];
    for (const t of ['Beaconing to fresh lookalike', 'DNS TXT exfiltration pattern']) {
      detections.push((await missions.update(completed, msg.addFindingUpdate, { ...finding('detection-opportunity', t), actor: hunter })).id!);
    }
    // A detection recorded twice by mistake and withdrawn: not counted, and it takes no outcome.
    withdrawn = (await missions.update(completed, msg.addFindingUpdate, { ...finding('detection-opportunity', 'Beaconing (recorded twice)'), actor: hunter })).id!;
    await missions.update(completed, msg.withdrawFindingUpdate, { findingId: withdrawn, reason: 'a duplicate', actor: hunter });
    const gap = await missions.update(completed, msg.addFindingUpdate, { ...finding('visibility-gap', 'No proxy logs from the DMZ'), actor: hunter });
    await missions.update(completed, msg.addFindingUpdate, { ...finding('suspicious-security-event', 'Login page clone on a lookalike', 'high'), actor: hunter });
    await until(missions, completed, (s) => s.counts.findings.escalated === 1, 'the escalation');
    await walkFromExecute(missions, completed);
    await until(missions, completed, (s) => s.status === 'completed', 'completion');
    gapIds = (await allFindings(missions, completed)).filter((f) => f.category === 'visibility-gap').map((f) => f.id);
    expect(gapIds).toContain(gap.id!);
    // After the mission: detection engineering's word on the detections, the gap fixed.
    expect((await put(`/missions/${completed}/findings/${detections[0]}/outcome`, { outcome: 'accepted', note: 'rule DE-114 in production' })).statusCode).toBe(200);
    expect((await put(`/missions/${completed}/findings/${detections[1]}/outcome`, { outcome: 'rejected' })).statusCode).toBe(200);
    expect((await put(`/missions/${completed}/findings/${gap.id}/outcome`, { outcome: 'resolved' }, manager)).statusCode).toBe(200);

    // 2. Not qualified at the Analyze gate.
    const rejected = await startOne();
    await walkToAnalyzeGate(missions, rejected);
    await missions.decideGate(rejected, { gate: 'analyze', decision: 'reject', reason: 'no data source covers it' }, lead);
    await until(missions, rejected, (s) => s.status === 'not_qualified', 'not qualified');

    // 3. Cancelled before it had a lead.
    const cancelled = await startOne();
    await missions.update(cancelled, msg.cancelMissionUpdate, { reason: 'duplicate of another request', actor: manager });
    await until(missions, cancelled, (s) => s.status === 'cancelled', 'cancelled');
  }, 240_000);

  test('GET /program/metrics counts what was recorded, per type and per lead', async () => {
    const to = new Date(Date.now() + 1000).toISOString();
    const res = await api.inject({ method: 'GET', url: `/program/metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, headers: as(manager) });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.missions).toBe(3);
    expect(m.byOutcome).toEqual({ active: 0, completed: 1, not_qualified: 1, cancelled: 1 });
    expect(m.findingsPerCategory).toMatchObject({ 'detection-opportunity': 2, 'suspicious-security-event': 1, 'visibility-gap': gapIds.length });
    expect(m.detections).toEqual({ proposed: 2, accepted: 1, rejected: 1 });
    expect(m.visibilityGaps).toEqual({ raised: gapIds.length, resolved: 1 });
    expect(m.escalations.count).toBe(1);
    expect(m.escalations.meanHoursToEscalation).toBeGreaterThanOrEqual(0);
    // The Total Hunt Duration ran for the two missions that reached Analyze; only the completed one had an allocation and an Execute phase.
    expect(m.totalHunt).toMatchObject({ missions: 2, allocatedHours: 40, overrun: 0, overrunRate: 0 });
    expect(m.executionPhase).toMatchObject({ missions: 1, allocatedHours: 30, overrun: 0, overrunRate: 0 });
    const elapsedHours = (Date.now() - Date.parse(from)) / 3_600_000;
    expect(m.totalHunt.actualHours).toBeGreaterThan(0);
    expect(m.totalHunt.actualHours).toBeLessThanOrEqual(2 * elapsedHours);
    expect(Object.keys(m.byType)).toEqual(['EAVD']);
    expect(m.byType.EAVD.missions).toBe(3);
    expect(Object.keys(m.byLead)).toEqual(['(none)', lead.id]);
    expect(m.byLead[lead.id]).toMatchObject({ missions: 2, byOutcome: { completed: 1, not_qualified: 1, cancelled: 0, active: 0 }, detections: { proposed: 2, accepted: 1, rejected: 1 } });
    expect(m.byLead['(none)']).toMatchObject({ missions: 1, byOutcome: { cancelled: 1 } });
    expect(m.techniques.layer).toBe(`/attack/layer?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

    // A period before the missions counts none of them.
    const before = await api.inject({ method: 'GET', url: '/program/metrics?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z', headers: as(manager) });
    expect(before.json()).toMatchObject({ missions: 0, detections: { proposed: 0 } });
  });

  test('the CLI prints the same metrics', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const key = as(manager).authorization!.replace(/^Bearer /, '');
    const code = await run(['program', 'metrics', '--from', from, '--to', new Date(Date.now() + 1000).toISOString(), '--json'], { out: (t) => out.push(t), err: (t) => err.push(t), env: { CAPEO_URL: url, CAPEO_API_KEY: key } });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(JSON.parse(out.join('\n'))).toMatchObject({ missions: 3, detections: { proposed: 2, accepted: 1, rejected: 1 } });
    out.length = 0;
    expect(await run(['program', 'metrics', '--from', from], { out: (t) => out.push(t), err: (t) => err.push(t), env: { CAPEO_URL: url, CAPEO_API_KEY: key } })).toBe(0);
    expect(out.join('\n')).toMatch(/detections\s+2 proposed, 1 accepted, 1 rejected/);
    expect(await run(['program', 'metrics', '--from', 'last week'], { out: (t) => out.push(t), err: (t) => err.push(t), env: { CAPEO_URL: url, CAPEO_API_KEY: key } })).toBe(2);
  });

  test('an outcome is refused when it does not fit: 409 for the finding\'s category, 403 for another lead or a hunter, 404 for no finding, 409 for a withdrawn one', async () => {
    const wrong = await put(`/missions/${completed}/findings/${detections[0]}/outcome`, { outcome: 'resolved' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([409, 'OUTCOME_NOT_FOR_CATEGORY']);
    expect((await put(`/missions/${completed}/findings/${gapIds[0]}/outcome`, { outcome: 'accepted' })).statusCode).toBe(409);
    expect((await put(`/missions/${completed}/findings/${detections[0]}/outcome`, { outcome: 'nope' })).json().errors[0].field).toBe('body.outcome');
    expect((await put(`/missions/${completed}/findings/${detections[0]}/outcome`, { outcome: 'accepted' }, hunter)).statusCode).toBe(403);
    expect((await put(`/missions/${completed}/findings/F999/outcome`, { outcome: 'accepted' })).statusCode).toBe(404);
    expect((await put(`/missions/${completed}/findings/${withdrawn}/outcome`, { outcome: 'accepted' })).json()).toMatchObject({ code: 'FINDING_WITHDRAWN' });
    // The outcome recorded stays what it was after the refusals.
    const m = (await api.inject({ method: 'GET', url: `/program/metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`, headers: as(manager) })).json();
    expect(m.detections).toEqual({ proposed: 2, accepted: 1, rejected: 1 });
  });
});

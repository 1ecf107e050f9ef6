import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../api/errors';
import type { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import { startMissionRequestSchema } from '../../domain/mission';
import { missionStart } from '../../store/mission-registry';
import type { MissionOutcome } from '../../domain/mission-start';
import { SearchAttr } from '../../domain/temporal-names';
import { missionHarness, outbox, testEnv, tickets, type TestWorker } from '../support/temporal';
import {
  allFindings,
  dfir,
  eavdRequest,
  endMission,
  feasibility,
  hunter,
  hunter2,
  lead,
  manager,
  openGate,
  platform,
  ref,
  timeline,
  until,
  untilFindings,
  walkFromExecute,
  walkToCompletion,
  walkToExecute,
} from '../support/walk';

let tw: TestWorker;
let missions: MissionService;
let dataDir: string;

beforeAll(async () => {
  ({ tw, missions, dataDir } = await missionHarness());
});
afterAll(async () => tw?.close());

/** The start input a mission's workflow got (its first event). */
async function startInputOf(missionId: string): Promise<Record<string, unknown>> {
  const history = await tw.client.workflow.getHandle(missionId).fetchHistory();
  const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  return (JSON.parse(Buffer.from(payload.data!).toString('utf8')) as { start: Record<string, unknown> }).start;
}

/** The error a refused write got, as the API answers it. */
async function refused<E extends Error>(p: Promise<unknown>, type: new (...a: never[]) => E): Promise<E & { code: string; missing?: string[] }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof type)) throw new Error(`expected a ${type.name}, got ${String(err)}`);
  return err as E & { code: string; missing?: string[] };
}

const seoi = {
  category: 'suspicious-security-event' as const,
  title: 'examp1e-login.com resolves, has MX and a 2-day-old certificate',
  description: 'Lookalike of example.com ready to send mail',
  severity: 'high' as const,
  observables: [{ type: 'domain' as const, value: 'examp1e-login.com' }],
  evidence: [{ kind: 'dns' as const, summary: 'MX mail.examp1e-login.com' }],
  sourceKey: 'sweep:examp1e-login.com',
  flags: ['playbook' as const],
};

test('a full EAVD mission through Updates: released report with metrics, playbook, comms, escalation once; everything in the store', async () => {
  const { missionId, code, displayName } = await missions.start(eavdRequest, platform);
  expect(displayName).toBe(`${code} - Barracuda Muffin`);
  await walkToExecute(missions, missionId);

  const added = await missions.update(missionId, msg.addFindingUpdate, { finding: seoi, actor: hunter });
  expect(added).toMatchObject({ created: true, phase: 'execute' });
  // The same finding from a retried sweep is the same finding: no duplicate, no second escalation.
  const again = await missions.update(missionId, msg.addFindingUpdate, { finding: seoi, actor: hunter2 });
  expect(again).toMatchObject({ id: added.id, created: false });
  const ti = await missions.update(missionId, msg.addFindingUpdate, {
    finding: { ...seoi, category: 'ti-event-of-interest', title: 'Phishing kit on examp1e-secure.com', sourceKey: 'kit:1', severity: 'medium' },
    actor: hunter,
  });
  await untilFindings(
    missions,
    missionId,
    (fs) => fs.length === 3 && fs.every((f) => f.ticket) && fs.some((f) => f.status === 'escalated') && fs.some((f) => f.tip),
    'escalation, tickets, TIP push, heartbeat gap',
  );

  await walkFromExecute(missions, missionId);
  const result: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(result).toMatchObject({ missionId, status: 'completed', closedReason: 'outcomes approved' });
  const s = await missions.summary(missionId);
  expect(s.clocks.total.stoppedAt).not.toBeNull();
  expect(s.clocks.execution.stoppedAt).not.toBeNull();
  expect(s.counts).toMatchObject({ queries: 1, findings: { total: 3, escalated: 1 }, effects: { failed: 0, pending: 0, running: 0 } });
  const queries = await missions.queries(missionId, { limit: 10 });
  expect(queries.items[0]!.rowCount).toBeGreaterThan(0);
  const findings = await allFindings(missions, missionId);
  // The heartbeat query found the silent EDR source and raised it as a visibility gap by itself.
  expect(findings.map((f) => [f.category, f.status, f.author]).sort()).toEqual([
    ['suspicious-security-event', 'escalated', hunter.id],
    ['ti-event-of-interest', 'open', hunter.id],
    ['visibility-gap', 'open', 'capeo'],
  ]);
  expect(findings.find((f) => f.id === ti.id)?.tip?.system).toBe('local-stix');

  expect(tickets(dataDir).filter((t) => String(t.id).startsWith('IR-') && t.missionId === missionId)).toHaveLength(1);
  const sent = outbox(dataDir).filter((n) => n.missionId === missionId);
  expect(sent.filter((n) => n.kind === 'escalation')).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'comms')).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'intel-highlight')).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'visibility-gap')).toHaveLength(1);
  expect(new Set(sent.map((n) => n.idempotencyKey)).size).toBe(sent.length);

  const report = readFileSync(join(dataDir, 'artifacts', s.artifacts['report.md']!.path), 'utf8');
  expect(report).toContain(displayName);
  for (const label of ['Total Hunt Duration', 'Execution Phase Duration', 'suspicious-security-event', 'visibility-gap', 'Squad size', 'Iteration']) {
    expect(report).toContain(label);
  }
  expect(Object.keys(result.artifacts).sort()).toEqual(['comms.html', 'comms.txt', 'playbook.ipynb', 'report.html', 'report.md']);
  // Every effect of the log is done; none ran twice.
  const effects = await missions.effects(missionId, { limit: 100 });
  expect(effects.items.every((e) => e.state === 'done')).toBe(true);
  expect(new Set(effects.items.map((e) => e.key)).size).toBe(effects.items.length);

  const desc = await tw.client.workflow.getHandle(missionId).describe();
  expect(desc.typedSearchAttributes.get(SearchAttr.phase)).toBe('outcomes');
  expect(desc.typedSearchAttributes.get(SearchAttr.status)).toBe('completed');
  expect(desc.typedSearchAttributes.get(SearchAttr.lead)).toBe(lead.id);
  expect(desc.typedSearchAttributes.get(SearchAttr.deadline)).toBeInstanceOf(Date);

  const actions = (await timeline(missions, missionId)).map((e) => `${e.actor}:${e.action}`);
  expect(actions).toEqual(
    expect.arrayContaining([
      'soc-platform:mission.started',
      'maria.manager:lead.assigned',
      'hana.hunter:squad.accepted',
      'capeo:squad.formed',
      'capeo:channel.created',
      'capeo:action-plan.created',
      'capeo:finding.escalated',
      'lucas.lead:report.released',
      'capeo:comms.sent',
      'capeo:mission.completed',
    ]),
  );
  // Metrics from the store.
  const metrics = await missions.metrics(missionId);
  expect(metrics).toMatchObject({ squadSize: 3, queriesRun: 1, escalations: { count: 1 }, visibilityGaps: 1 });

  // The recorded history replays cleanly against the current workflow code.
  const history = await tw.client.workflow.getHandle(missionId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, missionId);
});

test('gates refuse what is wrong: 409 with the missing items, 403 for who may not, 400 for a payload that breaks its rule', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');
  expect((await refused(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager), ConflictError)).code).toBe('GATE_NOT_OPEN');
  expect((await refused(missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, hunter), ForbiddenError)).code).toBe('NOT_ENTITLED');
  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  await missions.assignLead(missionId, lead.id, manager);

  const analyze = await refused(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, lead), ConflictError);
  expect(analyze.code).toBe('MISSING_ITEMS');
  expect(analyze.missing).toEqual(['analyze.initial-research', 'analyze.feasibility', 'analyze.owners', 'analyze.team-engagement']);
  expect((await missions.summary(missionId)).gate?.missing).toEqual(analyze.missing);
  expect((await refused(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager), ForbiddenError)).code).toBe('NOT_ENTITLED');

  // Typed payloads: a bad reference is refused with the field named; a score of 9 out of 5 too.
  const bad = await refused(missions.recordWorkItem(missionId, 'initial-research', { references: [{ ...ref, link: 'not a url' }] }, lead), BadRequestError);
  expect(bad.code).toBe('INVALID_WORK_ITEM');
  expect(bad.fields[0]).toBe('data.references.0.link');
  const nine = await refused(missions.recordWorkItem(missionId, 'feasibility', { ...feasibility, dataAvailability: 9 }, lead), BadRequestError);
  expect(nine.fields).toEqual(['data.dataAvailability']);
  // A hunter outside the squad may not write: 403, not a conflict.
  expect((await refused(missions.recordWorkItem(missionId, 'initial-research', { references: [ref] }, hunter), ForbiddenError)).code).toBe('NOT_ENTITLED');
  // An item of another phase is a state conflict; an item capeo records itself is a bad request.
  expect((await refused(missions.recordWorkItem(missionId, 'objectives', { objectives: ['x'] }, lead), ConflictError)).code).toBe('WRONG_PHASE');
  expect((await refused(missions.recordWorkItem(missionId, 'intel', {}, lead), BadRequestError)).code).toBe('INVALID_WORK_ITEM');

  await missions.recordWorkItem(missionId, 'initial-research', { references: [ref] }, lead);
  await missions.recordWorkItem(missionId, 'feasibility', feasibility, lead);
  await missions.recordWorkItem(missionId, 'owners', { owners: [{ name: 'Web', contact: 'web@example.org', kind: 'business' }] }, lead);
  await missions.recordWorkItem(missionId, 'team-engagement', { teams: [], statement: 'none needed' }, lead);
  expect((await missions.summary(missionId)).prioritisation).toMatchObject({ proposal: 'qualify' });
  await missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, lead);

  const over75 = await refused(missions.setAllocation(missionId, { totalHuntHours: 40, executionPhaseHours: 31 }, undefined, lead), ConflictError);
  expect(over75.code).toBe('INVALID_ALLOCATION');
  expect(over75.message).toContain('75%');
  await missions.setAllocation(missionId, { totalHuntHours: 40, executionPhaseHours: 30 }, undefined, lead);
  const noReason = await refused(missions.setAllocation(missionId, { totalHuntHours: 48, executionPhaseHours: 30 }, undefined, lead), ConflictError);
  expect(noReason.message).toContain('needs a reason');
  await missions.recordWorkItem(missionId, 'objectives', { objectives: ['x'] }, lead);

  // One hunter accepted, the policy wants two: the squad is not formed, so the Plan gate stays shut.
  await missions.update(missionId, msg.inviteHuntersUpdate, { hunters: [hunter.id, hunter2.id], actor: lead });
  await missions.update(missionId, msg.squadResponseUpdate, { accept: true, actor: hunter });
  await missions.update(missionId, msg.squadResponseUpdate, { accept: false, reason: 'on leave', actor: hunter2 });
  await until(missions, missionId, (s) => Boolean(s.workItems['plan']?.['action-plan']), 'action plan');
  const plan = await refused(missions.decideGate(missionId, { gate: 'plan', decision: 'approve' }, lead), ConflictError);
  expect(plan.missing).toEqual(['plan.squad', 'plan.comms-channel']);
  await endMission(tw, missionId);
});

test('Analyze rejection ends the mission not qualified; other rejections reopen the gate with the reason; cancellation', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');
  const stay = await missions.decideGate(missionId, { gate: 'collect', decision: 'reject', reason: 'intel too thin' }, manager);
  expect(stay).toMatchObject({ phase: 'collect', status: 'active', openGate: 'collect' });
  expect((await missions.summary(missionId)).gate).toMatchObject({ phase: 'collect', round: 2, decided: null });
  expect((await timeline(missions, missionId)).map((e) => [e.action, e.detail])).toContainEqual(['gate.rejected', 'collect: intel too thin']);
  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  const ended = await missions.decideGate(missionId, { gate: 'analyze', decision: 'reject', reason: 'no crown jewels at risk' }, manager);
  expect(ended.status).toBe('not_qualified');
  const result: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(result.closedReason).toBe('no crown jewels at risk');
  expect((await refused(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager), ConflictError)).code).toBe('MISSION_CLOSED');

  const other = await missions.start(eavdRequest, platform);
  await openGate(missions, other.missionId, 'collect');
  expect((await refused(missions.update(other.missionId, msg.cancelMissionUpdate, { reason: 'x', actor: hunter }), ForbiddenError)).code).toBe('NOT_ENTITLED');
  const cancelled = await missions.update(other.missionId, msg.cancelMissionUpdate, { reason: 'duplicate of EAVD01', actor: manager });
  expect(cancelled.status).toBe('cancelled');
  expect(((await tw.client.workflow.getHandle(other.missionId).result()) as MissionOutcome).status).toBe('cancelled');
});

test('containment runs only after a DFIR approval; findings are withdrawn, never deleted, once', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await walkToExecute(missions, missionId);
  const ack = await missions.update(missionId, msg.requestContainmentUpdate, {
    target: { kind: 'account', id: 'j.doe@example.org' }, reason: 'credentials phished', actor: hunter,
  });
  expect((await missions.summary(missionId)).pendingContainments[0]).toMatchObject({ id: ack.id });
  expect((await refused(missions.update(missionId, msg.decideContainmentUpdate, { containmentId: ack.id!, decision: 'approve', reason: 'ok', actor: lead }), ForbiddenError)).code).toBe('NOT_ENTITLED');
  expect((await refused(missions.update(missionId, msg.decideContainmentUpdate, { containmentId: 'C99', decision: 'approve', reason: 'ok', actor: dfir }), NotFoundError)).code).toBe('NOT_FOUND');
  await missions.update(missionId, msg.decideContainmentUpdate, { containmentId: ack.id!, decision: 'approve', reason: 'confirmed', actor: dfir });
  expect((await refused(missions.update(missionId, msg.decideContainmentUpdate, { containmentId: ack.id!, decision: 'approve', reason: 'x', actor: dfir }), ConflictError)).code).toBe('DUPLICATE');
  let c = (await tw.store.reads.record(missionId))!.containments[0]!;
  for (let i = 0; i < 200 && c.status !== 'executed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    c = (await tw.store.reads.record(missionId))!.containments[0]!;
  }
  expect(c).toMatchObject({ status: 'executed', dfir: { by: dfir.id, decision: 'approve' } });
  expect(c.action?.id).toMatch(/^ISO-/);

  const f = await missions.update(missionId, msg.addFindingUpdate, { finding: { ...seoi, category: 'hunt-opportunity', sourceKey: undefined }, actor: hunter });
  await missions.update(missionId, msg.withdrawFindingUpdate, { findingId: f.id!, reason: 'benign', actor: hunter });
  expect(await missions.finding(missionId, f.id!)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'benign' });
  expect((await refused(missions.update(missionId, msg.withdrawFindingUpdate, { findingId: f.id!, reason: 'again', actor: hunter }), ConflictError)).code).toBe('DUPLICATE');
  expect((await refused(missions.update(missionId, msg.withdrawFindingUpdate, { findingId: 'F999', reason: 'x', actor: hunter }), NotFoundError)).code).toBe('NOT_FOUND');
  expect((await missions.summary(missionId)).counts.findings).toMatchObject({ withdrawn: 1, byCategory: { 'hunt-opportunity': 0 } });
  await endMission(tw, missionId);
});

test('concurrent starts never share a code; a retried start gets the same mission', async () => {
  const started = await Promise.all(Array.from({ length: 8 }, () => missions.start(eavdRequest, platform)));
  expect(new Set(started.map((s) => s.code)).size).toBe(8);
  const key = `retry-key-${Date.now()}`;
  const first = await missions.start(eavdRequest, platform, key);
  const again = await missions.start(eavdRequest, platform, key);
  expect(again).toEqual({ ...first, created: false });
  const other = await missions.start({ ...eavdRequest, topic: 'something else entirely' }, platform, key).catch((e: unknown) => e);
  expect(other).toBeInstanceOf(ConflictError);
  expect((other as ConflictError).code).toBe('IDEMPOTENCY_KEY_REUSED');
  // Even after the mission ended, a late retry finds it instead of starting it again.
  await tw.client.workflow.getHandle(first.missionId).terminate('ended');
  expect(await missions.start(eavdRequest, platform, key)).toEqual({ ...first, created: false });
  await Promise.all(started.map((s) => endMission(tw, s.missionId)));
});

test('a new iteration keeps code, code name and every start field (the brand too), and starts from the previous playbook', async () => {
  const request = { ...eavdRequest, brand: { domains: ['example.com'], keywords: ['login'] }, policy: { sweepIntervalMinutes: 600 } };
  const { missionId, code } = await missions.start(request, platform);
  await walkToCompletion(missions, missionId);
  await expect(missions.newIteration(missionId, hunter)).rejects.toThrow(/hunt manager or the mission lead/);
  const next = await missions.newIteration(missionId, lead);
  expect(next).toMatchObject({ code, iteration: 2, displayName: `${code} - Barracuda Muffin`, previousMissionId: missionId });
  const s = await missions.summary(next.missionId);
  expect(s.previous?.playbook?.path).toBe(`${missionId}/playbook.ipynb`);
  expect(s.previous?.objectives).toEqual(['find lookalike domains with MX records']);
  expect(s.brand).toEqual(request.brand);
  expect(s.policy.sweepIntervalMinutes).toBe(600);
  // Every field of the start request is carried, as the store keeps it and as the workflow started from it.
  const before = (await missionStart(tw.store.db, missionId))!.startRequest as Record<string, unknown>;
  const after = (await missionStart(tw.store.db, next.missionId))!.startRequest as Record<string, unknown>;
  const started = await startInputOf(next.missionId);
  for (const field of Object.keys(startMissionRequestSchema.shape)) {
    // An iteration says why it ran: 'request' here, 'schedule' from the schedule.
    const expected = field === 'trigger' ? 'request' : before[field];
    expect({ field, stored: after[field], started: started[field] }).toEqual({ field, stored: expected, started: expected });
  }

  // Recurring iterations: a Temporal Schedule; triggering it now starts the one after.
  const { scheduleId } = await missions.scheduleIterations(missionId, 7, lead);
  const schedule = tw.client.schedule.getHandle(scheduleId);
  const described = await schedule.describe();
  expect(described.spec.intervals?.[0]?.every).toBe(7 * 24 * 3600 * 1000);
  await schedule.trigger();
  const third = await until(missions, `mission-${code}-3`, (x) => x.iteration === 3, 'scheduled iteration');
  expect(third).toMatchObject({ code, iteration: 3, trigger: 'schedule', previous: { missionId: next.missionId }, brand: request.brand });
  await schedule.delete();
  await Promise.all([next.missionId, third.missionId].map((id) => endMission(tw, id)));
});

test('reads of a mission that does not exist are 404', async () => {
  expect(await refused(missions.get('mission-NEVER01-1'), NotFoundError)).toBeInstanceOf(NotFoundError);
  expect(await refused(missions.findings('mission-NEVER01-1', { limit: 5 }), NotFoundError)).toBeInstanceOf(NotFoundError);
  expect(await refused(missions.decideGate('not-a-mission', { gate: 'collect', decision: 'approve' }, manager), NotFoundError)).toBeInstanceOf(NotFoundError);
});

test('a mission whose workflow was terminated outside capeo answers 409 MISSION_CLOSED, and the store says it ended', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');
  await tw.client.workflow.getHandle(missionId).terminate('an operator ended it');
  const err = await refused(missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager), ConflictError);
  expect(err.code).toBe('MISSION_CLOSED');
  expect(await missions.summary(missionId)).toMatchObject({ status: 'cancelled', openGate: null, closedReason: 'its workflow ended outside capeo (Temporal: TERMINATED)' });
  expect((await missions.list({ status: 'active', limit: 500 })).items.map((m) => m.missionId)).not.toContain(missionId);
});


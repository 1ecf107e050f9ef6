import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { ConflictError } from '../../api/errors';
import type { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import type { MissionState } from '../../domain/mission';
import { SearchAttr } from '../../domain/temporal-names';
import { missionHarness, outbox, testEnv, tickets, type TestWorker } from '../support/temporal';
import {
  dfir,
  eavdRequest,
  feasibility,
  hunter,
  hunter2,
  lead,
  manager,
  openGate,
  platform,
  ref,
  until,
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

/** The refusal an Update got, as the API would answer it. */
async function refusal(p: Promise<unknown>): Promise<ConflictError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ConflictError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
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

test('a full EAVD mission through Updates only: released report with metrics, playbook, comms, escalation once', async () => {
  const { missionId, code, displayName } = await missions.start(eavdRequest, platform);
  expect(displayName).toBe(`${code} - Barracuda Muffin`);
  await walkToExecute(missions, missionId);

  const added = await missions.update(missionId, msg.addFindingUpdate, { finding: seoi, actor: hunter });
  // The same finding from a retried sweep is the same finding: no duplicate, no second escalation.
  const again = await missions.update(missionId, msg.addFindingUpdate, { finding: seoi, actor: hunter2 });
  expect(again.ack.id).toBe(added.ack.id);
  const ti = await missions.update(missionId, msg.addFindingUpdate, {
    finding: { ...seoi, category: 'ti-event-of-interest', title: 'Phishing kit on examp1e-secure.com', sourceKey: 'kit:1', severity: 'medium' },
    actor: hunter,
  });
  await until(missions, missionId, (s) => s.findings.length === 3 && s.findings.every((f) => f.ticket) && s.findings.some((f) => f.status === 'escalated') && s.findings.some((f) => f.tip), 'escalation, tickets, TIP push, heartbeat gap');

  await walkFromExecute(missions, missionId);
  const result: MissionState = await tw.client.workflow.getHandle(missionId).result();
  expect(result.status).toBe('completed');
  expect(result.clocks.total.stoppedAt).not.toBeNull();
  expect(result.clocks.execution.stoppedAt).not.toBeNull();
  expect(result.queries).toHaveLength(1);
  expect(result.queries[0]!.rowCount).toBeGreaterThan(0);
  // The heartbeat query found the silent EDR source and raised it as a visibility gap by itself.
  expect(result.findings.map((f) => [f.category, f.status, f.author]).sort()).toEqual([
    ['suspicious-security-event', 'escalated', hunter.id],
    ['ti-event-of-interest', 'open', hunter.id],
    ['visibility-gap', 'open', 'capeo'],
  ]);
  expect(result.findings.find((f) => f.id === ti.ack.id)?.tip?.system).toBe('local-stix');

  const incidents = tickets(dataDir).filter((t) => String(t.id).startsWith('IR-'));
  expect(incidents).toHaveLength(1);
  const sent = outbox(dataDir);
  expect(sent.filter((n) => n.kind === 'escalation')).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'comms')).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'intel-highlight')).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'visibility-gap')).toHaveLength(1);
  expect(new Set(sent.map((n) => n.idempotencyKey)).size).toBe(sent.length);

  const report = readFileSync(join(dataDir, 'artifacts', result.artifacts['report.md']!.path), 'utf8');
  expect(report).toContain(displayName);
  for (const label of ['Total Hunt Duration', 'Execution Phase Duration', 'suspicious-security-event', 'visibility-gap', 'Squad size', 'Iteration']) {
    expect(report).toContain(label);
  }
  expect(Object.keys(result.artifacts).sort()).toEqual(['comms.html', 'comms.txt', 'playbook.ipynb', 'report.html', 'report.md']);

  const desc = await tw.client.workflow.getHandle(missionId).describe();
  expect(desc.typedSearchAttributes.get(SearchAttr.phase)).toBe('outcomes');
  expect(desc.typedSearchAttributes.get(SearchAttr.status)).toBe('completed');
  expect(desc.typedSearchAttributes.get(SearchAttr.lead)).toBe(lead.id);
  expect(desc.typedSearchAttributes.get(SearchAttr.deadline)).toBeInstanceOf(Date);

  const actions = result.timeline.map((e) => `${e.actor}:${e.action}`);
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

  // The recorded history replays cleanly against the current workflow code.
  const history = await tw.client.workflow.getHandle(missionId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, missionId);
});

test('gates refuse what is wrong, with the exact missing items', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');
  expect((await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager))).code).toBe('GATE_NOT_OPEN');
  expect((await refusal(missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, hunter))).code).toBe('NOT_ENTITLED');
  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  await missions.assignLead(missionId, lead.id, manager);

  const analyze = await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, lead));
  expect(analyze.code).toBe('MISSING_ITEMS');
  expect(analyze.missing).toEqual(['analyze.initial-research', 'analyze.feasibility', 'analyze.owners', 'analyze.team-engagement']);
  expect((await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager))).code).toBe('NOT_ENTITLED');

  // Typed payloads: a bad reference is refused with the field named.
  const bad = await refusal(missions.recordWorkItem(missionId, 'initial-research', { references: [{ ...ref, link: 'not a url' }] }, lead));
  expect(bad.code).toBe('INVALID_WORK_ITEM');
  expect(bad.missing[0]).toMatch(/^data\.references\.0\.link/);
  // A hunter outside the squad may not write.
  expect((await refusal(missions.recordWorkItem(missionId, 'initial-research', { references: [ref] }, hunter))).code).toBe('NOT_ENTITLED');

  await missions.recordWorkItem(missionId, 'initial-research', { references: [ref] }, lead);
  await missions.recordWorkItem(missionId, 'feasibility', feasibility, lead);
  await missions.recordWorkItem(missionId, 'owners', { owners: [{ name: 'Web', contact: 'web@example.org', kind: 'business' }] }, lead);
  await missions.recordWorkItem(missionId, 'team-engagement', { teams: [], statement: 'none needed' }, lead);
  const state = await missions.get(missionId);
  expect(state.workItems['analyze']!['feasibility']!.data['prioritisation']).toMatchObject({ proposal: 'qualify' });
  await missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, lead);

  const over75 = await refusal(missions.setAllocation(missionId, { totalHuntHours: 40, executionPhaseHours: 31 }, undefined, lead));
  expect(over75.code).toBe('INVALID_ALLOCATION');
  expect(over75.message).toContain('75%');
  await missions.setAllocation(missionId, { totalHuntHours: 40, executionPhaseHours: 30 }, undefined, lead);
  const noReason = await refusal(missions.setAllocation(missionId, { totalHuntHours: 48, executionPhaseHours: 30 }, undefined, lead));
  expect(noReason.message).toContain('needs a reason');
  await missions.recordWorkItem(missionId, 'objectives', { objectives: ['x'] }, lead);

  // One hunter accepted, the policy wants two: the squad is not formed, so the Plan gate stays shut.
  await missions.update(missionId, msg.inviteHuntersUpdate, { hunters: [hunter.id, hunter2.id], actor: lead });
  await missions.update(missionId, msg.squadResponseUpdate, { accept: true, actor: hunter });
  await missions.update(missionId, msg.squadResponseUpdate, { accept: false, reason: 'on leave', actor: hunter2 });
  await until(missions, missionId, (s) => Boolean(s.workItems['plan']?.['action-plan']), 'action plan');
  const plan = await refusal(missions.decideGate(missionId, { gate: 'plan', decision: 'approve' }, lead));
  expect(plan.missing).toEqual(['plan.squad', 'plan.comms-channel']);
  await tw.client.workflow.getHandle(missionId).terminate('test done');
});

test('Analyze rejection ends the mission not qualified; other rejections keep the phase with the reason; cancellation', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');
  const stay = await missions.decideGate(missionId, { gate: 'collect', decision: 'reject', reason: 'intel too thin' }, manager);
  expect(stay.state).toMatchObject({ phase: 'collect', status: 'active', openGate: 'collect' });
  expect(stay.state.timeline.at(-1)).toMatchObject({ action: 'gate.rejected', detail: 'collect: intel too thin' });
  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  const ended = await missions.decideGate(missionId, { gate: 'analyze', decision: 'reject', reason: 'no crown jewels at risk' }, manager);
  expect(ended.state.status).toBe('not_qualified');
  const result: MissionState = await tw.client.workflow.getHandle(missionId).result();
  expect(result.closedReason).toBe('no crown jewels at risk');
  expect((await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager))).code).toBe('MISSION_CLOSED');

  const other = await missions.start(eavdRequest, platform);
  await openGate(missions, other.missionId, 'collect');
  expect((await refusal(missions.update(other.missionId, msg.cancelMissionUpdate, { reason: 'x', actor: hunter }))).code).toBe('NOT_ENTITLED');
  const cancelled = await missions.update(other.missionId, msg.cancelMissionUpdate, { reason: 'duplicate of EAVD01', actor: manager });
  expect(cancelled.state.status).toBe('cancelled');
});

test('containment runs only after a DFIR approval; findings are withdrawn, never deleted', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await walkToExecute(missions, missionId);
  const { ack } = await missions.update(missionId, msg.requestContainmentUpdate, {
    target: { kind: 'account', id: 'j.doe@example.org' }, reason: 'credentials phished', actor: hunter,
  });
  let s = await missions.get(missionId);
  expect(s.containments[0]).toMatchObject({ id: ack.id, status: 'pending-dfir' });
  expect((await refusal(missions.update(missionId, msg.decideContainmentUpdate, { containmentId: ack.id!, decision: 'approve', reason: 'ok', actor: lead }))).code).toBe('NOT_ENTITLED');
  await missions.update(missionId, msg.decideContainmentUpdate, { containmentId: ack.id!, decision: 'approve', reason: 'confirmed', actor: dfir });
  s = await missions.get(missionId);
  expect(s.containments[0]).toMatchObject({ status: 'executed', dfir: { by: dfir.id, decision: 'approve' } });
  expect(s.containments[0]!.action?.id).toMatch(/^ISO-/);

  const f = await missions.update(missionId, msg.addFindingUpdate, { finding: { ...seoi, category: 'hunt-opportunity', sourceKey: undefined }, actor: hunter });
  await missions.update(missionId, msg.withdrawFindingUpdate, { findingId: f.ack.id!, reason: 'benign', actor: hunter });
  s = await missions.get(missionId);
  expect(s.findings.find((x) => x.id === f.ack.id)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'benign' });
  await tw.client.workflow.getHandle(missionId).terminate('test done');
});

test('concurrent starts never share a code; a retried start gets the same mission', async () => {
  const started = await Promise.all(Array.from({ length: 8 }, () => missions.start(eavdRequest, platform)));
  expect(new Set(started.map((s) => s.code)).size).toBe(8);
  const first = await missions.start(eavdRequest, platform, 'retry-key-1');
  const again = await missions.start(eavdRequest, platform, 'retry-key-1');
  expect(again).toEqual({ ...first, created: false });
  const other = await missions.start({ ...eavdRequest, topic: 'something else entirely' }, platform, 'retry-key-1').catch((e: unknown) => e);
  expect(other).toBeInstanceOf(ConflictError);
  expect((other as ConflictError).code).toBe('IDEMPOTENCY_KEY_REUSED');
  // Even after the mission ended, a late retry finds it instead of starting it again.
  await tw.client.workflow.getHandle(first.missionId).terminate('ended');
  expect(await missions.start(eavdRequest, platform, 'retry-key-1')).toEqual({ ...first, created: false });
  await Promise.all(started.map((s) => tw.client.workflow.getHandle(s.missionId).terminate('test done')));
});

test('a new iteration keeps code and code name, increments the iteration and starts from the previous playbook', async () => {
  const { missionId, code } = await missions.start(eavdRequest, platform);
  await walkToCompletion(missions, missionId);
  await expect(missions.newIteration(missionId, hunter)).rejects.toThrow(/hunt manager or the mission lead/);
  const next = await missions.newIteration(missionId, lead);
  expect(next).toMatchObject({ code, iteration: 2, displayName: `${code} - Barracuda Muffin`, previousMissionId: missionId });
  const s = await missions.get(next.missionId);
  expect(s.previous?.playbook?.path).toBe(`${missionId}/playbook.ipynb`);
  expect(s.previous?.objectives).toEqual(['find lookalike domains with MX records']);

  // Recurring iterations: a Temporal Schedule; triggering it now starts the one after.
  const { scheduleId } = await missions.scheduleIterations(missionId, 7, lead);
  const schedule = tw.client.schedule.getHandle(scheduleId);
  const described = await schedule.describe();
  expect(described.spec.intervals?.[0]?.every).toBe(7 * 24 * 3600 * 1000);
  await schedule.trigger();
  const third = await until(missions, `mission-${code}-3`, (x) => x.iteration === 3, 'scheduled iteration');
  expect(third).toMatchObject({ code, iteration: 3, trigger: 'schedule', previous: { missionId: next.missionId } });
  await schedule.delete();
  await Promise.all([next.missionId, third.missionId].map((id) => tw.client.workflow.getHandle(id).terminate('test done')));
});

test('a mission that closed before it ever ran reads as closed (409), not as a server error', async () => {
  const id = 'mission-NEVER01-1';
  await tw.client.workflow.start('missionWorkflow', { workflowId: id, taskQueue: 'no-worker-polls-this', args: [{}] });
  await tw.client.workflow.getHandle(id).terminate('stopped before it ran');
  const err = await missions.get(id).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ConflictError);
  expect((err as ConflictError).code).toBe('MISSION_CLOSED');
});

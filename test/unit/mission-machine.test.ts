import { MAX_INBOX_CHARS, MAX_QUEUED_EFFECTS } from '../../domain/mission-core';
import { summarise } from '../../domain/mission-summary';
import type { StoreOp } from '../../domain/store-ops';
import { MissionMachine } from '../../workflows/mission/mission-machine';
import { missionCoreFixture } from '../support/mission-state';

/** A machine over a sink that keeps what it is told to write. */
function machine(overrides: Parameters<typeof missionCoreFixture>[0] = {}) {
  const ops: StoreOp[] = [];
  const m = new MissionMachine(missionCoreFixture(overrides), { write: (op) => ops.push(op) });
  return { m, ops, effects: () => ops.filter((o): o is Extract<StoreOp, { op: 'effect.add' }> => o.op === 'effect.add') };
}

const lead = { id: 'lucas', role: 'lead' as const };
const hunter = { id: 'hana', role: 'hunter' as const };
const squad = { hana: { status: 'accepted' as const, invitedAt: 'x' } };
const execute = { phase: 'execute' as const, lead: 'lucas', squad, gate: { phase: 'execute' as const, round: 1, openedAt: 'x', remindersSent: 0, verdict: null } };
const seoi = { category: 'suspicious-security-event' as const, title: 'examp1e.com', description: '', severity: 'high' as const, evidence: [], observables: [], flags: [] };

test('a finding is one write with what it calls for: applied if new, a repeat audited if known; only a new one is counted and queued', () => {
  const { m, ops } = machine(execute);
  const p = m.proposeFinding(seoi, 'hana');
  expect(p.id).toBe('F1');
  const add = ops.at(-1) as Extract<StoreOp, { op: 'finding.add' }>;
  expect(add).toMatchObject({ op: 'finding.add', seq: 1, finding: { id: 'F1', status: 'open', author: 'hana' } });
  expect(add.onCreated.map((o) => (o.op === 'effect.add' ? `${o.kind} ${o.key}` : `${o.op} ${o.op === 'audit' ? o.action : ''}`))).toEqual([
    'audit finding.added',
    'finding-ticket finding:F1',
    'escalate incident:F1',
  ]);
  expect(add.onKnown).toMatchObject([{ op: 'audit', action: 'finding.repeated', seq: (add.onCreated[0] as { seq: number }).seq }]);
  // Nothing runs before the store says the finding is new.
  expect(m.state.effects.queue).toEqual([]);
  m.findingStored(p, { id: 'F1', created: true });
  expect(m.state.effects.queue.map((e) => e.key)).toEqual(['finding:F1', 'incident:F1']);
  expect(m.effectWrittenByOp('E1')).toBeGreaterThan(0);
  expect(m.state.findings).toMatchObject({ total: 1, byCategory: { 'suspicious-security-event': 1 } });

  const again = m.proposeFinding({ ...seoi, sourceKey: 'x' }, 'hana');
  m.findingStored(again, { id: 'F1', created: false });
  expect(m.state.effects.queue).toHaveLength(2);
  expect(m.state.findings.total).toBe(1);

  const gap = m.proposeFinding({ ...seoi, category: 'visibility-gap' }, 'capeo');
  m.findingStored(gap, { id: gap.id, created: true });
  const ti = m.proposeFinding({ ...seoi, category: 'ti-event-of-interest' }, 'capeo');
  m.findingStored(ti, { id: ti.id, created: true });
  expect(m.state.effects.queue.slice(2).map((e) => e.key)).toEqual([`finding:${gap.id}`, `visibility-gap:${gap.id}`, `finding:${ti.id}`, `tip:${ti.id}`]);
});

test('a failed effect is counted, settles its system item, and alerts the lead and the managers once until the failures clear', () => {
  const { m, ops, effects } = machine({ ...execute, phase: 'plan', gate: { ...execute.gate, phase: 'plan' } });
  const channel = m.effect({ kind: 'channel', name: 'eavd01-x', topic: 't', members: ['lucas'] }, 'channel');
  const plan = m.effect({ kind: 'action-plan', title: 't', description: 'd', objectives: ['o'] }, 'action-plan#1');
  expect(m.nextEffect()).toEqual(channel);
  expect(m.nextEffect()).toEqual(plan);
  m.effectFailed(channel, { type: 'EXTERNAL_AUTH_REJECTED', message: 'jira answered 401', attempts: 1 });
  m.effectFailed(plan, { type: 'EXTERNAL_AUTH_REJECTED', message: 'jira answered 401', attempts: 1 });
  expect(m.state.effects).toMatchObject({ failed: 2, running: 0, alerted: true });
  expect(m.state.items.plan).toMatchObject({ 'comms-channel': { status: 'failed' }, 'action-plan': { status: 'failed' } });
  // The gate is not blocked by them: they are settled (failed), listed as such.
  expect(summarise(m.state).gate).toMatchObject({ failed: ['plan.comms-channel', 'plan.action-plan'] });
  const alerts = effects().filter((e) => e.spec.kind === 'notify' && e.spec.notification.kind === 'effects-failed');
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.spec).toMatchObject({ notification: { to: ['lucas', 'hunt-managers'] } });
  expect(ops.filter((o) => o.op === 'effect.state').map((o) => o.op === 'effect.state' && o.state)).toEqual(['failed', 'failed']);

  // Retried after the integration works: done, the item made good, and the next failure alerts again.
  m.effectSucceeded(channel, { ref: { system: 'local-chat', id: 'C1' } }, true);
  m.effectSucceeded(plan, { ref: { system: 'local-ticketing', id: 'CAPEO-1' } }, true);
  expect(m.state.effects).toMatchObject({ failed: 0, done: 2, alerted: false });
  expect(m.state.items.plan).toMatchObject({ 'comms-channel': { status: 'done' }, 'action-plan': { status: 'done' } });
  expect(m.state.external).toEqual({ channel: { system: 'local-chat', id: 'C1' }, epic: { system: 'local-ticketing', id: 'CAPEO-1' } });
});

test('an alert that fails does not alert about itself', () => {
  const { m, effects } = machine(execute);
  const e = m.effect({ kind: 'push-tip', findingId: 'F1' }, 'tip:F1');
  m.nextEffect();
  m.effectFailed(e, { type: 'TIP_DOWN', message: 'down', attempts: 5 });
  const alert = m.nextEffect()!;
  expect(alert.subject).toBe('effects-failed');
  m.state.effects.alerted = false;
  m.effectFailed(alert, { type: 'SMTP_DOWN', message: 'down', attempts: 5 });
  expect(effects().filter((x) => x.spec.kind === 'notify')).toHaveLength(1);
});

test('effects beyond the queue wait in the store, and newer ones wait behind them', () => {
  const { m } = machine(execute);
  for (let i = 0; i < MAX_QUEUED_EFFECTS + 3; i++) m.effect({ kind: 'push-tip', findingId: `F${i}` }, `tip:F${i}`);
  expect(m.state.effects).toMatchObject({ deferred: 3 });
  expect(m.state.effects.queue).toHaveLength(MAX_QUEUED_EFFECTS);
  // Even with room in the queue again, a new effect goes behind the deferred ones.
  m.nextEffect();
  m.effect({ kind: 'push-tip', findingId: 'late' }, 'tip:late');
  expect(m.state.effects.deferred).toBe(4);
  m.refill([{ id: `E${MAX_QUEUED_EFFECTS + 1}`, kind: 'push-tip', key: 'k' }]);
  expect(m.state.effects.deferred).toBe(3);
  expect(m.state.effects.queue.at(-1)?.id).toBe(`E${MAX_QUEUED_EFFECTS + 1}`);
});

test('validators answer typed refusals: 403 for who may not, 409 for the state, 400 for the payload with its fields', () => {
  const { m } = machine(execute);
  expect(m.validateAddFinding({ finding: seoi, actor: { id: 'olga', role: 'hunter' } })).toMatchObject({ kind: 'forbidden', code: 'NOT_ENTITLED' });
  expect(m.validateAddFinding({ finding: { ...seoi, severity: 'apocalyptic' as never, title: 'x' }, actor: hunter })).toMatchObject({
    kind: 'invalid',
    missing: ['finding.title', 'finding.severity'],
  });
  const analyze = machine();
  expect(analyze.m.validateAddFinding({ finding: seoi, actor: { id: 'maria', role: 'manager' } })).toMatchObject({ kind: 'conflict', code: 'WRONG_PHASE' });
  expect(m.validateWithdrawFinding({ findingId: 'F7', reason: 'x', actor: hunter })).toMatchObject({ kind: 'not_found' });
  m.draining = true;
  expect(m.validateAddFinding({ finding: seoi, actor: hunter })).toMatchObject({ kind: 'busy', code: 'MISSION_BUSY' });
});

test('a gate decision is written once for its round; the phase loop moving on is what the decider waits for', () => {
  const { m } = machine({ lead: 'lucas' });
  const round = m.decideGate({ gate: 'analyze', decision: 'reject', reason: 'not yet', actor: lead });
  expect(m.state.gate?.verdict).toMatchObject({ decision: 'reject', by: 'lucas', reason: 'not yet' });
  expect(m.validateDecideGate({ gate: 'analyze', decision: 'approve', actor: lead })).toMatchObject({ code: 'GATE_NOT_OPEN' });
  expect(m.verdictApplied('analyze', round)).toBe(false);
  m.openGate();
  expect(m.state.gate).toMatchObject({ phase: 'analyze', round: 2, verdict: null });
  expect(m.verdictApplied('analyze', round)).toBe(true);
});

test('the summary stays the same size however many findings the mission has', () => {
  const { m } = machine(execute);
  const size = () => JSON.stringify(summarise(m.state)).length;
  const before = size();
  for (let i = 0; i < 5000; i++) {
    const p = m.proposeFinding({ ...seoi, category: 'hunt-opportunity' }, 'hana');
    m.findingStored(p, { id: p.id, created: true });
    while (m.nextEffect()) m.state.effects.running = 0;
  }
  expect(m.state.findings.total).toBe(5000);
  // Only the digits of the counters grow.
  expect(size() - before).toBeLessThan(100);
});

test('a refill never takes back an effect the run holds (running, still pending in the store), and counts right when it meets one whose finding is on its way', () => {
  const { m } = machine(execute);
  for (let i = 0; i < MAX_QUEUED_EFFECTS + 10; i++) m.effect({ kind: 'push-tip', findingId: `F${i}` }, `tip:F${i}`);
  // Every queued effect taken to run: the queue is empty, ten wait in the store.
  while (m.nextEffect());
  expect(m.state.effects).toMatchObject({ deferred: 10, queue: [], running: MAX_QUEUED_EFFECTS });
  expect(m.heldEffects()).toHaveLength(MAX_QUEUED_EFFECTS);
  // The store still says pending for the last ones started a moment ago; they are not queued again.
  const pendingInStore = Array.from({ length: 14 }, (_, i) => ({ id: `E${MAX_QUEUED_EFFECTS - 3 + i}`, kind: 'push-tip' as const, key: `k${i}` }));
  m.refill(pendingInStore);
  expect(m.state.effects.queue.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `E${MAX_QUEUED_EFFECTS + 1 + i}`));
  expect(m.state.effects.deferred).toBe(0);
  expect(summarise(m.state).counts.effects).toMatchObject({ pending: 10, running: MAX_QUEUED_EFFECTS });

  // Effects are numbered when proposed, queued when their finding's answer comes: out of order. A
  // refill that meets one whose answer is still on its way takes it; the answer then queues nothing.
  const a = m.proposeFinding(seoi, 'hana');
  const b = m.proposeFinding(seoi, 'hana');
  for (const e of [...m.state.effects.queue]) {
    m.nextEffect();
    m.effectSucceeded(e, { kind: 'notify', ok: true } as never);
  }
  m.findingStored(b, { id: b.id, created: true });
  m.refill(a.effects);
  m.findingStored(a, { id: a.id, created: true });
  expect(m.state.effects.queue.map((e) => e.id).sort()).toEqual([...a.effects, ...b.effects].map((e) => e.id).sort());
  expect(m.state.effects.deferred).toBe(0);
});

test('during a hand-over, findings that come by signal wait in the inbox for the next run, up to its bound; otherwise they are stored now', () => {
  const { m, ops } = machine(execute);
  const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ ...seoi, title: `t${i}`, sourceKey: `k${i}` }));
  expect(m.holdForNextRun(batch(10), 'capeo')).toBe(false);
  expect(m.state.inbox).toBeUndefined();

  m.draining = true;
  // A run recorded before the hand-over held signals stores them as it did then.
  expect(m.holdForNextRun(batch(10), 'capeo')).toBe(false);
  m.handOverHolds = true;
  const version = m.state.version;
  expect(m.holdForNextRun(batch(10), 'capeo')).toBe(true);
  expect(m.holdForNextRun(batch(5), 'sensor')).toBe(true);
  // Held, not written: nothing for the store, no finding numbers given out, the summary unchanged.
  expect(ops).toEqual([]);
  expect(m.state.counters.findings).toBe(0);
  expect(m.state.version).toBe(version);
  expect(m.state.inbox?.map((e) => [e.author, e.findings.length])).toEqual([['capeo', 10], ['sensor', 5]]);

  // Past MAX_INBOX_CHARS the inbox takes no more (the state carried to the next run stays bounded).
  const big = batch(1).map((f) => ({ ...f, description: 'x'.repeat(MAX_INBOX_CHARS) }));
  expect(m.holdForNextRun(big, 'capeo')).toBe(false);
  expect(JSON.stringify(m.state.inbox).length).toBeLessThan(MAX_INBOX_CHARS);

  // The next run takes it out of its state.
  const next = new MissionMachine(JSON.parse(JSON.stringify(m.state)), { write: () => 0 });
  expect(next.takeInbox().flatMap((e) => e.findings.map((f) => f.sourceKey))).toHaveLength(15);
  expect(next.state.inbox).toBeUndefined();
  expect(next.takeInbox()).toEqual([]);
  expect(next.nextKeptBatch()).toBeUndefined();
});

test("past the inbox's bound, a hand-over keeps the inbox in the store as a batch and starts it again; the next run stores the batches first, oldest first", () => {
  const { m, ops } = machine(execute);
  const batch = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ ...seoi, title: `t${from + i}`, sourceKey: `k${from + i}`, description: 'x'.repeat(1000) }));
  const keeps = () => ops.filter((o): o is Extract<StoreOp, { op: 'inbox.keep' }> => o.op === 'inbox.keep');
  m.draining = true;
  m.handOverHolds = true;
  m.handOverKeeps = true;
  const fit = Math.floor(MAX_INBOX_CHARS / JSON.stringify(batch(100)).length);
  for (let b = 0; b < fit; b++) expect(m.holdForNextRun(batch(100, b * 100), 'capeo')).toBe(true);
  expect(ops).toEqual([]);
  // The one that does not fit: what the inbox held goes to the store, and the inbox starts again with it.
  expect(m.holdForNextRun(batch(100, fit * 100), 'sensor')).toBe(true);
  expect(keeps().map((k) => k.seq)).toEqual([1]);
  expect(keeps()[0]!.entries.map((e) => e.author)).toEqual(Array(fit).fill('capeo'));
  expect(keeps()[0]!.entries.flatMap((e) => e.findings.map((f) => f.sourceKey))).toEqual(Array.from({ length: fit * 100 }, (_, i) => `k${i}`));
  expect(m.state.inbox?.map((e) => e.author)).toEqual(['sensor']);
  // A signal larger than the bound by itself: the inbox is kept, then the signal as a batch of its own.
  const huge = batch(1, 99_000).map((f) => ({ ...f, description: 'x'.repeat(MAX_INBOX_CHARS) }));
  expect(m.holdForNextRun(huge, 'capeo')).toBe(true);
  expect(keeps().map((k) => [k.seq, k.entries.map((e) => e.author)])).toEqual([[1, Array(fit).fill('capeo')], [2, ['sensor']], [3, ['capeo']]]);
  expect(keeps()[2]!.entries[0]!.findings[0]!.sourceKey).toBe('k99000');
  expect(m.state.inbox).toBeUndefined();
  // No batch is larger than the bound, but the one signal that was larger by itself.
  expect(keeps().slice(0, 2).every((k) => JSON.stringify(k.entries).length < MAX_INBOX_CHARS + 1000)).toBe(true);
  expect(m.holdForNextRun(batch(1), 'capeo')).toBe(true);
  expect(m.state.inbox).toHaveLength(1);
  expect(m.state.kept).toEqual({ first: 1, next: 4 });
  // Nothing of it counted as a finding yet, and the carried state stays bounded.
  expect(m.state.counters.findings).toBe(0);
  expect(JSON.stringify(m.state).length).toBeLessThan(MAX_INBOX_CHARS + 50_000);

  // The next run: the kept batches one after the other, each let go once stored.
  const written: StoreOp[] = [];
  const next = new MissionMachine(JSON.parse(JSON.stringify(m.state)), { write: (op) => written.push(op) });
  expect(next.takeInbox()).toHaveLength(1);
  for (const seq of [1, 2, 3]) {
    expect(next.nextKeptBatch()).toBe(seq);
    next.keptBatchStored(seq);
  }
  expect(next.nextKeptBatch()).toBeUndefined();
  expect(written).toEqual([1, 2, 3].map((seq) => ({ op: 'inbox.drop', seq })));
  // Numbers go on from there: a later hand-over's batch does not take a number given before.
  next.draining = next.handOverHolds = next.handOverKeeps = true;
  next.holdForNextRun(huge, 'capeo');
  expect(written.at(-1)).toMatchObject({ op: 'inbox.keep', seq: 4 });
});

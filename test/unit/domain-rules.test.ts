import { allocationProblems } from '../../domain/allocation';
import { failedItems, gateDecisionRefusal, missingRequiredItems, workItemRefusal } from '../../domain/gates';
import type { MissionCore } from '../../domain/mission-core';
import { summarise } from '../../domain/mission-summary';
import { channelName, displayName, missionCode } from '../../domain/nomenclature';
import { prioritise } from '../../domain/work-items';
import { missionPolicySchema } from '../../domain/policy';
import { computeMetrics, metricsInputOf } from '../../domain/metrics';
import { missionCoreFixture, missionRecordFixture } from '../support/mission-state';

const base: MissionCore = missionCoreFixture();
const manager = { id: 'maria', role: 'manager' as const };
const lead = { id: 'lucas', role: 'lead' as const };

test('nomenclature: codes, display names and chat channel names', () => {
  expect(missionCode('EAVD', 1)).toBe('EAVD01');
  expect(missionCode('EAVD', 123)).toBe('EAVD123');
  expect(displayName('EAVD01', 'Barracuda Muffin')).toBe('EAVD01 - Barracuda Muffin');
  expect(channelName('EAVD01', 'Barracuda Muffin')).toBe('eavd01-barracuda-muffin');
  expect(channelName('EAVD02', "Crème  Brûlée's Op")).toBe('eavd02-creme-brulee-s-op');
});

test('the 75% rule, with the ratio as a policy', () => {
  expect(allocationProblems({ totalHuntHours: 40, executionPhaseHours: 30 })).toEqual([]);
  expect(allocationProblems({ totalHuntHours: 40, executionPhaseHours: 30.5 })[0]).toMatch(/may not exceed 75%/);
  expect(allocationProblems({ totalHuntHours: 40, executionPhaseHours: 30.5 }, 0.8)).toEqual([]);
});

test('gate refusals: not open, not entitled, missing items, rejection without reason, closed', () => {
  expect(gateDecisionRefusal(base, { gate: 'plan', decision: 'approve' }, manager)?.code).toBe('GATE_NOT_OPEN');
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'approve' }, lead)?.code).toBe('NOT_ENTITLED');
  expect(gateDecisionRefusal({ ...base, lead: 'lucas' }, { gate: 'analyze', decision: 'approve' }, manager)?.code).toBe('NOT_ENTITLED');
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'approve' }, manager)).toMatchObject({
    code: 'MISSING_ITEMS',
    missing: ['analyze.initial-research', 'analyze.feasibility', 'analyze.owners', 'analyze.team-engagement'],
  });
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'reject' }, manager)).toMatchObject({ code: 'INVALID_INPUT', kind: 'invalid', missing: ['reason'] });
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'reject', reason: 'no' }, manager)).toBeUndefined();
  expect(gateDecisionRefusal({ ...base, status: 'cancelled' }, { gate: 'analyze', decision: 'approve' }, manager)?.code).toBe('MISSION_CLOSED');
  // A decision is written once per round of the gate.
  const decided = { ...base, gate: { ...base.gate!, verdict: { decision: 'reject' as const, by: 'maria', at: 'x', reason: 'no' } } };
  expect(gateDecisionRefusal(decided, { gate: 'analyze', decision: 'approve' }, manager)).toMatchObject({ code: 'GATE_NOT_OPEN', kind: 'conflict' });
  // Kinds decide the HTTP status: forbidden for who may not, conflict for what is missing.
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'approve' }, lead)?.kind).toBe('forbidden');
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'approve' }, manager)?.kind).toBe('conflict');
});

test('required items are counted per phase; a system step that failed settles its item without blocking the gate', () => {
  const rec = { status: 'done' as const, by: 'x', at: 'now' };
  const done = { ...base, items: { analyze: { 'initial-research': rec, feasibility: rec, owners: rec, 'team-engagement': rec } } };
  expect(missingRequiredItems(done)).toEqual([]);
  expect(gateDecisionRefusal(done, { gate: 'analyze', decision: 'approve' }, manager)).toBeUndefined();
  const collect = { ...base, phase: 'collect' as const, gate: { ...base.gate!, phase: 'collect' as const }, items: { collect: { intel: rec, 'stakeholder-highlight': { ...rec, status: 'failed' as const } } } };
  expect(missingRequiredItems(collect)).toEqual([]);
  expect(failedItems(collect)).toEqual(['collect.stakeholder-highlight']);
  expect(summarise(collect).gate).toMatchObject({ phase: 'collect', missing: [], failed: ['collect.stakeholder-highlight'] });
});

test('work items: system items and unknown items are refused; lead items need the lead', () => {
  expect(workItemRefusal({ ...base, phase: 'collect' }, 'intel', manager)).toMatchObject({ code: 'INVALID_WORK_ITEM', kind: 'invalid', missing: ['item'] });
  expect(workItemRefusal(base, 'nonsense', manager)?.message).toMatch(/people record: initial-research, feasibility, owners, team-engagement/);
  expect(workItemRefusal(base, 'objectives', manager)).toMatchObject({ code: 'WRONG_PHASE', kind: 'conflict' });
  const withSquad = { ...base, lead: 'lucas', squad: { hana: { status: 'accepted' as const, invitedAt: 'x' }, hugo: { status: 'invited' as const, invitedAt: 'x' } } };
  expect(workItemRefusal(withSquad, 'feasibility', { id: 'hana', role: 'hunter' })?.code).toBe('NOT_ENTITLED');
  expect(workItemRefusal(withSquad, 'initial-research', { id: 'hana', role: 'hunter' })).toBeUndefined();
  // Invited is not yet in the squad; a hunter of another mission never is.
  expect(workItemRefusal(withSquad, 'initial-research', { id: 'hugo', role: 'hunter' })?.code).toBe('NOT_ENTITLED');
  expect(workItemRefusal(withSquad, 'initial-research', { id: 'olga', role: 'hunter' })?.code).toBe('NOT_ENTITLED');
  expect(workItemRefusal({ ...base, lead: 'lucas' }, 'feasibility', lead)).toBeUndefined();
});

test('the prioritisation model weighs the feasibility factors and proposes qualify or reject', () => {
  const weights = missionPolicySchema.parse({}).prioritisation;
  const strong = { dataAvailability: 5, informationQuality: 5, skillsets: 5, resourceConstraints: 5, timelines: 5, crownJewelsImpacted: true, majorVulnerabilities: true, emergentThreat: true };
  expect(prioritise(strong, weights)).toEqual({ score: 13.5, maxScore: 13.5, proposal: 'qualify' });
  const weak = { ...strong, dataAvailability: 0, informationQuality: 1, skillsets: 1, crownJewelsImpacted: false, majorVulnerabilities: false, emergentThreat: false };
  expect(prioritise(weak, weights).proposal).toBe('reject');
  // Weights are policy: make data availability all that matters and the same answers qualify.
  const onlyData = { ...weights, weights: { ...weights.weights, dataAvailability: 1, informationQuality: 0, skillsets: 0, resourceConstraints: 0, timelines: 0, crownJewelsImpacted: 0, majorVulnerabilities: 0, emergentThreat: 0 } };
  expect(prioritise({ ...weak, dataAvailability: 4 }, onlyData)).toEqual({ score: 0.8, maxScore: 1, proposal: 'qualify' });
});

test('metrics: time per phase and gate wait from the timeline, findings per category, escalation delay', () => {
  const t = (min: number) => new Date(Date.UTC(2026, 10, 1, 0, min)).toISOString();
  const s = missionRecordFixture({
    phase: 'analyze',
    lead: 'lucas',
    squad: { hana: { status: 'accepted', invitedAt: t(0) }, hugo: { status: 'declined', invitedAt: t(0) } },
    timeline: [
      { at: t(0), actor: 'capeo', action: 'phase.entered', detail: 'collect' },
      { at: t(0), actor: 'capeo', action: 'gate.opened', detail: 'collect' },
      { at: t(30), actor: 'm', action: 'gate.approved', detail: 'collect' },
      { at: t(30), actor: 'capeo', action: 'phase.entered', detail: 'analyze' },
    ],
    findings: [
      { id: 'F1', category: 'suspicious-security-event', title: 'x', description: '', severity: 'high', evidence: [], observables: [], flags: [], status: 'escalated', author: 'h', at: t(60), escalation: { at: t(90), ticket: { system: 's', id: 'IR-1' }, notification: 'n' } },
      { id: 'F2', category: 'visibility-gap', title: 'y', description: '', severity: 'high', evidence: [], observables: [], flags: [], status: 'open', author: 'h', at: t(60) },
      { id: 'F3', category: 'visibility-gap', title: 'z', description: '', severity: 'low', evidence: [], observables: [], flags: [], status: 'withdrawn', author: 'h', at: t(60) },
    ],
  });
  const m = computeMetrics(metricsInputOf(s), t(120));
  expect(m.phaseHours).toMatchObject({ collect: 0.5, analyze: 1.5 });
  expect(m.gateWaitHours.collect).toBe(0.5);
  expect(m.findingsPerCategory).toMatchObject({ 'suspicious-security-event': 1, 'visibility-gap': 1, 'hunt-opportunity': 0 });
  expect(m.escalations).toEqual({ count: 1, meanHoursToEscalation: 0.5, maxHoursToEscalation: 0.5 });
  expect(m.visibilityGaps).toBe(1);
  expect(m.squadSize).toBe(2);
});

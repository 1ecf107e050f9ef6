import { allocationProblems } from '../../domain/allocation';
import { gateDecisionRefusal, missingRequiredItems, workItemRefusal } from '../../domain/gates';
import type { MissionState } from '../../domain/mission';
import { channelName, displayName, missionCode } from '../../domain/nomenclature';

const base: MissionState = {
  missionId: 'mission-EAVD01-1', code: 'EAVD01', codeName: 'Barracuda Muffin', displayName: 'EAVD01 - Barracuda Muffin',
  type: 'EAVD', iteration: 1, topic: 't', trigger: 'intel', keywords: [], requester: 'soc', status: 'active',
  phase: 'analyze', openGate: 'analyze', lead: null, allocation: null, workItems: {}, intel: null, artifacts: {},
  closedReason: null, timeline: [],
};
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
    missing: ['analyze.initial-research', 'analyze.feasibility'],
  });
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'reject' }, manager)?.missing).toEqual(['reason']);
  expect(gateDecisionRefusal(base, { gate: 'analyze', decision: 'reject', reason: 'no' }, manager)).toBeUndefined();
  expect(gateDecisionRefusal({ ...base, status: 'cancelled' }, { gate: 'analyze', decision: 'approve' }, manager)?.code).toBe('MISSION_CLOSED');
});

test('required items are counted per phase', () => {
  const rec = { by: 'x', at: 'now', data: {} };
  const done = { ...base, workItems: { analyze: { 'initial-research': rec, feasibility: rec } } };
  expect(missingRequiredItems(done)).toEqual([]);
  expect(gateDecisionRefusal(done, { gate: 'analyze', decision: 'approve' }, manager)).toBeUndefined();
});

test('work items: system items and unknown items are refused; lead items need the lead', () => {
  expect(workItemRefusal({ ...base, phase: 'collect' }, 'intel', manager)?.code).toBe('INVALID_WORK_ITEM');
  expect(workItemRefusal(base, 'nonsense', manager)?.message).toMatch(/allowed: initial-research, feasibility/);
  expect(workItemRefusal({ ...base, lead: 'lucas' }, 'feasibility', { id: 'hana', role: 'hunter' })?.code).toBe('NOT_ENTITLED');
  expect(workItemRefusal({ ...base, lead: 'lucas' }, 'initial-research', { id: 'hana', role: 'hunter' })).toBeUndefined();
  expect(workItemRefusal({ ...base, lead: 'lucas' }, 'feasibility', lead)).toBeUndefined();
});

import type { MissionRecord } from '../../domain/mission';
import type { MissionCore } from '../../domain/mission-core';
import { newMissionCore } from '../../domain/mission-start';
import { summarise, type MissionSummary } from '../../domain/mission-summary';
import { missionPolicySchema } from '../../domain/policy';

const clock = { startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false };

/** A mission's core state in Analyze with its gate open and nothing recorded: the base for pure rule tests. */
export function missionCoreFixture(overrides: Partial<MissionCore> = {}): MissionCore {
  const core = newMissionCore({
    type: 'EAVD', codeName: 'Barracuda Muffin', topic: 't', trigger: 'intel', keywords: [], stakeholders: [], audience: [],
    policy: missionPolicySchema.parse({}), missionId: 'mission-EAVD01-1', code: 'EAVD01', iteration: 1, requester: { id: 'soc', role: 'platform' },
  });
  return { ...core, phase: 'analyze', gate: { phase: 'analyze', round: 1, openedAt: '2026-11-01T00:00:00.000Z', remindersSent: 0, verdict: null }, ...overrides };
}

/** The summary the API answers for a mission's core state. */
export function missionSummaryFixture(overrides: Partial<MissionCore> = {}): MissionSummary {
  return summarise(missionCoreFixture(overrides));
}

/** A whole mission record (as the store assembles it for the outcome documents), in Analyze with nothing recorded. */
export function missionRecordFixture(overrides: Partial<MissionRecord> = {}): MissionRecord {
  return {
    missionId: 'mission-EAVD01-1', code: 'EAVD01', codeName: 'Barracuda Muffin', displayName: 'EAVD01 - Barracuda Muffin',
    channelName: 'eavd01-barracuda-muffin', type: 'EAVD', iteration: 1, topic: 't', trigger: 'intel', keywords: [],
    requester: 'soc', stakeholders: [], audience: [], policy: missionPolicySchema.parse({}), status: 'active',
    phase: 'analyze', openGate: 'analyze', lead: null, squad: {}, squadFormedAt: null, allocation: null,
    clocks: { total: { ...clock }, execution: { ...clock } }, workItems: {}, intel: null, findings: [], queries: [],
    containments: [], brand: null, sweeps: [], external: {}, artifacts: {}, previous: null, closedReason: null, timeline: [],
    ...overrides,
  };
}

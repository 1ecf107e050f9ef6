import type { MissionState } from '../../domain/mission';
import { missionPolicySchema } from '../../domain/policy';

const clock = { startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false };

/** A mission in Analyze with nothing recorded: the base for pure rule tests. */
export function missionStateFixture(overrides: Partial<MissionState> = {}): MissionState {
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

import { defaultHuntType } from './hunt-types';
import type { Actor } from './identity';
import type { StartMissionParsed } from './mission';
import { emptyFindingCounts, newClock, type MissionCore, type PreviousIteration } from './mission-core';
import type { MissionStatus } from './phases';
import type { ArtifactRef } from './mission-artifacts';
import { channelName, displayName } from './nomenclature';

/** The workflow type of a mission, and how a client refers to it with its types. */
export const MISSION_WORKFLOW_TYPE = 'huntMissionWorkflow';
export type MissionWorkflow = (args: MissionWorkflowArgs) => Promise<MissionOutcome>;

/** Everything a mission starts from: the start request (every field) and what capeo gave it. */
export type MissionStartInput = StartMissionParsed & {
  missionId: string;
  code: string;
  iteration: number;
  requester: Actor;
  previous?: PreviousIteration;
};

/** A mission's workflow starts from its start input, or resumes (continue-as-new) from the state it carried. */
export type MissionWorkflowArgs = { start: MissionStartInput } | { resume: MissionCore };

export interface MissionOutcome {
  missionId: string;
  status: MissionStatus;
  closedReason: string | null;
  artifacts: Record<string, ArtifactRef>;
}

/** A mission's state at its start: the same for the workflow and for the summary the store shows before it runs. */
export function newMissionCore(i: MissionStartInput): MissionCore {
  return {
    missionId: i.missionId,
    code: i.code,
    codeName: i.codeName,
    displayName: displayName(i.code, i.codeName),
    channelName: channelName(i.code, i.codeName),
    type: i.type,
    iteration: i.iteration,
    topic: i.topic,
    trigger: i.trigger,
    keywords: i.keywords,
    requester: i.requester.id,
    stakeholders: i.stakeholders,
    audience: i.audience,
    policy: i.policy,
    brand: i.brand ?? null,
    previous: i.previous ?? null,
    huntType: i.huntType ?? defaultHuntType(i.type),
    origin: i.origin ?? null,
    status: 'active',
    phase: 'collect',
    gate: null,
    closedReason: null,
    lead: null,
    squad: {},
    squadFormedAt: null,
    allocation: null,
    clocks: { total: newClock(), execution: newClock() },
    items: {},
    objectives: [],
    prioritisation: null,
    intel: null,
    external: {},
    artifacts: {},
    counters: { findings: 0, queries: 0, containments: 0, effects: 0, audit: 0 },
    findings: emptyFindingCounts(),
    containments: [],
    effects: { queue: [], deferred: 0, running: 0, done: 0, failed: 0, alerted: false },
    watchers: { started: false, stopped: false },
    sweeps: { count: 0, lastAt: null, lastNew: 0 },
    latest: null,
    runs: 1,
    version: 0,
  };
}

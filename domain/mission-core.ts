import type { HuntType, Origin } from './hunt-types';
import type { TimeAllocation } from './allocation';
import type { EffectRef } from './effects';
import { FINDING_CATEGORIES, type ExternalRef, type FindingCategory, type NewFinding } from './findings';
import type { ArtifactRef } from './mission-artifacts';
import type { MissionTypeCode, WorkItemName } from './mission-types';
import type { Phase, MissionStatus } from './phases';
import type { LookalikePolicy } from './mission';
import type { MissionPolicy } from './policy';
import type { PrioritisationResult } from './work-items';

/** Findings that came by signal during a hand-over, with who they are from. */
export interface InboxEntry {
  findings: NewFinding[];
  author: string;
}

/** The most findings (as JSON) a hand-over carries to the next run; beyond it they are stored at once. */
export const MAX_INBOX_CHARS = 400_000;

/**
 * The mission as its workflow keeps it: what the rules need (ids, counts, open items, clocks),
 * bounded whatever the mission accumulates. Findings, the timeline, query runs, sweeps, the effect
 * log and work-item payloads live in the mission store; this state is carried across
 * continue-as-new as it is.
 */
export interface MissionCore {
  missionId: string;
  code: string;
  codeName: string;
  displayName: string;
  channelName: string;
  type: MissionTypeCode;
  iteration: number;
  topic: string;
  trigger: 'intel' | 'incident' | 'schedule' | 'request';
  keywords: string[];
  requester: string;
  stakeholders: string[];
  audience: string[];
  policy: MissionPolicy;
  brand: { domains: string[]; keywords: string[]; lookalikes?: LookalikePolicy } | null;
  previous: PreviousIteration | null;
  /** Absent in the state of runs started before hunt types existed: defaultHuntType(type). */
  huntType?: HuntType;
  /** The backlog entry the mission was started from. */
  origin?: Origin | null;

  status: MissionStatus;
  phase: Phase;
  /** Set once the phase's own work is done and its gate is open; null while the phase works. */
  gate: GateState | null;
  closedReason: string | null;

  lead: string | null;
  squad: Record<string, SquadMember>;
  squadFormedAt: string | null;
  allocation: TimeAllocation | null;
  clocks: { total: Clock; execution: Clock };

  items: WorkItemsState;
  /** The tactical objectives (Plan), needed for the action plan and by the next iteration. */
  objectives: string[];
  prioritisation: PrioritisationResult | null;
  intel: IntelCounts | null;
  external: { channel?: ExternalRef; epic?: ExternalRef };
  artifacts: Partial<Record<string, ArtifactRef>>;

  /** The last number given out per kind of record: F<n>, Q<n>, C<n>, E<n>, audit seq. */
  counters: { findings: number; queries: number; containments: number; effects: number; audit: number };
  findings: FindingCounts;
  /** Containment requests waiting for a DFIR decision (few: at most MAX_PENDING_CONTAINMENTS). */
  containments: PendingContainment[];
  effects: EffectCounts;
  watchers: { started: boolean; stopped: boolean };
  sweeps: { count: number; lastAt: string | null; lastNew: number };
  latest: LatestActivity | null;
  /** How many runs this mission's workflow has had (continue-as-new starts a new one). */
  runs: number;
  /**
   * The answers to the latest Updates made with a request id (an Idempotency-Key), newest last, at
   * most MAX_REMEMBERED_ANSWERS: a retry answers the same again, also after continue-as-new (where
   * Temporal's own de-duplication by Update id ends). Absent in state from before it existed.
   */
  answers?: Array<[requestId: string, ack: UpdateAckState]>;
  /**
   * Findings that arrived by signal while the run handed over to the next one (signals cannot be
   * refused, and storing them then would keep the hand-over from ever finishing under a steady
   * stream): the next run stores them first. Bounded by MAX_INBOX_CHARS; absent when empty.
   */
  inbox?: InboxEntry[];
  /**
   * Batches of such findings past the inbox's bound, kept in the mission store (its `mission_inbox`)
   * under the numbers `first` to `next - 1`: the next run stores them first, then deletes them.
   * Absent in state from before it existed, or when the mission never needed it.
   */
  kept?: { first: number; next: number };
  /** Bumped on every change; the store keeps the summary of the highest version written. */
  version: number;
}

/** What an Update answered (domain/messages UpdateAck), kept for its retries. */
export interface UpdateAckState {
  phase: Phase;
  status: MissionStatus;
  openGate: Phase | null;
  /** The id of what the Update created (finding, query run, containment request), if any. */
  id?: string;
  /** False when the Update found what it would create already there (a finding with a known source key). */
  created?: boolean;
}
export const MAX_REMEMBERED_ANSWERS = 100;

export interface PreviousIteration {
  missionId: string;
  playbook: ArtifactRef | null;
  objectives: string[];
}

export interface SquadMember {
  status: 'invited' | 'accepted' | 'declined';
  invitedAt: string;
  respondedAt?: string;
}

export interface Clock {
  startedAt: string | null;
  stoppedAt: string | null;
  allocatedHours: number | null;
  deadline: string | null;
  warningsSent: number[];
  overrun: boolean;
}

/** A gate decision: written once for a round of the gate, never cleared. */
export interface GateVerdict {
  decision: 'approve' | 'reject';
  by: string;
  at: string;
  reason?: string;
}

export interface GateState {
  phase: Phase;
  /** 1 for the first opening of this phase's gate; a rejection opens the next round. */
  round: number;
  openedAt: string;
  remindersSent: number;
  verdict: GateVerdict | null;
}

/** A work item is recorded (`done`), or its system step was attempted and failed (`failed`): either settles it. */
export interface ItemRecord {
  status: 'done' | 'failed';
  by: string;
  at: string;
}
export type WorkItemsState = { [P in Phase]?: Partial<Record<WorkItemName, ItemRecord>> };

export interface IntelCounts {
  source: string;
  indicators: number;
  reports: number;
  observables: number;
  matched: number;
}

export interface FindingCounts {
  total: number;
  byCategory: Record<FindingCategory, number>;
  escalated: number;
  withdrawn: number;
}

export interface PendingContainment {
  id: string;
  target: { kind: 'endpoint' | 'account'; id: string };
  reason: string;
  findingId?: string;
}

export interface EffectCounts {
  /** Effects waiting to run, in order (bounded by MAX_QUEUED_EFFECTS; more wait in the store). */
  queue: EffectRef[];
  /** Effects beyond the queue's bound: pending in the store, fetched as the queue drains. */
  deferred: number;
  /**
   * Effects of findings on their way to the store (counted with the finding, so that a summary never
   * counts a finding without its effects); queued once the store says the finding is new, dropped if
   * not. Absent in state carried from before it existed.
   */
  proposed?: number;
  running: number;
  done: number;
  failed: number;
  /** An alert about failed effects went out and failures are still outstanding: no second alert. */
  alerted: boolean;
}

export interface LatestActivity {
  at: string;
  actor: string;
  action: string;
}

export const MAX_PENDING_CONTAINMENTS = 50;
export const MAX_QUEUED_EFFECTS = 500;
export const MAX_SQUAD = 100;

export const emptyFindingCounts = (): FindingCounts => ({
  total: 0,
  byCategory: Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>,
  escalated: 0,
  withdrawn: 0,
});

export const newClock = (): Clock => ({ startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false });

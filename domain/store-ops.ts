import type { EffectKind, EffectSpec, EffectState } from './effects';
import type { ExternalRef, Finding, FindingCategory } from './findings';
import type { SweepRecord } from './mission';
import type { ArtifactRef } from './mission-artifacts';
import type { InboxEntry } from './mission-core';
import type { MissionSummary } from './mission-summary';
import type { Phase } from './phases';

/**
 * The writes a mission workflow makes to the mission store, as data. The workflow's writer sends
 * them in batches to one activity, which applies a batch in one transaction; every operation is an
 * idempotent upsert keyed by mission and item id, so a retried batch changes nothing twice.
 */
export type StoreOp =
  | { op: 'audit'; seq: number; at: string; actor: string; action: string; detail?: string }
  | { op: 'work-item'; phase: Phase; item: string; status: 'done' | 'failed'; by: string; at: string; data: Record<string, unknown> }
  /**
   * Answers `{ id, created }`: a finding whose source key the mission already has is that finding.
   * `onCreated` is applied with a new finding (its audit entry, its effects), `onKnown` otherwise.
   */
  | { op: 'finding.add'; finding: Omit<Finding, 'ticket' | 'escalation' | 'tip' | 'withdrawnReason'>; seq: number; onCreated: StoreOp[]; onKnown: StoreOp[] }
  /** Answers `{ withdrawn, category, status }`: only an open or escalated finding is withdrawn. */
  | { op: 'finding.withdraw'; findingId: string; reason: string; by: string; at: string }
  | { op: 'query'; run: QueryRunRow }
  | { op: 'sweep'; sweep: SweepRecord }
  | { op: 'containment'; containment: ContainmentRow }
  | { op: 'effect.add'; id: string; seq: number; kind: EffectKind; key: string; subject?: string; spec: EffectSpec; at: string }
  | { op: 'effect.state'; id: string; state: EffectState; error?: string; errorType?: string; attempts?: number }
  /** Answers `{ effects: [{ id, kind, key, subject }] }`: effects waiting in the store beyond the workflow's queue. */
  /** Pending effects of the log, oldest first, but those the workflow holds (`exclude`: queued or running) and those up to `after`. */
  | { op: 'effect.next-pending'; after: number; limit: number; exclude?: string[] }
  /** A batch of findings that came by signal during a hand-over, kept for the next run (numbered per mission). */
  | { op: 'inbox.keep'; seq: number; entries: InboxEntry[] }
  /** Answers `{ entries }`: a kept batch (empty if it is gone). */
  | { op: 'inbox.take'; seq: number }
  /** The kept batch is stored as findings: it goes. */
  | { op: 'inbox.drop'; seq: number };

export interface QueryRunRow {
  id: string;
  seq: number;
  title: string;
  query: string;
  from: string;
  to: string;
  rowCount: number;
  columns: string[];
  sample: Array<Record<string, unknown>>;
  truncated: boolean;
  evidence: ArtifactRef;
  by: string;
  at: string;
  techniques?: string[];
  /** The Sigma rule `query` was converted from. */
  sigma?: string;
}

export interface ContainmentRow {
  id: string;
  seq: number;
  target: { kind: 'endpoint' | 'account'; id: string };
  reason: string;
  findingId?: string;
  requestedBy: string;
  at: string;
  status: 'pending-dfir' | 'approved' | 'rejected' | 'executed' | 'failed';
  dfir?: { by: string; at: string; decision: 'approve' | 'reject'; reason: string };
  action?: ExternalRef;
}

export interface FindingAdded {
  id: string;
  created: boolean;
}
export interface FindingWithdrawn {
  withdrawn: boolean;
  category?: FindingCategory;
  status?: string;
}

export interface StoreBatch {
  missionId: string;
  ops: StoreOp[];
  /** The summary after every change of this batch (absent when it did not change). */
  summary?: { version: number; summary: MissionSummary };
}

/** Results by position in `ops`, for the operations that answer (null for the others). */
export interface StoreBatchResult {
  results: unknown[];
}

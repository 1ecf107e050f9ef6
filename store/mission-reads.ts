import type { EffectSpec, EffectState } from '../domain/effects';
import type { Finding } from '../domain/findings';
import type { AuditEntry, Containment, MissionRecord, QueryRun, SweepRecord, WorkItemRecord } from '../domain/mission';
import { METRIC_ACTIONS, type MetricsInput } from '../domain/metrics';
import { startMissionRequestSchema } from '../domain/mission';
import type { PreviousIteration } from '../domain/mission-core';
import { newMissionCore } from '../domain/mission-start';
import { summarise, type MissionSummary } from '../domain/mission-summary';
import type { Db } from './db';

const UNSET_CLOCK = { startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false };

/** Oldest first (the default), or newest first. */
export type Order = 'asc' | 'desc';

/** A page of rows and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor that is not one this store gave out. */
export class BadCursorError extends Error {
  readonly code = 'BAD_CURSOR';
}

/**
 * Cursors are positions: the key of the last row seen, written so that every string their pattern
 * (CURSOR_PATTERNS, which the API documents) allows is a position to page on from, never a
 * refusal. A number for listings by sequence; `<microseconds>.<seq>.<mission id>` across missions.
 */
export const CURSOR_PATTERNS = {
  /** A row's number in its mission (int4). */
  seq: /^(0|[1-9][0-9]{0,8})$/,
  /** A mission's place in the list (int8, within JavaScript's exact integers). */
  listSeq: /^(0|[1-9][0-9]{0,14})$/,
  /** A finding's time (µs since the epoch, from 1970 on), its number and its mission. */
  findingSearch: /^(0|[1-9][0-9]{0,15})\.(0|[1-9][0-9]{0,8})\.[A-Za-z0-9_-]{1,100}$/,
} as const;

const numberCursor = (pattern: RegExp, cursor: string | undefined): number | undefined => {
  if (cursor === undefined) return undefined;
  if (!pattern.test(cursor)) throw new BadCursorError('not a cursor: pass the nextCursor of a previous page');
  return Number(cursor);
};
const numberKey = (cursor: string | undefined): number => numberCursor(CURSOR_PATTERNS.seq, cursor) ?? 0;

const mapPage = <T, U>(p: Page<T>, fn: (t: T) => U): Page<U> => ({ items: p.items.map(fn), nextCursor: p.nextCursor });

function page<T>(rows: T[], limit: number, key: (last: T) => string | number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(key(items.at(-1)!)) : null };
}

interface FindingRow {
  mission_id: string;
  finding_id: string;
  seq: number;
  category: Finding['category'];
  severity: Finding['severity'];
  status: Finding['status'];
  title: string;
  description: string;
  evidence: Finding['evidence'];
  observables: Finding['observables'];
  flags: Finding['flags'];
  source_key: string | null;
  author: string;
  at: string;
  withdrawn_reason: string | null;
  ticket: Finding['ticket'] | null;
  escalation: Finding['escalation'] | null;
  tip: Finding['tip'] | null;
}

export type StoredFinding = Finding & { missionId: string };

function finding(r: FindingRow): StoredFinding {
  return {
    missionId: r.mission_id,
    id: r.finding_id,
    category: r.category,
    severity: r.severity,
    status: r.status,
    title: r.title,
    description: r.description,
    evidence: r.evidence,
    observables: r.observables,
    flags: r.flags,
    ...(r.source_key ? { sourceKey: r.source_key } : {}),
    author: r.author,
    at: r.at,
    ...(r.withdrawn_reason ? { withdrawnReason: r.withdrawn_reason } : {}),
    ...(r.ticket ? { ticket: r.ticket } : {}),
    ...(r.escalation ? { escalation: r.escalation } : {}),
    ...(r.tip ? { tip: r.tip } : {}),
  };
}

export interface FindingFilter {
  category?: string;
  status?: string;
  severity?: string;
  /** An observable value (any type unless `observableType`), compared without case. */
  observable?: string;
  observableType?: string;
  since?: string;
  until?: string;
}

function findingWhere(f: FindingFilter, params: unknown[], alias = 'f'): string[] {
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.category) where.push(`${alias}.category = ${p(f.category)}`);
  if (f.status) where.push(`${alias}.status = ${p(f.status)}`);
  if (f.severity) where.push(`${alias}.severity = ${p(f.severity)}`);
  if (f.since) where.push(`${alias}.at >= ${p(f.since)}`);
  if (f.until) where.push(`${alias}.at < ${p(f.until)}`);
  if (f.observable) {
    const type = f.observableType ? ` and o.type = ${p(f.observableType)}` : '';
    where.push(
      `exists (select 1 from finding_observables o where o.mission_id = ${alias}.mission_id and o.finding_id = ${alias}.finding_id and lower(o.value) = lower(${p(f.observable)})${type})`,
    );
  }
  return where;
}

interface QueryRow {
  query_id: string; seq: number; title: string; query: string; from_ts: string; to_ts: string; row_count: number; columns: string[];
  sample: Array<Record<string, unknown>>; truncated: boolean; evidence: QueryRun['evidence']; by_actor: string; at: string;
}

const queryRun = (r: QueryRow): QueryRun => ({
  id: r.query_id, title: r.title, query: r.query, from: r.from_ts, to: r.to_ts, rowCount: r.row_count, columns: r.columns,
  sample: r.sample, truncated: r.truncated, evidence: r.evidence, by: r.by_actor, at: r.at,
});

interface SweepRow {
  sweep: number; at: string; candidates: number; registered: number; unresolved: number; wildcard: number; new_domains: string[]; finding_count: number;
}

const sweepRecord = (r: SweepRow): SweepRecord => ({
  sweep: r.sweep, at: r.at, candidates: r.candidates, registered: r.registered, unresolved: r.unresolved, wildcard: r.wildcard, newDomains: r.new_domains, findingCount: r.finding_count,
});

export interface EffectEntry {
  id: string;
  kind: string;
  key: string;
  subject: string | null;
  state: EffectState;
  attempts: number;
  error: string | null;
  errorType: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface MissionListFilter {
  phase?: string;
  status?: string;
  type?: string;
  code?: string;
  lead?: string;
  codeName?: string;
  overrun?: boolean;
  limit: number;
  cursor?: string;
}

export interface MissionListEntry {
  missionId: string;
  code: string;
  iteration: number;
  type: string;
  codeName: string;
  displayName: string;
  status: string;
  phase: string;
  lead: string | null;
  openGate: string | null;
  gateOpenedAt: string | null;
  overrun: boolean;
  deadline: string | null;
  failedEffects: number;
  findings: number;
  escalated: number;
  clocks: MissionSummary['clocks'];
  clockWarnings: number[];
  createdAt: string;
  updatedAt: string;
}

/** Paged, filtered reads of the mission store, for the API and the outcome activities. */
/** A brand of the active missions and the missions (ids, which are their workflow ids) that protect it. */
export interface ActiveBrand {
  id: string;
  domains: string[];
  keywords: string[];
  missionIds: string[];
}

export class MissionReads {
  constructor(private readonly db: Db) {}

  /**
   * The brands the active missions protect (EAVD missions started with a `brand`), for the lookalike
   * watchers (newly-registered-domain feeds, certificate transparency, the reverse check): missions
   * with the same brand domains share one entry, their lure keywords merged. Ordered by the oldest
   * mission; the id is the brand's domains, sorted and comma-joined.
   */
  async activeBrands(): Promise<ActiveBrand[]> {
    const r = await this.db.query<{ mission_id: string; brand: { domains?: string[]; keywords?: string[] } }>(
      `select mission_id, start_request->'brand' as brand from missions
       where status = 'active' and jsonb_typeof(start_request->'brand') = 'object' order by list_seq`,
    );
    const byId = new Map<string, ActiveBrand>();
    for (const row of r.rows) {
      const domains = [...new Set(row.brand.domains ?? [])].sort();
      if (domains.length === 0) continue;
      const id = domains.join(',');
      const entry = byId.get(id) ?? { id, domains, keywords: [], missionIds: [] };
      for (const k of row.brand.keywords ?? []) if (!entry.keywords.includes(k)) entry.keywords.push(k);
      entry.missionIds.push(row.mission_id);
      byId.set(id, entry);
    }
    return [...byId.values()];
  }

  async summary(missionId: string): Promise<{ summary: MissionSummary; version: number; updatedAt: string } | undefined> {
    const r = await this.db.query<{
      summary: MissionSummary | null; summary_version: number; updated_at: string; code: string; iteration: number; start_request: unknown; requester: string; previous: PreviousIteration | null;
    }>(
      `select summary, summary_version, updated_at, code, iteration, start_request, requester, previous from missions where mission_id = $1`,
      [missionId],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    // Reserved a moment ago, its workflow not yet run: the summary it starts from.
    const summary =
      row.summary ??
      summarise(
        newMissionCore({
          ...startMissionRequestSchema.parse(row.start_request),
          missionId, code: row.code, iteration: row.iteration, requester: { id: row.requester, role: 'platform' }, ...(row.previous ? { previous: row.previous } : {}),
        }),
      );
    return { summary, version: row.summary_version, updatedAt: row.updated_at };
  }

  /** The newest list change and the number of missions: a listing differs from an earlier one only if this does. */
  async listVersion(): Promise<string> {
    const r = await this.db.query<{ v: string }>(`select coalesce(max(updated_at)::text, '') || '|' || count(*)::text as v from missions`);
    return r.rows[0]!.v;
  }

  async missions(f: MissionListFilter): Promise<Page<MissionListEntry>> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (f.phase) where.push(`phase = ${p(f.phase)}`);
    if (f.status) where.push(`status = ${p(f.status)}`);
    if (f.type) where.push(`type = ${p(f.type)}`);
    if (f.code) where.push(`code = ${p(f.code)}`);
    if (f.lead) where.push(`lead = ${p(f.lead)}`);
    if (f.codeName) where.push(`lower(code_name) like ${p(f.codeName.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`) + '%')}`);
    if (f.overrun !== undefined) where.push(`overrun = ${p(f.overrun)}`);
    const after = numberCursor(CURSOR_PATTERNS.listSeq, f.cursor);
    if (after !== undefined) where.push(`list_seq < ${p(after)}`);
    const rows = await this.db.query<{
      list_seq: number; mission_id: string; code: string; iteration: number; type: string; code_name: string; status: string; phase: string; lead: string | null;
      open_gate: string | null; gate_opened_at: string | null; overrun: boolean; deadline: string | null; failed_effects: number; created_at: string; updated_at: string;
      clocks: MissionSummary['clocks'] | null; clock_warnings: number[] | null; escalated: number | null; findings: number | null;
    }>(
      `select list_seq, mission_id, code, iteration, type, code_name, status, phase, lead, open_gate, gate_opened_at, overrun, deadline, failed_effects, created_at, updated_at,
              summary->'clocks' as clocks, summary->'policy'->'clockWarnings' as clock_warnings,
              (summary->'counts'->'findings'->>'escalated')::int as escalated, (summary->'counts'->'findings'->>'total')::int as findings
       from missions ${where.length ? `where ${where.join(' and ')}` : ''} order by list_seq desc limit ${p(f.limit + 1)}`,
      params,
    );
    const listed = page(rows.rows, f.limit, (last) => last.list_seq);
    const entries = listed.items.map((r) => ({
      missionId: r.mission_id,
      code: r.code,
      iteration: r.iteration,
      type: r.type,
      codeName: r.code_name,
      displayName: `${r.code} - ${r.code_name}`,
      status: r.status,
      phase: r.phase,
      lead: r.lead,
      openGate: r.open_gate,
      gateOpenedAt: r.gate_opened_at,
      overrun: r.overrun,
      deadline: r.deadline,
      failedEffects: r.failed_effects,
      findings: r.findings ?? 0,
      escalated: r.escalated ?? 0,
      // A mission whose first summary is not written yet has its clocks unset.
      clocks: r.clocks ?? { total: UNSET_CLOCK, execution: UNSET_CLOCK },
      clockWarnings: r.clock_warnings ?? [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
    return { items: entries, nextCursor: listed.nextCursor };
  }

  /** Active missions per phase, overruns, open gates and the oldest wait, failed effects: for ops gauges. */
  async missionGauges(now = new Date()): Promise<{ perPhase: Record<string, number>; overrun: number; gates: Record<string, { open: number; oldestSeconds: number }>; failedEffects: number }> {
    const r = await this.db.query<{ phase: string; n: number; overrun: number; gates: number; oldest: string | null; failed: number }>(
      `select phase, count(*)::int as n, count(*) filter (where overrun)::int as overrun, count(open_gate)::int as gates,
              min(gate_opened_at) as oldest, coalesce(sum(failed_effects), 0)::int as failed
       from missions where status = 'active' group by phase`,
    );
    const perPhase: Record<string, number> = {};
    const gates: Record<string, { open: number; oldestSeconds: number }> = {};
    let overrun = 0;
    let failedEffects = 0;
    for (const row of r.rows) {
      perPhase[row.phase] = row.n;
      overrun += row.overrun;
      failedEffects += row.failed;
      gates[row.phase] = { open: row.gates, oldestSeconds: row.oldest ? Math.max(0, (now.getTime() - Date.parse(row.oldest)) / 1000) : 0 };
    }
    return { perPhase, overrun, gates, failedEffects };
  }

  async findings(missionId: string, f: FindingFilter & { limit: number; cursor?: string; order?: Order }): Promise<Page<StoredFinding>> {
    const params: unknown[] = [missionId];
    const where = ['f.mission_id = $1', ...findingWhere(f, params)];
    const desc = f.order === 'desc';
    const after = numberCursor(CURSOR_PATTERNS.seq, f.cursor);
    if (after !== undefined) {
      params.push(after);
      where.push(`f.seq ${desc ? '<' : '>'} $${params.length}`);
    }
    params.push(f.limit + 1);
    const rows = await this.db.query<FindingRow>(`select f.* from findings f where ${where.join(' and ')} order by f.seq ${desc ? 'desc' : ''} limit $${params.length}`, params);
    return mapPage(page(rows.rows, f.limit, (last) => last.seq), finding);
  }

  async finding(missionId: string, findingId: string): Promise<StoredFinding | undefined> {
    const r = await this.db.query<FindingRow>(`select * from findings where mission_id = $1 and finding_id = $2`, [missionId, findingId]);
    return r.rows[0] && finding(r.rows[0]);
  }

  /** Findings across missions, newest first: by observable, category, status, severity and time. */
  async searchFindings(f: FindingFilter & { limit: number; cursor?: string }): Promise<Page<StoredFinding>> {
    const params: unknown[] = [];
    const where = findingWhere(f, params);
    if (f.cursor !== undefined) {
      if (!CURSOR_PATTERNS.findingSearch.test(f.cursor)) throw new BadCursorError('not a cursor: pass the nextCursor of a previous page');
      const [micros, seq, ...mission] = f.cursor.split('.');
      params.push(micros, mission.join('.'), Number(seq));
      where.push(`(f.at, f.mission_id, f.seq) < (timestamptz 'epoch' + $${params.length - 2}::bigint * interval '1 microsecond', $${params.length - 1}, $${params.length})`);
    }
    params.push(f.limit + 1);
    const rows = await this.db.query<FindingRow & { at_us: string }>(
      `select f.*, (extract(epoch from f.at) * 1000000)::bigint::text as at_us from findings f ${where.length ? `where ${where.join(' and ')}` : ''}
       order by f.at desc, f.mission_id desc, f.seq desc limit $${params.length}`,
      params,
    );
    return mapPage(page(rows.rows, f.limit, (last) => `${last.at_us}.${last.seq}.${last.mission_id}`), finding);
  }

  async timeline(missionId: string, o: { limit: number; cursor?: string; afterSeq?: number; order?: Order }): Promise<Page<AuditEntry & { seq: number }>> {
    const desc = o.order === 'desc';
    const key = o.afterSeq ?? (o.cursor ? numberKey(o.cursor) : desc ? Number.MAX_SAFE_INTEGER : 0);
    const rows = await this.db.query<{ seq: number; at: string; actor: string; action: string; detail: string | null }>(
      `select seq, at, actor, action, detail from audit_entries where mission_id = $1 and seq ${desc ? '<' : '>'} $2 order by seq ${desc ? 'desc' : ''} limit $3`,
      [missionId, key, o.limit + 1],
    );
    const entries = rows.rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, ...(r.detail !== null ? { detail: r.detail } : {}) }));
    return page(entries, o.limit, (last) => last.seq);
  }

  async queries(missionId: string, o: { limit: number; cursor?: string }): Promise<Page<QueryRun>> {
    const rows = await this.db.query<QueryRow>(`select * from query_runs where mission_id = $1 and seq > $2 order by seq limit $3`, [missionId, numberKey(o.cursor), o.limit + 1]);
    return mapPage(page(rows.rows, o.limit, (last) => last.seq), queryRun);
  }

  async query(missionId: string, queryId: string): Promise<QueryRun | undefined> {
    const r = await this.db.query<QueryRow>(`select * from query_runs where mission_id = $1 and query_id = $2`, [missionId, queryId]);
    return r.rows[0] && queryRun(r.rows[0]);
  }

  async sweeps(missionId: string, o: { limit: number; cursor?: string }): Promise<Page<SweepRecord>> {
    const rows = await this.db.query<SweepRow>(`select * from sweeps where mission_id = $1 and sweep > $2 order by sweep limit $3`, [missionId, numberKey(o.cursor), o.limit + 1]);
    return page(rows.rows.map(sweepRecord), o.limit, (last) => last.sweep);
  }

  async effects(missionId: string, o: { limit: number; cursor?: string; state?: EffectState }): Promise<Page<EffectEntry>> {
    const params: unknown[] = [missionId, numberKey(o.cursor)];
    const state = o.state ? ` and state = $${params.push(o.state)}` : '';
    params.push(o.limit + 1);
    const rows = await this.db.query<{
      effect_id: string; seq: number; kind: string; key: string; subject: string | null; state: EffectState; attempts: number; error: string | null;
      error_type: string | null; result: unknown; created_at: string; updated_at: string;
    }>(`select * from effects where mission_id = $1 and seq > $2${state} order by seq limit $${params.length}`, params);
    const entries = rows.rows.map((r) => ({
      seq: r.seq,
      entry: { id: r.effect_id, kind: r.kind, key: r.key, subject: r.subject, state: r.state, attempts: r.attempts, error: r.error, errorType: r.error_type, result: r.result, createdAt: r.created_at, updatedAt: r.updated_at },
    }));
    return mapPage(page(entries, o.limit, (last) => last.seq), (x) => x.entry);
  }

  async effect(missionId: string, effectId: string): Promise<(EffectEntry & { spec: EffectSpec }) | undefined> {
    const r = await this.db.query<{
      effect_id: string; kind: string; key: string; subject: string | null; state: EffectState; attempts: number; error: string | null;
      error_type: string | null; result: unknown; created_at: string; updated_at: string; spec: EffectSpec;
    }>(`select * from effects where mission_id = $1 and effect_id = $2`, [missionId, effectId]);
    const x = r.rows[0];
    return x && { id: x.effect_id, kind: x.kind, key: x.key, subject: x.subject, state: x.state, attempts: x.attempts, error: x.error, errorType: x.error_type, result: x.result, createdAt: x.created_at, updatedAt: x.updated_at, spec: x.spec };
  }

  /** What a mission's metrics are computed from, read without loading its findings. */
  async metricsInput(missionId: string): Promise<MetricsInput | undefined> {
    const s = await this.summary(missionId);
    if (!s) return undefined;
    const [audit, last, escalations] = await Promise.all([
      this.db.query<{ at: string; actor: string; action: string; detail: string | null }>(
        `select at, actor, action, detail from audit_entries where mission_id = $1 and action = any($2) order by seq`,
        [missionId, METRIC_ACTIONS],
      ),
      this.db.query<{ at: string | null }>(`select max(at) as at from audit_entries where mission_id = $1`, [missionId]),
      this.db.query<{ h: number }>(
        `select extract(epoch from ((escalation->>'at')::timestamptz - at)) / 3600.0 as h from findings where mission_id = $1 and escalation is not null order by seq`,
        [missionId],
      ),
    ]);
    const sm = s.summary;
    return {
      iteration: sm.iteration,
      status: sm.status,
      lead: sm.lead,
      squad: sm.squad,
      clocks: sm.clocks,
      timeline: audit.rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, ...(r.detail !== null ? { detail: r.detail } : {}) })),
      lastActivityAt: last.rows[0]?.at ?? null,
      findingsPerCategory: sm.counts.findings.byCategory,
      escalationHours: escalations.rows.map((r) => Math.round(Number(r.h) * 1000) / 1000),
      queriesRun: sm.counts.queries,
    };
  }

  /**
   * The whole mission as the outcome documents need it: the summary with every finding, query run,
   * containment, work-item payload and audit entry. Read by the outcome activities only.
   */
  async record(missionId: string): Promise<MissionRecord | undefined> {
    const s = await this.summary(missionId);
    if (!s) return undefined;
    const [findings, queries, containments, items, audit, sweeps, intel] = await Promise.all([
      this.db.query<FindingRow>(`select * from findings where mission_id = $1 order by seq`, [missionId]),
      this.db.query<QueryRow>(`select * from query_runs where mission_id = $1 order by seq`, [missionId]),
      this.db.query(`select * from containments where mission_id = $1 order by seq`, [missionId]),
      this.db.query<{ phase: string; item: string; status: 'done' | 'failed'; by_actor: string; at: string; data: Record<string, unknown> }>(
        `select phase, item, status, by_actor, at, data from work_items where mission_id = $1`,
        [missionId],
      ),
      this.db.query<{ at: string; actor: string; action: string; detail: string | null }>(`select at, actor, action, detail from audit_entries where mission_id = $1 order by seq`, [missionId]),
      this.db.query<SweepRow>(`select * from sweeps where mission_id = $1 order by sweep`, [missionId]),
      this.db.query<{ data: Record<string, unknown> }>(`select data from work_items where mission_id = $1 and phase = 'collect' and item = 'intel'`, [missionId]),
    ]);
    const workItems: Record<string, Record<string, WorkItemRecord>> = {};
    for (const r of items.rows) (workItems[r.phase] ??= {})[r.item] = { status: r.status, by: r.by_actor, at: r.at, data: r.data };
    const sm = s.summary;
    const intelData = intel.rows[0]?.data as MissionRecord['intel'] | undefined;
    return {
      missionId: sm.missionId,
      code: sm.code,
      codeName: sm.codeName,
      displayName: sm.displayName,
      channelName: sm.channelName,
      type: sm.type,
      iteration: sm.iteration,
      topic: sm.topic,
      trigger: sm.trigger,
      keywords: sm.keywords,
      requester: sm.requester,
      stakeholders: sm.stakeholders,
      audience: sm.audience,
      policy: sm.policy,
      status: sm.status,
      phase: sm.phase,
      openGate: sm.openGate,
      lead: sm.lead,
      squad: sm.squad,
      squadFormedAt: sm.squadFormedAt,
      allocation: sm.allocation,
      clocks: sm.clocks,
      workItems,
      intel: intelData && Array.isArray(intelData.matched) ? intelData : null,
      findings: findings.rows.map(finding).map(({ missionId: _, ...f }) => f),
      queries: queries.rows.map(queryRun),
      containments: containments.rows.map((r: Record<string, unknown>) => ({
        id: r.containment_id as string, target: r.target as Containment['target'], reason: r.reason as string,
        ...(r.finding_id ? { findingId: r.finding_id as string } : {}), requestedBy: r.requested_by as string, at: r.at as string,
        status: r.status as Containment['status'], ...(r.dfir ? { dfir: r.dfir as Containment['dfir'] } : {}), ...(r.action ? { action: r.action as Containment['action'] } : {}),
      })),
      brand: sm.brand,
      sweeps: sweeps.rows.map(sweepRecord),
      external: sm.external as MissionRecord['external'],
      artifacts: sm.artifacts,
      previous: sm.previous,
      closedReason: sm.closedReason,
      timeline: audit.rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, ...(r.detail !== null ? { detail: r.detail } : {}) })),
    };
  }
}


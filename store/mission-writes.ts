import type { PoolClient } from 'pg';
import type { EffectRef } from '../domain/effects';
import type { InboxEntry } from '../domain/mission-core';
import type { MissionSummary } from '../domain/mission-summary';
import type { FindingAdded, FindingWithdrawn, StoreBatch, StoreBatchResult, StoreOp } from '../domain/store-ops';
import { inTransaction, type Db } from './db';

const json = (v: unknown) => JSON.stringify(v ?? null);

/**
 * Applies one batch of a mission's writes in one transaction. Every operation is idempotent (keyed by
 * mission and item id), so a batch retried after a lost answer changes nothing twice and answers the
 * same; the summary is written only if it is newer than the one stored.
 */
export async function applyBatch(db: Db, batch: StoreBatch): Promise<StoreBatchResult> {
  return inTransaction(db, async (c) => {
    const results: unknown[] = [];
    for (const op of batch.ops) results.push(await apply(c, batch.missionId, op));
    if (batch.summary) await saveSummary(c, batch.missionId, batch.summary.version, batch.summary.summary);
    return { results };
  });
}

async function apply(c: PoolClient, m: string, op: StoreOp): Promise<unknown> {
  switch (op.op) {
    case 'audit':
      await c.query(
        `insert into audit_entries (mission_id, seq, at, actor, action, detail) values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
        [m, op.seq, op.at, op.actor, op.action, op.detail ?? null],
      );
      return null;
    case 'work-item':
      await c.query(
        `insert into work_items (mission_id, phase, item, status, by_actor, at, data) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (mission_id, phase, item) do update set status = excluded.status, by_actor = excluded.by_actor, at = excluded.at, data = excluded.data`,
        [m, op.phase, op.item, op.status, op.by, op.at, json(op.data)],
      );
      return null;
    case 'finding.add': {
      const added = await addFinding(c, m, op);
      for (const then of added.created ? op.onCreated : op.onKnown) await apply(c, m, then);
      return added;
    }
    case 'finding.withdraw':
      return withdrawFinding(c, m, op);
    case 'query': {
      const r = op.run;
      await c.query(
        `insert into query_runs (mission_id, query_id, seq, title, query, from_ts, to_ts, row_count, columns, sample, truncated, evidence, by_actor, at, techniques, sigma)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) on conflict (mission_id, query_id) do nothing`,
        [m, r.id, r.seq, r.title, r.query, r.from, r.to, r.rowCount, json(r.columns), json(r.sample), r.truncated, json(r.evidence), r.by, r.at, r.techniques ?? [], r.sigma ?? null],
      );
      return null;
    }
    case 'sweep': {
      const s = op.sweep;
      await c.query(
        `insert into sweeps (mission_id, sweep, at, candidates, registered, unresolved, wildcard, new_domains, finding_count)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (mission_id, sweep) do nothing`,
        [m, s.sweep, s.at, s.candidates, s.registered, s.unresolved, s.wildcard, json(s.newDomains), s.findingCount],
      );
      return null;
    }
    case 'containment': {
      const x = op.containment;
      await c.query(
        `insert into containments (mission_id, containment_id, seq, target, reason, finding_id, requested_by, at, status, dfir, action)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (mission_id, containment_id) do update set status = excluded.status, dfir = excluded.dfir, action = coalesce(excluded.action, containments.action)`,
        [m, x.id, x.seq, json(x.target), x.reason, x.findingId ?? null, x.requestedBy, x.at, x.status, x.dfir ? json(x.dfir) : null, x.action ? json(x.action) : null],
      );
      return null;
    }
    case 'effect.add':
      await c.query(
        `insert into effects (mission_id, effect_id, seq, kind, key, subject, spec, state, created_at) values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
         on conflict do nothing`,
        [m, op.id, op.seq, op.kind, op.key, op.subject ?? null, json(op.spec), op.at],
      );
      return null;
    case 'effect.state':
      await c.query(
        `update effects set state = $3, error = coalesce($4, case when $3 in ('done', 'pending') then null else error end),
           error_type = coalesce($5, case when $3 in ('done', 'pending') then null else error_type end),
           attempts = coalesce($6, attempts), updated_at = now()
         where mission_id = $1 and effect_id = $2`,
        [m, op.id, op.state, op.error ?? null, op.errorType ?? null, op.attempts ?? null],
      );
      return null;
    case 'effect.next-pending': {
      const rows = await c.query<{ effect_id: string; kind: EffectRef['kind']; key: string; subject: string | null }>(
        `select effect_id, kind, key, subject from effects
         where mission_id = $1 and state = 'pending' and seq > $2 and not (effect_id = any($4::text[])) order by seq limit $3`,
        [m, op.after, op.limit, op.exclude ?? []],
      );
      return { effects: rows.rows.map((r): EffectRef => ({ id: r.effect_id, kind: r.kind, key: r.key, ...(r.subject ? { subject: r.subject } : {}) })) };
    }
    case 'inbox.keep':
      await c.query(`insert into mission_inbox (mission_id, seq, entries) values ($1, $2, $3) on conflict do nothing`, [m, op.seq, json(op.entries)]);
      return null;
    case 'inbox.take': {
      const rows = await c.query<{ entries: InboxEntry[] }>(`select entries from mission_inbox where mission_id = $1 and seq = $2`, [m, op.seq]);
      return { entries: rows.rows[0]?.entries ?? [] };
    }
    case 'inbox.drop':
      await c.query(`delete from mission_inbox where mission_id = $1 and seq = $2`, [m, op.seq]);
      return null;
  }
}

async function addFinding(c: PoolClient, m: string, op: Extract<StoreOp, { op: 'finding.add' }>): Promise<FindingAdded> {
  const f = op.finding;
  const inserted = await c.query(
    `insert into findings (mission_id, finding_id, seq, category, severity, status, title, description, evidence, observables, flags, source_key, author, at, techniques, proposed_rule)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) on conflict do nothing returning finding_id`,
    [m, f.id, op.seq, f.category, f.severity, f.status, f.title, f.description, json(f.evidence), json(f.observables), json(f.flags), f.sourceKey ?? null, f.author, f.at, f.techniques ?? [], f.proposedRule ?? null],
  );
  if (inserted.rowCount === 1) {
    for (const o of dedupe(f.observables)) {
      await c.query(`insert into finding_observables (mission_id, finding_id, type, value) values ($1, $2, $3, $4) on conflict do nothing`, [m, f.id, o.type, o.value]);
    }
    return { id: f.id, created: true };
  }
  // Either this very operation ran before (a retried batch), or the source key belongs to an earlier finding.
  const same = await c.query<{ finding_id: string }>(`select finding_id from findings where mission_id = $1 and finding_id = $2`, [m, f.id]);
  if (same.rowCount === 1) {
    const bySource = f.sourceKey
      ? await c.query<{ finding_id: string }>(`select finding_id from findings where mission_id = $1 and source_key = $2`, [m, f.sourceKey])
      : undefined;
    return bySource?.rows[0] && bySource.rows[0].finding_id !== f.id ? { id: bySource.rows[0].finding_id, created: false } : { id: f.id, created: true };
  }
  const existing = await c.query<{ finding_id: string }>(`select finding_id from findings where mission_id = $1 and source_key = $2`, [m, f.sourceKey]);
  if (!existing.rows[0]) throw new Error(`finding ${f.id} of ${m} was neither inserted nor found`);
  return { id: existing.rows[0].finding_id, created: false };
}

function dedupe(observables: Array<{ type: string; value: string }>): Array<{ type: string; value: string }> {
  const seen = new Set<string>();
  return observables.filter((o) => {
    const k = `${o.type}\u0000${o.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function withdrawFinding(c: PoolClient, m: string, op: Extract<StoreOp, { op: 'finding.withdraw' }>): Promise<FindingWithdrawn> {
  const row = await c.query<{ category: FindingWithdrawn['category']; status: string; withdrawn_reason: string | null }>(
    `select category, status, withdrawn_reason from findings where mission_id = $1 and finding_id = $2 for update`,
    [m, op.findingId],
  );
  const f = row.rows[0];
  if (!f) return { withdrawn: false };
  // A retried batch finds its own withdrawal done: the same answer as the first time.
  if (f.status === 'withdrawn') return { withdrawn: f.withdrawn_reason === op.reason, category: f.category!, status: 'withdrawn' };
  await c.query(`update findings set status = 'withdrawn', withdrawn_reason = $3, updated_at = now() where mission_id = $1 and finding_id = $2`, [m, op.findingId, op.reason]);
  return { withdrawn: true, category: f.category!, status: f.status };
}

async function saveSummary(c: PoolClient, m: string, version: number, s: MissionSummary): Promise<void> {
  const deadline = s.clocks.total.deadline;
  await c.query(
    `update missions set summary = $2, summary_version = $3, status = $4, phase = $5, lead = $6, open_gate = $7, gate_opened_at = $8,
       overrun = $9, deadline = $10, failed_effects = $11, updated_at = now()
     where mission_id = $1 and summary_version < $3`,
    [m, json(s), version, s.status, s.phase, s.lead, s.openGate, s.openGate && s.gate ? s.gate.openedAt : null, s.clocks.total.overrun, deadline, s.counts.effects.failed],
  );
}

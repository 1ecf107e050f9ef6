import type { EffectRef, EffectResult, EffectSpec, EffectState } from '../domain/effects';
import type { ExternalRef } from '../domain/findings';
import { inTransaction, type Db } from './db';

export interface EffectRow {
  id: string;
  seq: number;
  kind: EffectRef['kind'];
  key: string;
  subject: string | null;
  spec: EffectSpec;
  state: EffectState;
  attempts: number;
  result: EffectResult | null;
}

/** What an effect's run made for its finding or containment, written with the effect's own result. */
export interface FindingRefs {
  findingId?: string;
  ticket?: ExternalRef;
  escalation?: { at: string; ticket: ExternalRef; notification: string; channel?: string };
  tip?: ExternalRef;
  containment?: { id: string; action: ExternalRef };
}

/** The effect log as the activities that run effects use it. */
export class EffectLog {
  constructor(private readonly db: Db) {}

  async get(missionId: string, effectId: string): Promise<EffectRow | undefined> {
    const r = await this.db.query<{
      effect_id: string; seq: number; kind: EffectRef['kind']; key: string; subject: string | null; spec: EffectSpec; state: EffectState; attempts: number; result: EffectResult | null;
    }>(`select effect_id, seq, kind, key, subject, spec, state, attempts, result from effects where mission_id = $1 and effect_id = $2`, [missionId, effectId]);
    const x = r.rows[0];
    return x && { id: x.effect_id, seq: x.seq, kind: x.kind, key: x.key, subject: x.subject, spec: x.spec, state: x.state, attempts: x.attempts, result: x.result };
  }

  /** An attempt starts: the effect is running and its attempts counted. */
  async started(missionId: string, effectId: string): Promise<number> {
    const r = await this.db.query<{ attempts: number }>(
      `update effects set state = 'running', attempts = attempts + 1, updated_at = now() where mission_id = $1 and effect_id = $2 returning attempts`,
      [missionId, effectId],
    );
    return r.rows[0]?.attempts ?? 0;
  }

  /** The attempt failed: its error is kept (the workflow decides whether another attempt follows). */
  async attemptFailed(missionId: string, effectId: string, error: { type: string; message: string }): Promise<void> {
    await this.db.query(`update effects set error = $3, error_type = $4, updated_at = now() where mission_id = $1 and effect_id = $2`, [
      missionId,
      effectId,
      error.message.slice(0, 2000),
      error.type,
    ]);
  }

  /** Done: the result, and what it made for its finding, in one transaction. */
  async done(missionId: string, effectId: string, result: EffectResult, refs?: FindingRefs): Promise<void> {
    await inTransaction(this.db, async (c) => {
      await c.query(`update effects set state = 'done', result = $3, error = null, error_type = null, updated_at = now() where mission_id = $1 and effect_id = $2`, [
        missionId,
        effectId,
        JSON.stringify(result),
      ]);
      if (!refs) return;
      if (refs.containment) {
        await c.query(`update containments set status = 'executed', action = $3 where mission_id = $1 and containment_id = $2`, [missionId, refs.containment.id, JSON.stringify(refs.containment.action)]);
      }
      if (refs.ticket) await c.query(`update findings set ticket = $3, updated_at = now() where mission_id = $1 and finding_id = $2`, [missionId, refs.findingId, JSON.stringify(refs.ticket)]);
      if (refs.tip) await c.query(`update findings set tip = $3, updated_at = now() where mission_id = $1 and finding_id = $2`, [missionId, refs.findingId, JSON.stringify(refs.tip)]);
      if (refs.escalation) {
        await c.query(
          `update findings set escalation = $3, status = case when status = 'open' then 'escalated' else status end, updated_at = now() where mission_id = $1 and finding_id = $2`,
          [missionId, refs.findingId, JSON.stringify(refs.escalation)],
        );
      }
    });
  }

  /**
   * Takes failed effects for a retry: each becomes pending again, once, whoever asks at the same
   * time. Without ids, every failed effect of the mission.
   */
  async claimFailed(missionId: string, ids?: string[]): Promise<EffectRef[]> {
    const r = await this.db.query<{ effect_id: string; kind: EffectRef['kind']; key: string; subject: string | null }>(
      `update effects set state = 'pending', attempts = 0, updated_at = now()
       where mission_id = $1 and state = 'failed' ${ids ? 'and effect_id = any($2)' : ''}
       returning effect_id, kind, key, subject, seq`,
      ids ? [missionId, ids] : [missionId],
    );
    return r.rows.map((x) => ({ id: x.effect_id, kind: x.kind, key: x.key, ...(x.subject ? { subject: x.subject } : {}) }));
  }

  /** The result of a mission's effect by its key (the channel an invitation goes to), if it is done. */
  async resultOf(missionId: string, key: string): Promise<EffectResult | undefined> {
    const r = await this.db.query<{ result: EffectResult | null }>(`select result from effects where mission_id = $1 and key = $2 and state = 'done'`, [missionId, key]);
    return r.rows[0]?.result ?? undefined;
  }

  /** A retried effect failed again: failed, with its error. */
  async failed(missionId: string, effectId: string, error: { type: string; message: string }): Promise<void> {
    await this.db.query(`update effects set state = 'failed', error = $3, error_type = $4, updated_at = now() where mission_id = $1 and effect_id = $2`, [
      missionId,
      effectId,
      error.message.slice(0, 2000),
      error.type,
    ]);
  }

  /**
   * A closed mission's effect counts, recomputed from the log after a retry (a running mission's
   * workflow keeps its own).
   */
  async refreshClosedCounts(missionId: string): Promise<void> {
    await this.db.query(
      `with c as (
         select count(*) filter (where state = 'failed')::int as failed, count(*) filter (where state = 'done')::int as done,
                count(*) filter (where state = 'pending')::int as pending, count(*) filter (where state = 'running')::int as running
         from effects where mission_id = $1)
       update missions m set failed_effects = c.failed,
         summary = jsonb_set(m.summary, '{counts,effects}', jsonb_build_object('failed', c.failed, 'done', c.done, 'pending', c.pending, 'running', c.running)),
         updated_at = now()
       from c where m.mission_id = $1 and m.status <> 'active'`,
      [missionId],
    );
  }
}

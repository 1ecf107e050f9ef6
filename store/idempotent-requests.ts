import type { Db } from './db';

/** How long a key is remembered: a day, as the IETF draft suggests for retries. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

export type Claimed =
  /** First time this key is seen (or the first attempt never answered): go on. */
  | { kind: 'new' }
  /** Answered before: answer the same again. */
  | { kind: 'answered'; status: number; location: string | null; response: unknown }
  /** The key was used with another request. */
  | { kind: 'reused' };

/** The Idempotency-Key register of writes (table idempotent_requests). */
export class IdempotentRequests {
  constructor(private readonly db: Db) {}

  /** Claims the caller's key for a request (by its hash), or tells what it was used for. */
  async claim(actorId: string, key: string, requestHash: string): Promise<Claimed> {
    const r = await this.db.query(
      `insert into idempotent_requests as r (actor_id, key, request_hash) values ($1, $2, $3)
       on conflict (actor_id, key) do update
         -- A key older than the TTL is free again: taken over by this request.
         set request_hash = excluded.request_hash, status = null, location = null, response = null, created_at = now()
         where r.created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})
       returning 1`,
      [actorId, key, requestHash],
    );
    if (r.rows[0]) return { kind: 'new' };
    const known = await this.db.query<{ request_hash: string; status: number | null; location: string | null; response: unknown }>(
      `select request_hash, status, location, response from idempotent_requests where actor_id = $1 and key = $2`,
      [actorId, key],
    );
    const k = known.rows[0];
    if (!k) return { kind: 'new' };
    if (k.request_hash !== requestHash) return { kind: 'reused' };
    return k.status === null ? { kind: 'new' } : { kind: 'answered', status: k.status, location: k.location, response: k.response };
  }

  /** The request's answer, for its retries. */
  async answered(actorId: string, key: string, status: number, location: string | null, response: unknown): Promise<void> {
    await this.db.query(`update idempotent_requests set status = $3, location = $4, response = $5 where actor_id = $1 and key = $2`, [
      actorId,
      key,
      status,
      location,
      JSON.stringify(response),
    ]);
  }

  /** Forgets keys past the TTL; answers how many. */
  async purge(): Promise<number> {
    const r = await this.db.query(`delete from idempotent_requests where created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`);
    return r.rowCount ?? 0;
  }
}

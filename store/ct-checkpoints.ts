import type { Db } from './db';

/**
 * The CT monitor's batch checkpoints (see activities/eavd/ct): the position after the last page a
 * batch processed, with its counts and hits. One row per log, replaced when the log's next batch starts.
 */
export class CtCheckpoints {
  constructor(private readonly db: Db) {}

  /** The checkpoint of the batch of `logId` that started at `from`, if that batch wrote one. */
  async load<T>(logId: string, from: number): Promise<T | null> {
    const r = await this.db.query<{ checkpoint: T }>(`select checkpoint from ct_batch_checkpoints where log_id = $1 and batch_from = $2`, [logId, from]);
    return r.rows[0]?.checkpoint ?? null;
  }

  async save(logId: string, from: number, checkpoint: unknown): Promise<void> {
    await this.db.query(
      `insert into ct_batch_checkpoints (log_id, batch_from, checkpoint) values ($1, $2, $3)
       on conflict (log_id) do update set batch_from = excluded.batch_from, checkpoint = excluded.checkpoint, updated_at = now()`,
      [logId, from, JSON.stringify(checkpoint)],
    );
  }
}

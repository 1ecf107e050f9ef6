import type { BacklogEntry, BacklogProposal, BacklogStatus } from '../domain/hunt';
import type { PrioritisationResult } from '../domain/work-items';
import type { Db } from './db';

interface Row {
  seq: number; proposal: BacklogProposal; score: number; max_score: number; verdict: 'qualify' | 'reject'; status: BacklogStatus;
  proposed_by: string; proposed_at: string; mission_id: string | null; dropped_reason: string | null;
}

const entry = (r: Row): BacklogEntry => ({
  ...r.proposal,
  id: `B${r.seq}`,
  status: r.status,
  score: r.score,
  maxScore: r.max_score,
  proposal: r.verdict,
  proposedBy: r.proposed_by,
  proposedAt: r.proposed_at,
  missionId: r.mission_id,
  droppedReason: r.dropped_reason,
});

const seqOf = (id: string): number | null => (/^B\d{1,15}$/.test(id) ? Number(id.slice(1)) : null);

/** The hunt backlog in the mission store. */
export class BacklogStore {
  constructor(private readonly db: Db) {}

  async propose(p: BacklogProposal, score: PrioritisationResult, by: string): Promise<BacklogEntry> {
    const r = await this.db.query<Row>(
      `insert into hunt_backlog (proposal, score, max_score, verdict, proposed_by) values ($1, $2, $3, $4, $5) returning *`,
      [JSON.stringify(p), score.score, score.maxScore, score.proposal, by],
    );
    return entry(r.rows[0]!);
  }

  async get(id: string): Promise<BacklogEntry | undefined> {
    const seq = seqOf(id);
    if (seq === null) return undefined;
    const r = await this.db.query<Row>(`select * from hunt_backlog where seq = $1`, [seq]);
    return r.rows[0] && entry(r.rows[0]);
  }

  /** Highest score first (ties: oldest first). */
  async list(o: { status?: BacklogStatus; limit: number }): Promise<BacklogEntry[]> {
    const r = await this.db.query<Row>(
      `select * from hunt_backlog where ($1::text is null or status = $1) order by score desc, seq limit $2`,
      [o.status ?? null, o.limit],
    );
    return r.rows.map(entry);
  }

  /** Links the entry to the mission started from it; false when it was not (or no longer) proposed. */
  async markStarted(id: string, missionId: string): Promise<boolean> {
    const r = await this.db.query(`update hunt_backlog set status = 'started', mission_id = $2 where seq = $1 and (status = 'proposed' or mission_id = $2)`, [seqOf(id), missionId]);
    return r.rowCount === 1;
  }

  async drop(id: string, reason: string): Promise<BacklogEntry | undefined> {
    const r = await this.db.query<Row>(`update hunt_backlog set status = 'dropped', dropped_reason = $2 where seq = $1 and status = 'proposed' returning *`, [seqOf(id), reason]);
    return r.rows[0] && entry(r.rows[0]);
  }
}

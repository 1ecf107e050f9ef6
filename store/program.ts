import type { FindingCategory } from '../domain/findings';
import type { MissionSummary } from '../domain/mission-summary';
import type { MissionStatus } from '../domain/phases';
import type { FindingOutcome, ProgramMissionRow } from '../domain/program';
import type { Db } from './db';

/** A finding's standing, for recording its outcome. */
export interface FindingStanding {
  category: FindingCategory;
  status: 'open' | 'escalated' | 'withdrawn';
  outcome: FindingOutcome | null;
}

/** The hunt program's reads and the finding outcomes it counts, from the mission store. */
export class ProgramStore {
  constructor(private readonly db: Db) {}

  async findingStanding(missionId: string, findingId: string): Promise<FindingStanding | undefined> {
    const r = await this.db.query<{ category: FindingCategory; status: FindingStanding['status']; outcome: FindingOutcome | null }>(
      `select f.category, f.status, o.outcome from findings f left join finding_outcomes o using (mission_id, finding_id) where f.mission_id = $1 and f.finding_id = $2`,
      [missionId, findingId],
    );
    return r.rows[0];
  }

  /** Records (or changes) a finding's outcome: the latest word counts. */
  async setOutcome(missionId: string, findingId: string, o: { outcome: FindingOutcome; note?: string; by: string }): Promise<{ outcome: FindingOutcome; note: string | null; by: string; at: string }> {
    const r = await this.db.query<{ outcome: FindingOutcome; note: string | null; by_actor: string; at: string }>(
      `insert into finding_outcomes (mission_id, finding_id, outcome, note, by_actor) values ($1, $2, $3, $4, $5)
       on conflict (mission_id, finding_id) do update set outcome = excluded.outcome, note = excluded.note, by_actor = excluded.by_actor, at = now()
       returning outcome, note, by_actor, at`,
      [missionId, findingId, o.outcome, o.note ?? null, o.by],
    );
    const row = r.rows[0]!;
    return { outcome: row.outcome, note: row.note, by: row.by_actor, at: row.at };
  }

  /** The missions created in [from, to), each with what the program metrics count. */
  async missions(from: string, to: string): Promise<ProgramMissionRow[]> {
    const r = await this.db.query<{
      mission_id: string; type: string; lead: string | null; status: MissionStatus; summary: MissionSummary | null;
      findings: Record<string, number> | null; proposed: number; accepted: number; rejected: number; raised: number; resolved: number; escalation_hours: number[] | null;
    }>(
      `with scope as (select mission_id, type, lead, status, summary from missions where created_at >= $1 and created_at < $2),
       live as (
         select f.mission_id, f.finding_id, f.category, f.at, f.escalation, o.outcome
         from scope s join findings f using (mission_id) left join finding_outcomes o using (mission_id, finding_id)
         where f.status <> 'withdrawn'
       ), per_category as (
         select mission_id, jsonb_object_agg(category, n) as findings from (select mission_id, category, count(*)::int as n from live group by mission_id, category) c group by mission_id
       ), counts as (
         select mission_id,
           count(*) filter (where category = 'detection-opportunity')::int as proposed,
           count(*) filter (where category = 'detection-opportunity' and outcome = 'accepted')::int as accepted,
           count(*) filter (where category = 'detection-opportunity' and outcome = 'rejected')::int as rejected,
           count(*) filter (where category = 'visibility-gap')::int as raised,
           count(*) filter (where category = 'visibility-gap' and outcome = 'resolved')::int as resolved,
           array_agg(extract(epoch from ((escalation->>'at')::timestamptz - at)) / 3600.0) filter (where escalation is not null) as escalation_hours
         from live group by mission_id
       )
       select s.mission_id, s.type, s.lead, s.status, s.summary, p.findings,
              coalesce(c.proposed, 0) as proposed, coalesce(c.accepted, 0) as accepted, coalesce(c.rejected, 0) as rejected,
              coalesce(c.raised, 0) as raised, coalesce(c.resolved, 0) as resolved, c.escalation_hours
       from scope s left join per_category p using (mission_id) left join counts c using (mission_id)
       order by s.mission_id`,
      [from, to],
    );
    return r.rows.map((row) => ({
      missionId: row.mission_id,
      type: row.type,
      lead: row.lead,
      status: row.status,
      clocks: row.summary?.clocks ?? null,
      findings: row.findings ?? {},
      detections: { proposed: row.proposed, accepted: row.accepted, rejected: row.rejected },
      visibilityGaps: { raised: row.raised, resolved: row.resolved },
      escalationHours: (row.escalation_hours ?? []).map((h) => Math.round(Number(h) * 1000) / 1000),
    }));
  }
}

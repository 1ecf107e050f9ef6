import type { PoolClient } from 'pg';
import { missionWorkflowId } from '../domain/temporal-names';
import { inTransaction, type Db } from './db';

/** A mission reserved in the store, before (or when retrying) its workflow start. */
export interface ReservedMission {
  missionId: string;
  code: string;
  iteration: number;
  /** False when the request id had reserved this mission before (a retried request). */
  created: boolean;
  /** The request hash stored with the first reservation, to tell a retry from a reused key. */
  requestHash: string;
  startRequest: unknown;
}

export interface MissionRow {
  type: string;
  codeName: string;
  startRequest: unknown;
  requester: string;
  previousMissionId: string | null;
  /** An iteration's PreviousIteration (playbook, objectives). */
  previous?: unknown;
}

const UNIQUE_VIOLATION = '23505';

async function knownRequest(c: PoolClient, requestId: string): Promise<ReservedMission | undefined> {
  const r = await c.query<{ mission_id: string; request_hash: string; code: string; iteration: number; start_request: unknown }>(
    `select s.mission_id, s.request_hash, m.code, m.iteration, m.start_request from start_requests s join missions m using (mission_id) where s.request_id = $1`,
    [requestId],
  );
  const row = r.rows[0];
  return row && { missionId: row.mission_id, code: row.code, iteration: row.iteration, created: false, requestHash: row.request_hash, startRequest: row.start_request };
}

/** Twice at most: a concurrent reservation of the same request or number makes the first attempt roll back. */
async function withRetryOnConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    return fn();
  }
}

/**
 * Gives a new mission its code (the type's next sequence number: EAVD01, EAVD02 …) and its row, race
 * free, in one statement (one round trip: starts are as fast as the store allows). The same request id
 * always answers the same mission. The summary is left to the workflow's first write; until then reads
 * derive it from the stored start request.
 */
export function reserveMission(db: Db, i: { requestId?: string; requestHash: string; row: MissionRow }): Promise<ReservedMission> {
  // Without a request id (no Idempotency-Key) nobody can ask for this start again: nothing to remember.
  if (!i.requestId) return reserveOnce(db, i.row);
  return withRetryOnConflict(async () => {
    const r = await db.query<{ made: boolean; mission_id: string; request_hash: string; code: string; iteration: number; start_request: unknown }>(
      `with known as (
         select s.mission_id, s.request_hash, m.code, m.iteration, m.start_request
         from start_requests s join missions m using (mission_id) where s.request_id = $1
       ), seq as (
         insert into mission_sequences (type, last) select $2, 1 where not exists (select 1 from known)
         on conflict (type) do update set last = mission_sequences.last + 1
         returning last
       ), code as (
         -- As domain/nomenclature.ts missionCode: two digits at least.
         select $2 || lpad(last::text, greatest(2, length(last::text)), '0') as code from seq
       ), made as (
         insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, previous_mission_id)
         select 'mission-' || code || '-1', code, 1, $2, $3, $4, $5, null from code
         returning mission_id, code
       ), request as (
         insert into start_requests (request_id, request_hash, mission_id) select $1, $6, mission_id from made
       )
       select false as made, mission_id, request_hash, code, iteration, start_request from known
       union all
       select true, mission_id, $6, code, 1, $4::jsonb from made`,
      [i.requestId, i.row.type, i.row.codeName, JSON.stringify(i.row.startRequest), i.row.requester, i.requestHash],
    );
    const row = r.rows[0]!;
    return { missionId: row.mission_id, code: row.code, iteration: row.iteration, created: row.made, requestHash: row.request_hash, startRequest: row.start_request };
  });
}

async function reserveOnce(db: Db, row: MissionRow): Promise<ReservedMission> {
  const r = await db.query<{ mission_id: string; code: string }>(
    `with seq as (
       insert into mission_sequences (type, last) values ($1, 1) on conflict (type) do update set last = mission_sequences.last + 1 returning last
     ), code as (
       select $1 || lpad(last::text, greatest(2, length(last::text)), '0') as code from seq
     )
     insert into missions (mission_id, code, iteration, type, code_name, start_request, requester)
     select 'mission-' || code || '-1', code, 1, $1, $2, $3, $4 from code
     returning mission_id, code`,
    [row.type, row.codeName, JSON.stringify(row.startRequest), row.requester],
  );
  const made = r.rows[0]!;
  return { missionId: made.mission_id, code: made.code, iteration: 1, created: true, requestHash: '', startRequest: row.startRequest };
}

/** The next iteration of a mission code: same code, the next iteration number, race free and idempotent by request id. */
export function reserveIteration(db: Db, i: { requestId: string; requestHash: string; code: string; row: MissionRow }): Promise<ReservedMission> {
  return withRetryOnConflict(() =>
    inTransaction(db, async (c) => {
      const known = await knownRequest(c, i.requestId);
      if (known) return known;
      const last = await c.query<{ n: number }>(`select coalesce(max(iteration), 0) as n from missions where code = $1`, [i.code]);
      const iteration = last.rows[0]!.n + 1;
      const missionId = missionWorkflowId(i.code, iteration);
      await c.query(
        `insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, previous_mission_id, previous) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [missionId, i.code, iteration, i.row.type, i.row.codeName, JSON.stringify(i.row.startRequest), i.row.requester, i.row.previousMissionId, i.row.previous === undefined ? null : JSON.stringify(i.row.previous)],
      );
      await c.query(`insert into start_requests (request_id, request_hash, mission_id) values ($1, $2, $3)`, [i.requestId, i.requestHash, missionId]);
      return { missionId, code: i.code, iteration, created: true, requestHash: i.requestHash, startRequest: i.row.startRequest };
    }),
  );
}

/** A mission's stored start request and identity, for a new iteration. */
export async function missionStart(db: Db, missionId: string): Promise<{ code: string; iteration: number; startRequest: unknown; requester: string } | undefined> {
  const r = await db.query<{ code: string; iteration: number; start_request: unknown; requester: string }>(
    `select code, iteration, start_request, requester from missions where mission_id = $1`,
    [missionId],
  );
  const row = r.rows[0];
  return row && { code: row.code, iteration: row.iteration, startRequest: row.start_request, requester: row.requester };
}

/** The latest iteration of a mission code. */
export async function latestIteration(db: Db, code: string): Promise<string | undefined> {
  const r = await db.query<{ mission_id: string }>(`select mission_id from missions where code = $1 order by iteration desc limit 1`, [code]);
  return r.rows[0]?.mission_id;
}

/**
 * A mission whose workflow ended outside capeo (terminated by an operator, timed out) while the store
 * still holds it as active: cancelled, with the reason. Nothing changes for a mission that ended in capeo.
 */
export async function markEndedOutside(db: Db, missionId: string, temporalStatus: string): Promise<void> {
  const reason = `its workflow ended outside capeo (Temporal: ${temporalStatus})`;
  await db.query(
    `update missions set status = 'cancelled', open_gate = null, gate_opened_at = null, updated_at = now(),
       summary = summary || jsonb_build_object('status', 'cancelled', 'closedReason', $2::text, 'openGate', null, 'gate', null)
     where mission_id = $1 and status = 'active'`,
    [missionId, reason],
  );
}

import type { PoolClient } from 'pg';
import type { MissionSummary } from '../domain/mission-summary';
import { missionCode } from '../domain/nomenclature';
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

async function insertMission(c: PoolClient, missionId: string, code: string, iteration: number, row: MissionRow, summary: (missionId: string, code: string, iteration: number) => MissionSummary) {
  await c.query(
    `insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, previous_mission_id, summary, summary_version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)`,
    [missionId, code, iteration, row.type, row.codeName, JSON.stringify(row.startRequest), row.requester, row.previousMissionId, JSON.stringify(summary(missionId, code, iteration))],
  );
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
 * free, in one transaction. The same request id always answers the same mission.
 */
export function reserveMission(
  db: Db,
  i: { requestId: string; requestHash: string; row: MissionRow; summary: (missionId: string, code: string, iteration: number) => MissionSummary },
): Promise<ReservedMission> {
  return withRetryOnConflict(() =>
    inTransaction(db, async (c) => {
      const known = await knownRequest(c, i.requestId);
      if (known) return known;
      const seq = await c.query<{ last: number }>(
        `insert into mission_sequences (type, last) values ($1, 1) on conflict (type) do update set last = mission_sequences.last + 1 returning last`,
        [i.row.type],
      );
      const code = missionCode(i.row.type, seq.rows[0]!.last);
      const missionId = missionWorkflowId(code, 1);
      await insertMission(c, missionId, code, 1, i.row, i.summary);
      await c.query(`insert into start_requests (request_id, request_hash, mission_id) values ($1, $2, $3)`, [i.requestId, i.requestHash, missionId]);
      return { missionId, code, iteration: 1, created: true, requestHash: i.requestHash, startRequest: i.row.startRequest };
    }),
  );
}

/** The next iteration of a mission code: same code, the next iteration number, race free and idempotent by request id. */
export function reserveIteration(
  db: Db,
  i: { requestId: string; requestHash: string; code: string; row: MissionRow; summary: (missionId: string, code: string, iteration: number) => MissionSummary },
): Promise<ReservedMission> {
  return withRetryOnConflict(() =>
    inTransaction(db, async (c) => {
      const known = await knownRequest(c, i.requestId);
      if (known) return known;
      const last = await c.query<{ n: number }>(`select coalesce(max(iteration), 0) as n from missions where code = $1`, [i.code]);
      const iteration = last.rows[0]!.n + 1;
      const missionId = missionWorkflowId(i.code, iteration);
      await insertMission(c, missionId, i.code, iteration, i.row, i.summary);
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

import type { PoolClient } from 'pg';
import { missionWorkflowId } from '../domain/temporal-names';
import { inTransaction, isTransientDbError, type Db } from './db';

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
  /** The ATT&CK release its technique ids were checked against (null: no catalogue loaded). */
  attackVersion?: string | null;
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
 * free, in one statement (one round trip), named so that each connection parses and plans it once
 * (that halves the store's CPU per start). The same request id always answers the same mission.
 * Without one, reservations that come together share a statement (see reserveOnce). The summary is
 * left to the workflow's first write; until then reads derive it from the stored start request.
 */
export function reserveMission(db: Db, i: { requestId?: string; requestHash: string; row: MissionRow }): Promise<ReservedMission> {
  // Without a request id (no Idempotency-Key) nobody can ask for this start again: nothing to remember.
  if (!i.requestId) return reserveOnce(db, i.row);
  return withRetryOnConflict(async () => {
    const r = await db.query<{ made: boolean; mission_id: string; request_hash: string; code: string; iteration: number; start_request: unknown }>({
      name: 'reserve-mission-by-request',
      text: `with known as (
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
         insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, previous_mission_id, attack_version)
         select 'mission-' || code || '-1', code, 1, $2, $3, $4, $5, null, $7 from code
         returning mission_id, code
       ), request as (
         insert into start_requests (request_id, request_hash, mission_id) select $1, $6, mission_id from made
       )
       select false as made, mission_id, request_hash, code, iteration, start_request from known
       union all
       select true, mission_id, $6, code, 1, $4::jsonb from made`,
      values: [i.requestId, i.row.type, i.row.codeName, JSON.stringify(i.row.startRequest), i.row.requester, i.requestHash, i.row.attackVersion ?? null],
    });
    const row = r.rows[0]!;
    return { missionId: row.mission_id, code: row.code, iteration: row.iteration, created: row.made, requestHash: row.request_hash, startRequest: row.start_request };
  });
}

/** A reservation without a request id, waiting for the statement in flight on its pool to end. */
interface Waiting {
  row: MissionRow;
  resolve(r: ReservedMission): void;
  reject(err: unknown): void;
}
const queues = new WeakMap<Db, { waiting: Waiting[]; busy: boolean }>();
/** More than the API's concurrent starts usually are; a bound on one statement's size. */
const MAX_BATCH = 64;

/**
 * Reservations without a request id, one statement at a time per pool: those that come while one is
 * in flight go together in the next, one statement and one commit for all. Each start of a type holds
 * the type's sequence row until its commit is on disk, so starts of a type were serial in the store
 * anyway; together they wait for one commit instead of one each, and the API's process for one answer.
 * A reservation that comes alone goes at once. Codes stay gapless, in the order the requests came.
 */
function reserveOnce(db: Db, row: MissionRow): Promise<ReservedMission> {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = { waiting: [], busy: false }));
  const queue = q;
  return new Promise<ReservedMission>((resolve, reject) => {
    queue.waiting.push({ row, resolve, reject });
    if (!queue.busy) void drain(db, queue);
  });
}

async function drain(db: Db, q: { waiting: Waiting[]; busy: boolean }): Promise<void> {
  q.busy = true;
  try {
    while (q.waiting.length > 0) await reserveTogether(db, q.waiting.splice(0, MAX_BATCH));
  } finally {
    q.busy = false;
  }
}

const reserved = (made: { mission_id: string; code: string }, row: MissionRow): ReservedMission => ({
  missionId: made.mission_id,
  code: made.code,
  iteration: 1,
  created: true,
  requestHash: '',
  startRequest: row.startRequest,
});

async function reserveTogether(db: Db, batch: Waiting[]): Promise<void> {
  let made: Array<{ mission_id: string; code: string }>;
  try {
    made = await reserveRows(db, batch.map((w) => w.row));
  } catch (err) {
    // A statement the store refused committed nothing: one request's row may have broken it (a value
    // the store does not take), so each goes again alone and only that one fails. After a lost
    // connection the statement may have committed: nothing is retried, each caller gets the error, as
    // a start without a request id always has.
    if (batch.length === 1 || isTransientDbError(err)) {
      for (const w of batch) w.reject(err);
      return;
    }
    // One after the other, so that the codes still follow the order the requests came in.
    for (const w of batch) await reserveRows(db, [w.row]).then(([m]) => w.resolve(reserved(m!, w.row)), w.reject);
    return;
  }
  batch.forEach((w, i) => w.resolve(reserved(made[i]!, w.row)));
}

/**
 * The rows' codes (each type's next numbers, in the rows' order) and their rows, in one statement. The
 * answer is in the rows' order.
 */
async function reserveRows(db: Db, rows: MissionRow[]): Promise<Array<{ mission_id: string; code: string }>> {
  if (rows.length === 1) {
    const row = rows[0]!;
    const r = await db.query<{ mission_id: string; code: string }>({
      name: 'reserve-mission',
      text: `with seq as (
         insert into mission_sequences (type, last) values ($1, 1) on conflict (type) do update set last = mission_sequences.last + 1 returning last
       ), code as (
         -- As domain/nomenclature.ts missionCode: two digits at least.
         select $1 || lpad(last::text, greatest(2, length(last::text)), '0') as code from seq
       )
       insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, attack_version)
       select 'mission-' || code || '-1', code, 1, $1, $2, $3, $4, $5 from code
       returning mission_id, code`,
      values: [row.type, row.codeName, JSON.stringify(row.startRequest), row.requester, row.attackVersion ?? null],
    });
    return r.rows;
  }
  const r = await db.query<{ mission_id: string; code: string }>({
    name: 'reserve-missions',
    text: `with req as (
       select e->>'type' as type, e->>'codeName' as code_name, e->'startRequest' as start_request, e->>'requester' as requester,
              e->>'attackVersion' as attack_version, ord
       from jsonb_array_elements($1::jsonb) with ordinality as t(e, ord)
     ), counts as (
       select type, count(*)::int as n from req group by type
     ), seq as (
       -- In the types' order, so that two batches never wait for each other's rows (a deadlock).
       insert into mission_sequences (type, last) select type, n from counts order by type
       on conflict (type) do update set last = mission_sequences.last + excluded.last
       returning type, last
     ), numbered as (
       -- A type's rows take its numbers after the last one, in the rows' order.
       select req.*, seq.last - counts.n + row_number() over (partition by req.type order by req.ord) as num
       from req join counts using (type) join seq using (type)
     ), code as (
       -- As domain/nomenclature.ts missionCode: two digits at least.
       select numbered.*, type || lpad(num::text, greatest(2, length(num::text)), '0') as code from numbered
     ), made as (
       insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, attack_version)
       select 'mission-' || code || '-1', code, 1, type, code_name, start_request, requester, attack_version from code order by ord
     )
     select 'mission-' || code || '-1' as mission_id, code from code order by ord`,
    values: [JSON.stringify(rows.map((row) => ({ type: row.type, codeName: row.codeName, startRequest: row.startRequest, requester: row.requester, attackVersion: row.attackVersion ?? null })))],
  });
  return r.rows;
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
        `insert into missions (mission_id, code, iteration, type, code_name, start_request, requester, previous_mission_id, previous, attack_version)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [missionId, i.code, iteration, i.row.type, i.row.codeName, JSON.stringify(i.row.startRequest), i.row.requester, i.row.previousMissionId, i.row.previous === undefined ? null : JSON.stringify(i.row.previous), i.row.attackVersion ?? null],
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

/**
 * Gives up a reservation whose workflow could not be started because its id was taken (see
 * launch/start-mission MissionIdTakenError): its row and its request id go; its code stays used.
 */
export async function releaseReservation(db: Db, missionId: string): Promise<void> {
  await inTransaction(db, async (c) => {
    await c.query(`delete from start_requests where mission_id = $1`, [missionId]);
    await c.query(`delete from missions where mission_id = $1`, [missionId]);
  });
}

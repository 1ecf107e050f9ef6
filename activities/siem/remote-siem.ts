import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { ExternalError } from '../http/http-client';
import { SiemQueryInvalid, type HuntQuery, type QueryResult } from './siem-port';

/** What the remote SIEM adapters share: validation of a hunt query, the shape of its result, the heartbeat rule. */

export const invalidQuery = (message: string) => ApplicationFailure.create({ type: SiemQueryInvalid, message, nonRetryable: true });

export interface QueryWindow {
  from: Date;
  to: Date;
  limit: number;
}

/** The time range and limit of a hunt query, refused as SIEM_QUERY_INVALID when they make no sense. */
export function queryWindow(q: HuntQuery): QueryWindow {
  if (!q.query?.trim()) throw invalidQuery('the query is empty');
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw invalidQuery('from and to must be ISO 8601 date-times');
  if (!(from < to)) throw invalidQuery('from must be before to');
  const limit = q.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1) throw invalidQuery('limit must be a positive integer');
  return { from, to, limit };
}

/** Column names in order of first appearance over the rows. */
export function columnsOf(rows: Array<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) seen.add(k);
  return [...seen];
}

/** A QueryResult as the embedded SIEM makes it: every row counted, at most `limit` kept. */
export function toQueryResult(columns: string[], rows: Array<Record<string, unknown>>, limit: number, total = rows.length): QueryResult {
  return { columns, rowCount: total, sample: rows.slice(0, limit), truncated: total > limit };
}

/** Rows of a columnar answer (ES|QL, Log Analytics) as objects keyed by column name. */
export function rowObjects(columns: string[], rows: unknown[][]): Array<Record<string, unknown>> {
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
}

/** A source is silent when nothing was seen, or its last event is older than the allowed silence before `now`. */
export function isSilent(lastSeen: string | null, now: string, silentAfterMinutes: number): boolean {
  return lastSeen === null || Date.parse(now) - Date.parse(lastSeen) > silentAfterMinutes * 60_000;
}

/** A timestamp the SIEM answered (ISO string, epoch seconds as a string or number, epoch ms) as ISO, or null. */
export function isoOrNull(value: unknown, unit: 's' | 'ms' = 'ms'): string | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) : Number.NaN;
  const ms = Number.isFinite(n) ? (unit === 's' ? n * 1000 : n) : Date.parse(String(value));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The settings among `keys` that are unset. */
export function missingSettings<S extends object>(settings: S, keys: readonly (keyof S & string)[]): string[] {
  return keys.filter((k) => !settings[k]);
}

/** Refuses to call the SIEM without its settings: only a configuration change helps. */
export function assertConfigured<S extends object>(system: string, settings: S, keys: readonly (keyof S & string)[]): void {
  const missing = missingSettings(settings, keys);
  if (missing.length) throw ApplicationFailure.create({ type: ExternalError.NotConfigured, nonRetryable: true, message: `${system}: set ${missing.join(', ')}` });
}

/**
 * A query endpoint's refusal (a 4xx other than 401/403: bad syntax, an unknown index or table) is the query's fault:
 * it becomes SIEM_QUERY_INVALID, quoting the SIEM's reason. Anything else passes as it is.
 */
export function asQueryRefusal(err: unknown): unknown {
  if (err instanceof ApplicationFailure && err.type === ExternalError.RequestRejected) return invalidQuery(err.message);
  return err;
}

/** The sources the visibility heartbeat watches on a remote SIEM: CAPEO_SIEM_SOURCES, as configured. */
export const configuredSources = (settings: { CAPEO_SIEM_SOURCES?: string[] }): string[] => [...(settings.CAPEO_SIEM_SOURCES ?? [])];

/**
 * check()'s verdict once the SIEM answered: without CAPEO_SIEM_SOURCES the heartbeat has nothing to watch.
 * `answered` names what was reached, `watched` what the sources are (sourcetypes, tables…), `ok` the detail given the list.
 */
export function heartbeatVerdict(settings: { CAPEO_SIEM_SOURCES?: string[] }, answered: string, watched: string, ok: (sources: string) => string): CheckResult {
  const sources = configuredSources(settings);
  if (!sources.length) return { ok: false, detail: `${answered} answered, but CAPEO_SIEM_SOURCES is unset: set the ${watched} the visibility heartbeat watches` };
  return { ok: true, detail: ok(sources.join(', ')) };
}

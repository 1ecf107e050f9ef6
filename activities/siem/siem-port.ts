import type { CheckResult } from '../health-check';

/** Error type for hunt queries that cannot run: bad SQL, a forbidden statement, a timeout. Not retried. */
export const SiemQueryInvalid = 'SIEM_QUERY_INVALID';

export interface HuntQuery {
  /**
   * The hunt query in the SIEM's own language, run over [from, to): SQL for the embedded SIEM (each source
   * a view named after it with a `ts` timestamp column), SPL for Splunk, Query DSL JSON or ES|QL (starting
   * with FROM) for Elasticsearch, KQL for Sentinel.
   */
  query: string;
  from: string;
  to: string;
  limit?: number;
}

export interface QueryResult {
  columns: string[];
  rowCount: number;
  /** The first rows (at most the limit), JSON-safe. */
  sample: Record<string, unknown>[];
  truncated: boolean;
}

export interface HeartbeatQuery {
  source: string;
  silentAfterMinutes: number;
  now: string;
}

export interface HeartbeatResult {
  source: string;
  lastSeen: string | null;
  silent: boolean;
  events: number;
}

/** A SIEM, as capeo sees it: hunt queries over a time range, and a heartbeat per log source. */
export interface SiemPort {
  readonly name: string;
  /** Settings, credentials and reachability, without side effects (`capeo doctor`). */
  check?(): Promise<CheckResult>;
  sources(): Promise<string[]>;
  runQuery(q: HuntQuery): Promise<QueryResult>;
  heartbeat(h: HeartbeatQuery): Promise<HeartbeatResult>;
  close?(): Promise<void>;
}

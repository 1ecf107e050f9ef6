import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ApplicationFailure } from '@temporalio/activity';
import { SiemQueryInvalid, type HeartbeatQuery, type HeartbeatResult, type HuntQuery, type QueryResult, type SiemPort } from './siem-port';
import type { CheckResult } from '../health-check';

const READERS: Record<string, (path: string) => string> = {
  ndjson: (p) => `read_json_auto('${p}', format = 'newline_delimited')`,
  jsonl: (p) => `read_json_auto('${p}', format = 'newline_delimited')`,
  csv: (p) => `read_csv_auto('${p}')`,
  parquet: (p) => `read_parquet('${p}')`,
};

export interface DuckDbSiemOptions {
  /** Per-query time limit. */
  timeoutMs?: number;
  /**
   * What "now" is for heartbeats: the caller's clock, or the newest event in the lake
   * (a static sample lake is otherwise silent as a whole).
   */
  heartbeatReference?: 'now' | 'latest-event';
}

const invalid = (message: string) => ApplicationFailure.create({ type: SiemQueryInvalid, message, nonRetryable: true });

/** The query with its comments blanked; `--`, `/*` and `;` inside string literals and quoted names are text, not SQL. */
function withoutComments(sql: string): { text: string; statementEnds: number[] } {
  let text = '';
  const statementEnds: number[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      text += sql.slice(i, j + 1);
      i = j;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      text += ' ';
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      text += ' ';
    } else {
      if (c === ';') statementEnds.push(text.length);
      text += c;
    }
  }
  return { text, statementEnds };
}

/** Only one statement, and only a query: SELECT or WITH. */
export function assertReadOnly(sql: string): string {
  const { text: raw, statementEnds } = withoutComments(sql);
  const trimmed = raw.trimEnd();
  const last = statementEnds[statementEnds.length - 1];
  const endsWithOne = last !== undefined && last === trimmed.length - 1;
  if (statementEnds.length > (endsWithOne ? 1 : 0)) throw invalid('one statement per query');
  const text = (endsWithOne ? trimmed.slice(0, -1) : trimmed).trim();
  if (!/^(select|with|from)\b/i.test(text)) throw invalid('only SELECT queries (SELECT, WITH or FROM) are allowed');
  return text;
}

/**
 * The embedded SIEM: a folder of log files (NDJSON, CSV, Parquet), one source per
 * file, queried with DuckDB. Each source `x` is a view `x` restricted to the
 * query's time range (`ts` between from and to) and `lake.x` unrestricted.
 * External access is switched off once the views exist, except to the log
 * folder, so a query cannot read other files.
 */
export class DuckDbSiem implements SiemPort {
  readonly name: string;
  private conn?: Promise<DuckDBConnection>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly dir: string;

  constructor(
    dir: string,
    private readonly options: DuckDbSiemOptions = {},
  ) {
    this.dir = resolve(dir);
    this.name = `duckdb:${dir}`;
  }

  async check(): Promise<CheckResult> {
    try {
      const sources = await this.sources();
      return sources.length
        ? { ok: true, detail: `${sources.length} log sources in ${this.dir}: ${sources.join(', ')}` }
        : { ok: false, detail: `no log files (.ndjson, .jsonl, .csv, .parquet) in ${this.dir}: hunt queries have nothing to read` };
    } catch (err) {
      return { ok: false, detail: `cannot read ${this.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
  }

  async sources(): Promise<string[]> {
    return this.files().map((f) => f.source);
  }

  private files(): Array<{ source: string; path: string; reader: string }> {
    return readdirSync(this.dir)
      .map((file) => ({ file, ext: file.split('.').pop()!.toLowerCase() }))
      .filter(({ ext }) => ext in READERS)
      .sort((a, b) => a.file.localeCompare(b.file))
      .map(({ file, ext }) => {
        const path = join(this.dir, file).replace(/'/g, "''");
        return { source: file.replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9_]/g, '_'), path, reader: READERS[ext]!(path) };
      });
  }

  private connection(): Promise<DuckDBConnection> {
    this.conn ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:');
      const c = await instance.connect();
      await c.run(`SET VARIABLE capeo_from = TIMESTAMPTZ '1970-01-01'; SET VARIABLE capeo_to = TIMESTAMPTZ '9999-12-31'`);
      await c.run('CREATE SCHEMA lake');
      for (const f of this.files()) {
        await c.run(`CREATE VIEW lake.${f.source} AS SELECT * FROM ${f.reader}`);
        await c.run(
          `CREATE VIEW ${f.source} AS SELECT * FROM lake.${f.source} WHERE CAST(ts AS TIMESTAMPTZ) >= getvariable('capeo_from') AND CAST(ts AS TIMESTAMPTZ) < getvariable('capeo_to')`,
        );
      }
      // Only the log folder stays readable: a query cannot reach other files.
      await c.run(`SET allowed_directories = ['${this.dir.replace(/'/g, "''")}/']`);
      await c.run('SET enable_external_access = false');
      await c.run('SET lock_configuration = true');
      return c;
    })();
    return this.conn;
  }

  /** One statement at a time on the one connection: the time-range variables are per connection. */
  private serial<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => fn(await this.connection()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async timed<T>(c: DuckDBConnection, p: Promise<T>): Promise<T> {
    const ms = this.options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        c.interrupt();
        reject(invalid(`query exceeded ${ms} ms`));
      }, ms);
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async runQuery(q: HuntQuery): Promise<QueryResult> {
    const sql = assertReadOnly(q.query);
    const limit = q.limit ?? 20;
    if (!(Date.parse(q.from) < Date.parse(q.to))) throw invalid('from must be before to');
    return this.serial(async (c) => {
      try {
        // Re-formatted from parsed dates, so nothing of the caller's text reaches the SQL.
        await c.run(`SET VARIABLE capeo_from = TIMESTAMPTZ '${new Date(q.from).toISOString()}'`);
        await c.run(`SET VARIABLE capeo_to = TIMESTAMPTZ '${new Date(q.to).toISOString()}'`);
        const count = await this.timed(c, c.runAndReadAll(`SELECT count(*) AS n FROM (${sql})`));
        const rows = await this.timed(c, c.runAndReadAll(`SELECT * FROM (${sql}) LIMIT ${limit}`));
        const rowCount = Number(count.getRowObjectsJson()[0]?.['n'] ?? 0);
        return {
          columns: rows.columnNames(),
          rowCount,
          sample: rows.getRowObjectsJson() as Record<string, unknown>[],
          truncated: rowCount > limit,
        };
      } catch (err) {
        if (err instanceof ApplicationFailure) throw err;
        throw invalid((err as Error).message);
      }
    });
  }

  async heartbeat(h: HeartbeatQuery): Promise<HeartbeatResult> {
    const source = h.source.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    if (!(await this.sources()).includes(source)) throw invalid(`unknown log source '${h.source}'`);
    return this.serial(async (c) => {
      const stats = (await c.runAndReadAll(`SELECT count(*) AS events, max(CAST(ts AS TIMESTAMPTZ)) AS last FROM lake.${source}`)).getRowObjects()[0]!;
      let reference = Date.parse(h.now);
      if (this.options.heartbeatReference !== 'now') {
        const newest = await this.newestEvent(c);
        if (newest !== null) reference = Math.min(reference, newest);
      }
      const last = stats['last'] === null ? null : new Date(String(stats['last'])).getTime();
      const lastSeen = last === null || Number.isNaN(last) ? null : new Date(last).toISOString();
      return {
        source,
        lastSeen,
        events: Number(stats['events']),
        silent: lastSeen === null || reference - Date.parse(lastSeen) > h.silentAfterMinutes * 60_000,
      };
    });
  }

  private async newestEvent(c: DuckDBConnection): Promise<number | null> {
    const parts = this.files().map((f) => `SELECT max(CAST(ts AS TIMESTAMPTZ)) AS last FROM lake.${f.source}`);
    if (!parts.length) return null;
    const row = (await c.runAndReadAll(`SELECT max(last) AS last FROM (${parts.join(' UNION ALL ')})`)).getRowObjects()[0];
    return row?.['last'] ? new Date(String(row['last'])).getTime() : null;
  }
}

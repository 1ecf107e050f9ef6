import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall, safeHost, type HttpRequest } from '../http/http-client';
import {
  asQueryRefusal,
  assertConfigured,
  columnsOf,
  invalidQuery,
  isoOrNull,
  isSilent,
  missingSettings,
  queryWindow,
  toQueryResult,
  configuredSources,
  heartbeatVerdict,
} from './remote-siem';
import type { HeartbeatQuery, HeartbeatResult, HuntQuery, QueryResult, SiemPort } from './siem-port';

/** The configuration values this adapter reads (named as in config/, so the parsed config can be passed as it is). */
export interface SplunkSettings {
  CAPEO_SPLUNK_URL?: string;
  CAPEO_SPLUNK_TOKEN?: string;
  CAPEO_SPLUNK_INDEX?: string;
  CAPEO_SIEM_SOURCES?: string[];
}

const SYSTEM = 'splunk';
const REQUIRED = ['CAPEO_SPLUNK_URL', 'CAPEO_SPLUNK_TOKEN'] as const;

/** One line of the export stream (output_mode=json). */
interface ExportLine {
  preview?: boolean;
  offset?: number;
  lastrow?: boolean;
  result?: Record<string, unknown>;
  messages?: Array<{ type?: string; text?: string }>;
}

/** Splunk's bookkeeping fields of raw events; `_raw` and `_time` are kept. */
const INTERNAL = /^_(?!raw$|time$)/;

/** A value inside double quotes in SPL. */
const quoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Epoch seconds: the one absolute time format every Splunk version takes for earliest_time/latest_time. */
const epoch = (d: Date): string => String(d.getTime() / 1000);

/**
 * Parses the export stream: final results only (a reporting search streams `preview: true` rounds first,
 * then the final rows), and an ERROR or FATAL message (a syntax error, an unknown command) as SIEM_QUERY_INVALID.
 */
export function parseExport(text: string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: ExportLine;
    try {
      parsed = JSON.parse(line) as ExportLine;
    } catch {
      throw ApplicationFailure.create({ type: ExternalError.BadAnswer, nonRetryable: true, message: `${SYSTEM} did not answer JSON lines` });
    }
    const errors = (parsed.messages ?? []).filter((m) => m.type === 'FATAL' || m.type === 'ERROR');
    if (errors.length) throw invalidQuery(`${SYSTEM}: ${errors.map((m) => m.text ?? m.type).join('; ')}`);
    if (parsed.result && !parsed.preview) {
      rows.push(Object.fromEntries(Object.entries(parsed.result).filter(([k]) => !INTERNAL.test(k))));
    }
  }
  return rows;
}

/**
 * Splunk Enterprise / Cloud over its REST API with a bearer token: hunt queries are SPL run through
 * the export endpoint (results streamed, no job left behind), the heartbeat counts a sourcetype's
 * events in `CAPEO_SPLUNK_INDEX` over the silence window.
 */
export class SplunkSiem implements SiemPort {
  readonly name = SYSTEM;

  constructor(
    private readonly settings: SplunkSettings,
    private readonly timeoutMs: number,
  ) {}

  async check(): Promise<CheckResult> {
    const missing = missingSettings(this.settings, REQUIRED);
    if (missing.length) return { ok: false, detail: `set ${missing.join(', ')}` };
    const host = safeHost(this.settings.CAPEO_SPLUNK_URL);
    try {
      const info = (await this.call<{ entry?: Array<{ content?: { serverName?: string; version?: string; product_type?: string } }> }>({ url: this.url('/services/server/info?output_mode=json') })).body;
      const c = info?.entry?.[0]?.content ?? {};
      const server = `Splunk ${c.version ?? '(version unknown)'} on ${c.serverName ?? host}`;
      return heartbeatVerdict(this.settings, server, 'sourcetypes', (sources) => `${server} at ${host}; heartbeat over index ${this.index()} for sourcetypes ${sources}`);
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async sources(): Promise<string[]> {
    return configuredSources(this.settings);
  }

  async runQuery(q: HuntQuery): Promise<QueryResult> {
    const { from, to, limit } = queryWindow(q);
    const spl = q.query.trim();
    // The REST API runs a search string that starts with a command: a bare `index=… foo` is a `search`.
    const search = /^(search\b|\|)/i.test(spl) ? spl : `search ${spl}`;
    const rows = await this.export({ search, earliest_time: epoch(from), latest_time: epoch(to) });
    return toQueryResult(columnsOf(rows), rows, limit);
  }

  async heartbeat(h: HeartbeatQuery): Promise<HeartbeatResult> {
    const minutes = Math.ceil(h.silentAfterMinutes);
    const search = `search index=${quoted(this.index())} sourcetype=${quoted(h.source)} earliest=-${minutes}m | stats count max(_time) as last`;
    const row = (await this.export({ search }))[0] ?? {};
    const lastSeen = isoOrNull(row['last'], 's');
    return { source: h.source, lastSeen, events: Number(row['count'] ?? 0), silent: isSilent(lastSeen, h.now, h.silentAfterMinutes) };
  }

  private async export(params: Record<string, string>): Promise<Array<Record<string, unknown>>> {
    assertConfigured(SYSTEM, this.settings, REQUIRED);
    const body = new URLSearchParams({ ...params, output_mode: 'json' }).toString();
    let text: string;
    try {
      text =
        (
          await this.call<string>({
            url: this.url('/services/search/v2/jobs/export'),
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
            read: 'text',
          })
        ).body ?? '';
    } catch (err) {
      throw asQueryRefusal(err);
    }
    return parseExport(text);
  }

  private index(): string {
    return this.settings.CAPEO_SPLUNK_INDEX ?? 'main';
  }

  private url(path: string): string {
    return `${baseUrl(this.settings.CAPEO_SPLUNK_URL!)}${path}`;
  }

  private call<T>(req: Omit<HttpRequest, 'system'>) {
    return httpCall<T>({ system: SYSTEM, timeoutMs: this.timeoutMs, ...req, headers: { authorization: `Bearer ${this.settings.CAPEO_SPLUNK_TOKEN}`, ...req.headers } });
  }
}

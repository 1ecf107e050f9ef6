import type { CheckResult } from '../health-check';
import { baseUrl, httpCall, safeHost, type HttpRequest } from '../http/http-client';
import {
  asQueryRefusal,
  assertConfigured,
  columnsOf,
  invalidQuery,
  isoOrNull,
  isSilent,
  missingSettings,
  queryWindow,
  rowObjects,
  toQueryResult,
  type QueryWindow,
  configuredSources,
  heartbeatVerdict,
} from './remote-siem';
import type { HeartbeatQuery, HeartbeatResult, HuntQuery, QueryResult, SiemPort } from './siem-port';

/** The configuration values this adapter reads (named as in config/, so the parsed config can be passed as it is). */
export interface ElasticSettings {
  CAPEO_ELASTIC_URL?: string;
  CAPEO_ELASTIC_API_KEY?: string;
  CAPEO_ELASTIC_INDEX?: string;
  CAPEO_ELASTIC_SOURCE_FIELD?: string;
  CAPEO_SIEM_SOURCES?: string[];
}

export interface ElasticSiemOptions {
  /** Hits per `_search` page while collecting the sample (default 500). */
  pageSize?: number;
}

const SYSTEM = 'elastic';
const REQUIRED = ['CAPEO_ELASTIC_URL', 'CAPEO_ELASTIC_API_KEY'] as const;
/** The parts of a search body a hunt query may set; size, paging and the time range are the adapter's. */
const BODY_KEYS = ['query', 'sort', '_source', 'fields', 'runtime_mappings'];
const DEFAULT_SORT = [{ '@timestamp': { order: 'asc' } }, { _doc: { order: 'asc' } }];

interface SearchHit {
  _index?: string;
  _id?: string;
  _source?: Record<string, unknown>;
  fields?: Record<string, unknown>;
  sort?: unknown[];
}
interface SearchAnswer {
  hits?: { total?: { value: number; relation?: string } | number; hits?: SearchHit[] };
  aggregations?: { last?: { value?: number | null; value_as_string?: string } };
}
interface EsqlAnswer {
  columns?: Array<{ name: string; type?: string }>;
  values?: unknown[][];
}

/** Nested `_source` objects as dotted columns (`source.ip`), the way Kibana shows them; arrays stay values. */
export function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}

const totalOf = (t: { value: number } | number | undefined): number => (typeof t === 'number' ? t : (t?.value ?? 0));

/**
 * Elasticsearch (and OpenSearch for Query DSL) with an API key: hunt queries are Query DSL JSON searched
 * in `CAPEO_ELASTIC_INDEX` with `sort` + `search_after` paging up to the limit, or ES|QL when the query
 * starts with FROM; the time range is a filter on `@timestamp` either way. The heartbeat counts a
 * source's documents (`CAPEO_ELASTIC_SOURCE_FIELD` = source) in the silence window.
 */
export class ElasticSiem implements SiemPort {
  readonly name = SYSTEM;

  constructor(
    private readonly settings: ElasticSettings,
    private readonly timeoutMs: number,
    private readonly options: ElasticSiemOptions = {},
  ) {}

  async check(): Promise<CheckResult> {
    const missing = missingSettings(this.settings, REQUIRED);
    if (missing.length) return { ok: false, detail: `set ${missing.join(', ')}` };
    const host = safeHost(this.settings.CAPEO_ELASTIC_URL);
    try {
      const root = (await this.call<{ cluster_name?: string; version?: { number?: string; distribution?: string } }>({ url: this.url('/') })).body;
      const product = root?.version?.distribution === 'opensearch' ? 'OpenSearch' : 'Elasticsearch';
      const cluster = `${product} ${root?.version?.number ?? '(version unknown)'} cluster ${root?.cluster_name ?? '(unnamed)'} at ${host}`;
      return heartbeatVerdict(this.settings, cluster, `${this.sourceField()} values`, (sources) => `${cluster}; index ${this.index()}, heartbeat on ${this.sourceField()} for ${sources}`);
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async sources(): Promise<string[]> {
    return configuredSources(this.settings);
  }

  async runQuery(q: HuntQuery): Promise<QueryResult> {
    const w = queryWindow(q);
    assertConfigured(SYSTEM, this.settings, REQUIRED);
    const text = q.query.trim();
    return /^from\s/i.test(text) ? this.esql(text, w) : this.search(text, w);
  }

  async heartbeat(h: HeartbeatQuery): Promise<HeartbeatResult> {
    assertConfigured(SYSTEM, this.settings, REQUIRED);
    const now = new Date(h.now);
    const since = new Date(now.getTime() - h.silentAfterMinutes * 60_000);
    const answer = await this.searchCall({
      size: 0,
      track_total_hits: true,
      query: { bool: { filter: [{ term: { [this.sourceField()]: h.source } }, this.range(since, now, 'lte')] } },
      aggs: { last: { max: { field: '@timestamp' } } },
    });
    const lastSeen = isoOrNull(answer.aggregations?.last?.value ?? null);
    return { source: h.source, lastSeen, events: totalOf(answer.hits?.total), silent: isSilent(lastSeen, h.now, h.silentAfterMinutes) };
  }

  private async search(text: string, w: QueryWindow): Promise<QueryResult> {
    let dsl: unknown;
    try {
      dsl = JSON.parse(text);
    } catch {
      throw invalidQuery(`${SYSTEM}: a hunt query is Query DSL JSON (a query, or a search body with ${BODY_KEYS.join(', ')}) or ES|QL starting with FROM`);
    }
    if (!dsl || typeof dsl !== 'object' || Array.isArray(dsl)) throw invalidQuery(`${SYSTEM}: the Query DSL must be a JSON object`);
    const body = 'query' in dsl ? (dsl as Record<string, unknown>) : { query: dsl };
    const extra = Object.keys(body).filter((k) => !BODY_KEYS.includes(k));
    if (extra.length) throw invalidQuery(`${SYSTEM}: ${extra.join(', ')} cannot be set in a hunt query (allowed: ${BODY_KEYS.join(', ')}; use ES|QL for aggregations)`);

    const pageSize = Math.min(w.limit, this.options.pageSize ?? 500);
    const rows: Array<Record<string, unknown>> = [];
    let total = 0;
    let after: unknown[] | undefined;
    for (;;) {
      const answer = await this.searchCall({
        ...body,
        size: Math.min(pageSize, w.limit - rows.length),
        track_total_hits: true,
        query: { bool: { must: [body.query], filter: [this.range(w.from, w.to, 'lt')] } },
        sort: body.sort ?? DEFAULT_SORT,
        ...(after && { search_after: after }),
      });
      const hits = answer.hits?.hits ?? [];
      if (!after) total = totalOf(answer.hits?.total);
      for (const hit of hits) rows.push({ _index: hit._index, _id: hit._id, ...flatten(hit._source ?? {}), ...hit.fields });
      after = hits.at(-1)?.sort;
      if (rows.length >= w.limit || hits.length < pageSize || !after) break;
    }
    // Total hits are exact with track_total_hits; never fewer than what was seen.
    return toQueryResult(columnsOf(rows), rows, w.limit, Math.max(total, rows.length));
  }

  private async esql(query: string, w: QueryWindow): Promise<QueryResult> {
    let answer: EsqlAnswer | null;
    try {
      answer = (await this.call<EsqlAnswer>({ url: this.url('/_query'), method: 'POST', body: { query, filter: this.range(w.from, w.to, 'lt') } })).body;
    } catch (err) {
      throw asQueryRefusal(err);
    }
    const columns = (answer?.columns ?? []).map((c) => c.name);
    return toQueryResult(columns, rowObjects(columns, answer?.values ?? []), w.limit);
  }

  private async searchCall(body: Record<string, unknown>): Promise<SearchAnswer> {
    try {
      return (await this.call<SearchAnswer>({ url: this.url(`/${encodeURIComponent(this.index())}/_search`), method: 'POST', body })).body ?? {};
    } catch (err) {
      throw asQueryRefusal(err);
    }
  }

  private range(from: Date, to: Date, upper: 'lt' | 'lte') {
    return { range: { '@timestamp': { gte: from.toISOString(), [upper]: to.toISOString(), format: 'strict_date_optional_time' } } };
  }

  private index(): string {
    return this.settings.CAPEO_ELASTIC_INDEX ?? 'logs-*';
  }

  private sourceField(): string {
    return this.settings.CAPEO_ELASTIC_SOURCE_FIELD ?? 'event.dataset';
  }

  private url(path: string): string {
    return `${baseUrl(this.settings.CAPEO_ELASTIC_URL!)}${path}`;
  }

  private call<T>(req: Omit<HttpRequest, 'system'>) {
    return httpCall<T>({ system: SYSTEM, timeoutMs: this.timeoutMs, ...req, headers: { authorization: `ApiKey ${this.settings.CAPEO_ELASTIC_API_KEY}`, ...req.headers } });
  }
}

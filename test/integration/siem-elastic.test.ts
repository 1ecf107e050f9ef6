import { ElasticSiem, type ElasticSettings } from '../../activities/siem/elastic-siem';
import { startContractServer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { failure } from '../support/failures';

const KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };
const timeFilter = { range: { '@timestamp': { gte: '2026-11-01T00:00:00.000Z', lt: '2026-11-21T00:00:00.000Z', format: 'strict_date_optional_time' } } };
const SORT = [{ '@timestamp': { order: 'asc' } }, { _doc: { order: 'asc' } }];

/** Seven DNS documents; pages answered by search_after on their sort values. */
const DOCS = Array.from({ length: 7 }, (_, i) => ({
  _index: '.ds-logs-dns-2026.11.01-000001',
  _id: `d${i}`,
  _source: { '@timestamp': `2026-11-0${i + 1}T10:00:00.000Z`, dns: { question: { name: 'examp1e-login.com' } }, host: { name: `ws-0${i}` } },
  sort: [Date.parse(`2026-11-0${i + 1}T10:00:00.000Z`), i],
}));

let srv: ContractServer;
let search: (body: Record<string, unknown>) => { status: number; body?: unknown; headers?: Record<string, string> };

beforeAll(async () => {
  srv = await startContractServer({
    'POST /logs-*/_search': (r) => search(JSON.parse(r.body) as Record<string, unknown>),
    'POST /_query': (r) => {
      const { query } = JSON.parse(r.body) as { query: string };
      if (query.includes('STATZ')) return { status: 400, body: { error: { type: 'parsing_exception', reason: "line 1:23: mismatched input 'STATZ'" }, status: 400 } };
      return {
        status: 200,
        body: { columns: [{ name: 'n', type: 'long' }, { name: 'host.name', type: 'keyword' }], values: [[4, 'ws-01'], [2, 'ws-02'], [1, 'ws-03']] },
      };
    },
    'GET /': (r) =>
      r.headers.authorization === `ApiKey ${KEY}`
        ? { status: 200, body: { name: 'es01', cluster_name: 'soc-logs', version: { number: '8.15.3', build_flavor: 'default' }, tagline: 'You Know, for Search' } }
        : { status: 401, body: { error: { type: 'security_exception', reason: 'unable to authenticate with provided credentials' }, status: 401 } },
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
  search = (body) => {
    const after = body.search_after as number[] | undefined;
    const start = after ? DOCS.findIndex((d) => d.sort[1] === after[1]) + 1 : 0;
    return { status: 200, body: { took: 3, timed_out: false, hits: { total: { value: DOCS.length, relation: 'eq' }, hits: DOCS.slice(start, start + (body.size as number)) } } };
  };
});

const settings = (over: Partial<ElasticSettings> = {}): ElasticSettings => ({
  CAPEO_ELASTIC_URL: srv.baseUrl,
  CAPEO_ELASTIC_API_KEY: KEY,
  CAPEO_ELASTIC_INDEX: 'logs-*',
  CAPEO_ELASTIC_SOURCE_FIELD: 'event.dataset',
  CAPEO_SIEM_SOURCES: ['dns', 'proxy'],
  ...over,
});
const elastic = (over: Partial<ElasticSettings> = {}, pageSize?: number) => new ElasticSiem(settings(over), 5000, { pageSize });
const json = (r: RecordedRequest): unknown => JSON.parse(r.body);

test('Query DSL: pages of sort + search_after up to the limit, inside the time range, with the API key', async () => {
  const clause = { match: { 'dns.question.name': 'examp1e-login.com' } };
  const r = await elastic({}, 2).runQuery({ query: JSON.stringify(clause), ...range, limit: 5 });

  expect(srv.requests.map((q) => `${q.method} ${q.url}`)).toEqual(Array(3).fill('POST /logs-*/_search'));
  for (const q of srv.requests) expect(q.headers).toMatchObject({ authorization: `ApiKey ${KEY}`, 'content-type': 'application/json', accept: 'application/json' });
  const page = (size: number, after?: unknown[]) => ({
    query: { bool: { must: [clause], filter: [timeFilter] } },
    size,
    track_total_hits: true,
    sort: SORT,
    ...(after && { search_after: after }),
  });
  expect(srv.requests.map(json)).toEqual([page(2), page(2, DOCS[1]!.sort), page(1, DOCS[3]!.sort)]);

  expect(r.rowCount).toBe(7);
  expect(r.truncated).toBe(true);
  expect(r.columns).toEqual(['_index', '_id', '@timestamp', 'dns.question.name', 'host.name']);
  expect(r.sample.map((s) => s['_id'])).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  expect(r.sample[0]).toEqual({ _index: DOCS[0]!._index, _id: 'd0', '@timestamp': '2026-11-01T10:00:00.000Z', 'dns.question.name': 'examp1e-login.com', 'host.name': 'ws-00' });
});

test('a search body keeps its own sort and _source; the last short page ends the paging', async () => {
  const body = { query: { term: { 'host.name': 'ws-03' } }, sort: [{ '@timestamp': 'desc' }], _source: ['host.name'] };
  search = () => ({ status: 200, body: { hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'logs-a', _id: 'x', _source: { host: { name: 'ws-03' } }, sort: [1] }] } } });
  const r = await elastic().runQuery({ query: JSON.stringify(body), ...range });
  expect(srv.requests.map(json)).toEqual([{ query: { bool: { must: [body.query], filter: [timeFilter] } }, sort: body.sort, _source: ['host.name'], size: 20, track_total_hits: true }]);
  expect(r).toEqual({ columns: ['_index', '_id', 'host.name'], rowCount: 1, sample: [{ _index: 'logs-a', _id: 'x', 'host.name': 'ws-03' }], truncated: false });
});

test('ES|QL: a query starting with FROM goes to /_query with the time range as filter; columns and values become rows', async () => {
  const esql = 'FROM logs-* | STATS n = COUNT(*) BY host.name | SORT n DESC';
  const r = await elastic().runQuery({ query: esql, ...range, limit: 2 });
  expect(srv.requests.map((q) => `${q.method} ${q.url} ${q.headers.authorization}`)).toEqual([`POST /_query ApiKey ${KEY}`]);
  expect(json(srv.requests[0]!)).toEqual({ query: esql, filter: timeFilter });
  expect(r).toEqual({ columns: ['n', 'host.name'], rowCount: 3, sample: [{ n: 4, 'host.name': 'ws-01' }, { n: 2, 'host.name': 'ws-02' }], truncated: true });
});

test('bad queries are non-retryable SIEM_QUERY_INVALID: not JSON, forbidden keys (before any call), and what Elasticsearch refuses', async () => {
  for (const query of ['dns.question.name:foo', '[1,2]', JSON.stringify({ query: { match_all: {} }, aggs: { a: { terms: { field: 'x' } } } })]) {
    const f = await failure(elastic().runQuery({ query, ...range }));
    expect(f.type).toBe('SIEM_QUERY_INVALID');
    expect(f.nonRetryable).toBe(true);
  }
  expect(srv.requests).toHaveLength(0);

  search = () => ({ status: 400, body: { error: { root_cause: [{ type: 'parsing_exception', reason: 'unknown query [matsh]' }], type: 'parsing_exception', reason: 'unknown query [matsh]' }, status: 400 } });
  const dsl = await failure(elastic().runQuery({ query: '{"matsh":{"a":1}}', ...range }));
  expect(dsl.type).toBe('SIEM_QUERY_INVALID');
  expect(dsl.message).toContain('unknown query [matsh]');
  const esql = await failure(elastic().runQuery({ query: 'from logs-* | STATZ n = COUNT(*)', ...range }));
  expect(esql.type).toBe('SIEM_QUERY_INVALID');
  expect(esql.message).toContain("mismatched input 'STATZ'");
});

test('heartbeat: count and max(@timestamp) of the source in the window, size 0; no documents is silent', async () => {
  search = (body) => {
    const term = ((body.query as { bool: { filter: Array<{ term?: Record<string, string> }> } }).bool.filter[0]!.term ?? {})['event.dataset'];
    return term === 'dns'
      ? { status: 200, body: { hits: { total: { value: 310, relation: 'eq' }, hits: [] }, aggregations: { last: { value: Date.parse('2026-11-21T22:58:00Z'), value_as_string: '2026-11-21T22:58:00.000Z' } } } }
      : { status: 200, body: { hits: { total: { value: 0, relation: 'eq' }, hits: [] }, aggregations: { last: { value: null } } } };
  };
  const now = '2026-11-21T23:00:00Z';
  const e = elastic();
  expect(await e.heartbeat({ source: 'dns', silentAfterMinutes: 30, now })).toEqual({ source: 'dns', lastSeen: '2026-11-21T22:58:00.000Z', events: 310, silent: false });
  expect(await e.heartbeat({ source: 'proxy', silentAfterMinutes: 30, now })).toEqual({ source: 'proxy', lastSeen: null, events: 0, silent: true });
  expect(json(srv.requests[0]!)).toEqual({
    size: 0,
    track_total_hits: true,
    query: {
      bool: {
        filter: [{ term: { 'event.dataset': 'dns' } }, { range: { '@timestamp': { gte: '2026-11-21T22:30:00.000Z', lte: '2026-11-21T23:00:00.000Z', format: 'strict_date_optional_time' } } }],
      },
    },
    aggs: { last: { max: { field: '@timestamp' } } },
  });
  expect(srv.requests[0]!.headers.authorization).toBe(`ApiKey ${KEY}`);
  expect(await e.sources()).toEqual(['dns', 'proxy']);
});

test('429 is retryable and honours Retry-After; 401 never shows the key', async () => {
  search = () => ({ status: 429, body: { error: { type: 'es_rejected_execution_exception' } }, headers: { 'retry-after': '9' } });
  const limited = await failure(elastic().runQuery({ query: '{"match_all":{}}', ...range }));
  expect(limited.type).toBe('EXTERNAL_UNAVAILABLE');
  expect(limited.nonRetryable).toBe(false);
  expect(limited.nextRetryDelay).toBe(9000);

  search = () => ({ status: 401, body: { error: { type: 'security_exception', reason: 'unable to authenticate' } } });
  const denied = await failure(elastic().heartbeat({ source: 'dns', silentAfterMinutes: 5, now: range.to }));
  expect(denied.type).toBe('EXTERNAL_AUTH_REJECTED');
  expect(denied.message).not.toContain(KEY);
});

test('check: GET / names cluster and version; what to fix otherwise', async () => {
  const host = new URL(srv.baseUrl).host;
  expect(await elastic().check()).toEqual({ ok: true, detail: `Elasticsearch 8.15.3 cluster soc-logs at ${host}; index logs-*, heartbeat on event.dataset for dns, proxy` });
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /']);
  expect(await elastic({ CAPEO_ELASTIC_URL: undefined, CAPEO_ELASTIC_API_KEY: undefined }).check()).toEqual({ ok: false, detail: 'set CAPEO_ELASTIC_URL, CAPEO_ELASTIC_API_KEY' });
  const denied = await elastic({ CAPEO_ELASTIC_API_KEY: 'wrong-key' }).check();
  expect(denied.ok).toBe(false);
  expect(denied.detail).toMatch(/elastic answered 401/);
  expect(denied.detail).not.toContain('wrong-key');
  expect((await elastic({ CAPEO_SIEM_SOURCES: undefined }).check()).detail).toMatch(/set the event.dataset values/);
  expect((await failure(elastic({ CAPEO_ELASTIC_API_KEY: undefined }).runQuery({ query: '{}', ...range }))).type).toBe('INTEGRATION_NOT_CONFIGURED');
});

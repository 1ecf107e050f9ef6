import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileArtifactStore } from '../../activities/artifacts/artifact-store';
import { createSiemActivities } from '../../activities/siem/siem-activities';
import { SplunkSiem, type SplunkSettings } from '../../activities/siem/splunk-siem';
import { failure } from '../support/failures';
import { startContractServer, type Answer, type ContractServer, type RecordedRequest } from '../support/contract-server';

const TOKEN = 'splunk-tok-s3cret';
const EXPORT = 'POST /services/search/v2/jobs/export';
const ndjson = (...lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

/** What the fake Splunk answers to each search string. */
let answers: Record<string, Answer>;
let srv: ContractServer;

beforeAll(async () => {
  srv = await startContractServer({
    [EXPORT]: (r) => answers[new URLSearchParams(r.body).get('search') ?? ''] ?? { status: 200, text: ndjson({ preview: false, lastrow: true }) },
    'GET /services/server/info?output_mode=json': (r) =>
      r.headers.authorization === `Bearer ${TOKEN}`
        ? { status: 200, text: JSON.stringify({ entry: [{ name: 'server-info', content: { serverName: 'splunk-idx1', version: '9.3.2', product_type: 'enterprise' } }] }) }
        : { status: 401, text: JSON.stringify({ messages: [{ type: 'WARN', text: 'call not properly authenticated' }] }) },
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
  answers = {};
});

const settings = (over: Partial<SplunkSettings> = {}): SplunkSettings => ({
  CAPEO_SPLUNK_URL: `${srv.baseUrl}/`,
  CAPEO_SPLUNK_TOKEN: TOKEN,
  CAPEO_SPLUNK_INDEX: 'main',
  CAPEO_SIEM_SOURCES: ['dns', 'proxy'],
  ...over,
});
const splunk = (over: Partial<SplunkSettings> = {}) => new SplunkSiem(settings(over), 5000);
const form = (r: RecordedRequest) => Object.fromEntries(new URLSearchParams(r.body));
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };

test('a hunt query is one form-encoded export POST with the bearer token; only final results count, bookkeeping fields dropped', async () => {
  const spl = 'index=main sourcetype=dns query="examp1e-login.com"';
  answers[`search ${spl}`] = {
    status: 200,
    text: ndjson(
      { preview: true, offset: 0, result: { _time: '2026-11-03T10:00:00.000+00:00', query: 'stale-preview.com' } },
      ...[1, 2, 3].map((i) => ({
        preview: false,
        offset: i - 1,
        ...(i === 3 && { lastrow: true }),
        result: { _bkt: 'main~1~x', _cd: '1:2', _serial: String(i), _time: `2026-11-0${i}T10:00:00.000+00:00`, _raw: `q${i}`, host: `ws-0${i}`, query: 'examp1e-login.com' },
      })),
    ),
  };
  const r = await splunk().runQuery({ query: spl, ...range, limit: 2 });

  expect(srv.requests).toHaveLength(1);
  const [req] = srv.requests;
  expect(`${req!.method} ${req!.url}`).toBe(EXPORT);
  expect(req!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
  expect(form(req!)).toEqual({ search: `search ${spl}`, earliest_time: '1793491200', latest_time: '1795219200', output_mode: 'json' });
  expect(req!.body).toBe(new URLSearchParams({ search: `search ${spl}`, earliest_time: '1793491200', latest_time: '1795219200', output_mode: 'json' }).toString());

  expect(r).toEqual({
    columns: ['_time', '_raw', 'host', 'query'],
    rowCount: 3,
    sample: [
      { _time: '2026-11-01T10:00:00.000+00:00', _raw: 'q1', host: 'ws-01', query: 'examp1e-login.com' },
      { _time: '2026-11-02T10:00:00.000+00:00', _raw: 'q2', host: 'ws-02', query: 'examp1e-login.com' },
    ],
    truncated: true,
  });
});

test('a search that starts with a generating command is sent as it is', async () => {
  answers['| tstats count where index=main by sourcetype'] = {
    status: 200,
    text: ndjson({ preview: false, offset: 0, result: { sourcetype: 'dns', count: '200' } }, { preview: false, offset: 1, lastrow: true, result: { sourcetype: 'proxy', count: '120' } }),
  };
  const r = await splunk().runQuery({ query: ' | tstats count where index=main by sourcetype ', ...range });
  expect(form(srv.requests[0]!)['search']).toBe('| tstats count where index=main by sourcetype');
  expect(r).toEqual({ columns: ['sourcetype', 'count'], rowCount: 2, sample: [{ sourcetype: 'dns', count: '200' }, { sourcetype: 'proxy', count: '120' }], truncated: false });
});

test('a syntax error, in the stream or as a 400, is a non-retryable SIEM_QUERY_INVALID quoting Splunk', async () => {
  answers['search index=main | statz count'] = { status: 200, text: ndjson({ preview: false, messages: [{ type: 'FATAL', text: "Unknown search command 'statz'." }] }) };
  answers['search index=main | where ('] = { status: 400, text: JSON.stringify({ messages: [{ type: 'FATAL', text: "Error in 'where' command: The expression is malformed." }] }) };
  for (const [query, said] of [['index=main | statz count', "Unknown search command 'statz'."], ['index=main | where (', "Error in 'where' command"]] as const) {
    const f = await failure(splunk().runQuery({ query, ...range }));
    expect(f.type).toBe('SIEM_QUERY_INVALID');
    expect(f.nonRetryable).toBe(true);
    expect(f.message).toContain(said);
  }
  // An INFO/WARN message is not an error.
  answers['search index=main nothing'] = { status: 200, text: ndjson({ preview: false, messages: [{ type: 'INFO', text: 'Your timerange was substituted' }] }, { preview: false, lastrow: true }) };
  expect(await splunk().runQuery({ query: 'index=main nothing', ...range })).toEqual({ columns: [], rowCount: 0, sample: [], truncated: false });
});

test('bad ranges are refused before Splunk is called', async () => {
  expect((await failure(splunk().runQuery({ query: 'index=main', from: range.to, to: range.from }))).type).toBe('SIEM_QUERY_INVALID');
  expect((await failure(splunk().runQuery({ query: 'index=main', from: 'yesterday', to: range.to }))).type).toBe('SIEM_QUERY_INVALID');
  expect(srv.requests).toHaveLength(0);
});

test('heartbeat: a stats search over the window per sourcetype; a source without events in it is silent', async () => {
  answers['search index="main" sourcetype="dns" earliest=-60m | stats count max(_time) as last'] = {
    status: 200,
    text: ndjson({ preview: false, offset: 0, lastrow: true, result: { count: '42', last: '1795301400.000' } }),
  };
  answers['search index="main" sourcetype="proxy" earliest=-60m | stats count max(_time) as last'] = {
    status: 200,
    text: ndjson({ preview: false, offset: 0, lastrow: true, result: { count: '0' } }),
  };
  const now = '2026-11-21T23:00:00Z';
  const s = splunk();
  expect(await s.heartbeat({ source: 'dns', silentAfterMinutes: 60, now })).toEqual({ source: 'dns', lastSeen: '2026-11-21T22:50:00.000Z', events: 42, silent: false });
  expect(await s.heartbeat({ source: 'proxy', silentAfterMinutes: 60, now })).toEqual({ source: 'proxy', lastSeen: null, events: 0, silent: true });
  expect(srv.requests.map((r) => form(r))).toEqual([
    { search: 'search index="main" sourcetype="dns" earliest=-60m | stats count max(_time) as last', output_mode: 'json' },
    { search: 'search index="main" sourcetype="proxy" earliest=-60m | stats count max(_time) as last', output_mode: 'json' },
  ]);
  expect(srv.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  // A quote in a sourcetype cannot break out of the search.
  await s.heartbeat({ source: 'x" OR index=*', silentAfterMinutes: 5, now });
  expect(form(srv.requests[2]!)['search']).toBe('search index="main" sourcetype="x\\" OR index=*" earliest=-5m | stats count max(_time) as last');
});

test('the visibility watch: checkHeartbeats walks CAPEO_SIEM_SOURCES', async () => {
  answers['search index="web" sourcetype="dns" earliest=-1440m | stats count max(_time) as last'] = {
    status: 200,
    text: ndjson({ preview: false, lastrow: true, result: { count: '5', last: '1795236000' } }),
  };
  const dir = mkdtempSync(join(tmpdir(), 'capeo-splunk-'));
  try {
    const acts = createSiemActivities(splunk({ CAPEO_SPLUNK_INDEX: 'web' }), new FileArtifactStore(dir));
    const beats = await acts.checkHeartbeats({ silentAfterMinutes: 1440, now: '2026-11-21T12:00:00Z' });
    expect(beats).toEqual([
      { source: 'dns', lastSeen: '2026-11-21T04:40:00.000Z', events: 5, silent: false },
      { source: 'proxy', lastSeen: null, events: 0, silent: true },
    ]);
    answers['search index=web | head 1'] = { status: 200, text: ndjson({ preview: false, lastrow: true, result: { host: 'a' } }) };
    const run = await acts.runHuntQuery({ missionId: 'mission-EAVD01-1', runId: 'Q1', query: 'index=web | head 1', ...range });
    expect(JSON.parse(readFileSync(join(dir, run.evidence.path), 'utf8'))).toMatchObject({ siem: 'splunk', rowCount: 1, sample: [{ host: 'a' }] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('429 is retryable and honours Retry-After; 401 is an auth failure that never shows the token', async () => {
  answers['search index=busy'] = { status: 429, text: '{"messages":[{"type":"ERROR","text":"too many searches"}]}', headers: { 'retry-after': '12' } };
  const limited = await failure(splunk().runQuery({ query: 'index=busy', ...range }));
  expect(limited.type).toBe('EXTERNAL_UNAVAILABLE');
  expect(limited.nonRetryable).toBe(false);
  expect(limited.nextRetryDelay).toBe(12_000);

  answers['search index=locked'] = { status: 401, text: '{"messages":[{"type":"WARN","text":"call not properly authenticated"}]}' };
  const denied = await failure(splunk().runQuery({ query: 'index=locked', ...range }));
  expect(denied.type).toBe('EXTERNAL_AUTH_REJECTED');
  expect(denied.message).not.toContain(TOKEN);
});

test('check: server info with name and version; what to fix when settings, sources or the token are wrong', async () => {
  expect(await splunk().check()).toEqual({ ok: true, detail: `Splunk 9.3.2 on splunk-idx1 at ${new URL(srv.baseUrl).host}; heartbeat over index main for sourcetypes dns, proxy` });
  expect(srv.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`)).toEqual([`GET /services/server/info?output_mode=json Bearer ${TOKEN}`]);

  expect(await splunk({ CAPEO_SPLUNK_TOKEN: undefined }).check()).toEqual({ ok: false, detail: 'set CAPEO_SPLUNK_TOKEN' });
  const noSources = await splunk({ CAPEO_SIEM_SOURCES: undefined }).check();
  expect(noSources.ok).toBe(false);
  expect(noSources.detail).toMatch(/CAPEO_SIEM_SOURCES/);
  const wrong = await splunk({ CAPEO_SPLUNK_TOKEN: 'nope' }).check();
  expect(wrong.ok).toBe(false);
  expect(wrong.detail).toMatch(/splunk answered 401/);
  expect(wrong.detail).not.toContain('nope');
});

test('without its settings the adapter refuses to run, naming what to set', async () => {
  const f = await failure(splunk({ CAPEO_SPLUNK_URL: undefined }).runQuery({ query: 'index=main', ...range }));
  expect(f.type).toBe('INTEGRATION_NOT_CONFIGURED');
  expect(f.message).toBe('splunk: set CAPEO_SPLUNK_URL');
  expect(await splunk({ CAPEO_SIEM_SOURCES: ['wineventlog'] }).sources()).toEqual(['wineventlog']);
});

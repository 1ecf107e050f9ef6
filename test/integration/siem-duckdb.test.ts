import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FileArtifactStore } from '../../activities/artifacts/artifact-store';
import { DuckDbSiem } from '../../activities/siem/duckdb-siem';
import { createSiemActivities } from '../../activities/siem/siem-activities';
import { failure } from '../support/failures';

const LOGS = join(__dirname, '..', '..', 'samples', 'logs');
const siem = new DuckDbSiem(LOGS);
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };

test('one source per file, NDJSON and CSV alike, queried with SQL', async () => {
  expect(await siem.sources()).toEqual(['dns', 'edr', 'mail', 'proxy']);
  const dns = await siem.runQuery({ query: "select query, count(*) as n from dns where query = 'examp1e-login.com' group by query", ...range });
  expect(dns.columns).toEqual(['query', 'n']);
  expect(dns.rowCount).toBe(1);
  const lines = readFileSync(join(LOGS, 'dns.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { query: string });
  expect(Number(dns.sample[0]!['n'])).toBe(lines.filter((l) => l.query === 'examp1e-login.com').length);
  const proxy = await siem.runQuery({ query: 'select * from proxy', ...range, limit: 5 });
  expect(proxy.rowCount).toBe(120);
  expect(proxy.sample).toHaveLength(5);
  expect(proxy.truncated).toBe(true);
});

test('the time range restricts every source', async () => {
  const all = await siem.runQuery({ query: 'select count(*) as n from dns', ...range });
  const firstDay = await siem.runQuery({ query: 'select count(*) as n from dns', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' });
  expect(Number(all.sample[0]!['n'])).toBe(200);
  expect(Number(firstDay.sample[0]!['n'])).toBeGreaterThan(0);
  expect(Number(firstDay.sample[0]!['n'])).toBeLessThan(20);
});

test('only read-only single queries run; bad SQL and file access are refused as non-retryable', async () => {
  for (const query of ['drop view dns', 'select 1; select 2', "copy dns to '/tmp/x.csv'", 'attach \'/tmp/x.db\'']) {
    const f = await failure(siem.runQuery({ query, ...range }));
    expect(f.type).toBe('SIEM_QUERY_INVALID');
    expect(f.nonRetryable).toBe(true);
  }
  expect((await failure(siem.runQuery({ query: 'select nope from dns', ...range }))).message).toMatch(/nope/);
  const fileRead = await failure(siem.runQuery({ query: "select * from read_csv_auto('/etc/passwd')", ...range }));
  expect(fileRead.type).toBe('SIEM_QUERY_INVALID');
});

test('heartbeat: the source that went silent is silent, the others are not', async () => {
  const now = '2026-11-22T00:00:00Z';
  const results = await Promise.all((await siem.sources()).map((source) => siem.heartbeat({ source, silentAfterMinutes: 24 * 60, now })));
  expect(results.filter((r) => r.silent).map((r) => r.source)).toEqual(['edr']);
  expect(results.find((r) => r.source === 'edr')!.lastSeen! < '2026-11-05T00:00:00Z').toBe(true);
  // Against the wall clock, a static lake is silent as a whole.
  const strict = new DuckDbSiem(LOGS, { heartbeatReference: 'now' });
  expect((await strict.heartbeat({ source: 'dns', silentAfterMinutes: 60, now: '2026-12-31T00:00:00Z' })).silent).toBe(true);
});

test('runHuntQuery keeps its evidence at one path per run: a retry leaves one file with the same content', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-siem-'));
  const acts = createSiemActivities(siem, new FileArtifactStore(dir));
  const input = { missionId: 'mission-EAVD01-1', runId: 'Q1', query: 'select host, count(*) as n from proxy group by host order by n desc, host', ...range };
  const first = await acts.runHuntQuery(input);
  const again = await acts.runHuntQuery(input);
  expect(again.evidence).toEqual(first.evidence);
  expect(existsSync(join(dir, 'mission-EAVD01-1/queries/Q1.json'))).toBe(true);
  expect(JSON.parse(readFileSync(join(dir, first.evidence.path), 'utf8'))).toMatchObject({ query: input.query, rowCount: first.rowCount });
  const beats = await acts.checkHeartbeats({ silentAfterMinutes: 24 * 60, now: '2026-11-22T00:00:00Z' });
  expect(beats.map((b) => b.source)).toEqual(['dns', 'edr', 'mail', 'proxy']);
});

test('Parquet files are sources too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-parquet-'));
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(
    `COPY (SELECT TIMESTAMPTZ '2026-11-10 10:00:00+00' + INTERVAL (i) MINUTE AS ts, 'host-' || (i % 3) AS host FROM range(30) t(i)) TO '${join(dir, 'netflow.parquet')}' (FORMAT parquet)`,
  );
  c.closeSync();
  const lake = new DuckDbSiem(dir);
  expect(await lake.sources()).toEqual(['netflow']);
  const r = await lake.runQuery({ query: 'select host, count(*) as n from netflow group by host order by host', ...range });
  expect(r.sample).toEqual([{ host: 'host-0', n: '10' }, { host: 'host-1', n: '10' }, { host: 'host-2', n: '10' }]);
});

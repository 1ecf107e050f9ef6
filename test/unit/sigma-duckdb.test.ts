import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbSiem } from '../../activities/siem/duckdb-siem';
import { convertSigma, parseSigmaRule } from '../../domain/sigma';
import { lakeSourceName } from '../../domain/sigma/mapping';

/**
 * The Sigma corpus (test/fixtures/sigma: each rule with an NDJSON log whose events are hits `h…` or
 * near misses `m…`, decided from the Sigma specification) through capeo's DuckDB conversion and the
 * embedded SIEM itself: each query must select exactly the hits.
 */
const DIR = join(__dirname, '..', 'fixtures', 'sigma');
const RULES = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort();
const events = (rule: string) =>
  readFileSync(join(DIR, rule.replace(/\.yml$/, '.ndjson')), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string });
const view = (rule: string) => lakeSourceName(rule.replace(/\.yml$/, ''));

const siem = new DuckDbSiem(DIR);
const RANGE = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', limit: 1000 };

test('the corpus holds at least 50 rules, each log with a hit and a near miss', () => {
  expect(RULES.length).toBeGreaterThanOrEqual(50);
  for (const rule of RULES) {
    const ids = events(rule).map((e) => e.id);
    expect({ rule, hit: ids.some((i) => i.startsWith('h')), miss: ids.some((i) => i.startsWith('m')) }).toEqual({ rule, hit: true, miss: true });
  }
});

test.each(RULES)('%s: the DuckDB query selects exactly the hits', async (rule) => {
  const parsed = parseSigmaRule(readFileSync(join(DIR, rule), 'utf8'));
  const { query } = convertSigma(parsed, 'duckdb', { fields: {}, logsources: [], default: view(rule) });
  const result = await siem.runQuery({ query, ...RANGE });
  const selected = result.sample.map((r) => String(r['id'])).sort();
  expect(selected).toEqual(events(rule).map((e) => e.id).filter((i) => i.startsWith('h')).sort());
});

/**
 * capeo's Sigma conversion against pySigma (versions pinned in test/requirements.txt), run as an oracle
 * over the corpus in test/fixtures/sigma. No Temporal involved.
 * - SPL, ES|QL, KQL: capeo's query and pySigma's backend output, normalised (whitespace, quotes,
 *   redundant parentheses), must be equal except for the rule/language pairs docs/sigma.md lists with
 *   a reason, and that list must be exact: a new difference, or a listed one that went away, fails.
 * - DuckDB: pySigma's DuckDB backend's SQL is run over each rule's log in the embedded SIEM; where it
 *   selects other events than the specification (the hits `h…`), docs/sigma.md must say so, exactly.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DuckDbSiem } from '../../activities/siem/duckdb-siem';
import { convertSigma, parseSigmaRule } from '../../domain/sigma';
import { lakeSourceName } from '../../domain/sigma/mapping';
import { normaliseQuery, type TextLanguage } from '../support/query-normalise';

const ROOT = resolve(__dirname, '../..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools/venv/bin/python');
const ORACLE = join(ROOT, 'test/python/sigma_oracle.py');
const DIR = join(ROOT, 'test/fixtures/sigma');
const DOC = readFileSync(join(ROOT, 'docs/sigma.md'), 'utf8');
const RULES = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort();
const LANGUAGES: TextLanguage[] = ['spl', 'esql', 'kql'];

type Answer = { query: string } | { error: string };
interface Oracle {
  pysigma: string;
  backends: Record<string, string>;
  rules: Record<string, Record<TextLanguage | 'duckdb', Answer>>;
}
let oracle: Oracle;

/** The rows of the markdown table between `<!-- name:start -->` and `<!-- name:end -->`, cells trimmed. */
function tableRows(name: string): string[][] {
  const m = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(DOC);
  if (!m) throw new Error(`docs/sigma.md has no ${name} table`);
  return m[1]!
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1)
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, '')));
}

const hits = (rule: string) =>
  readFileSync(join(DIR, rule.replace(/\.yml$/, '.ndjson')), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { id: string }).id)
    .filter((id) => id.startsWith('h'))
    .sort();

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(PYTHON, [ORACLE, ...RULES.map((r) => join(DIR, r))], { maxBuffer: 64 * 1024 * 1024 });
  oracle = JSON.parse(stdout) as Oracle;
}, 120_000);

test('the oracle is the pinned pySigma', () => {
  const pins = readFileSync(join(ROOT, 'test/requirements.txt'), 'utf8');
  expect(pins).toContain(`pysigma==${oracle.pysigma}`);
  expect(pins).toContain(`pysigma-backend-splunk==${oracle.backends['spl']}`);
  expect(pins).toContain(`pysigma-backend-elasticsearch==${oracle.backends['esql']}`);
  expect(pins).toContain(`pysigma-backend-kusto==${oracle.backends['kql']}`);
  expect(pins).toContain(`pysigma-backend-duckdb==${oracle.backends['duckdb']}`);
});

test("SPL, ES|QL and KQL equal pySigma's after normalisation, except the differences docs/sigma.md lists", () => {
  const differences: string[] = [];
  let compared = 0;
  for (const rule of RULES) {
    const parsed = parseSigmaRule(readFileSync(join(DIR, rule), 'utf8'));
    for (const language of LANGUAGES) {
      let capeo: string | null;
      try {
        const c = convertSigma(parsed, language);
        // ES|QL: pySigma writes the whole query (from * …); SPL and KQL: the filter alone.
        capeo = normaliseQuery(language, language === 'esql' ? c.query : c.filter);
      } catch {
        capeo = null;
      }
      const answer = oracle.rules[rule]![language];
      const pysigma = 'query' in answer ? normaliseQuery(language, answer.query) : null;
      if (capeo !== null && pysigma !== null) compared++;
      if (capeo !== pysigma) differences.push(`${rule.replace(/\.yml$/, '')} ${language}`);
    }
  }
  const listed = tableRows('sigma-differences').map(([rule, language]) => `${rule} ${language}`);
  expect(differences.sort()).toEqual([...listed].sort());
  // Most pairs are compared for real, not both refused.
  expect(compared).toBeGreaterThan(RULES.length * 2.5);
});

test('every listed difference names a reason the document explains', () => {
  const reasons = [...tableRows('sigma-differences').map((r) => r[2]!), ...tableRows('pysigma-duckdb-departures').map((r) => r[3]!)];
  for (const reason of reasons.flatMap((r) => r.split(/,\s*/))) expect(DOC).toContain(`### ${reason}\n`);
});

test("pySigma's DuckDB backend departs from the specification exactly where docs/sigma.md says", async () => {
  const siem = new DuckDbSiem(DIR);
  const departures: string[] = [];
  for (const rule of RULES) {
    const answer = oracle.rules[rule]!.duckdb;
    let selected: string;
    if ('error' in answer) selected = 'refused';
    else {
      try {
        const view = lakeSourceName(rule.replace(/\.yml$/, ''));
        const query = answer.query.replace(/ FROM logs /, ` FROM ${view} `);
        const result = await siem.runQuery({ query, from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', limit: 1000 });
        selected = result.sample.map((r) => String(r['id'])).sort().join(', ') || 'none';
      } catch {
        selected = 'query fails';
      }
    }
    const spec = hits(rule).join(', ');
    if (selected !== spec) departures.push(`${rule.replace(/\.yml$/, '')} | ${spec} | ${selected}`);
  }
  const listed = tableRows('pysigma-duckdb-departures').map(([rule, spec, selected]) => `${rule} | ${spec} | ${selected}`);
  expect(departures.sort()).toEqual([...listed].sort());
}, 120_000);

import { isTest, type SigmaExpr, type SigmaTest } from './ast';
import { SigmaRuleError } from './errors';
import { isWildcard, normalisePattern, STAR, type Pattern } from './pattern';

/**
 * DuckDB SQL over the embedded lake's views, following the Sigma specification rather than
 * pySigma's DuckDB backend:
 * - each event is read as JSON (`to_json` of its row), so a field the log never holds is NULL, not a
 *   binding error, and nested fields are paths (`process.name` → `$."process"."name"`);
 * - string equality is case-insensitive: `lower(v) = lower('…')`; patterns use LIKE with `\` as the
 *   escape, so only `*` and `?` are wildcards and `_`, `%` in values are literal;
 * - NULL never satisfies a test, and `not` is two-valued: `NOT coalesce((…), false)` negates the
 *   whole group it precedes and keeps events that lack the field.
 */
const EVENT = 'capeo_event';
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function jsonPath(field: string): string {
  return `'$.${field.split('.').map((p) => `"${p}"`).join('.')}'`;
}
const value = (field: string) => `json_extract_string(${EVENT}, ${jsonPath(field)})`;

function likePattern(p: Pattern): string {
  return p.map((x) => (isWildcard(x) ? (x.wildcard === '*' ? '%' : '_') : x.replace(/[\\%_]/g, '\\$&'))).join('');
}

function stringTest(v: string, p: Pattern): string {
  if (!p.some(isWildcard)) return `lower(${v}) = lower(${sqlString(p.join(''))})`;
  return `lower(${v}) LIKE lower(${sqlString(likePattern(p))}) ESCAPE '\\'`;
}

function ipv4Number(v: string): string {
  const octet = (n: number) => `CAST(split_part(${v}, '.', ${n}) AS BIGINT)`;
  return `(${octet(1)} * 16777216 + ${octet(2)} * 65536 + ${octet(3)} * 256 + ${octet(4)})`;
}

function cidr4(v: string, cidr: string): string {
  const [net, len] = cidr.split('/') as [string, string];
  const base = net.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(len));
  const lo = Math.floor(base / size) * size;
  const octetRe = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
  const shape = `regexp_full_match(${v}, ${sqlString(Array(4).fill(octetRe).join('\\.'))})`;
  // CASE keeps the casts from running on values that are not addresses.
  return `CASE WHEN ${shape} THEN ${ipv4Number(v)} BETWEEN ${lo} AND ${lo + size - 1} ELSE false END`;
}

const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]|\(\?>|\\[GZ]/;

function regex(path: string, t: Extract<SigmaTest, { kind: 're' }>): string {
  if (RE2_UNSUPPORTED.test(t.regex)) {
    throw new SigmaRuleError(path, 'lookaround, backreferences and atomic groups are not supported by DuckDB regular expressions (RE2)', 'unsupported');
  }
  const flags = (['i', 'm', 's'] as const).filter((f) => t.flags[f]).join('');
  return `${flags ? `(?${flags})` : ''}${t.regex}`;
}

function test(t: SigmaTest, field: (f: string) => string): string {
  if (t.field === null) {
    // A keyword is found inside any of the event's values.
    const each = t.kind === 'string' ? stringTest('capeo_value', normalisePattern([STAR, ...t.pattern, STAR])) : `regexp_matches(capeo_value, ${sqlString(regex('detection', t as Extract<SigmaTest, { kind: 're' }>))})`;
    return `len(list_filter(json_extract_string(${EVENT}, '$.*'), capeo_value -> ${each})) > 0`;
  }
  const v = value(field(t.field));
  switch (t.kind) {
    case 'string':
      return stringTest(v, t.pattern);
    case 'number':
      return `TRY_CAST(${v} AS DOUBLE) = ${t.value}`;
    case 'boolean':
      return `lower(${v}) = '${t.value}'`;
    case 'null':
      return `${v} IS NULL`;
    case 'exists':
      return `${v} IS ${t.exists ? 'NOT ' : ''}NULL`;
    case 're':
      return `regexp_matches(${v}, ${sqlString(regex(`detection (${t.field}|re)`, t))})`;
    case 'cidr':
      if (t.version === 6) throw new SigmaRuleError(`detection (${t.field}|cidr)`, 'IPv6 CIDR is not supported by the DuckDB backend', 'unsupported');
      return cidr4(v, t.cidr);
  }
}

export function duckdbFilter(e: SigmaExpr, field: (f: string) => string): string {
  if (isTest(e)) return test(e, field);
  if (e.kind === 'not') return `NOT coalesce(${duckdbFilter(e.arg, field)}, false)`;
  return `(${e.args.map((a) => duckdbFilter(a, field)).join(e.kind === 'and' ? ' AND ' : ' OR ')})`;
}

export function duckdbQuery(view: string, filter: string): string {
  const from = view.split('.').map((p) => `"${p}"`).join('.');
  return `SELECT * EXCLUDE (${EVENT}) FROM (SELECT *, to_json(capeo_row) AS ${EVENT} FROM ${from} AS capeo_row) WHERE ${filter}`;
}

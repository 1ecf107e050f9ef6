import { isTest, type SigmaExpr, type SigmaTest } from './ast';
import { SigmaRuleError } from './errors';
import { isWildcard, shapeOf, type Pattern } from './pattern';
import { dq, inList } from './text-backend';

/**
 * KQL (`Table | where …`). Precedence: not, and, or. `=~`, `in~`, `startswith`, `endswith` and
 * `contains` are case-insensitive; a wildcard inside a value is an anchored, case-insensitive
 * `matches regex` (pySigma's regex is unanchored and case-sensitive, and inside a value list it
 * splits the value at its wildcards into `contains` tests). Kusto strings are empty, not null,
 * when a field is missing, so `not(…)` already keeps events without the field. Keywords are
 * `* contains "…"` (any column), where pySigma writes a bare string, which KQL does not take.
 */
// A dotted field is a path into a dynamic column (`process.name`), as in the DuckDB backend.
const field = (f: string) => (/^\w+(\.\w+)*$/.test(f) ? f : `['${f.replace(/'/g, "\\'")}']`);

const wildcardRegex = (p: Pattern) =>
  `(?i)^${p.map((x) => (isWildcard(x) ? (x.wildcard === '*' ? '.*' : '.') : x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`;

function stringTest(f: string, p: Pattern): string {
  const s = shapeOf(p);
  switch (s.shape) {
    case 'equals':
      return `${f} =~ ${dq(s.text)}`;
    case 'anything':
      return `${f} startswith ""`;
    case 'startswith':
    case 'endswith':
    case 'contains':
      return `${f} ${s.shape} ${dq(s.text)}`;
    default:
      return `${f} matches regex ${dq(wildcardRegex(p))}`;
  }
}

function test(t: SigmaTest, map: (f: string) => string): string {
  if (t.field === null) {
    const s = t.kind === 'string' ? shapeOf(t.pattern) : null;
    if (s?.shape === 'equals' || s?.shape === 'contains') return `* contains ${dq(s.text)}`;
    throw new SigmaRuleError('detection', 'a keyword with wildcards or a regular expression is not supported in KQL', 'unsupported');
  }
  const f = field(map(t.field));
  switch (t.kind) {
    case 'string':
      return stringTest(f, t.pattern);
    case 'number':
      return `${f} == ${t.value}`;
    case 'boolean':
      return `${f} =~ ${t.value}`;
    case 'null':
      return `isnull(${f})`;
    case 'exists':
      return `${t.exists ? 'isnotempty' : 'isempty'}(${f})`;
    case 're': {
      const flags = (['i', 'm', 's'] as const).filter((x) => t.flags[x]).join('');
      return `${f} matches regex ${dq((flags ? `(?${flags})` : '') + t.regex)}`;
    }
    case 'cidr':
      return `${t.version === 6 ? 'ipv6' : 'ipv4'}_is_in_range(${f}, ${dq(t.cidr)})`;
  }
}

const plain = (t: SigmaTest) => t.kind === 'number' || (t.kind === 'string' && !t.pattern.some(isWildcard));

// Binding strength: not 3, and 2, or 1.
function render(e: SigmaExpr, map: (f: string) => string): { text: string; prec: number } {
  if (isTest(e)) return { text: test(e, map), prec: 4 };
  if (e.kind === 'not') return { text: `not(${render(e.arg, map).text})`, prec: 4 };
  const list = inList(e);
  if (list && list.tests.some(plain)) {
    const values = list.tests.filter(plain).map((t) => dq(t.kind === 'number' ? String(t.value) : (t.pattern as string[]).join('')));
    const rest = list.tests.filter((t) => !plain(t)).map((t) => test(t, map));
    const text = [`${field(map(list.field))} in~ (${values.join(', ')})`, ...rest].join(' or ');
    return { text, prec: rest.length ? 1 : 4 };
  }
  const prec = e.kind === 'and' ? 2 : 1;
  const parts = e.args.map((a) => render(a, map)).map((p) => (p.prec > prec ? p.text : `(${p.text})`));
  return { text: parts.join(` ${e.kind} `), prec };
}

export function kqlQuery(e: SigmaExpr, map: (f: string) => string, table: string): { query: string; filter: string } {
  const filter = render(e, map).text;
  return { query: `${table}\n| where ${filter}`, filter };
}

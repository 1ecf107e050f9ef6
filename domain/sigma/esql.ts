import { isTest, type SigmaExpr, type SigmaTest } from './ast';
import { SigmaRuleError } from './errors';
import { isWildcard, shapeOf, type Pattern } from './pattern';
import { dq, inList } from './text-backend';

/**
 * ES|QL (`from … | where …`). Precedence: not, and, or. ES|QL's logic is three-valued and a
 * `where` drops rows whose condition is null, so a negated group is `not coalesce(…, false)`:
 * an event without the field passes `not` as the specification says (pySigma's `not (…)` drops it).
 */
const field = (f: string) => (/^[\w.]+$/.test(f) ? f : `\`${f.replace(/`/g, '``')}\``);

const likeValue = (p: Pattern) => dq(p.map((x) => (isWildcard(x) ? x.wildcard : x.replace(/[\\*?]/g, '\\$&'))).join(''));

function stringTest(f: string, p: Pattern): string {
  const s = shapeOf(p);
  switch (s.shape) {
    case 'equals':
      return `${f}==${dq(s.text)}`;
    case 'anything':
      return `starts_with(${f}, "")`;
    case 'startswith':
      return `starts_with(${f}, ${dq(s.text)})`;
    case 'endswith':
      return `ends_with(${f}, ${dq(s.text)})`;
    default:
      return `${f} like ${likeValue(p)}`;
  }
}

function test(t: SigmaTest, map: (f: string) => string): string {
  if (t.field === null) throw new SigmaRuleError('detection', 'keyword (full-text) selections are not supported in ES|QL: name the field', 'unsupported');
  const f = field(map(t.field));
  switch (t.kind) {
    case 'string':
      return stringTest(f, t.pattern);
    case 'number':
    case 'boolean':
      return `${f}==${t.value}`;
    case 'null':
      return `${f} is null`;
    case 'exists':
      return `${f} is ${t.exists ? 'not ' : ''}null`;
    case 're': {
      const flags = (['i', 'm', 's'] as const).filter((x) => t.flags[x]).join('');
      return `${f} rlike ${dq((flags ? `(?${flags})` : '') + t.regex)}`;
    }
    case 'cidr':
      return `cidr_match(${f}, ${dq(t.cidr)})`;
  }
}

const plain = (t: SigmaTest) => t.kind === 'number' || (t.kind === 'string' && !t.pattern.some(isWildcard));

// Binding strength: not 3, and 2, or 1.
function render(e: SigmaExpr, map: (f: string) => string): { text: string; prec: number } {
  if (isTest(e)) return { text: test(e, map), prec: 4 };
  if (e.kind === 'not') return { text: `not coalesce(${render(e.arg, map).text}, false)`, prec: 3 };
  const list = inList(e);
  if (list && list.tests.length > 1 && list.tests.every(plain)) {
    const values = list.tests.map((t) => (t.kind === 'number' ? String(t.value) : dq((t.pattern as string[]).join(''))));
    return { text: `${field(map(list.field))} in (${values.join(', ')})`, prec: 4 };
  }
  const prec = e.kind === 'and' ? 2 : 1;
  const parts = e.args.map((a) => render(a, map)).map((p) => (p.prec > prec ? p.text : `(${p.text})`));
  return { text: parts.join(` ${e.kind} `), prec };
}

export function esqlQuery(e: SigmaExpr, map: (f: string) => string, index: string): { query: string; filter: string } {
  const filter = render(e, map).text;
  return { query: `from ${index} metadata _id, _index, _version | where ${filter}`, filter };
}

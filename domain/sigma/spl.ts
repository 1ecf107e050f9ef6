import { isTest, type SigmaExpr, type SigmaTest } from './ast';
import { SigmaRuleError } from './errors';
import { isWildcard, type Pattern } from './pattern';
import { inList } from './text-backend';

/**
 * Splunk SPL (the search command). Precedence there is NOT, then OR, then AND (juxtaposition);
 * equality is case-insensitive and `*` the only wildcard, so `?` widens to `*` (as pySigma does).
 * Regular expressions have no search-command form: a regex the whole search must pass is a
 * `| regex` after it; one under `or` or a negated group is extracted with `rex` and tested as a
 * field (pySigma does this only under `or`, and turns one under a negated `and` into a positive filter).
 */
const field = (f: string) => (/^[\w.]+$/.test(f) ? f : `"${f.replace(/"/g, '\\"')}"`);

function splValue(p: Pattern): string {
  return `"${p.map((x) => (isWildcard(x) ? '*' : x.replace(/[\\"*]/g, '\\$&'))).join('')}"`;
}
const reValue = (t: Extract<SigmaTest, { kind: 're' }>) => {
  const flags = (['i', 'm', 's'] as const).filter((f) => t.flags[f]).join('');
  return `"${(flags ? `(?${flags})` : '') + t.regex.replace(/[\\"]/g, '\\$&')}"`;
};

interface State {
  pipes: string[];
  counts: Map<string, number>;
}

function rexCondition(t: Extract<SigmaTest, { kind: 're' }>, f: string, st: State): string {
  const n = (st.counts.get(f) ?? 0) + 1;
  st.counts.set(f, n);
  const base = f.replace(/.*\./, '');
  const suffix = n === 1 ? '' : String(n);
  const match = `${base}Match${suffix}`;
  const cond = `${base}Condition${suffix}`;
  st.pipes.push(`rex field=${field(f)} "(?<${match}>${reValue(t).slice(1, -1)})"`, `eval ${cond}=if(isnotnull(${match}), "true", "false")`);
  return `${cond}="true"`;
}

function test(t: SigmaTest, map: (f: string) => string, st: State, topLevel: boolean, negated: boolean): string | null {
  if (t.field === null) {
    if (t.kind === 're') throw new SigmaRuleError('detection', 'a regular expression keyword is not supported in SPL', 'unsupported');
    return splValue((t as Extract<SigmaTest, { kind: 'string' }>).pattern);
  }
  const f = map(t.field);
  switch (t.kind) {
    case 'string':
      return `${field(f)}=${splValue(t.pattern)}`;
    case 'number':
      return `${field(f)}=${t.value}`;
    case 'boolean':
      return `${field(f)}=${t.value}`;
    case 'null':
      return `NOT ${field(f)}=*`;
    case 'exists':
      return `${t.exists ? '' : 'NOT '}${field(f)}=*`;
    case 'cidr':
      return `${field(f)}="${t.cidr}"`;
    case 're':
      if (topLevel) {
        st.pipes.push(`regex ${field(f)}${negated ? '!=' : '='}${reValue(t)}`);
        return null;
      }
      return rexCondition(t, f, st);
  }
}

// Binding strength: NOT 3, OR 2, AND 1.
function render(e: SigmaExpr, map: (f: string) => string, st: State, topLevel: boolean): { text: string | null; prec: number } {
  if (isTest(e)) return { text: test(e, map, st, topLevel, false), prec: 4 };
  if (e.kind === 'not') {
    if (isTest(e.arg) && e.arg.kind === 're' && topLevel) return { text: test(e.arg, map, st, true, true), prec: 4 };
    const inner = render(e.arg, map, st, false);
    return { text: `NOT ${inner.prec < 3 ? `(${inner.text})` : inner.text}`, prec: 3 };
  }
  const list = e.kind === 'or' ? inList(e) : null;
  if (list && list.tests.length > 1) {
    const values = list.tests.map((t) => (t.kind === 'number' ? String(t.value) : splValue(t.pattern)));
    return { text: `${field(map(list.field))} IN (${values.join(', ')})`, prec: 4 };
  }
  const prec = e.kind === 'or' ? 2 : 1;
  const parts = e.args
    .map((a) => render(a, map, st, topLevel && e.kind === 'and'))
    .filter((p): p is { text: string; prec: number } => p.text !== null)
    // Parenthesised unless it binds tighter; an OR inside an AND is bracketed too, for the reader.
    .map((p) => (p.prec > prec && !(e.kind === 'and' && p.prec === 2) ? p.text : `(${p.text})`));
  return { text: parts.length ? parts.join(e.kind === 'or' ? ' OR ' : ' ') : null, prec };
}

export function splQuery(e: SigmaExpr, map: (f: string) => string, prefix: string | undefined): { query: string; filter: string } {
  const st: State = { pipes: [], counts: new Map() };
  const text = render(e, map, st, true).text;
  const rex = st.pipes.filter((p) => !p.startsWith('regex '));
  const regex = st.pipes.filter((p) => p.startsWith('regex '));
  let filter: string;
  if (rex.length) filter = ['', ...rex, `search ${text ?? '*'}`, ...regex].join('\n| ').replace(/^\n/, '');
  else filter = [text ?? '*', ...regex].join('\n| ');
  const query = rex.length ? `${prefix ?? '*'}\n${filter}` : prefix ? `${prefix} ${filter}` : filter;
  return { query, filter };
}

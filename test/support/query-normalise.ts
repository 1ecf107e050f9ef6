/**
 * Query text to a canonical form, so capeo's SPL, ES|QL and KQL compare with pySigma's on meaning
 * rather than layout: whitespace, quote style and redundant parentheses go, nested and/or flatten,
 * and each language's own precedence decides the grouping (SPL: NOT, OR, then AND by juxtaposition;
 * ES|QL and KQL: not, and, or). Atoms (`F="x"`, `ends_with(F, "x")`, `F in~ ("a", "b")`) compare as text.
 */
export type TextLanguage = 'spl' | 'esql' | 'kql';

type Tok = { t: 'lp' } | { t: 'rp' } | { t: 'op'; v: 'and' | 'or' | 'not' } | { t: 'atom'; v: string };
type Node = { op: 'and' | 'or'; args: Node[] } | { op: 'not'; arg: Node } | { op: 'atom'; v: string };

function readQuoted(s: string, i: number): [string, number] {
  const q = s[i]!;
  let j = i + 1;
  let body = '';
  while (j < s.length && s[j] !== q) {
    if (s[j] === '\\' && j + 1 < s.length) {
      body += s[j]! + s[j + 1]!;
      j += 2;
    } else body += s[j++];
  }
  // One quote style: single-quoted text written double-quoted.
  if (q === "'") body = body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"');
  return [q === '`' ? `\`${body}\`` : `"${body}"`, j + 1];
}

/** A balanced (…) group from i, whitespace outside quotes removed. */
function readGroup(s: string, i: number): [string, number] {
  let depth = 0;
  let out = '';
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (c === '"' || c === "'") {
      const [q, k] = readQuoted(s, j);
      out += q;
      j = k;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (!/\s/.test(c)) out += c;
    j++;
    if (depth === 0) break;
  }
  return [out, j];
}

const LIST_OPS = /^(in|in~|!in~|has_all|has_any|IN)$/;

function words(s: string): Array<{ w: string } | { t: 'lp' | 'rp' }> {
  const out: Array<{ w: string } | { t: 'lp' | 'rp' }> = [];
  let cur = '';
  const flush = () => {
    if (cur) out.push({ w: cur });
    cur = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      flush();
      i++;
    } else if (c === '(') {
      const last = out[out.length - 1];
      if (cur && cur.toLowerCase() !== 'not') {
        const [g, j] = readGroup(s, i);
        cur += g;
        i = j;
      } else if (!cur && last && 'w' in last && LIST_OPS.test(last.w)) {
        const [g, j] = readGroup(s, i);
        last.w += ` ${g}`;
        i = j;
      } else {
        flush();
        out.push({ t: 'lp' });
        i++;
      }
    } else if (c === ')') {
      flush();
      out.push({ t: 'rp' });
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      const [q, j] = readQuoted(s, i);
      cur += q;
      i = j;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return out;
}

function tokens(lang: TextLanguage, s: string): Tok[] {
  const out: Tok[] = [];
  let prevWord = '';
  for (const w of words(s)) {
    if ('t' in w) {
      out.push({ t: w.t });
      prevWord = '';
      continue;
    }
    const op = lang === 'spl' ? (['AND', 'OR', 'NOT'].includes(w.w) ? w.w.toLowerCase() : null) : ['and', 'or', 'not'].includes(w.w.toLowerCase()) && prevWord.toLowerCase() !== 'is' ? w.w.toLowerCase() : null;
    const last = out[out.length - 1];
    if (op) out.push({ t: 'op', v: op as 'and' | 'or' | 'not' });
    else if (last?.t === 'atom' && (lang !== 'spl' || LIST_OPS.test(w.w.split(' ')[0]!))) last.v += ` ${w.w}`;
    else out.push({ t: 'atom', v: w.w });
    prevWord = w.w;
  }
  return out;
}

function parse(lang: TextLanguage, toks: Tok[]): Node {
  let i = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => {
    const t = peek();
    return t?.t === 'op' && t.v === v;
  };
  const mk = (op: 'and' | 'or', args: Node[]): Node => {
    const flat = args.flatMap((a) => (a.op === op ? (a as { args: Node[] }).args : [a]));
    return flat.length === 1 ? flat[0]! : { op, args: flat };
  };
  const primary = (): Node => {
    const t = toks[i++];
    if (t?.t === 'lp') {
      const e = top();
      if (toks[i++]?.t !== 'rp') throw new Error('unbalanced parentheses');
      return e;
    }
    if (t?.t === 'atom') return { op: 'atom', v: t.v };
    throw new Error(`unexpected ${JSON.stringify(t)}`);
  };
  const not = (): Node => {
    if (isOp('not')) {
      i++;
      return { op: 'not', arg: not() };
    }
    return primary();
  };
  const chain = (op: 'and' | 'or', next: () => Node, implicit: boolean): Node => {
    const args = [next()];
    for (;;) {
      if (isOp(op)) i++;
      else if (!(implicit && (peek()?.t === 'atom' || peek()?.t === 'lp' || isOp('not')))) break;
      args.push(next());
    }
    return mk(op, args);
  };
  const top = (): Node =>
    lang === 'spl' ? chain('and', () => chain('or', not, false), true) : chain('or', () => chain('and', not, false), false);
  const e = top();
  if (i < toks.length) throw new Error(`trailing ${JSON.stringify(toks[i])}`);
  return e;
}

function print(n: Node): string {
  if (n.op === 'atom') return n.v;
  if (n.op === 'not') return `not(${print(n.arg)})`;
  return `${n.op}(${n.args.map(print).join(', ')})`;
}

export const normaliseExpression = (lang: TextLanguage, text: string): string => print(parse(lang, tokens(lang, text)));

/** Top-level pipeline stages (`|` outside quotes and parentheses), trimmed, empty ones dropped. */
function stages(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const [, j] = readQuoted(text, i);
      cur += text.slice(i, j);
      i = j - 1;
    } else if (c === '|' && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      if (c === '(') depth++;
      if (c === ')') depth--;
      cur += c;
    }
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The whole query, stage by stage: boolean stages (SPL's search, ES|QL's and KQL's where) canonical. */
export function normaliseQuery(lang: TextLanguage, text: string): string {
  return stages(text)
    .map((stage, n) => {
      const where = /^where\s+([\s\S]*)$/.exec(stage);
      const search = /^search\s+([\s\S]*)$/.exec(stage);
      if (where && lang !== 'spl') return `where ${normaliseExpression(lang, where[1]!)}`;
      if (search && lang === 'spl') return `search ${normaliseExpression(lang, search[1]!)}`;
      if (n === 0 && !/^(from|rex|eval|regex)\s/.test(stage) && (lang !== 'esql')) return normaliseExpression(lang, stage);
      return stage.replace(/\s+/g, ' ');
    })
    .join('\n| ');
}

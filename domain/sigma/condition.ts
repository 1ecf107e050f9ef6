import type { SigmaExpr } from './ast';
import { SigmaRuleError } from './errors';

type Token = { t: 'and' | 'or' | 'not' | '(' | ')' | 'of' | 'them' | 'all' | '1' } | { t: 'name'; v: string };

const PATH = 'detection.condition';
const WORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all', '1']);

function tokenise(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|([A-Za-z0-9_*\-.]+)|(\S))/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(text)) && m[0].length) {
    at = re.lastIndex;
    if (m[1]) out.push({ t: '(' });
    else if (m[2]) out.push({ t: ')' });
    else if (m[3]) out.push(WORDS.has(m[3]) ? ({ t: m[3] } as Token) : { t: 'name', v: m[3] });
    else if (m[4] === '|') throw new SigmaRuleError(PATH, 'aggregations after | (count, near…) are not supported; use a correlation in the SIEM', 'unsupported');
    else throw new SigmaRuleError(PATH, `unexpected character '${m[4]}'`);
  }
  if (at < text.trimEnd().length) throw new SigmaRuleError(PATH, `cannot read the condition from '${text.slice(at)}'`);
  return out;
}

/** Unlike selections' own lists, a condition keeps each selection as its own group, as pySigma does. */
const group = (kind: 'and' | 'or', args: SigmaExpr[]): SigmaExpr => (args.length === 1 ? args[0]! : { kind, args });

const globRe = (glob: string) => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`);

/**
 * The condition, `not` over `and` over `or` (Sigma's precedence), with parentheses,
 * `1 of x*`, `all of x*`, `1 of them` and `all of them` (`them`: every selection not starting with `_`).
 */
export function parseCondition(text: string, selections: ReadonlyMap<string, SigmaExpr>): SigmaExpr {
  const tokens = tokenise(text);
  let i = 0;
  const peek = () => tokens[i];
  const describe = (tok: Token | undefined) => (tok === undefined ? 'the end' : tok.t === 'name' ? `'${tok.v}'` : `'${tok.t}'`);
  const expect = (t: Token['t']) => {
    if (peek()?.t !== t) throw new SigmaRuleError(PATH, `expected '${t}' but found ${describe(peek())}`);
    i++;
  };
  const selection = (name: string): SigmaExpr => {
    const s = selections.get(name);
    if (!s) throw new SigmaRuleError(PATH, `unknown selection '${name}'`);
    return s;
  };
  const quantified = (kind: 'and' | 'or'): SigmaExpr => {
    expect('of');
    const target = peek();
    i++;
    let names: string[];
    if (target?.t === 'them') names = [...selections.keys()].filter((n) => !n.startsWith('_'));
    else if (target?.t === 'name') {
      const re = globRe(target.v);
      names = [...selections.keys()].filter((n) => re.test(n));
      if (!names.length) throw new SigmaRuleError(PATH, `no selection matches '${target.v}'`);
    } else throw new SigmaRuleError(PATH, `expected a selection name, a pattern or 'them' after 'of', found ${describe(target)}`);
    if (!names.length) throw new SigmaRuleError(PATH, "'them' names no selection");
    return group(kind, names.map(selection));
  };
  const primary = (): SigmaExpr => {
    const tok = peek();
    i++;
    switch (tok?.t) {
      case '(': {
        const e = or();
        expect(')');
        return e;
      }
      case '1':
        return quantified('or');
      case 'all':
        return quantified('and');
      case 'name':
        if (tok.v.includes('*')) throw new SigmaRuleError(PATH, `a pattern '${tok.v}' needs '1 of' or 'all of' before it`);
        if (/^\d+$/.test(tok.v) && peek()?.t === 'of') throw new SigmaRuleError(PATH, `'${tok.v} of' is not supported: use '1 of' or 'all of'`, 'unsupported');
        return selection(tok.v);
      default:
        throw new SigmaRuleError(PATH, `expected a selection, 'not', '(' or a quantifier but found ${describe(tok)}`);
    }
  };
  const not = (): SigmaExpr => {
    if (peek()?.t === 'not') {
      i++;
      return { kind: 'not', arg: not() };
    }
    return primary();
  };
  const and = (): SigmaExpr => {
    const args = [not()];
    while (peek()?.t === 'and') {
      i++;
      args.push(not());
    }
    return group('and', args);
  };
  const or = (): SigmaExpr => {
    const args = [and()];
    while (peek()?.t === 'or') {
      i++;
      args.push(and());
    }
    return group('or', args);
  };
  if (!tokens.length) throw new SigmaRuleError(PATH, 'the condition is empty');
  const expr = or();
  if (i < tokens.length) throw new SigmaRuleError(PATH, `unexpected ${describe(peek())}`);
  return expr;
}

import { group, type RegexFlags, type SigmaExpr, type SigmaTest } from './ast';
import { SigmaRuleError } from './errors';
import { normalisePattern, parsePattern, STAR, hasWildcard, literalOf, type Pattern } from './pattern';

const SUPPORTED = new Set(['contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'base64', 'base64offset', 'windash', 'exists']);
/** Sigma modifiers capeo knows but does not convert: a 400 that says so, not "unknown". */
const KNOWN_UNSUPPORTED = new Set([
  'cased', 'lt', 'lte', 'gt', 'gte', 'fieldref', 'expand', 'wide', 'utf16', 'utf16le', 'utf16be',
  'minute', 'hour', 'day', 'week', 'month', 'year', 'neq',
]);

export type Scalar = string | number | boolean | null;

type Alternatives = Pattern[];

const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];

// Base64 of UTF-8 text, without Node's Buffer (domain/ stays free of Node APIs).
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/**
 * The three encodings of `text` at byte offsets 0, 1 and 2 inside a longer base64 string, each
 * cut to the characters that do not depend on the neighbouring bytes.
 */
export function base64Offsets(text: string): string[] {
  const len = new TextEncoder().encode(text).length;
  const starts = [0, 2, 3];
  const endCuts = [0, 3, 2];
  return [0, 1, 2].map((i) => {
    const enc = base64(' '.repeat(i) + text);
    const cut = endCuts[(len + i) % 3]!;
    return enc.slice(starts[i], enc.length - cut);
  });
}

/** Each dash or slash that starts a word (`-enc`, `/c`), as every Windows command-line dash. */
function windash(p: Pattern): Alternatives {
  let alts: Alternatives = [[]];
  for (const part of p) {
    if (typeof part !== 'string') {
      alts = alts.map((a) => [...a, part]);
      continue;
    }
    // Split the literal at each word-starting dash or slash: not after a word character, before one.
    const pieces: Array<string | null> = [];
    let lit = '';
    for (let i = 0; i < part.length; i++) {
      const c = part[i]!;
      const before = i > 0 ? part[i - 1]! : '';
      const after = part[i + 1] ?? '';
      if ((c === '-' || c === '/') && !/\w/.test(before) && /\w/.test(after)) {
        pieces.push(lit, null);
        lit = '';
      } else lit += c;
    }
    pieces.push(lit);
    for (const piece of pieces) {
      alts = piece === null ? alts.flatMap((a) => WINDASH.map((d) => [...a, d])) : alts.map((a) => [...a, piece]);
    }
  }
  return alts.map(normalisePattern);
}

function cidrVersion(path: string, value: string): 4 | 6 {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (v4) {
    if (v4.slice(1, 5).some((o) => Number(o) > 255) || Number(v4[5]) > 32) throw new SigmaRuleError(path, `invalid IPv4 CIDR ${value}`);
    return 4;
  }
  const v6 = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
  if (v6 && v6[1]!.includes(':') && Number(v6[2]) <= 128) return 6;
  throw new SigmaRuleError(path, `invalid CIDR ${value}`);
}

/**
 * One detection item, `field|mod|mod: value or list`, as an expression. `path` names the item in
 * the rule (`detection.selection.CommandLine|contains`) for errors.
 */
export function detectionItem(path: string, key: string, raw: unknown): SigmaExpr {
  const [fieldName, ...mods] = key.split('|');
  const field = fieldName === '' ? null : fieldName!;
  for (const m of mods) {
    if (KNOWN_UNSUPPORTED.has(m)) throw new SigmaRuleError(path, `modifier ${m} is not supported`, 'unsupported');
    if (!SUPPORTED.has(m)) throw new SigmaRuleError(path, `unknown modifier ${m || '(empty)'}`);
  }
  if (field !== null && /["'\\\u0000-\u001f]/.test(field)) throw new SigmaRuleError(path, 'field names may not hold quotes, backslashes or control characters');
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (!values.length) throw new SigmaRuleError(path, 'an empty list of values matches nothing: give at least one value');
  const all = mods.includes('all');
  const chain = mods.filter((m) => m !== 'all');

  const tests = values.map((v, i) => {
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (v !== null && typeof v === 'object') throw new SigmaRuleError(at, 'a value must be a string, number, boolean or null');
    return valueTest(at, field, chain, v as Scalar);
  });
  return group(all ? 'and' : 'or', tests);
}

function valueTest(path: string, field: string | null, chain: string[], value: Scalar): SigmaExpr {
  const need = (what: string): string => {
    if (field === null) throw new SigmaRuleError(path, `${what} needs a field`);
    return field;
  };
  if (chain.includes('exists')) {
    if (chain.length > 1) throw new SigmaRuleError(path, 'exists cannot be combined with other modifiers');
    if (typeof value !== 'boolean') throw new SigmaRuleError(path, 'exists takes true or false');
    return { kind: 'exists', field: need('exists'), exists: value };
  }
  if (chain.includes('re')) {
    if (chain[0] !== 're' || chain.slice(1).some((m) => !'ims'.includes(m))) {
      throw new SigmaRuleError(path, 're must come first and be followed only by the flags i, m, s');
    }
    if (typeof value !== 'string') throw new SigmaRuleError(path, 're takes a string');
    try {
      new RegExp(value);
    } catch (err) {
      throw new SigmaRuleError(path, `invalid regular expression: ${(err as Error).message}`);
    }
    const flags: RegexFlags = { i: chain.includes('i'), m: chain.includes('m'), s: chain.includes('s') };
    return { kind: 're', field, regex: value, flags };
  }
  const flag = chain.find((m) => 'ims'.includes(m));
  if (flag) throw new SigmaRuleError(path, `flag ${flag} only follows re`);
  if (chain.includes('cidr')) {
    if (chain.length > 1) throw new SigmaRuleError(path, 'cidr cannot be combined with other modifiers');
    if (typeof value !== 'string') throw new SigmaRuleError(path, 'cidr takes a string');
    return { kind: 'cidr', field: need('cidr'), cidr: value, version: cidrVersion(path, value) };
  }
  if (value === null) {
    if (chain.length) throw new SigmaRuleError(path, 'null takes no modifiers');
    return { kind: 'null', field: need('null') };
  }
  if (!chain.length && field !== null && typeof value === 'number') return { kind: 'number', field, value };
  if (!chain.length && field !== null && typeof value === 'boolean') return { kind: 'boolean', field, value };

  let alts: Alternatives = [parsePattern(String(value))];
  let encoded: 'base64' | 'base64offset' | null = null;
  let placed = false;
  for (const m of chain) {
    if (m === 'base64' || m === 'base64offset') {
      if (encoded) throw new SigmaRuleError(path, `${m} after ${encoded}`);
      if (placed) throw new SigmaRuleError(path, `${m} must come before contains, startswith and endswith`);
      if (alts.some(hasWildcard)) throw new SigmaRuleError(path, `${m} values cannot hold wildcards`);
      alts = alts.flatMap((a) => (m === 'base64' ? [[base64(literalOf(a))]] : base64Offsets(literalOf(a)).map((s) => [s])));
      encoded = m;
    } else if (m === 'windash') {
      if (encoded) throw new SigmaRuleError(path, `windash after ${encoded}`);
      alts = alts.flatMap(windash);
    } else {
      if (placed) throw new SigmaRuleError(path, 'only one of contains, startswith, endswith');
      placed = true;
      alts = alts.map((a) => normalisePattern(m === 'contains' ? [STAR, ...a, STAR] : m === 'startswith' ? [...a, STAR] : [STAR, ...a]));
    }
  }
  if (encoded === 'base64offset' && !chain.includes('contains')) throw new SigmaRuleError(path, 'base64offset needs contains after it');
  const tests: SigmaTest[] = alts.map((pattern) => ({ kind: 'string', field, pattern }));
  return tests.length === 1 ? tests[0]! : { kind: 'or', args: tests, expansion: true };
}

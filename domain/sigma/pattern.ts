/**
 * A Sigma string value: literal text and the two wildcards. Only `*` and `?` are wildcards;
 * `\*`, `\?` and `\\` are the literal characters; a backslash before anything else is itself.
 */
export type Wildcard = { wildcard: '*' | '?' };
export type PatternPart = string | Wildcard;
export type Pattern = PatternPart[];

export const STAR: Wildcard = { wildcard: '*' };
export const QMARK: Wildcard = { wildcard: '?' };

export const isWildcard = (p: PatternPart): p is Wildcard => typeof p !== 'string';

/** Adjacent literals merged, empty literals dropped. */
export function normalisePattern(parts: Pattern): Pattern {
  const out: Pattern = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      if (!p) continue;
      const last = out[out.length - 1];
      if (typeof last === 'string') out[out.length - 1] = last + p;
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

export function parsePattern(text: string): Pattern {
  const parts: Pattern = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '*?\\'.includes(text[i + 1]!)) {
      lit += text[++i];
    } else if (c === '*' || c === '?') {
      parts.push(lit, c === '*' ? STAR : QMARK);
      lit = '';
    } else lit += c;
  }
  parts.push(lit);
  return normalisePattern(parts);
}

export const hasWildcard = (p: Pattern): boolean => p.some(isWildcard);
export const literalOf = (p: Pattern): string => p.map((x) => (typeof x === 'string' ? x : x.wildcard)).join('');

/** The pattern's shape, as backends choose their operator: equality, prefix, suffix, substring or a general pattern. */
export type PatternShape =
  | { shape: 'equals'; text: string }
  | { shape: 'startswith'; text: string }
  | { shape: 'endswith'; text: string }
  | { shape: 'contains'; text: string }
  | { shape: 'anything' }
  | { shape: 'wildcard' };

export function shapeOf(p: Pattern): PatternShape {
  if (!hasWildcard(p)) return { shape: 'equals', text: literalOf(p) };
  if (p.length === 1 && p[0] === STAR) return { shape: 'anything' };
  const first = p[0];
  const last = p[p.length - 1];
  const inner = (parts: Pattern) => parts.length === 1 && typeof parts[0] === 'string';
  if (p.length === 3 && first === STAR && last === STAR && inner(p.slice(1, 2))) return { shape: 'contains', text: p[1] as string };
  if (p.length === 2 && last === STAR && typeof first === 'string') return { shape: 'startswith', text: first };
  if (p.length === 2 && first === STAR && typeof last === 'string') return { shape: 'endswith', text: last };
  return { shape: 'wildcard' };
}

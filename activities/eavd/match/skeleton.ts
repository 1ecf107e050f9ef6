/**
 * A confusable skeleton in the manner of Unicode TR39 (section 4, "Confusable Detection"): two strings
 * that render alike get the same skeleton. Lower-cased domain labels only, so the mapping is tuned to
 * what can appear in a host name: Latin letters with diacritics lose them (NFD, marks dropped), the
 * Cyrillic, Greek and other letters the permutation engine's glyph tables use map to the Latin letter
 * they stand in for, digits map to the letter they pass for (0→o, 1→l, 5→s), `i`, `1` and `l` share
 * `l`, and the multi-letter look-alikes map to one prototype: `m`→`rn`, `w`→`vv`, `d`→`cl`, as TR39's
 * table does. Hyphens are kept (`pay-pal` is not `paypal`: that is edit distance's business).
 *
 * Cost: one pass over the string with a Map lookup per code point, plus NFD for non-ASCII input.
 */
import { GLYPHS_UNICODE, LATIN_TO_CYRILLIC } from '../permutations/tables';

/** Letters outside the permutation engine's tables that pass for a Latin letter in a host name. */
const EXTRA: Readonly<Record<string, string>> = {
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'l', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', ς: 's',
  // Cyrillic not in LATIN_TO_CYRILLIC
  ԛ: 'q', ӏ: 'l', і: 'l', ј: 'j', ѕ: 's', ɡ: 'g', п: 'n', г: 'r', ш: 'w', к: 'k', т: 't', в: 'b',
  // Latin-script look-alikes
  ı: 'l', ɩ: 'l', ɑ: 'a', ɪ: 'l', ʟ: 'l', ȷ: 'j',
  // Digits that pass for letters
  '0': 'o', '1': 'l', '5': 's', '3': 'e', '4': 'a', '7': 't', '8': 'b', '9': 'g',
};

/** Prototypes of the Latin look-alikes: `i`/`1`/`l` share `l`, and TR39's multi-letter prototypes. */
const PROTOTYPE: Readonly<Record<string, string>> = { i: 'l', m: 'rn', w: 'vv', d: 'cl' };

const proto = (latin: string) => Array.from(latin, (c) => PROTOTYPE[c] ?? c).join('');

/** Every mapped code point to its final prototype (the foreign glyph to its Latin letter, then that letter's prototype). */
function buildMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [latin, glyphs] of Object.entries(GLYPHS_UNICODE)) {
    for (const g of glyphs) if (!/^[a-z0-9]$/.test(g)) map.set(g, latin);
  }
  for (const [latin, cyrillic] of Object.entries(LATIN_TO_CYRILLIC)) map.set(cyrillic, latin);
  for (const [glyph, latin] of Object.entries(EXTRA)) map.set(glyph, latin);
  for (const [glyph, latin] of map) map.set(glyph, proto(latin));
  for (const [latin, prototype] of Object.entries(PROTOTYPE)) map.set(latin, prototype);
  return map;
}

const MAP = buildMap();
const COMBINING = /[\u0300-\u036f]/g;

/** True when every code unit is below 0x80 (the fast path: no NFD needed). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** The skeleton of a lower-case label (Unicode form); two labels that look alike share it. */
export function skeleton(label: string): string {
  let s = label;
  if (!isAscii(s)) s = s.normalize('NFD').replace(COMBINING, '');
  let out = '';
  for (const ch of s) {
    const mapped = MAP.get(ch);
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    out += ch;
  }
  return out;
}

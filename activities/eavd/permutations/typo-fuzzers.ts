/**
 * Label algorithms beyond dnstwist's: ail-typo-squatting's (same semantics, or a superset where noted),
 * TR39 mixed-script confusables and English plurals. Like fuzzers.ts, each one permutes the registrable
 * label (Unicode) and emits new labels, per code point.
 */
import { CodePoints, type Emit, type Fuzzer } from './fuzzers';
import { commonMisspellings, homophoneGroups, latinConfusables, misspellingsOf } from './lists';
import { AIL_GLYPHS, NUMERALS } from './tables';

const ALPHANUMERIC = Array.from('0123456789abcdefghijklmnopqrstuvwxyz');

/** Any letter or digit inserted at any position (ail's addition; dnstwist's insertion and addition are subsets). */
export const additionAnywhere: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i <= cps.length; i++) {
    const head = cps.head(i);
    const tail = cps.tail(i);
    for (const ch of ALPHANUMERIC) emit(head + ch + tail);
  }
};

/** Any letter or digit in place of any character (ail's replacement; dnstwist's keyboard replacement is a subset). */
export const replacementAnywhere: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) {
    const head = cps.head(i);
    const tail = cps.tail(i + 1);
    for (const ch of ALPHANUMERIC) emit(head + ch + tail);
  }
};

/** Two characters from position i replaced by one letter or digit typed twice (the last one: by it twice). */
export const doubleReplacement: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) {
    const head = cps.head(i);
    const tail = cps.tail(Math.min(i + 2, cps.length));
    for (const ch of ALPHANUMERIC) emit(head + ch + ch + tail);
  }
};

/** One character moved to another position (ail's change order; dnstwist's transposition is a subset). */
export const changeOrder: Fuzzer = ({ domain }, emit) => {
  const chars = new CodePoints(domain).chars;
  if (chars.length < 2) return;
  for (let i = 0; i < chars.length; i++) {
    const rest = [...chars.slice(0, i), ...chars.slice(i + 1)];
    for (let j = 0; j <= rest.length; j++) emit([...rest.slice(0, j), chars[i]!, ...rest.slice(j)].join(''));
  }
};

/** Every occurrence of one vowel (y included) replaced by another (ail's vowel swap). */
export const vowelSwapAll: Fuzzer = ({ domain }, emit) => {
  const vowels = ['a', 'e', 'i', 'o', 'u', 'y'];
  for (const from of vowels) {
    if (!domain.includes(from)) continue;
    for (const to of vowels) if (to !== from) emit(domain.replaceAll(from, to));
  }
};

/**
 * ail's homoglyphs: within a window of the label shorter than the whole label, every occurrence of one
 * character replaced by one of its look-alikes; that is, any run of consecutive occurrences of a character
 * spanning fewer characters than the label. One round, or two with allHomoglyphs (ail's --all_homoglyph,
 * quadratic in the label's length: 225 names for bank-of-example.co.uk become about 8,000).
 */
export const homoglyphRuns: Fuzzer = ({ domain, allHomoglyphs }, emit) => {
  if (!allHomoglyphs) {
    homoglyphRound(domain, emit);
    return;
  }
  const firstRound = new Set<string>();
  homoglyphRound(domain, (label) => firstRound.add(label));
  for (const label of firstRound) {
    emit(label);
    homoglyphRound(label, emit);
  }
};

function homoglyphRound(domain: string, emit: Emit): void {
  const chars = new CodePoints(domain).chars;
  const n = chars.length;
  const positions = new Map<string, number[]>();
  chars.forEach((ch, i) => {
    if (AIL_GLYPHS[ch]) positions.set(ch, [...(positions.get(ch) ?? []), i]);
  });
  for (const [ch, at] of positions) {
    for (const glyph of AIL_GLYPHS[ch]!) {
      for (let a = 0; a < at.length; a++) {
        for (let b = a; b < at.length && at[b]! - at[a]! + 1 <= n - 1; b++) {
          const out = chars.slice();
          for (let k = a; k <= b; k++) out[at[k]!] = glyph;
          emit(out.join(''));
        }
      }
    }
  }
}

/** Digits and number words swapped (ail's numeral swap): every occurrence of one form replaced by another. */
export const numeralSwap: Fuzzer = ({ domain }, emit) => {
  for (const group of NUMERALS) {
    for (const form of group) {
      if (!domain.includes(form)) continue;
      for (const other of group) if (other !== form) emit(domain.replaceAll(form, other));
    }
  }
};

/** The label as a common misspelling of a word and back (Wikipedia's list, as ail ships it). */
export const misspelling: Fuzzer = ({ domain }, emit) => {
  for (const right of commonMisspellings().get(domain) ?? []) emit(right);
  for (const wrong of misspellingsOf().get(domain) ?? []) emit(wrong);
};

/** Another word that sounds the same (Wikipedia's homophones, as ail ships them). */
export const homophone: Fuzzer = ({ domain }, emit) => {
  for (const group of homophoneGroups()) {
    if (!group.includes(domain)) continue;
    for (const word of group) if (word !== domain) emit(word);
  }
};

/**
 * Mixed-script confusables (Unicode TR39 confusables.txt): one, then two, Latin letters or digits replaced
 * by a Cyrillic or Greek character whose prototype they are ('paypal' -> 'pаypal' with a Cyrillic а).
 * For n replaceable positions with k look-alikes each: n·k + C(n,2)·k² labels.
 */
export const mixedScript: Fuzzer = ({ domain }, emit) => {
  const confusables = latinConfusables();
  const chars = new CodePoints(domain).chars;
  const at: Array<[number, readonly string[]]> = [];
  chars.forEach((ch, i) => {
    const looks = confusables.get(ch);
    if (looks) at.push([i, looks]);
  });
  for (let a = 0; a < at.length; a++) {
    const [i, looksI] = at[a]!;
    for (const x of looksI) {
      const once = chars.slice();
      once[i] = x;
      emit(once.join(''));
      for (let b = a + 1; b < at.length; b++) {
        const [j, looksJ] = at[b]!;
        for (const y of looksJ) {
          const twice = once.slice();
          twice[j] = y;
          emit(twice.join(''));
        }
      }
    }
  }
};

const UNCHANGED_PLURALS = new Set(['sheep', 'deer', 'fish', 'series', 'species', 'news', 'aircraft', 'moose']);
const IRREGULAR_PLURALS: Readonly<Record<string, string>> = {
  man: 'men', woman: 'women', child: 'children', person: 'people', foot: 'feet', tooth: 'teeth', goose: 'geese',
  mouse: 'mice', ox: 'oxen', datum: 'data', criterion: 'criteria', phenomenon: 'phenomena', analysis: 'analyses',
  money: 'monies', ups: 'up',
};
const VES_PLURALS = new Set(['leaf', 'knife', 'wolf', 'life', 'wife', 'half', 'shelf', 'self', 'elf', 'loaf', 'thief', 'calf']);
const OES_PLURALS = new Set(['hero', 'potato', 'tomato', 'echo', 'veto', 'torpedo']);
const COMPOUND = /^(.+?)(-(?:of|in|on|for|to|at|by|with|from|under|over)-.+)$/;

/** An English plural, after inflect's main rules (ail uses inflect): endings, -y, -f(e), -o, compounds with 'of'. */
export function englishPlural(word: string): string {
  const compound = COMPOUND.exec(word);
  if (compound) return englishPlural(compound[1]!) + compound[2]!;
  if (UNCHANGED_PLURALS.has(word)) return word;
  const irregular = IRREGULAR_PLURALS[word];
  if (irregular !== undefined) return irregular;
  if (VES_PLURALS.has(word)) return word.replace(/fe?$/, 'ves');
  if (OES_PLURALS.has(word)) return `${word}es`;
  if (word.endsWith('z') && !word.endsWith('zz')) return /[aeiou]z$/.test(word) ? `${word}zes` : `${word}es`;
  if (/(s|x|zz|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** The label's English plural and, when it ends in s, its singular. */
export const pluralEnglish: Fuzzer = ({ domain }, emit) => {
  emit(englishPlural(domain));
  if (domain.endsWith('ies')) emit(`${domain.slice(0, -3)}y`);
  if (domain.endsWith('es')) emit(domain.slice(0, -2));
  if (domain.endsWith('s')) emit(domain.slice(0, -1));
};

export type { Emit };

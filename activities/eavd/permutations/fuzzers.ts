/**
 * The permutation algorithms. Each one receives the parts of the protected name and emits candidates;
 * the engine (index.ts) joins, IDNA-encodes, validates and de-duplicates them.
 *
 * Label fuzzers permute the registrable label (the `domain` part, in Unicode) and emit the new label,
 * which may contain dots (the subdomain fuzzer splits it) or be empty. Name fuzzers (tld-swap, various)
 * emit whole host names. Strings are handled per code point, never per UTF-16 unit.
 */
import type { DomainParts } from './domain';
import { GLYPHS_ASCII, GLYPHS_IDN_BY_TLD, GLYPHS_UNICODE, KEYBOARDS, LATIN_TO_CYRILLIC, type GlyphTable } from './tables';

export type Emit = (candidate: string) => void;

/** What a fuzzer works on. `domain` is the registrable label in Unicode form. */
export interface FuzzInput extends DomainParts {
  readonly dictionary: readonly string[];
  readonly tlds: readonly string[];
  readonly keywords: readonly string[];
  /** ail's homoglyphs two rounds deep (its --all_homoglyph) rather than one. */
  readonly allHomoglyphs?: boolean;
}

export type Fuzzer = (input: FuzzInput, emit: Emit) => void;

/**
 * A string seen as code points, with cheap prefixes and suffixes: `head(i)` is the first i code points,
 * `tail(i)` what follows them. Slices share the original string's storage, so building a candidate
 * costs one concatenation instead of re-joining characters.
 */
export class CodePoints {
  readonly chars: string[];
  private readonly offsets: number[];

  constructor(readonly text: string) {
    this.chars = [];
    this.offsets = [];
    let offset = 0;
    for (const ch of text) {
      this.chars.push(ch);
      this.offsets.push(offset);
      offset += ch.length;
    }
    this.offsets.push(offset);
  }

  get length(): number {
    return this.chars.length;
  }

  /** The first i code points (0 <= i <= length). */
  head(i: number): string {
    return this.text.slice(0, this.offsets[i]);
  }

  /** What follows the first i code points (0 <= i <= length). */
  tail(i: number): string {
    return this.text.slice(this.offsets[i]);
  }
}

const ALPHANUMERIC = Array.from('0123456789abcdefghijklmnopqrstuvwxyz');
const VOWELS = Array.from('aeiou');
const HOSTNAME_CHARS = new Set(Array.from('abcdefghijklmnopqrstuvwxyz0123456789-'));
const BIT_MASKS = [1, 2, 4, 8, 16, 32, 64, 128];
const LAYOUTS: ReadonlyArray<ReadonlyMap<string, readonly string[]>> = Object.values(KEYBOARDS).map(
  (layout) => new Map(Object.entries(layout).map(([key, around]) => [key, Array.from(around)])),
);

/** Keys next to `ch` on any of the keyboard layouts, layout by layout (repeats are harmless). */
function neighbours(ch: string): string[] {
  const keys: string[] = [];
  for (const layout of LAYOUTS) {
    const around = layout.get(ch);
    if (around) keys.push(...around);
  }
  return keys;
}

/** A character appended: `example` -> `example1`; and in front of each hyphen: `a-b` -> `ax-b`. */
export const addition: Fuzzer = ({ domain }, emit) => {
  for (let h = domain.indexOf('-'); h >= 0; h = domain.indexOf('-', h + 1)) {
    const head = domain.slice(0, h);
    const tail = domain.slice(h);
    for (const ch of ALPHANUMERIC) emit(head + ch + tail);
  }
  for (const ch of ALPHANUMERIC) emit(domain + ch);
};

/** One bit of one character flipped, when the result is still a host-name character. */
export const bitsquatting: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) {
    const code = cps.chars[i]!.codePointAt(0)!;
    for (const mask of BIT_MASKS) {
      const flipped = String.fromCodePoint(code ^ mask);
      if (HOSTNAME_CHARS.has(flipped)) emit(cps.head(i) + flipped + cps.tail(i + 1));
    }
  }
};

/** The whole label in Cyrillic look-alikes; nothing unless every character has one. */
export const cyrillic: Fuzzer = ({ domain }, emit) => {
  let out = '';
  for (const ch of domain) {
    const look = LATIN_TO_CYRILLIC[ch];
    if (look === undefined) return;
    out += look;
  }
  emit(out);
};

const mergedGlyphs = new Map<string, ReadonlyMap<string, readonly string[]>>();

/** ASCII look-alikes plus the TLD registry's IDN repertoire (or every Unicode look-alike). */
function glyphsFor(tld: string): ReadonlyMap<string, readonly string[]> {
  const idn: GlyphTable = GLYPHS_IDN_BY_TLD.get(tld) ?? GLYPHS_UNICODE;
  const key = GLYPHS_IDN_BY_TLD.has(tld) ? tld : '*';
  let merged = mergedGlyphs.get(key);
  if (!merged) {
    const sets = new Map<string, Set<string>>();
    for (const table of [GLYPHS_ASCII, idn]) {
      for (const [from, looks] of Object.entries(table)) {
        const set = sets.get(from) ?? new Set<string>();
        for (const look of looks) set.add(look);
        sets.set(from, set);
      }
    }
    merged = new Map([...sets].map(([from, looks]) => [from, [...looks]]));
    mergedGlyphs.set(key, merged);
  }
  return merged;
}

/**
 * One round of look-alike substitution: each character (from the code point `from` on) replaced by
 * each of its glyphs, told to `single` with its position when given; then each window of two
 * characters where either character (both, when they are the same) or the pair itself ('rn' -> 'm')
 * is replaced.
 */
function substituteGlyphs(text: string, glyphs: ReadonlyMap<string, readonly string[]>, emit: Emit, from = 0, single?: (candidate: string, at: number) => void): void {
  const cps = new CodePoints(text);
  const chars = cps.chars;
  for (let i = from; i < chars.length; i++) {
    const looks = glyphs.get(chars[i]!);
    if (!looks) continue;
    const head = cps.head(i);
    const tail = cps.tail(i + 1);
    for (const look of looks) (single ?? emit)(head + look + tail, i);
  }
  // Windows of two: the pair itself ('rn' -> 'm'), and a doubled character with both replaced. A
  // window with one of two different characters replaced is the single substitution above.
  for (let i = 0; i + 1 < chars.length; i++) {
    const first = chars[i]!;
    const second = chars[i + 1]!;
    const doubled = first === second ? glyphs.get(first) : undefined;
    const paired = glyphs.get(first + second);
    if (!doubled && !paired) continue;
    const head = cps.head(i);
    const tail = cps.tail(i + 2);
    if (doubled) for (const look of doubled) emit(head + look + look + tail);
    if (paired) for (const look of paired) emit(head + look + tail);
  }
}

/** Look-alike characters, one or two rounds of substitution deep. */
export const homoglyph: Fuzzer = ({ domain, tld }, emit) => {
  const glyphs = glyphsFor(tld);
  // Each first-round candidate with the position from which its second round substitutes single
  // characters. A candidate made by one character's substitution at i needs no single substitution
  // before i: substituting j < i and then i is the first-round candidate of j taken on at i, which
  // its own second round makes. (The candidates are the same; the work and the repeats are halved.)
  const firstRound = new Map<string, number>();
  substituteGlyphs(
    domain,
    glyphs,
    (candidate) => firstRound.set(candidate, 0),
    0,
    (candidate, at) => firstRound.set(candidate, Math.min(at, firstRound.get(candidate) ?? at)),
  );
  for (const [candidate, from] of firstRound) {
    emit(candidate);
    substituteGlyphs(candidate, glyphs, emit, from);
  }
};

/** A hyphen between two characters. */
export const hyphenation: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 1; i < cps.length; i++) emit(`${cps.head(i)}-${cps.tail(i)}`);
};

/** A neighbouring key typed before or after a character (the last character excepted, like dnstwist). */
export const insertion: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i + 1 < cps.length; i++) {
    const keys = neighbours(cps.chars[i]!);
    if (keys.length === 0) continue;
    const before = cps.head(i);
    const at = cps.tail(i);
    const upTo = cps.head(i + 1);
    const after = cps.tail(i + 1);
    for (const key of keys) {
      emit(before + key + at);
      emit(upTo + key + after);
    }
  }
};

/** One character left out. */
export const omission: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) emit(cps.head(i) + cps.tail(i + 1));
};

/** Some plural forms: an `s` (`es` after s, x, z) after a character from the third to the third last. */
export const plural: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 2; i < cps.length - 2; i++) {
    const ch = cps.chars[i]!;
    const suffix = ch === 's' || ch === 'x' || ch === 'z' ? 'es' : 's';
    emit(cps.head(i + 1) + suffix + cps.tail(i + 1));
  }
};

/** One character typed twice. */
export const repetition: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) emit(cps.head(i) + cps.chars[i]! + cps.tail(i));
};

/** One character replaced by a neighbouring key. */
export const replacement: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) {
    const keys = neighbours(cps.chars[i]!);
    if (keys.length === 0) continue;
    const head = cps.head(i);
    const tail = cps.tail(i + 1);
    for (const key of keys) emit(head + key + tail);
  }
};

/** A dot inside the label (not next to a hyphen or dot, not at either end): `example` -> `ex.ample`. */
export const subdomain: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  const chars = cps.chars;
  for (let i = 1; i < chars.length - 1; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1]!;
    if (ch !== '-' && ch !== '.' && prev !== '-' && prev !== '.') emit(`${cps.head(i)}.${cps.tail(i)}`);
  }
};

/** Two adjacent characters swapped. */
export const transposition: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i + 1 < cps.length; i++) emit(cps.head(i) + cps.chars[i + 1]! + cps.chars[i]! + cps.tail(i + 2));
};

/** One vowel replaced by another. */
export const vowelSwap: Fuzzer = ({ domain }, emit) => {
  const cps = new CodePoints(domain);
  for (let i = 0; i < cps.length; i++) {
    if (!VOWELS.includes(cps.chars[i]!)) continue;
    const head = cps.head(i);
    const tail = cps.tail(i + 1);
    for (const vowel of VOWELS) emit(head + vowel + tail);
  }
};

/**
 * Dictionary words around the label (`word-label`, `wordlabel`, `label-word`, `labelword`), unless the
 * label starts and ends with the word; and, for a hyphenated label, in place of its first or last part.
 */
export const dictionary: Fuzzer = ({ domain, dictionary: words }, emit) => {
  for (const word of words) {
    if (domain.startsWith(word) && domain.endsWith(word)) continue;
    emit(`${domain}-${word}`);
    emit(domain + word);
    emit(`${word}-${domain}`);
    emit(word + domain);
  }
  const firstHyphen = domain.indexOf('-');
  if (firstHyphen < 0) return;
  const withoutLast = domain.slice(0, domain.lastIndexOf('-'));
  const withoutFirst = domain.slice(firstHyphen + 1);
  for (const word of words) {
    emit(`${withoutLast}-${word}`);
    emit(`${word}-${withoutFirst}`);
  }
};

/** Brand keywords (login, secure...) around the label: `label-kw`, `kw-label`, `labelkw`, `kwlabel`. */
export const combosquatting: Fuzzer = ({ domain, keywords }, emit) => {
  for (const keyword of keywords) {
    emit(`${domain}-${keyword}`);
    emit(`${keyword}-${domain}`);
    emit(domain + keyword);
    emit(keyword + domain);
  }
};

/** `subdomain.domain.tld` without its empty parts. */
export function joinName(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('.');
}

/** The same name under each other TLD of the list. */
export const tldSwap: Fuzzer = ({ subdomain: sub, domain, tld, tlds }, emit) => {
  for (const other of tlds) if (other !== tld) emit(joinName(sub, domain, other));
};

/** Miscellaneous confusions around the TLD and the subdomain. */
export const various: Fuzzer = ({ subdomain: sub, domain, tld }, emit) => {
  if (tld.includes('.')) {
    emit(joinName(sub, domain, tld.slice(tld.lastIndexOf('.') + 1))); // bank.co.uk -> bank.uk
    emit(joinName(sub, domain + tld)); // bank.co.uk -> bankco.uk
  } else {
    emit(joinName(sub, domain + tld, tld)); // example.com -> examplecom.com
    if (tld !== 'com') {
      emit(joinName(sub, `${domain}-${tld}`, 'com')); // example.de -> example-de.com
      emit(joinName(sub, domain + tld, 'com')); // example.de -> examplede.com
    }
  }
  if (sub !== '') {
    emit(`${sub}${domain}.${tld}`); // www.example.com -> wwwexample.com (a.b.x -> a.bx)
    emit(`${sub.replaceAll('.', '')}${domain}.${tld}`); // a.b.example.com -> abexample.com
    emit(`${sub}-${domain}.${tld}`); // www-example.com
    emit(`${sub.replaceAll('.', '-')}-${domain}.${tld}`); // a-b-example.com
  }
};

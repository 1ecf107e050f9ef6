/**
 * Domain-permutation engine for EAVD lookalike discovery: every algorithm of dnstwist's `Fuzzer.generate()`
 * and of CIRCL's ail-typo-squatting (each capeo algorithm generates at least what the tools' algorithm of
 * the same idea generates: test/unit/permutations-ail-parity.test.ts, test/unit/permutations-dnstwist-parity.test.ts),
 * plus TR39 mixed-script confusables, combosquatting with a built-in dictionary and brand keywords, and
 * TLD, public-suffix and dynamic-DNS families. Pure and synchronous; the reference lists are read once
 * from ./lists (lists.ts).
 *
 * Semantics:
 * - the input is split twice: the way dnstwist splits it (splitDomain) for dnstwist's algorithms and by
 *   the Public Suffix List (ICANN section, as tldextract does) for ail's; for most names both agree;
 * - label algorithms permute the registrable label in its Unicode form, name algorithms the whole name;
 * - every candidate is IDNA-encoded (UTS #46 non-transitional, then Punycode) and must pass dnstwist's
 *   host-name check; invalid names are dropped; the input domain itself is never reported;
 * - each name is reported once, with every algorithm that produced it (`algorithms`, in ALGORITHMS
 *   order); `fuzzer` is the first of them.
 * Output order: by first algorithm in ALGORITHMS order, then in generation order.
 *
 * Large families are policy options, off by default, so a brand's candidate set stays bounded: every
 * IANA TLD (`tldFamily: 'all'`), every public-suffix entry under the TLD (`publicSuffixes`) and the
 * dynamic-DNS suffixes (`dynamicDns`). README "Lookalike discovery" has the counts.
 */
import { joinName, type Emit, type Fuzzer, type FuzzInput } from './fuzzers';
import * as fuzzers from './fuzzers';
import * as typos from './typo-fuzzers';
import * as names from './name-fuzzers';
import type { NameFuzzer, NameInput } from './name-fuzzers';
import { labelToUnicode, normalizeInputDomain, splitDomain, toAsciiHostname, toAsciiHostnameWithLabel, type DomainParts } from './domain';
import { combosquattingWords, ianaTlds, publicSuffix } from './lists';
import { COMMON_GTLDS } from './tables';

/** dnstwist's fuzzers, in the order dnstwist runs them. */
export const DNSTWIST_FUZZERS = [
  'addition',
  'bitsquatting',
  'cyrillic',
  'homoglyph',
  'hyphenation',
  'insertion',
  'omission',
  'plural',
  'repetition',
  'replacement',
  'subdomain',
  'transposition',
  'vowel-swap',
  'dictionary',
  'tld-swap',
  'various',
] as const;

/** Algorithms capeo adds: ail-typo-squatting's that dnstwist lacks, then capeo's own. */
export const EXTRA_ALGORITHMS = [
  'combosquatting',
  'change-order',
  'double-replacement',
  'missing-dot',
  'strip-hyphen',
  'dot-to-hyphen',
  'add-tld',
  'wrong-sld',
  'misspelling',
  'homophone',
  'numeral-swap',
  'mixed-script',
  'dynamic-dns',
] as const;

/** Every algorithm of the engine, in the order they run (which decides a candidate's `fuzzer`). */
export const ALGORITHMS = [...DNSTWIST_FUZZERS, ...EXTRA_ALGORITHMS] as const;
/** The same list under its first name. */
export const FUZZERS = ALGORITHMS;

export type FuzzerName = (typeof ALGORITHMS)[number];
export type AlgorithmName = FuzzerName;

/**
 * ail-typo-squatting's algorithm names (ALGO_NAME_LIST) and the capeo algorithm that generates at least
 * what each one does (`homoglyph:all`: ail's homoglyph with --all_homoglyph, for allHomoglyphs). ail's "combo" (chained
 * algorithms) has no counterpart: README says why.
 */
export const AIL_ALGORITHMS: Readonly<Record<string, AlgorithmName>> = {
  omission: 'omission',
  repetition: 'repetition',
  changeOrder: 'change-order',
  replacement: 'replacement',
  doubleReplacement: 'double-replacement',
  addition: 'addition',
  missingDot: 'missing-dot',
  stripDash: 'strip-hyphen',
  vowelSwap: 'vowel-swap',
  addDash: 'hyphenation',
  homoglyph: 'homoglyph',
  'homoglyph:all': 'homoglyph',
  commonMisspelling: 'misspelling',
  homophones: 'homophone',
  wrongTld: 'tld-swap',
  addTld: 'add-tld',
  subdomain: 'subdomain',
  singularPluralize: 'plural',
  changeDotDash: 'dot-to-hyphen',
  wrongSld: 'wrong-sld',
  numeralSwap: 'numeral-swap',
  addDynamicDns: 'dynamic-dns',
};

/** Brand keywords of the first combosquatting version; all are in the built-in dictionary. */
export const DEFAULT_COMBOSQUATTING_KEYWORDS: readonly string[] = [
  'login',
  'secure',
  'support',
  'account',
  'verify',
  'auth',
  'signin',
  'update',
  'billing',
  'help',
];

/** Which TLDs the TLD algorithms (tld-swap, add-tld, dot-to-hyphen) use besides the `tlds` option. */
export const TLD_FAMILIES = ['none', 'common', 'all'] as const;
export type TldFamily = (typeof TLD_FAMILIES)[number];

export interface PermutationOptions {
  /** Algorithms to run (ALGORITHMS names); all of them when absent (dynamic-dns only with `dynamicDns`). An unknown name throws. */
  fuzzers?: readonly string[];
  /** Words for the dictionary fuzzer (dnstwist --dictionary). Default: none. */
  dictionary?: readonly string[];
  /** Extra TLDs for tld-swap (dnstwist --tld), e.g. 'net', 'co.uk', 'рф'. Default: none. */
  tlds?: readonly string[];
  /** Brand keywords for combosquatting, added to the built-in dictionary. Default: none. */
  keywords?: readonly string[];
  /** Use the built-in combosquatting dictionary (lists/combosquatting-words.txt). Default: true. */
  combosquattingDictionary?: boolean;
  /**
   * TLD family: 'common' (default) = every two-letter IANA TLD and COMMON_GTLDS; 'all' = every IANA TLD
   * (about 1,440: large, opt-in); 'none' = only the `tlds` option.
   */
  tldFamily?: TldFamily;
  /** tld-swap also under each public-suffix entry of the same TLD (`paypal.blogspot.com`). Default: false (large). */
  publicSuffixes?: boolean;
  /** Run dynamic-dns: the name under each of about 35,000 dynamic-DNS suffixes. Default: false (large). */
  dynamicDns?: boolean;
  /** homoglyph: ail's look-alike runs two rounds deep (its --all_homoglyph). Default: false (quadratic). */
  allHomoglyphs?: boolean;
}

export interface Permutation {
  /** The first algorithm (in ALGORITHMS order) that produced the name. */
  fuzzer: FuzzerName;
  /** Every algorithm that produced it, in ALGORITHMS order. */
  algorithms: FuzzerName[];
  /** The lookalike, in ASCII (Punycode) form. */
  domain: string;
}

/** One piece of an algorithm: a label or name fuzzer, over the dnstwist split or the PSL split. */
type Piece =
  | { split: 'dnstwist' | 'psl'; label: Fuzzer }
  | { split: 'dnstwist' | 'psl'; name: Fuzzer }
  | { family: NameFuzzer };

const d = (label: Fuzzer): Piece => ({ split: 'dnstwist', label });
const p = (label: Fuzzer): Piece => ({ split: 'psl', label });
const dn = (name: Fuzzer): Piece => ({ split: 'dnstwist', name });
const f = (family: NameFuzzer): Piece => ({ family });

const IMPLEMENTATIONS: Readonly<Record<FuzzerName, readonly Piece[]>> = {
  addition: [d(fuzzers.addition), p(typos.additionAnywhere)],
  bitsquatting: [d(fuzzers.bitsquatting)],
  cyrillic: [d(fuzzers.cyrillic)],
  homoglyph: [d(fuzzers.homoglyph), p(typos.homoglyphRuns)],
  hyphenation: [d(fuzzers.hyphenation), p(fuzzers.hyphenation)],
  insertion: [d(fuzzers.insertion)],
  omission: [d(fuzzers.omission), p(fuzzers.omission)],
  plural: [d(fuzzers.plural), p(typos.pluralEnglish)],
  repetition: [d(fuzzers.repetition), p(fuzzers.repetition)],
  replacement: [d(fuzzers.replacement), p(typos.replacementAnywhere)],
  subdomain: [d(fuzzers.subdomain), f(names.subdomainAnywhere)],
  transposition: [d(fuzzers.transposition)],
  'vowel-swap': [d(fuzzers.vowelSwap), p(typos.vowelSwapAll)],
  dictionary: [d(fuzzers.dictionary)],
  'tld-swap': [dn(fuzzers.tldSwap), f(names.tldFamilySwap)],
  various: [dn(fuzzers.various)],
  combosquatting: [d(fuzzers.combosquatting)],
  'change-order': [p(typos.changeOrder)],
  'double-replacement': [p(typos.doubleReplacement)],
  'missing-dot': [f(names.missingDot)],
  'strip-hyphen': [f(names.stripHyphen)],
  'dot-to-hyphen': [f(names.dotToHyphen)],
  'add-tld': [f(names.addTld)],
  'wrong-sld': [f(names.wrongSld)],
  misspelling: [p(typos.misspelling)],
  homophone: [p(typos.homophone)],
  'numeral-swap': [p(typos.numeralSwap)],
  'mixed-script': [d(typos.mixedScript)],
  'dynamic-dns': [f(names.dynamicDns)],
};

function isFuzzerName(name: string): name is FuzzerName {
  return Object.prototype.hasOwnProperty.call(IMPLEMENTATIONS, name);
}

function selectFuzzers(requested: readonly string[] | undefined, dynamicDns: boolean): FuzzerName[] {
  if (requested === undefined) return ALGORITHMS.filter((name) => name !== 'dynamic-dns' || dynamicDns);
  const wanted = new Set<string>();
  for (const raw of requested) {
    const name = raw.trim().toLowerCase();
    if (!isFuzzerName(name)) throw new Error(`unknown fuzzer ${JSON.stringify(raw)}; expected one of: ${ALGORITHMS.join(', ')}`);
    wanted.add(name);
  }
  return ALGORITHMS.filter((name) => wanted.has(name));
}

/** Lower-cased, trimmed, without empty entries and repeats. */
function cleanWords(words: readonly string[] | undefined, stripLeadingDot = false): string[] {
  const out = new Set<string>();
  for (const word of words ?? []) {
    let clean = word.trim().toLowerCase();
    if (stripLeadingDot) clean = clean.replace(/^\.+/, '');
    if (clean !== '') out.add(clean);
  }
  return [...out];
}

const familyCache = new Map<TldFamily, readonly string[]>();

/** The TLDs of a family, ASCII. */
export function tldFamily(family: TldFamily): readonly string[] {
  let tlds = familyCache.get(family);
  if (!tlds) {
    const iana = ianaTlds();
    if (family === 'none') tlds = [];
    else if (family === 'all') tlds = iana;
    else {
      const known = new Set(iana);
      tlds = [...new Set([...COMMON_GTLDS.filter((t) => known.has(t)), ...iana.filter((t) => /^[a-z]{2}$/.test(t))])];
    }
    familyCache.set(family, tlds);
  }
  return tlds;
}

/** The input split by the Public Suffix List (ICANN rules), or null when no rule matches it. */
function splitByPsl(ascii: string): DomainParts | null {
  const suffix = publicSuffix(ascii);
  if (suffix === '' || suffix === ascii) return null;
  const rest = ascii.slice(0, ascii.length - suffix.length - 1).split('.');
  return { subdomain: rest.slice(0, -1).join('.'), domain: rest[rest.length - 1]!, tld: suffix };
}

const unicodeName = (ascii: string): string => ascii.split('.').map(labelToUnicode).join('.');

/**
 * Lookalike domains of `domain` (Unicode or Punycode input; throws when it is not a valid host name),
 * each labelled with the algorithms that found it, in ASCII form, without duplicates or the input itself.
 */
export function generatePermutations(domain: string, options: PermutationOptions = {}): Permutation[] {
  const ascii = normalizeInputDomain(domain);
  const dParts = splitDomain(ascii);
  const pParts = splitByPsl(ascii) ?? dParts;
  const samePsl = pParts.subdomain === dParts.subdomain && pParts.domain === dParts.domain && pParts.tld === dParts.tld;
  const common = {
    dictionary: cleanWords(options.dictionary),
    tlds: cleanWords(options.tlds, true),
    keywords: cleanWords([...(options.combosquattingDictionary === false ? [] : combosquattingWords()), ...(options.keywords ?? [])]),
    allHomoglyphs: options.allHomoglyphs === true,
  };
  const dInput: FuzzInput = { ...dParts, domain: labelToUnicode(dParts.domain), ...common };
  const pInput: FuzzInput = samePsl ? dInput : { ...pParts, domain: labelToUnicode(pParts.domain), ...common };
  const nameInput: NameInput = {
    ...pParts,
    domain: pInput.domain,
    name: unicodeName(ascii),
    familyTlds: tldFamily(options.tldFamily ?? 'common'),
    publicSuffixes: options.publicSuffixes === true,
  };

  const results: Permutation[] = [];
  const byName = new Map<string, Permutation | null>([[ascii, null]]); // ASCII name -> its entry (null: the input)
  let fuzzer: FuzzerName = ALGORITHMS[0];

  const record = (candidate: string): Permutation | null => {
    const found = byName.get(candidate);
    if (found !== undefined) {
      if (found !== null && found.algorithms[found.algorithms.length - 1] !== fuzzer) found.algorithms.push(fuzzer);
      return found;
    }
    const entry: Permutation = { fuzzer, algorithms: [fuzzer], domain: candidate };
    byName.set(candidate, entry);
    results.push(entry);
    return entry;
  };
  /** A cache of emitted strings (labels or names) to their entry, so a repeat costs one lookup. */
  const emitter = (toAscii: (s: string) => string | null): Emit => {
    const cache = new Map<string, Permutation | null>();
    return (s) => {
      const hit = cache.get(s);
      if (hit !== undefined) {
        if (hit !== null && hit.algorithms[hit.algorithms.length - 1] !== fuzzer) hit.algorithms.push(fuzzer);
        return;
      }
      const candidate = toAscii(s);
      cache.set(s, candidate === null ? null : record(candidate));
    };
  };
  /** Labels in place of the domain label: the rest of the name is the input's, already ASCII. */
  const labelEmitter = (parts: DomainParts): Emit => {
    const before = parts.subdomain === '' ? '' : `${parts.subdomain}.`;
    const after = parts.tld === '' ? '' : `.${parts.tld}`;
    const empty = toAsciiHostname(joinName(parts.subdomain, parts.tld));
    // With an IDN label elsewhere in the name (an IDN TLD), IDNA's rules look across labels (Bidi):
    // every candidate takes the whole-name path then.
    const plainRest = !/(^|\.)xn--/.test(before + after);
    // No cache of labels: the ASCII form of a label is cheaper to make again than to look up.
    return (label) => {
      const candidate = label === '' ? empty : plainRest ? toAsciiHostnameWithLabel(before, label, after) : toAsciiHostname(before + label + after);
      if (candidate !== null) record(candidate);
    };
  };
  const emitName = emitter(toAsciiHostname);
  const emitLabelD = labelEmitter(dParts);
  const emitLabelP = samePsl ? emitLabelD : labelEmitter(pParts);

  for (const name of selectFuzzers(options.fuzzers, options.dynamicDns === true)) {
    fuzzer = name;
    for (const piece of IMPLEMENTATIONS[name]) {
      if ('family' in piece) piece.family(nameInput, emitName);
      else if ('name' in piece) piece.name(piece.split === 'psl' ? pInput : dInput, emitName);
      else if (piece.split === 'psl') piece.label(pInput, emitLabelP);
      else piece.label(dInput, emitLabelD);
    }
  }
  return results;
}

export { isValidHostname, splitDomain, toAsciiHostname } from './domain';

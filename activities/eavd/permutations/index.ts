/**
 * Domain-permutation engine for EAVD lookalike discovery: every algorithm of dnstwist's
 * `Fuzzer.generate()` (same fuzzer names, same keyboards and glyph tables) plus combosquatting with brand
 * keywords. Pure and synchronous: no I/O, word lists are passed in.
 *
 * Semantics, as in dnstwist:
 * - the input is split into subdomain, registrable label and TLD (see splitDomain); the algorithms
 *   permute the label in its Unicode form, tld-swap and various work on the whole name;
 * - every candidate is IDNA-encoded (UTS #46 non-transitional, then Punycode) and must pass dnstwist's
 *   host-name check; invalid names are dropped;
 * - each name is reported once, by the first fuzzer (in FUZZERS order) that produces it; the input
 *   domain itself is never reported.
 * Output order: by fuzzer in FUZZERS order, then in generation order.
 */
import { joinName, type Emit, type Fuzzer, type FuzzInput } from './fuzzers';
import * as fuzzers from './fuzzers';
import { labelToUnicode, normalizeInputDomain, splitDomain, toAsciiHostname } from './domain';

/** dnstwist's fuzzers, in the order dnstwist runs them (which decides who reports a shared name). */
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

/** Every fuzzer of the engine: dnstwist's, then combosquatting. */
export const FUZZERS = [...DNSTWIST_FUZZERS, 'combosquatting'] as const;

export type FuzzerName = (typeof FUZZERS)[number];

/** Brand keywords combosquatting uses when none are given. */
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

export interface PermutationOptions {
  /** Fuzzers to run (FUZZERS names); all of them when absent. An unknown name throws. */
  fuzzers?: readonly string[];
  /** Words for the dictionary fuzzer (dnstwist --dictionary). Default: none. */
  dictionary?: readonly string[];
  /** TLDs for the tld-swap fuzzer (dnstwist --tld), e.g. 'net', 'co.uk', 'рф'. Default: none. */
  tlds?: readonly string[];
  /** Brand keywords for combosquatting. Default: DEFAULT_COMBOSQUATTING_KEYWORDS. */
  keywords?: readonly string[];
}

export interface Permutation {
  fuzzer: FuzzerName;
  /** The lookalike, in ASCII (Punycode) form. */
  domain: string;
}

const IMPLEMENTATIONS: Readonly<Record<FuzzerName, Fuzzer>> = {
  addition: fuzzers.addition,
  bitsquatting: fuzzers.bitsquatting,
  cyrillic: fuzzers.cyrillic,
  homoglyph: fuzzers.homoglyph,
  hyphenation: fuzzers.hyphenation,
  insertion: fuzzers.insertion,
  omission: fuzzers.omission,
  plural: fuzzers.plural,
  repetition: fuzzers.repetition,
  replacement: fuzzers.replacement,
  subdomain: fuzzers.subdomain,
  transposition: fuzzers.transposition,
  'vowel-swap': fuzzers.vowelSwap,
  dictionary: fuzzers.dictionary,
  'tld-swap': fuzzers.tldSwap,
  various: fuzzers.various,
  combosquatting: fuzzers.combosquatting,
};

/** Fuzzers that emit whole host names rather than a new registrable label. */
const NAME_FUZZERS: ReadonlySet<FuzzerName> = new Set(['tld-swap', 'various']);

function isFuzzerName(name: string): name is FuzzerName {
  return Object.prototype.hasOwnProperty.call(IMPLEMENTATIONS, name);
}

function selectFuzzers(requested: readonly string[] | undefined): FuzzerName[] {
  if (requested === undefined) return [...FUZZERS];
  const wanted = new Set<string>();
  for (const raw of requested) {
    const name = raw.trim().toLowerCase();
    if (!isFuzzerName(name)) throw new Error(`unknown fuzzer ${JSON.stringify(raw)}; expected one of: ${FUZZERS.join(', ')}`);
    wanted.add(name);
  }
  return FUZZERS.filter((name) => wanted.has(name));
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

/**
 * Lookalike domains of `domain` (Unicode or Punycode input; throws when it is not a valid host name),
 * each labelled with the fuzzer that found it, in ASCII form, without duplicates or the input itself.
 */
export function generatePermutations(domain: string, options: PermutationOptions = {}): Permutation[] {
  const ascii = normalizeInputDomain(domain);
  const parts = splitDomain(ascii);
  const input: FuzzInput = {
    subdomain: parts.subdomain,
    domain: labelToUnicode(parts.domain),
    tld: parts.tld,
    dictionary: cleanWords(options.dictionary),
    tlds: cleanWords(options.tlds, true),
    keywords: cleanWords(options.keywords ?? DEFAULT_COMBOSQUATTING_KEYWORDS),
  };

  const results: Permutation[] = [];
  const reported = new Set<string>([ascii]); // ASCII names already reported (and the input)
  const seenLabels = new Set<string>([input.domain]); // candidate labels already handled
  let fuzzer: FuzzerName = FUZZERS[0];

  const emitName: Emit = (name) => {
    const candidate = toAsciiHostname(name);
    if (candidate === null || reported.has(candidate)) return;
    reported.add(candidate);
    results.push({ fuzzer, domain: candidate });
  };
  const before = input.subdomain === '' ? '' : `${input.subdomain}.`;
  const after = input.tld === '' ? '' : `.${input.tld}`;
  const emitLabel: Emit = (label) => {
    if (seenLabels.has(label)) return;
    seenLabels.add(label);
    emitName(label === '' ? joinName(input.subdomain, input.tld) : before + label + after);
  };

  for (const name of selectFuzzers(options.fuzzers)) {
    fuzzer = name;
    IMPLEMENTATIONS[name](input, NAME_FUZZERS.has(name) ? emitName : emitLabel);
  }
  return results;
}

export { isValidHostname, splitDomain, toAsciiHostname } from './domain';

/**
 * The reference lists the engine ships (./lists, provenance and dates in lists/sources.json, refreshed by
 * scripts/refresh-lookalike-data.ts): IANA TLDs, the Public Suffix List, TR39 confusables, dynamic-DNS
 * suffixes, homophones, common misspellings and the combosquatting dictionary. Each is read and parsed
 * once, on first use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';

const DIR = join(__dirname, 'lists');

function once<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

const read = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/** Non-empty lines without `#` (or, for the PSL, `//`) comments, trimmed. */
function lines(text: string, comment = '#'): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith(comment));
}

/** Every TLD of the IANA root zone, lower-case ASCII (IDN TLDs in Punycode), in the list's order. */
export const ianaTlds = once((): readonly string[] => lines(read('tlds-alpha-by-domain.txt')).map((t) => t.toLowerCase()));

export interface PublicSuffixList {
  /** ICANN-section rules, ASCII, as written (`*.ck`, `!www.ck`, `co.uk`). */
  readonly icann: readonly string[];
  /** PRIVATE-section rules, ASCII, as written. */
  readonly private: readonly string[];
  /** ICANN rules for the suffix algorithm. */
  readonly exact: ReadonlySet<string>;
  readonly wildcard: ReadonlySet<string>;
  readonly exception: ReadonlySet<string>;
}

function ruleToAscii(rule: string): string {
  const lead = rule.startsWith('*.') ? '*.' : rule.startsWith('!') ? '!' : '';
  const rest = rule.slice(lead.length);
  const ascii = /^[\x20-\x7e]*$/.test(rest) ? rest.toLowerCase() : domainToASCII(rest);
  return ascii === '' ? '' : lead + ascii;
}

export const publicSuffixList = once((): PublicSuffixList => {
  const text = read('public_suffix_list.dat');
  const [icannText, privateText = ''] = text.split('// ===BEGIN PRIVATE DOMAINS===');
  const rules = (part: string) => lines(part!, '//').map((l) => ruleToAscii(l.split(/\s/)[0]!)).filter(Boolean);
  const icann = rules(icannText!);
  const exact = new Set<string>();
  const wildcard = new Set<string>();
  const exception = new Set<string>();
  for (const rule of icann) {
    if (rule.startsWith('*.')) wildcard.add(rule.slice(2));
    else if (rule.startsWith('!')) exception.add(rule.slice(1));
    else exact.add(rule);
  }
  return { icann, private: rules(privateText), exact, wildcard, exception };
});

/**
 * The public suffix of an ASCII host name by the ICANN section of the list (the PSL algorithm: the
 * longest matching rule, wildcards and exceptions applied), or '' when no rule matches. This is how
 * tldextract, and so ail-typo-squatting, splits names (private suffixes excluded, its default).
 */
export function publicSuffix(asciiName: string): string {
  const psl = publicSuffixList();
  const labels = asciiName.split('.');
  for (let i = 0; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    if (psl.exception.has(suffix)) return labels.slice(i + 1).join('.');
    if (psl.exact.has(suffix)) return suffix;
    if (i + 1 < labels.length && psl.wildcard.has(labels.slice(i + 1).join('.'))) return suffix;
  }
  return '';
}

/** Latin letter or digit -> the Cyrillic and Greek code points TR39 maps to it (confusables.txt). */
export const latinConfusables = once((): ReadonlyMap<string, readonly string[]> => {
  const map = new Map<string, string[]>();
  for (const line of lines(read('confusables-latin.txt'))) {
    const m = /^([0-9A-F]{4,6})\s*;\s*([0-9A-F]{4,6})\s*;/.exec(line);
    if (!m) continue;
    const source = String.fromCodePoint(parseInt(m[1]!, 16));
    const target = String.fromCodePoint(parseInt(m[2]!, 16));
    const list = map.get(target) ?? [];
    list.push(source);
    map.set(target, list);
  }
  return map;
});

/** Dynamic-DNS suffixes (MISP warning list), ASCII, without a leading dot. */
export const dynamicDnsSuffixes = once((): readonly string[] => lines(read('dynamic-dns.txt')));

/** Groups of words that sound alike (one group a line, comma-separated). */
export const homophoneGroups = once((): ReadonlyArray<readonly string[]> =>
  lines(read('homophones.txt')).map((l) => l.split(',').map((w) => w.trim()).filter(Boolean)),
);

/** Misspelling -> its corrections (comma-separated in the list; spaces removed, as ail does). */
export const commonMisspellings = once((): ReadonlyMap<string, readonly string[]> => {
  const json = JSON.parse(read('common-misspellings.json')) as Record<string, string>;
  return new Map(Object.entries(json).map(([wrong, right]) => [wrong, right.split(',').map((w) => w.replaceAll(' ', ''))]));
});

/** Correct word -> its common misspellings (the reverse of commonMisspellings). */
export const misspellingsOf = once((): ReadonlyMap<string, readonly string[]> => {
  const out = new Map<string, string[]>();
  for (const [wrong, rights] of commonMisspellings()) {
    for (const right of rights) {
      const list = out.get(right) ?? [];
      list.push(wrong);
      out.set(right, list);
    }
  }
  return out;
});

/** capeo's combosquatting dictionary (lists/combosquatting-words.txt). */
export const combosquattingWords = once((): readonly string[] => lines(read('combosquatting-words.txt')));

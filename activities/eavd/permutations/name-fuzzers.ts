/**
 * Whole-name algorithms beyond dnstwist's: TLD and public-suffix families, dots and hyphens, dynamic-DNS
 * suffixes. They follow ail-typo-squatting's semantics (or a superset of them, noted where so) and work
 * on the name split by the Public Suffix List, as ail does.
 */
import { joinName, CodePoints, type Emit } from './fuzzers';
import type { DomainParts } from './domain';
import { toAsciiHostname } from './domain';
import { dynamicDnsSuffixes, publicSuffix, publicSuffixList } from './lists';

/** What a name algorithm works on: the PSL split (Unicode label) and the policy's TLD family. */
export interface NameInput extends DomainParts {
  /** The whole input name, Unicode labels. */
  readonly name: string;
  /** The TLDs of the policy's family (ASCII, one label each). */
  readonly familyTlds: readonly string[];
  /** Swap to every public-suffix entry under the same TLD too (ail's wrong TLD, its PSL half). */
  readonly publicSuffixes: boolean;
}

export type NameFuzzer = (input: NameInput, emit: Emit) => void;

const lastLabel = (name: string): string => name.slice(name.lastIndexOf('.') + 1);
const withoutLastLabel = (name: string): string => name.slice(0, Math.max(0, name.lastIndexOf('.')));

/** The last two labels of each PSL entry (both sections, wildcards and exceptions stripped) under a TLD. */
const secondLevelCache = new Map<string, readonly string[]>();
function secondLevelsUnder(tld: string): readonly string[] {
  let out = secondLevelCache.get(tld);
  if (!out) {
    const psl = publicSuffixList();
    const set = new Set<string>();
    for (const rule of [...psl.icann, ...psl.private]) {
      const entry = rule.replace(/^(\*\.|!)/, '');
      if (!entry.endsWith(`.${tld}`)) continue;
      const labels = entry.split('.');
      set.add(labels.slice(-2).join('.'));
    }
    out = [...set];
    secondLevelCache.set(tld, out);
  }
  return out;
}

/**
 * The last label replaced by each TLD of the family (`circl.lu` -> `circl.com`) and, under a multi-label
 * suffix, the whole suffix too (`bank.co.uk` -> `bank.com`); with publicSuffixes, also under each
 * second-level public suffix of the same TLD (`paypal.com` -> `paypal.blogspot.com`), as ail does.
 */
export const tldFamilySwap: NameFuzzer = ({ subdomain, domain, tld, name, familyTlds, publicSuffixes }, emit) => {
  const last = lastLabel(name);
  const stem = withoutLastLabel(name);
  const multiLabel = tld.includes('.');
  for (const other of familyTlds) {
    if (other === last) continue;
    emit(`${stem}.${other}`);
    if (multiLabel) emit(joinName(subdomain, domain, other));
  }
  if (publicSuffixes && !multiLabel) for (const sl of secondLevelsUnder(last)) emit(`${stem}.${sl}`);
};

/** Under a multi-label suffix, each other second-level suffix of the TLD (`co.uk` -> `ac.uk`, `org.uk`...). */
export const wrongSld: NameFuzzer = ({ subdomain, domain, tld }, emit) => {
  if (!tld.includes('.')) return;
  for (const sl of secondLevelsUnder(lastLabel(tld))) if (sl !== tld) emit(joinName(subdomain, domain, sl));
};

/** A TLD of the family added after the name (`circl.lu` -> `circl.lu.com`). */
export const addTld: NameFuzzer = ({ name, familyTlds }, emit) => {
  for (const other of familyTlds) emit(`${name}.${other}`);
};

/**
 * Dots left out (ail's missing dot): the first k dots, and at each step the last remaining one, also with
 * `www` in front; a result whose first label contains the TLD also gets `.com` (`circl.lu` -> `circllu.com`).
 */
export const missingDot: NameFuzzer = ({ name }, emit) => {
  const last = lastLabel(name);
  for (const start of [name, `www${name}`]) {
    let loc = start;
    while (loc.includes('.')) {
      const loc2 = loc.slice(0, loc.lastIndexOf('.')) + loc.slice(loc.lastIndexOf('.') + 1);
      loc = loc.replace('.', '');
      for (const v of [loc, loc2]) {
        emit(v);
        const first = v.split('.')[0]!;
        if (first.includes(last)) emit(`${v}.com`);
      }
    }
  }
};

/** Hyphens left out: each one alone, the first k, and at each step the last remaining one (ail's strip dash). */
export const stripHyphen: NameFuzzer = ({ name }, emit) => {
  for (let h = name.indexOf('-'); h >= 0; h = name.indexOf('-', h + 1)) emit(name.slice(0, h) + name.slice(h + 1));
  let loc = name;
  while (loc.includes('-')) {
    const at = loc.lastIndexOf('-');
    emit(loc.slice(0, at) + loc.slice(at + 1));
    loc = loc.replace('-', '');
    emit(loc);
  }
};

/**
 * Dots turned into hyphens, from the left and from the right, one more at each step (ail's change dot to
 * dash): a result that still has a dot is a name; one without a dot, or whose public suffix changed,
 * also gets each TLD of the family (`sub.circl.lu` -> `sub-circl.lu`, `sub-circl-lu.com`). A superset of ail's.
 */
export const dotToHyphen: NameFuzzer = ({ name, familyTlds }, emit) => {
  const ascii = toAsciiHostname(name);
  const suffix = ascii === null ? '' : publicSuffix(ascii);
  let left = name;
  let right = name;
  while (left.includes('.')) {
    const at = right.lastIndexOf('.');
    right = `${right.slice(0, at)}-${right.slice(at + 1)}`;
    left = left.replace('.', '-');
    for (const v of left === right ? [left] : [left, right]) {
      const hasDot = v.includes('.');
      if (hasDot) emit(v);
      const vAscii = hasDot ? toAsciiHostname(v) : null;
      if (!hasDot || vAscii === null || publicSuffix(vAscii) !== suffix) for (const other of familyTlds) emit(`${v}.${other}`);
    }
  }
};

/** The name with its last dot, or all its dots, as hyphens, under each dynamic-DNS suffix (MISP's list). */
export const dynamicDns: NameFuzzer = ({ name }, emit) => {
  const at = name.lastIndexOf('.');
  const variants = new Set([`${name.slice(0, at)}-${name.slice(at + 1)}`, name.replaceAll('.', '-')]);
  for (const suffix of dynamicDnsSuffixes()) for (const v of variants) emit(`${v}.${suffix}`);
};

/** A dot inside the subdomain-and-label part, never next to a hyphen or dot (ail's subdomain). */
export const subdomainAnywhere: NameFuzzer = ({ subdomain, domain, tld }, emit) => {
  const cps = new CodePoints(joinName(subdomain, domain));
  const chars = cps.chars;
  const after = tld === '' ? '' : `.${tld}`;
  for (let i = 1; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1]!;
    if (ch !== '-' && ch !== '.' && prev !== '-' && prev !== '.') emit(`${cps.head(i)}.${cps.tail(i)}${after}`);
  }
};

/**
 * Domain-name plumbing of the permutation engine: input normalisation, the subdomain/domain/TLD split
 * and the IDNA (UTS #46, as Node's WHATWG URL parser implements it) conversion to ASCII with the
 * host-name validity check dnstwist applies to its output.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

/** A registrable name split the way dnstwist splits it: `subdomain.domain.tld`, any part may be empty. */
export interface DomainParts {
  readonly subdomain: string;
  readonly domain: string;
  readonly tld: string;
}

/**
 * Second-level labels that, in front of a ccTLD, form a multi-label public suffix (co.uk, com.au, ne.jp...).
 * This is dnstwist's heuristic when the optional `tld` package is absent, the configuration its pinned
 * test oracle runs in; for the usual names (co.uk, com.br, ...) it agrees with the Public Suffix List.
 */
const SECOND_LEVEL_SUFFIX_LABELS: ReadonlySet<string> = new Set([
  'org', 'com', 'net', 'gov', 'edu', 'co', 'mil', 'nom', 'ac', 'info', 'biz', 'ne',
]);

/** Splits an ASCII host name into subdomain, domain and TLD (a TLD has at most two labels). */
export function splitDomain(asciiDomain: string): DomainParts {
  const labels = asciiDomain.split('.');
  const n = labels.length;
  if (n === 1) return { subdomain: '', domain: labels[0]!, tld: '' };
  if (n === 2) return { subdomain: '', domain: labels[0]!, tld: labels[1]! };
  if (SECOND_LEVEL_SUFFIX_LABELS.has(labels[n - 2]!)) {
    return { subdomain: labels.slice(0, n - 3).join('.'), domain: labels[n - 3]!, tld: `${labels[n - 2]}.${labels[n - 1]}` };
  }
  return { subdomain: labels.slice(0, n - 2).join('.'), domain: labels[n - 2]!, tld: labels[n - 1]! };
}

const CH_DOT = 0x2e;
const CH_HYPHEN = 0x2d;

/** Letter, digit or hyphen (lower-case only: every name the engine checks has been lower-cased). */
function isLdh(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === CH_HYPHEN;
}

/**
 * dnstwist's host-name check on the ASCII form: 4 to 253 characters, at least two labels, letters digits
 * and hyphens only; labels 1 to 63 characters not starting or ending with a hyphen, except the last one,
 * which has 2 to 63 characters (and may, like in dnstwist, start or end with a hyphen).
 */
export function isValidHostname(name: string): boolean {
  const len = name.length;
  if (len < 4 || len > 253) return false;
  let labelStart = 0;
  let labels = 0;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? name.charCodeAt(i) : CH_DOT;
    if (c !== CH_DOT) {
      if (!isLdh(c)) return false;
      continue;
    }
    const labelLen = i - labelStart;
    if (i === len) {
      // The last label.
      if (labels === 0 || labelLen < 2 || labelLen > 63) return false;
    } else {
      if (labelLen < 1 || labelLen > 63) return false;
      if (name.charCodeAt(labelStart) === CH_HYPHEN || name.charCodeAt(i - 1) === CH_HYPHEN) return false;
    }
    labels++;
    labelStart = i + 1;
  }
  return true;
}

const PLAIN = 0;
const NEEDS_IDNA = 1;
const INVALID = 2;

/**
 * PLAIN when the name is lower-case letters, digits, hyphens and dots with no `xn--` label (IDNA leaves
 * it unchanged); NEEDS_IDNA when it also has non-ASCII characters or an `xn--` label (which must decode
 * to a valid U-label); INVALID when it has any other ASCII character, which no host name may contain
 * (and which Node's URL-oriented domainToASCII would otherwise percent-decode or cut at).
 */
function classify(name: string): number {
  let kind = PLAIN;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === CH_DOT) continue;
    if (c >= 0x80) {
      kind = NEEDS_IDNA;
      continue;
    }
    if (!isLdh(c)) return INVALID;
    if (
      c === 0x78 /* x */ &&
      (i === 0 || name.charCodeAt(i - 1) === CH_DOT) &&
      name.charCodeAt(i + 1) === 0x6e /* n */ &&
      name.charCodeAt(i + 2) === CH_HYPHEN &&
      name.charCodeAt(i + 3) === CH_HYPHEN
    ) {
      kind = NEEDS_IDNA;
    }
  }
  return kind;
}

const PUNY_BASE = 36;
const PUNY_T_MIN = 1;
const PUNY_T_MAX = 26;
const punyDigit = (d: number): number => (d < 26 ? 0x61 + d : 0x16 + d);

function punyAdapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / 700) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  for (; delta > ((PUNY_BASE - PUNY_T_MIN) * PUNY_T_MAX) >> 1; k += PUNY_BASE) delta = Math.floor(delta / (PUNY_BASE - PUNY_T_MIN));
  return k + Math.floor(((PUNY_BASE - PUNY_T_MIN + 1) * delta) / (delta + 38));
}

/** RFC 3492 Punycode of a string of code points (the part after `xn--`). */
export function punycode(input: string): string {
  const codes: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input.codePointAt(i)!;
    if (c > 0xffff) i++;
    codes.push(c);
    if (c < 0x80) out.push(c);
  }
  const basic = out.length;
  let handled = basic;
  if (basic > 0) out.push(0x2d);
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (handled < codes.length) {
    let m = 0x7fffffff; // a small integer, not Infinity: keeps the loop on integer arithmetic
    for (const c of codes) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of codes) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = PUNY_BASE; ; k += PUNY_BASE) {
        const t = k <= bias ? PUNY_T_MIN : k >= bias + PUNY_T_MAX ? PUNY_T_MAX : k - bias;
        if (q < t) break;
        out.push(punyDigit(t + ((q - t) % (PUNY_BASE - t))));
        q = Math.floor((q - t) / (PUNY_BASE - t));
      }
      out.push(punyDigit(q));
      bias = punyAdapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return String.fromCharCode(...out);
}

/** Scripts whose letters IDNA never combines, reorders or checks for direction (see isPlainIdnaCodePoint). */
const PLAIN_SCRIPTS = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const MARK = /^\p{M}$/u;
const plainCodePoints = new Map<number, boolean>();

/**
 * True when a non-ASCII code point is one UTS #46 keeps as it is and accepts, and that needs no context:
 * a Latin, Greek or Cyrillic letter, not a combining mark (so NFC cannot compose it with a neighbour),
 * not right-to-left (no Bidi rule applies). Decided once per code point by asking the WHATWG
 * implementation itself; a label of such code points (and ASCII letters, digits, hyphens) is encoded
 * directly, which is what domainToASCII would do, at a fraction of the cost.
 */
function isPlainIdnaCodePoint(cp: number): boolean {
  let plain = plainCodePoints.get(cp);
  if (plain === undefined) {
    const ch = String.fromCodePoint(cp);
    plain = PLAIN_SCRIPTS.test(ch) && !MARK.test(ch) && domainToASCII(`a${ch}a`) === `xn--${punycode(`a${ch}a`)}`;
    plainCodePoints.set(cp, plain);
  }
  return plain;
}

/**
 * The ASCII form of a name made of LDH ASCII and plain code points only, or null when it has others.
 * One pass over the name, label by label (no split, no cache: a cache of A-labels cost more than the
 * Punycode it saved, with a fresh label at nearly every call).
 */
function fastIdna(name: string): string | null {
  let out = '';
  let start = 0;
  const len = name.length;
  for (let i = 0; i <= len; i++) {
    if (i < len && name.charCodeAt(i) !== CH_DOT) continue;
    let ascii = true;
    for (let j = start; j < i; j++) {
      if (name.charCodeAt(j) < 0x80) continue;
      ascii = false;
      const cp = name.codePointAt(j)!;
      if (cp > 0xffff) j++;
      if (!isPlainIdnaCodePoint(cp)) return null;
    }
    const label = name.slice(start, i);
    if (ascii) {
      if (label.startsWith('xn--')) return null; // must decode to a valid U-label: the slow path checks
      out += label;
    } else out += `xn--${punycode(label)}`;
    if (i < len) out += '.';
    start = i + 1;
  }
  return out;
}

/**
 * The ASCII (Punycode) form of a host name, or null when it is not a valid IDNA name or fails
 * dnstwist's host-name check. IDNA is UTS #46 non-transitional processing as Node's WHATWG URL parser
 * implements it (names of plain code points are encoded directly, with the same result: fastIdna); a
 * dummy last label keeps WHATWG's IPv4 parsing of a numeric last label out of the way.
 */
export function toAsciiHostname(name: string): string | null {
  const kind = classify(name);
  if (kind === INVALID) return null;
  let ascii = name;
  if (kind === NEEDS_IDNA) {
    const fast = fastIdna(name);
    if (fast !== null) ascii = fast;
    else {
      const encoded = domainToASCII(`${name}.a`);
      if (!encoded.endsWith('.a')) return null;
      ascii = encoded.slice(0, -2);
    }
  }
  return isValidHostname(ascii) ? ascii : null;
}

/**
 * toAsciiHostname(`${before}${label}${after}`) where `before` and `after` are parts of a name that
 * toAsciiHostname already gave (ASCII, valid, no `xn--` label: IDNA's Bidi rule looks across the
 * labels of a name with an IDN one), and only the label is new: the label alone is encoded
 * when it is LDH ASCII and plain code points, and the name checked as a whole. Any other label takes
 * the full path, so the answer is always the same as toAsciiHostname's.
 */
export function toAsciiHostnameWithLabel(before: string, label: string, after: string): string | null {
  let ascii = true;
  for (let j = 0; j < label.length; j++) {
    const c = label.charCodeAt(j);
    if (c < 0x80) {
      if (!isLdh(c)) return toAsciiHostname(before + label + after);
      continue;
    }
    ascii = false;
    const cp = label.codePointAt(j)!;
    if (cp > 0xffff) j++;
    if (!isPlainIdnaCodePoint(cp)) return toAsciiHostname(before + label + after);
  }
  if (label === '' || (ascii && label.startsWith('xn--'))) return toAsciiHostname(before + label + after);
  const name = before + (ascii ? label : `xn--${punycode(label)}`) + after;
  return isValidHostname(name) ? name : null;
}

/** toAsciiHostname by domainToASCII alone (tests compare both paths). */
export function toAsciiHostnameSlow(name: string): string | null {
  const kind = classify(name);
  if (kind === INVALID) return null;
  let ascii = name;
  if (kind === NEEDS_IDNA) {
    const encoded = domainToASCII(`${name}.a`);
    if (!encoded.endsWith('.a')) return null;
    ascii = encoded.slice(0, -2);
  }
  return isValidHostname(ascii) ? ascii : null;
}

/** Unicode form of one ASCII label (`xn--mnchen-3ya` -> `münchen`); plain labels are returned unchanged. */
export function labelToUnicode(asciiLabel: string): string {
  if (!asciiLabel.startsWith('xn--')) return asciiLabel;
  const unicode = domainToUnicode(asciiLabel);
  return unicode === '' ? asciiLabel : unicode;
}

/**
 * Normalises a user-supplied domain (case, surrounding spaces, a trailing dot, Unicode or Punycode) to
 * its ASCII form, or throws when it is not a valid host name.
 */
export function normalizeInputDomain(input: string): string {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  const ascii = toAsciiHostname(trimmed);
  if (ascii === null) throw new Error(`invalid domain name: ${JSON.stringify(input)}`);
  return ascii;
}

/**
 * "Is this one of ours?": matches a host name against the protected brands, explaining how it imitates
 * which brand and how risky it looks. Pure and synchronous (no I/O); the certificate-transparency
 * monitor, the newly-registered-domain feeds and the API's reverse check share it.
 *
 * A name matches a brand (in this order of strength, the first that holds is reported):
 * 1. candidate: the name, or a parent of it, is one of the brand's permutations (the permutation
 *    engine's output for each brand domain with the brand keywords), reported with its fuzzer;
 * 2. confusable-skeleton: the registrable label's TR39-style skeleton equals a brand label's
 *    (`pаypal` with a Cyrillic а, `paypa1`, `rnicrosoft`);
 * 3. edit-distance: Damerau-Levenshtein distance ≤ 1 from a brand label of 5+ characters, ≤ 2 from one
 *    of 9+ characters;
 * 4. brand-containment: a brand label of 4+ characters (or its skeleton) appears in the name outside
 *    its public suffix (`secure-login-paypal-verify.xyz`, `paypal.com.account-check.top`).
 * A brand's own domains and their subdomains never match. Risk signals (risk.ts) are added to the
 * similarity's points; the score is their sum, each point with its reason.
 *
 * Complexity, for B brand labels and a name of L characters with K labels:
 * - building: the permutation engine per brand domain (O(candidates)), a hash set of all candidates,
 *   a map skeleton → brands, brand labels bucketed by length;
 * - matching: O(K) hash lookups (own domains, candidates), one skeleton pass O(L), edit distance only
 *   against the brand labels whose length is within 2 (O(L·5) each), containment O(B·L); risk signals
 *   (O(L·W) for W lure words) only for a name that matched. No per-name allocation beyond a few strings.
 */
import { generatePermutations, type PermutationOptions } from '../permutations';
import { labelToUnicode, normalizeInputDomain, splitDomain } from '../permutations/domain';
import { boundedDamerauLevenshtein, describeEdit } from './distance';
import { riskSignals, type MatchReason, type NameParts } from './risk';
import { skeleton } from './skeleton';

export { skeleton } from './skeleton';
export { boundedDamerauLevenshtein } from './distance';
export { riskSignals, shannonEntropy, type MatchReason } from './risk';

/** A brand to protect: its own domains and its lure keywords (a mission's `brand`), with an id of the caller's. */
export interface BrandInput {
  id: string;
  domains: readonly string[];
  keywords: readonly string[];
}

export type MatchKind = 'candidate' | 'confusable-skeleton' | 'edit-distance' | 'brand-containment';

export interface LookalikeMatch {
  /** The name matched, ASCII (Punycode) form. */
  name: string;
  /** Its Unicode form (differs for IDN names). */
  unicode: string;
  brandId: string;
  /** The brand domain it imitates. */
  brandDomain: string;
  kind: MatchKind;
  /**
   * How: the generating fuzzer for a candidate ('transposition', 'cyrillic', 'combosquatting'...),
   * else 'confusable-skeleton', 'damerau-levenshtein' or 'brand-containment'.
   */
  algorithm: string;
  /** Damerau-Levenshtein distance of the registrable label from the brand label; null when above 3. */
  distance: number | null;
  score: number;
  /** high ≥ 8 points, medium ≥ 5, low below. */
  level: 'high' | 'medium' | 'low';
  /** Every point of the score with the fact behind it: the similarity first, then the risk signals. */
  reasons: MatchReason[];
}

interface Brand {
  id: string;
  domains: string[];
  keywords: string[];
}

interface BrandLabel {
  brand: number;
  domain: string;
  label: string;
  skeleton: string;
}

export interface BrandIndex {
  readonly brands: readonly Brand[];
  /** A brand's own domains (ASCII) → brand index. */
  readonly own: ReadonlyMap<string, number>;
  /** Permutation (ASCII) → the first brand and fuzzer that produced it, and from which brand domain. */
  readonly candidates: ReadonlyMap<string, { brand: number; fuzzer: string; domain: string }>;
  readonly labels: readonly BrandLabel[];
  /** Skeleton of a brand label → its brand labels. */
  readonly skeletons: ReadonlyMap<string, BrandLabel[]>;
  /** Length → brand labels of that length (edit distance looks at lengths within 2). */
  readonly byLength: ReadonlyMap<number, BrandLabel[]>;
  /** Brand labels long enough for containment (4+ characters). */
  readonly containable: readonly BrandLabel[];
}

export interface IndexOptions {
  /** Passed to the permutation engine (fuzzers, dictionary, tlds); keywords come from each brand. */
  permutations?: Omit<PermutationOptions, 'keywords'>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Precomputes what matching needs for a set of brands. Throws (the permutation engine's error) for a
 * brand domain that is not a host name. Costs the permutation engine's time per brand domain (tens of
 * milliseconds for a usual domain): build once, match many.
 */
export function buildBrandIndex(brands: readonly BrandInput[], options: IndexOptions = {}): BrandIndex {
  const list: Brand[] = [];
  const own = new Map<string, number>();
  const candidates = new Map<string, { brand: number; fuzzer: string; domain: string }>();
  const labels: BrandLabel[] = [];
  const skeletons = new Map<string, BrandLabel[]>();
  const byLength = new Map<number, BrandLabel[]>();
  const seenLabel = new Set<string>();
  brands.forEach((b, i) => {
    const domains = [...new Set(b.domains.map((d) => normalizeInputDomain(d)))];
    const keywords = [...new Set(b.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
    list.push({ id: b.id, domains, keywords });
    for (const d of domains) if (!own.has(d)) own.set(d, i);
    for (const d of domains) {
      const label = labelToUnicode(splitDomain(d).domain);
      const key = `${i}\u0000${label}`;
      if (!seenLabel.has(key)) {
        seenLabel.add(key);
        const entry: BrandLabel = { brand: i, domain: d, label, skeleton: skeleton(label) };
        labels.push(entry);
        push(skeletons, entry.skeleton, entry);
        push(byLength, label.length, entry);
      }
      const perms = generatePermutations(d, { ...options.permutations, ...(keywords.length ? { keywords } : {}) });
      for (const p of perms) if (!candidates.has(p.domain)) candidates.set(p.domain, { brand: i, fuzzer: p.fuzzer, domain: d });
    }
  });
  // A brand's own domain is never a candidate of another brand.
  for (const d of own.keys()) candidates.delete(d);
  return { brands: list, own, candidates, labels, skeletons, byLength, containable: labels.filter((l) => l.label.length >= 4) };
}

/** Normalises a name as it comes (CT names may be wildcards or upper case); null when it is no host name. */
export function normalizeName(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  if (s.startsWith('*.')) s = s.slice(2);
  if (s.endsWith('.')) s = s.slice(0, -1);
  try {
    return normalizeInputDomain(s);
  } catch {
    return null;
  }
}

/** The name itself and each parent of it with two labels or more, longest first. */
function suffixes(name: string): string[] {
  const out = [name];
  let i = name.indexOf('.');
  while (i !== -1) {
    const rest = name.slice(i + 1);
    if (rest.indexOf('.') === -1) break;
    out.push(rest);
    i = name.indexOf('.', i + 1);
  }
  return out;
}

const LEVELS: ReadonlyArray<[number, LookalikeMatch['level']]> = [
  [8, 'high'],
  [5, 'medium'],
];

interface Similarity {
  label: BrandLabel | null;
  brand: number;
  brandDomain: string;
  kind: MatchKind;
  algorithm: string;
  distance: number | null;
  reason: MatchReason;
}

/** Similarities of a name to each brand, at most one per brand (the strongest). */
function similarities(index: BrandIndex, name: string): { parts: NameParts; unicodeLabel: string; found: Similarity[] } | null {
  const names = suffixes(name);
  for (const n of names) if (index.own.has(n)) return null;
  const split = splitDomain(name);
  const parts: NameParts = { name, subdomain: split.subdomain, label: split.domain, tld: split.tld };
  const unicodeLabel = labelToUnicode(split.domain);
  const found = new Map<number, Similarity>();
  const add = (s: Similarity) => {
    if (!found.has(s.brand)) found.set(s.brand, s);
  };

  for (const n of names) {
    const c = index.candidates.get(n);
    if (!c) continue;
    const how = n === name ? `a permutation of ${c.domain}` : `under ${n}, a permutation of ${c.domain}`;
    const label = index.labels.find((l) => l.brand === c.brand && l.domain === c.domain) ?? null;
    const distance = label ? near(unicodeLabel, label.label) : null;
    add({ label, brand: c.brand, brandDomain: c.domain, kind: 'candidate', algorithm: c.fuzzer, distance, reason: { signal: 'candidate', points: 5, reason: `${how} (${c.fuzzer})` } });
    break;
  }

  const sk = skeleton(unicodeLabel);
  for (const l of index.skeletons.get(sk) ?? []) {
    const same = unicodeLabel === l.label;
    // The brand label itself under another TLD (example.net) is a skeleton match with nothing confusable.
    const reason = same ? `the brand label '${l.label}' under another suffix (.${split.tld})` : `'${unicodeLabel}' looks like '${l.label}' (confusable skeleton '${sk}')`;
    add({ label: l, brand: l.brand, brandDomain: l.domain, kind: 'confusable-skeleton', algorithm: 'confusable-skeleton', distance: same ? 0 : near(unicodeLabel, l.label), reason: { signal: 'confusable-skeleton', points: 5, reason } });
  }

  const len = unicodeLabel.length;
  for (let d = -2; d <= 2; d++) {
    for (const l of index.byLength.get(len + d) ?? []) {
      if (found.has(l.brand) || l.label.length < 5) continue;
      const max = l.label.length >= 9 ? 2 : 1;
      const dist = boundedDamerauLevenshtein(unicodeLabel, l.label, max);
      if (dist === 0 || dist > max) continue;
      const what = dist === 1 ? describeEdit(l.label, unicodeLabel) : `${dist} edits`;
      add({ label: l, brand: l.brand, brandDomain: l.domain, kind: 'edit-distance', algorithm: 'damerau-levenshtein', distance: dist, reason: { signal: 'edit-distance', points: dist === 1 ? 4 : 3, reason: `'${unicodeLabel}' is ${dist} edit${dist === 1 ? '' : 's'} from '${l.label}' (${what})` } });
    }
  }

  if (found.size < index.brands.length) {
    // Everything before the public suffix, and its skeleton (catches `paypa1` inside a longer label).
    const head = split.subdomain === '' ? unicodeLabel : `${split.subdomain}.${unicodeLabel}`;
    let headSkeleton: string | null = null;
    for (const l of index.containable) {
      if (found.has(l.brand)) continue;
      let how: string | null = null;
      let points = 3;
      if (head.includes(`${l.domain}.`) && (head.startsWith(`${l.domain}.`) || head.includes(`.${l.domain}.`))) {
        how = `carries the brand domain ${l.domain} in front of another domain`;
        points = 4;
      } else if (head.includes(l.label)) how = `contains the brand label '${l.label}'`;
      else if ((headSkeleton ??= skeleton(head)).includes(l.skeleton)) how = `contains a look-alike of the brand label '${l.label}'`;
      if (how) add({ label: l, brand: l.brand, brandDomain: l.domain, kind: 'brand-containment', algorithm: 'brand-containment', distance: near(unicodeLabel, l.label), reason: { signal: 'brand-containment', points, reason: how } });
    }
  }
  return { parts, unicodeLabel, found: [...found.values()] };
}

/** The distance of two labels when it is at most 3, else null (an explanation, not a criterion). */
function near(a: string, b: string): number | null {
  const d = boundedDamerauLevenshtein(a, b, 3);
  return d <= 3 ? d : null;
}

function toMatch(index: BrandIndex, parts: NameParts, unicodeLabel: string, s: Similarity): LookalikeMatch {
  const brand = index.brands[s.brand]!;
  const reasons = [s.reason, ...riskSignals(parts, brand.keywords)];
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  const level = LEVELS.find(([at]) => score >= at)?.[1] ?? 'low';
  const unicode = parts.subdomain === '' ? `${unicodeLabel}.${parts.tld}` : `${parts.subdomain}.${unicodeLabel}.${parts.tld}`;
  return { name: parts.name, unicode, brandId: brand.id, brandDomain: s.brandDomain, kind: s.kind, algorithm: s.algorithm, distance: s.distance, score, level, reasons };
}

/**
 * Every brand the name imitates, one match each, highest score first (ties: brand order). Empty for a
 * name that is no host name, a brand's own domain or subdomain, or like no brand.
 */
export function matchNameAll(index: BrandIndex, rawName: string): LookalikeMatch[] {
  const name = normalizeName(rawName);
  if (name === null) return [];
  const sim = similarities(index, name);
  if (!sim) return [];
  return sim.found.map((s) => toMatch(index, sim.parts, sim.unicodeLabel, s)).sort((a, b) => b.score - a.score);
}

/** The brand the name imitates most (highest score), or null. */
export function matchName(index: BrandIndex, rawName: string): LookalikeMatch | null {
  return matchNameAll(index, rawName)[0] ?? null;
}

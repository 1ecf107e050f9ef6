import type { Brand, NameMatch, NameMatcher } from './matcher';

/**
 * A small stand-in for the lookalike matcher (brand containment, Damerau-Levenshtein on the registrable
 * label, phishing keywords and a suspicious TLD as signals), behind the monitor's MatcherFactory so the
 * full matcher replaces it without touching the monitor.
 */
const PHISHING_WORDS = ['login', 'signin', 'secure', 'verify', 'account', 'update', 'support', 'billing', 'wallet', 'auth', 'confirm'];
const SUSPICIOUS_TLDS = new Set(['xyz', 'top', 'club', 'online', 'site', 'live', 'icu', 'buzz', 'rest', 'shop', 'click', 'link', 'info', 'support', 'gq', 'ml', 'cf', 'tk', 'ga']);
const TWO_LEVEL_SUFFIXES = new Set(['co.uk', 'com.au', 'co.jp', 'com.br', 'co.nz', 'com.cn', 'co.in', 'org.uk']);

/** The label a registrant chose (paypal in login.paypal.co.uk) and the public suffix (naively). */
export function registrable(name: string): { label: string; suffix: string; domain: string } {
  const labels = name.split('.');
  const two = labels.slice(-2).join('.');
  const suffixLabels = labels.length > 2 && TWO_LEVEL_SUFFIXES.has(two) ? 2 : 1;
  const suffix = labels.slice(-suffixLabels).join('.');
  const label = labels[labels.length - suffixLabels - 1] ?? '';
  return { label, suffix, domain: label ? `${label}.${suffix}` : suffix };
}

/** Optimal string alignment distance, giving up above `max`. */
export function damerauLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

export function minimalMatcher(brands: Brand[]): NameMatcher {
  const targets = brands.flatMap((b) =>
    b.domains.map((d) => ({ brandId: b.id, domain: d.toLowerCase(), label: registrable(d.toLowerCase()).label, words: [...new Set([...PHISHING_WORDS, ...b.keywords.map((k) => k.toLowerCase())])] })),
  );
  const own = new Set(targets.map((t) => t.domain));
  return (name: string): NameMatch | null => {
    const r = registrable(name);
    if (own.has(r.domain) || !r.label) return null;
    let best: NameMatch | null = null;
    for (const t of targets) {
      if (t.label.length < 4) continue;
      const signals: string[] = [];
      let how: string | null = null;
      let score = 0;
      const distance = r.label === t.label ? 0 : damerauLevenshtein(r.label, t.label, 2);
      if (distance === 0) {
        how = `the brand's label under another suffix (.${r.suffix})`;
        score = 75;
      } else if (distance <= (t.label.length >= 8 ? 2 : 1)) {
        how = `damerau-levenshtein distance ${distance} from ${t.label}`;
        score = 80 - 5 * distance;
      } else if (name.includes(t.label)) {
        how = `containment of ${t.label}`;
        score = 55;
      }
      if (!how) continue;
      const words = t.words.filter((w) => name.includes(w));
      if (words.length) {
        signals.push(`phishing keyword${words.length > 1 ? 's' : ''}: ${words.join(', ')}`);
        score += 10 + 5 * Math.min(words.length - 1, 2);
      }
      if (SUSPICIOUS_TLDS.has(r.suffix)) {
        signals.push(`suspicious TLD .${r.suffix}`);
        score += 10;
      }
      if ((name.match(/-/g)?.length ?? 0) >= 3) {
        signals.push('many hyphens');
        score += 5;
      }
      score = Math.min(100, score);
      if (!best || score > best.score) best = { brandId: t.brandId, brand: t.domain, how, score, signals };
    }
    return best;
  };
}

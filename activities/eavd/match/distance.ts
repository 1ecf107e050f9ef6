/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form (insertions, deletions,
 * substitutions and transpositions of adjacent characters, each costing 1), bounded: it answers
 * `max + 1` as soon as the distance must exceed `max`. Cost O(n·(2·max+1)) time with a band around
 * the diagonal and O(n) space, so comparing a label with a brand label of about the same length costs
 * a few dozen operations for max ≤ 2.
 */
export function boundedDamerauLevenshtein(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m) <= max ? Math.max(n, m) : max + 1;
  const big = max + 1;
  // Three rows: two back (for transpositions), one back, current.
  let prev2 = new Array<number>(m + 1).fill(big);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1).fill(big);
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur.fill(big);
    cur[0] = i <= max ? i : big;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d > big ? big : d;
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return big;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]! <= max ? prev[m]! : big;
}

/** Which single edit turns `brand` into `label`, when the distance is 1 (for the explanation). */
export function describeEdit(brand: string, label: string): string {
  if (label.length === brand.length) {
    const diffs: number[] = [];
    for (let i = 0; i < label.length; i++) if (label[i] !== brand[i]) diffs.push(i);
    if (diffs.length === 2 && diffs[1] === diffs[0]! + 1 && label[diffs[0]!] === brand[diffs[1]!] && label[diffs[1]!] === brand[diffs[0]!]) {
      return `'${brand[diffs[0]!]}${brand[diffs[1]!]}' transposed`;
    }
    if (diffs.length === 1) return `'${brand[diffs[0]!]}' replaced by '${label[diffs[0]!]}'`;
  }
  if (label.length === brand.length + 1) return 'one character added';
  if (label.length + 1 === brand.length) return 'one character left out';
  return 'one edit';
}

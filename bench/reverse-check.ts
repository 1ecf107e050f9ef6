/**
 * "Is this one of ours?" throughput: names checked per second against 8 brands, by the lookalike
 * matcher (activities/eavd/match) alone and through the API (POST /lookalikes/check), with a
 * reference in the same run: a naive linear scan, each name compared with every candidate of every
 * brand (string equality) and with every brand label by full-matrix Damerau-Levenshtein, which is
 * what the matcher's precomputed hash set, skeleton map and length buckets replace. The name stream
 * is CT-like: mostly unrelated names, LOOKALIKE_PERCENT lookalikes (permutations, combosquats with
 * lures, homoglyphs) of the brands. Best of REPEAT runs for the library figures.
 *
 *   npx tsx bench/reverse-check.ts [N] [LOOKALIKE_PERCENT]
 *   env: BENCH_N (50000), BENCH_LOOKALIKE_PERCENT (5), BENCH_API_N (2000)
 */
import { performance } from 'node:perf_hooks';
import { buildBrandIndex, matchName } from '../activities/eavd/match';
import { generatePermutations } from '../activities/eavd/permutations';
import { splitDomain } from '../activities/eavd/permutations/domain';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient } from './lib/http';
import { runPhase, startBenchStack } from './lib/stack';
import { formatTable } from './lib/table';
import { textbookOsa } from '../test/support/edit-distance';

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 50_000);
const LOOKALIKE_PERCENT = positiveInt('LOOKALIKE_PERCENT', process.argv[3] ?? process.env.BENCH_LOOKALIKE_PERCENT, 5, 0);
const API_N = positiveInt('BENCH_API_N', process.env.BENCH_API_N, 2000);
const REFERENCE_N = Math.min(N, 2000);
const REPEAT = 3;
const BRANDS = ['example.com', 'paypal.com', 'google.com', 'microsoft.com', 'amazon.com', 'facebook.com', 'netflix.com', 'linkedin.com'].map((d) => ({
  id: d,
  domains: [d],
  keywords: ['login', 'secure', 'account'],
}));

/** A deterministic pseudo-random stream (LCG), so each run checks the same names. */
function rng(seed: number) {
  let s = seed;
  // The high bits: an LCG's low bits repeat with short periods.
  return (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31) >>> 8) % n;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sta', 'ven', 'dor', 'bel', 'qui', 'tex', 'mar', 'zu', 'po', 'fin', 'gal', 'hub', 'net', 'cloud', 'shop'];
const TLDS = ['com', 'net', 'org', 'io', 'de', 'co.uk', 'xyz', 'top', 'app', 'info'];

function names(n: number): { names: string[]; lookalikes: number } {
  const r = rng(42);
  const perms = BRANDS.flatMap((b) => generatePermutations(b.domains[0]!, { keywords: b.keywords }).map((p) => p.domain));
  const out: string[] = [];
  let lookalikes = 0;
  for (let i = 0; i < n; i++) {
    if (r(100) < LOOKALIKE_PERCENT) {
      lookalikes++;
      const kind = r(3);
      const brand = splitDomain(BRANDS[r(BRANDS.length)]!.domains[0]!).domain;
      if (kind === 0) out.push(perms[r(perms.length)]!);
      else if (kind === 1) out.push(`secure-${brand}-login.${TLDS[r(TLDS.length)]}`);
      else out.push(`www.${brand.replace('o', '0')}-account.${TLDS[r(TLDS.length)]}`);
      continue;
    }
    const label = Array.from({ length: 2 + r(3) }, () => SYLLABLES[r(SYLLABLES.length)]).join(r(4) === 0 ? '-' : '');
    const sub = r(3) === 0 ? `${['www', 'mail', 'api', 'cdn', 'portal'][r(5)]}.` : '';
    out.push(`${sub}${label}.${TLDS[r(TLDS.length)]}`);
  }
  return { names: out, lookalikes };
}

function naiveScan(candidates: Array<{ brand: string; domains: string[] }>, labels: string[], list: string[]): number {
  let hits = 0;
  for (const name of list) {
    let hit = false;
    for (const c of candidates) {
      for (const d of c.domains) if (d === name || name.endsWith(`.${d}`)) hit = true;
    }
    const label = splitDomain(name).domain;
    for (const l of labels) if (textbookOsa(label, l) <= 2 || name.includes(l)) hit = true;
    if (hit) hits++;
  }
  return hits;
}

function best(run: () => number): { seconds: number; result: number } {
  let seconds = Infinity;
  let result = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    result = run();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, result };
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const index = buildBrandIndex(BRANDS);
  const buildMs = performance.now() - t0;
  const { names: stream, lookalikes } = names(N);
  console.log(`${BRANDS.length} brands, ${index.candidates.size.toLocaleString('en-US')} candidates indexed in ${buildMs.toFixed(0)} ms; ${N.toLocaleString('en-US')} names, ${lookalikes} of them (${((100 * lookalikes) / N).toFixed(1)}%) lookalikes`);

  for (const n of stream.slice(0, 1000)) matchName(index, n); // warm-up
  const matcher = best(() => stream.reduce((hits, n) => hits + (matchName(index, n) ? 1 : 0), 0));
  const candidates = BRANDS.map((b) => ({ brand: b.id, domains: generatePermutations(b.domains[0]!, { keywords: b.keywords }).map((p) => p.domain) }));
  const labels = BRANDS.map((b) => splitDomain(b.domains[0]!).domain);
  const sample = stream.slice(0, REFERENCE_N);
  const reference = best(() => naiveScan(candidates, labels, sample));

  const stack = await startBenchStack({ worker: false });
  let apiRate = 0;
  let apiLine: string[] = [];
  try {
    const key = await stack.keyFor({ id: 'bench-viewer', role: 'viewer' });
    const http = httpClient(stack.api.url, { authorization: `Bearer ${key}` });
    const brands = BRANDS.map((b) => ({ domains: b.domains, keywords: b.keywords }));
    expectStatus(await http.post('/lookalikes/check', { domain: stream[0], brands }), 200, 'warm-up');
    const phase = await runPhase('api', API_N, 16, async (i) => {
      expectStatus(await http.post('/lookalikes/check', { domain: stream[i % stream.length], brands }), 200, 'check');
    });
    http.close();
    apiRate = phase.ok / phase.seconds;
    apiLine = phase.failed ? [`api: ${phase.failed} failed, first error: ${phase.firstError}`] : [];
  } finally {
    await stack.cleanup();
  }

  const rate = (names: number, seconds: number) => names / seconds;
  const matcherRate = rate(N, matcher.seconds);
  const referenceRate = rate(REFERENCE_N, reference.seconds);
  const f = (v: number) => Math.round(v).toLocaleString('en-US');
  console.log(
    formatTable([
      ['path', 'names', 'names/s', 'µs/name', 'matched'],
      ['matcher (index)', String(N), f(matcherRate), (1e6 / matcherRate).toFixed(2), String(matcher.result)],
      ['naive linear scan', String(REFERENCE_N), f(referenceRate), (1e6 / referenceRate).toFixed(2), String(reference.result)],
      ['API POST /lookalikes/check (16 in flight)', String(API_N), f(apiRate), (1e6 / apiRate).toFixed(2), '-'],
    ]).join('\n'),
  );
  console.log(`matcher / naive scan: ${(matcherRate / referenceRate).toFixed(1)}x   matcher / API: ${(matcherRate / apiRate).toFixed(1)}x`);
  for (const l of apiLine) console.log(l);
  return apiLine.length ? 1 : 0;
}

runBenchmark(main);

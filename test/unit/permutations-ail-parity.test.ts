/**
 * Parity of the permutation engine with CIRCL's ail-typo-squatting (the version pinned in
 * test/requirements.txt, installed into .tools/venv by scripts/ensure-python-test-deps.sh), run as an
 * oracle (test/python/ail_oracle.py): for each domain and each ail algorithm, the engine, with its large
 * families switched on, generates at least every valid host name ail generates, under the capeo
 * algorithm AIL_ALGORITHMS maps it to. ail's names that are no host names (it does not check its output)
 * are left out by the oracle and counted. addDynamicDns is checked on a sample of its list (ail's
 * quadratic de-duplication makes the whole list take minutes); the engine uses the whole list.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AIL_ALGORITHMS, generatePermutations } from '../../activities/eavd/permutations';

const ROOT = resolve(__dirname, '../..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools/venv/bin/python');
const ORACLE = join(ROOT, 'test/python/ail_oracle.py');

/** A multi-label suffix, IDNs, hyphens, digits, subdomain brands, and labels ail's word lists know. */
const DOMAINS = [
  'circl.lu',
  'paypal.com',
  'bank-of-example.co.uk',
  'münchen.de',
  'bücher.de',
  'login.example.com',
  'secure-mail.example.co.uk',
  'shop24-online.de',
  'one2free.com',
  'accept.com',
  'acheive.org',
];
/** Domains addDynamicDns is checked on (on the first DDNS_SAMPLE entries of ail's list). */
const DDNS_DOMAINS = new Set(['circl.lu', 'paypal.com', 'secure-mail.example.co.uk']);
const DDNS_SAMPLE = 300;

interface OracleAnswer {
  ail: string;
  results: Array<{ domain: string; algorithms: Record<string, string[]>; dropped: Record<string, number> }>;
}

let oracle: OracleAnswer;
/** Domain -> capeo algorithm -> names. */
const engine = new Map<string, Map<string, Set<string>>>();

beforeAll(async () => {
  if (!existsSync(PYTHON)) throw new Error(`no Python at ${PYTHON}: run scripts/ensure-python-test-deps.sh (or set CAPEO_PYTHON)`);
  const request = JSON.stringify({ requests: DOMAINS.map((domain) => ({ domain, ...(DDNS_DOMAINS.has(domain) && { dynamic_dns_sample: DDNS_SAMPLE }) })) });
  const run = promisify(execFile)(PYTHON, [ORACLE], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  run.child.stdin?.end(request);
  oracle = JSON.parse((await run).stdout) as OracleAnswer;
  for (const domain of DOMAINS) {
    const byAlgorithm = new Map<string, Set<string>>();
    for (const p of generatePermutations(domain, { tldFamily: 'all', publicSuffixes: true, allHomoglyphs: true, dynamicDns: DDNS_DOMAINS.has(domain) })) {
      for (const algorithm of p.algorithms) {
        const set = byAlgorithm.get(algorithm) ?? new Set<string>();
        set.add(p.domain);
        byAlgorithm.set(algorithm, set);
      }
    }
    engine.set(domain, byAlgorithm);
  }
}, 120_000);

const CASES = DOMAINS.flatMap((domain) =>
  Object.keys(AIL_ALGORITHMS)
    .filter((algorithm) => algorithm !== 'addDynamicDns' || DDNS_DOMAINS.has(domain))
    .map((algorithm) => [domain, algorithm] as const),
);

test.each(CASES)('%s / %s: the engine generates everything ail-typo-squatting generates', (domain, algorithm) => {
  const result = oracle.results.find((r) => r.domain === domain)!;
  const theirs = result.algorithms[algorithm] ?? [];
  const capeo = AIL_ALGORITHMS[algorithm]!;
  const ours = engine.get(domain)?.get(capeo) ?? new Set<string>();
  const missing = theirs.filter((name) => !ours.has(name));
  expect({ domain, algorithm, capeo, ail: theirs.length, missing: missing.slice(0, 20), missingCount: missing.length }).toEqual({
    domain,
    algorithm,
    capeo,
    ail: theirs.length,
    missing: [],
    missingCount: 0,
  });
});

test('the oracle is ail-typo-squatting 2.7.6 and exercises every one of its algorithms', () => {
  expect(oracle.ail).toBe('2.7.6');
  const exercised = new Set(oracle.results.flatMap((r) => Object.entries(r.algorithms).filter(([, names]) => names.length > 0).map(([a]) => a)));
  expect(Object.keys(AIL_ALGORITHMS).filter((a) => !exercised.has(a))).toEqual([]);
  // The big families really are big on both sides: every IANA TLD, the PSL entries under .com.
  const paypal = oracle.results.find((r) => r.domain === 'paypal.com')!;
  expect(paypal.algorithms.wrongTld!.length).toBeGreaterThan(1800);
  expect(paypal.algorithms.addDynamicDns!.length).toBeGreaterThanOrEqual(DDNS_SAMPLE);
});

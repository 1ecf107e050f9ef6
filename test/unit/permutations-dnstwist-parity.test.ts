/**
 * Parity of the permutation engine with dnstwist (the version pinned in test/requirements.txt), run as
 * an oracle (test/python/dnstwist_oracle.py, through .tools/venv, which scripts/ensure-python-test-deps.sh
 * installs): for each domain and each dnstwist fuzzer, the engine must generate at least every name
 * dnstwist generates, with that fuzzer among the candidate's algorithms. ail-typo-squatting's parity
 * test is its sibling, permutations-ail-parity.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DNSTWIST_FUZZERS, generatePermutations } from '../../activities/eavd/permutations';

const ROOT = resolve(__dirname, '../..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools/venv/bin/python');
const ORACLE = join(ROOT, 'test/python/dnstwist_oracle.py');

const DOMAINS = [
  'example.com',
  'paypal.com',
  'bank.co.uk',
  'bank-of-example.co.uk',
  'münchen.de',
  'a-b.org',
  'shop24-online.de',
  'google.com',
  'secure.paypal.com',
];
const DICTIONARY = ['login', 'secure', 'mail', 'pay', 'bank'];
const TLDS = ['com', 'net', 'org', 'co.uk', 'de', 'io', 'рф'];

interface OracleAnswer {
  dnstwist: string;
  idna: 'package' | 'builtin';
  tld: boolean;
  results: Array<{ domain: string; permutations: Array<{ fuzzer: string; domain: string }> }>;
}

/** Fuzzer -> names, for dnstwist and for the engine, per domain. */
const dnstwist = new Map<string, Map<string, Set<string>>>();
const engine = new Map<string, Map<string, Set<string>>>();
let oracle: OracleAnswer;

function byFuzzer(perms: ReadonlyArray<{ fuzzer: string; domain: string; algorithms?: readonly string[] }>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of perms) {
    for (const fuzzer of p.algorithms ?? [p.fuzzer]) {
      const set = out.get(fuzzer) ?? new Set<string>();
      set.add(p.domain);
      out.set(fuzzer, set);
    }
  }
  return out;
}

beforeAll(async () => {
  if (!existsSync(PYTHON)) {
    throw new Error(`no Python at ${PYTHON}: run scripts/ensure-python-test-deps.sh (or set CAPEO_PYTHON)`);
  }
  const request = JSON.stringify({ requests: DOMAINS.map((domain) => ({ domain, dictionary: DICTIONARY, tlds: TLDS })) });
  const run = promisify(execFile)(PYTHON, [ORACLE], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  run.child.stdin?.end(request);
  oracle = JSON.parse((await run).stdout) as OracleAnswer;
  oracle.results.forEach((result, i) => {
    const domain = DOMAINS[i]!;
    dnstwist.set(domain, byFuzzer(result.permutations));
    engine.set(domain, byFuzzer(generatePermutations(domain, { dictionary: DICTIONARY, tlds: TLDS })));
  });
});

const CASES = DOMAINS.flatMap((domain) => DNSTWIST_FUZZERS.map((fuzzer) => [domain, fuzzer] as const));

test.each(CASES)('%s / %s: the engine generates everything dnstwist generates', (domain, fuzzer) => {
  const theirs = dnstwist.get(domain)?.get(fuzzer) ?? new Set<string>();
  const ours = engine.get(domain)?.get(fuzzer) ?? new Set<string>();
  const missing = [...theirs].filter((name) => !ours.has(name)).sort();
  expect({ domain, fuzzer, dnstwist: theirs.size, missing }).toEqual({ domain, fuzzer, dnstwist: theirs.size, missing: [] });
});

test('the oracle exercises every dnstwist fuzzer, and the engine never reports the input domain', () => {
  const exercised = new Set([...dnstwist.values()].flatMap((fuzzers) => [...fuzzers.keys()]));
  expect([...DNSTWIST_FUZZERS].filter((f) => !exercised.has(f))).toEqual([]);
  for (const domain of DOMAINS) {
    const original = [...(dnstwist.get(domain)?.get('*original') ?? [])];
    expect(original).toHaveLength(1);
    const reported = [...(engine.get(domain)?.values() ?? [])].some((names) => names.has(original[0]!));
    expect({ domain, reported }).toEqual({ domain, reported: false });
  }
  expect(oracle.dnstwist).toMatch(/^\d{8}$/);
});

/**
 * Permutation engine throughput against dnstwist's Fuzzer.generate() on the same domains and word lists.
 * Both sides: best of REPEAT runs, names per second. dnstwist runs in the Python oracle
 * (test/python/dnstwist_oracle.py), which times only generate(); the engine runs dnstwist's fuzzers only
 * (no combosquatting) so that both do the same work.
 *
 *   npx tsx bench/permutations.ts            (Python: $CAPEO_PYTHON or .tools/venv/bin/python)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DNSTWIST_FUZZERS, generatePermutations } from '../activities/eavd/permutations';

const ROOT = resolve(__dirname, '..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools/venv/bin/python');
const ORACLE = join(ROOT, 'test/python/dnstwist_oracle.py');
const REPEAT = 5;

const DOMAINS = ['example.com', 'paypal.com', 'bank.co.uk', 'münchen.de', 'a-b.org', 'google.com', 'mail-paypal-secure.com'];
const DICTIONARY = ['login', 'secure', 'mail', 'pay', 'bank', 'account', 'online', 'support'];
const TLDS = ['com', 'net', 'org', 'co.uk', 'de', 'io', 'info', 'biz', 'рф'];

interface Figures {
  names: number;
  seconds: number;
}

function engine(domain: string): Figures {
  const options = { fuzzers: DNSTWIST_FUZZERS, dictionary: DICTIONARY, tlds: TLDS };
  let names = generatePermutations(domain, options).length; // warm-up
  let best = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    const started = process.hrtime.bigint();
    names = generatePermutations(domain, options).length;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { names, seconds: best };
}

function dnstwist(): { version: string; idna: string; figures: Figures[] } | string {
  if (!existsSync(PYTHON)) return `no Python at ${PYTHON} (run scripts/ensure-python-test-deps.sh or set CAPEO_PYTHON)`;
  const request = { repeat: REPEAT, requests: DOMAINS.map((domain) => ({ domain, dictionary: DICTIONARY, tlds: TLDS })) };
  const run = spawnSync(PYTHON, [ORACLE], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return `oracle failed: ${run.stderr || run.error?.message}`;
  const answer = JSON.parse(run.stdout) as {
    dnstwist: string;
    idna: string;
    results: Array<{ permutations: Array<{ fuzzer: string }>; seconds: number }>;
  };
  return {
    version: answer.dnstwist,
    idna: answer.idna,
    figures: answer.results.map((r) => ({ names: r.permutations.filter((p) => p.fuzzer !== '*original').length, seconds: r.seconds })),
  };
}

const rate = (f: Figures): number => f.names / f.seconds;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number): string => s.padStart(n);

const ours = DOMAINS.map(engine);
const theirs = dnstwist();
const header = typeof theirs === 'string' ? `dnstwist: ${theirs}` : `dnstwist ${theirs.version} (idna: ${theirs.idna})`;
console.log(`permutation engine vs ${header}; best of ${REPEAT}; dictionary ${DICTIONARY.length} words, ${TLDS.length} TLDs\n`);
console.log(
  `${'domain'.padEnd(24)}${pad('engine names', 14)}${pad('engine /s', 14)}${pad('dnstwist names', 16)}${pad('dnstwist /s', 14)}${pad('ratio', 9)}`,
);
const total = { ours: { names: 0, seconds: 0 }, theirs: { names: 0, seconds: 0 } };
DOMAINS.forEach((domain, i) => {
  const o = ours[i]!;
  total.ours.names += o.names;
  total.ours.seconds += o.seconds;
  let line = `${domain.padEnd(24)}${pad(fmt(o.names), 14)}${pad(fmt(rate(o)), 14)}`;
  if (typeof theirs !== 'string') {
    const t = theirs.figures[i]!;
    total.theirs.names += t.names;
    total.theirs.seconds += t.seconds;
    line += `${pad(fmt(t.names), 16)}${pad(fmt(rate(t)), 14)}${pad(`${(rate(o) / rate(t)).toFixed(1)}x`, 9)}`;
  }
  console.log(line);
});
let line = `${'all'.padEnd(24)}${pad(fmt(total.ours.names), 14)}${pad(fmt(rate(total.ours)), 14)}`;
if (typeof theirs !== 'string') {
  line += `${pad(fmt(total.theirs.names), 16)}${pad(fmt(rate(total.theirs)), 14)}${pad(`${(rate(total.ours) / rate(total.theirs)).toFixed(1)}x`, 9)}`;
}
console.log(line);

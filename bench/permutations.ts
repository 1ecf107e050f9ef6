/**
 * Permutation engine throughput against dnstwist's Fuzzer.generate() and ail-typo-squatting's algorithm
 * sequence (its runAll), on the same domains. Every side: best of REPEAT runs (the engine: ENGINE_REPEAT),
 * candidates per second, timed inside its own process (the Python oracles, test/python/dnstwist_oracle.py
 * and ail_oracle.py, time only generation: no interpreter start-up, no JSON). Times are CPU time on both
 * sides, so that the other work of a shared machine does not skew the ratios.
 *
 * - vs dnstwist: the engine runs dnstwist's fuzzers only, with the same dictionary and TLD list;
 * - vs ail: the engine runs every algorithm with ail's large families switched on (every IANA TLD and
 *   public-suffix entry), like ail's default run, which has them; dynamic DNS is off on both sides
 *   (ail's runAll leaves it out);
 * - the engine's default (bounded) policy is printed for reference.
 *
 *   npx tsx bench/permutations.ts            (Python: $CAPEO_PYTHON or .tools/venv/bin/python)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DNSTWIST_FUZZERS, generatePermutations, type PermutationOptions } from '../activities/eavd/permutations';

const ROOT = resolve(__dirname, '..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools/venv/bin/python');
/** Python runs take hundreds of milliseconds, the engine's a few: the engine gets more tries at a quiet moment. */
const REPEAT = 5;
const ENGINE_REPEAT = 25;

const DOMAINS = [
  'example.com',
  'paypal.com',
  'circl.lu',
  'bank.co.uk',
  'bank-of-example.co.uk',
  'münchen.de',
  'a-b.org',
  'shop24-online.de',
  'login.example.com',
  'mail-paypal-secure.com',
];
const DICTIONARY = ['login', 'secure', 'mail', 'pay', 'bank', 'account', 'online', 'support'];
const TLDS = ['com', 'net', 'org', 'co.uk', 'de', 'io', 'info', 'biz', 'рф'];

interface Figures {
  names: number;
  seconds: number;
}

/** CPU seconds of this process (every thread: the garbage collector's count too). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function engine(domain: string, options: PermutationOptions): Figures {
  let names = generatePermutations(domain, options).length; // warm-up
  let best = Infinity;
  for (let i = 0; i < ENGINE_REPEAT; i++) {
    const started = cpuSeconds();
    names = generatePermutations(domain, options).length;
    best = Math.min(best, cpuSeconds() - started);
  }
  return { names, seconds: best };
}

function python<T>(oracle: string, request: unknown): T | string {
  if (!existsSync(PYTHON)) return `no Python at ${PYTHON} (run scripts/ensure-python-test-deps.sh or set CAPEO_PYTHON)`;
  const run = spawnSync(PYTHON, [join(ROOT, 'test/python', oracle)], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return `${oracle} failed: ${run.stderr || run.error?.message}`;
  return JSON.parse(run.stdout) as T;
}

function dnstwist(): { label: string; figures: Figures[] } | string {
  const answer = python<{ dnstwist: string; idna: string; results: Array<{ permutations: Array<{ fuzzer: string }>; seconds: number }> }>(
    'dnstwist_oracle.py',
    { repeat: REPEAT, requests: DOMAINS.map((domain) => ({ domain, dictionary: DICTIONARY, tlds: TLDS })) },
  );
  if (typeof answer === 'string') return answer;
  return {
    label: `dnstwist ${answer.dnstwist} (idna: ${answer.idna})`,
    figures: answer.results.map((r) => ({ names: r.permutations.filter((p) => p.fuzzer !== '*original').length, seconds: r.seconds })),
  };
}

function ail(): { label: string; figures: Figures[] } | string {
  const answer = python<{ ail: string; results: Array<{ run_all: { candidates: number; seconds: number } }> }>('ail_oracle.py', {
    repeat: REPEAT,
    requests: DOMAINS.map((domain) => ({ domain, algorithms: ['omission'], run_all: true })),
  });
  if (typeof answer === 'string') return answer;
  return { label: `ail-typo-squatting ${answer.ail}`, figures: answer.results.map((r) => ({ names: r.run_all.candidates, seconds: r.run_all.seconds })) };
}

const rate = (f: Figures): number => f.names / f.seconds;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number): string => s.padStart(n);

function compare(title: string, ours: Figures[], theirs: { label: string; figures: Figures[] } | string, name: string): void {
  console.log(`\n${title} vs ${typeof theirs === 'string' ? `${name}: ${theirs}` : theirs.label}; best of ${ENGINE_REPEAT} / ${REPEAT}`);
  console.log(`${'domain'.padEnd(24)}${pad('engine names', 14)}${pad('engine /s', 14)}${pad(`${name} names`, 16)}${pad(`${name} /s`, 14)}${pad('ratio', 9)}`);
  const total = { ours: { names: 0, seconds: 0 }, theirs: { names: 0, seconds: 0 } };
  const row = (label: string, o: Figures, t: Figures | undefined) =>
    `${label.padEnd(24)}${pad(fmt(o.names), 14)}${pad(fmt(rate(o)), 14)}` +
    (t ? `${pad(fmt(t.names), 16)}${pad(fmt(rate(t)), 14)}${pad(`${(rate(o) / rate(t)).toFixed(1)}x`, 9)}` : '');
  DOMAINS.forEach((domain, i) => {
    const o = ours[i]!;
    const t = typeof theirs === 'string' ? undefined : theirs.figures[i]!;
    total.ours.names += o.names;
    total.ours.seconds += o.seconds;
    if (t) {
      total.theirs.names += t.names;
      total.theirs.seconds += t.seconds;
    }
    console.log(row(domain, o, t));
  });
  console.log(row('all', total.ours, typeof theirs === 'string' ? undefined : total.theirs));
}

const dnstwistOptions: PermutationOptions = { fuzzers: DNSTWIST_FUZZERS, dictionary: DICTIONARY, tlds: TLDS, tldFamily: 'none' };
compare('engine, dnstwist fuzzers', DOMAINS.map((d) => engine(d, dnstwistOptions)), dnstwist(), 'dnstwist');
compare('engine, every algorithm, all TLDs and public suffixes', DOMAINS.map((d) => engine(d, { tldFamily: 'all', publicSuffixes: true })), ail(), 'ail');

console.log(`\nengine, default policy (bounded; no all-TLD, public-suffix or dynamic-DNS family); best of ${ENGINE_REPEAT}`);
for (const domain of DOMAINS) {
  const f = engine(domain, {});
  console.log(`${domain.padEnd(24)}${pad(fmt(f.names), 14)}${pad(fmt(rate(f)), 14)}`);
}

/**
 * EAVD resolution throughput: N lookalikes of a few .com brands resolved through a real nsd on
 * loopback (test/support/dns-server.ts, installed by scripts/ensure-test-servers.sh) at several pool
 * sizes. A share of the names is planted in the zone (A, AAAA, MX: four queries each); the others are
 * NXDOMAIN (one query). Best of REPEAT runs per pool size, resolutions per second.
 *
 *   npx tsx bench/resolve.ts [N] [REGISTERED_PERCENT]
 *   env: BENCH_N (2000), BENCH_REGISTERED_PERCENT (10)
 */
import { generatePermutations } from '../activities/eavd/permutations';
import { resolveDomains } from '../activities/eavd/resolve';
import { startDnsServer } from '../test/support/dns-server';
import { positiveInt } from './lib/args';

const N = positiveInt('N', process.argv[2] ?? process.env.BENCH_N, 2000);
const REGISTERED_PERCENT = positiveInt('REGISTERED_PERCENT', process.argv[3] ?? process.env.BENCH_REGISTERED_PERCENT, 10, 0);
const CONCURRENCIES = [1, 16, 64];
const REPEAT = 3;
const BRANDS = ['example.com', 'paypal.com', 'google.com', 'microsoft.com', 'amazon.com', 'facebook.com', 'netflix.com', 'linkedin.com'];

function candidates(n: number): string[] {
  const names = new Set<string>();
  for (const brand of BRANDS) {
    for (const p of generatePermutations(brand)) {
      if (p.domain.endsWith('.com')) names.add(p.domain);
      if (names.size === n) return [...names];
    }
  }
  throw new Error(`only ${names.size} .com permutations of ${BRANDS.join(', ')}; ask for fewer than ${n}`);
}

function comZone(planted: readonly string[]): string {
  const lines = ['$TTL 60', '@ SOA ns.registry.test. hostmaster.registry.test. 1 3600 600 86400 60', '@ NS ns.registry.test.'];
  planted.forEach((domain, i) => {
    const label = domain.slice(0, -'.com'.length);
    lines.push(`${label} A 192.0.2.${i % 250}`, `${label} AAAA 2001:db8::${(i % 0xffff).toString(16)}`, `${label} MX 10 mx.mail-host.test.`);
  });
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const domains = candidates(N);
  const planted = domains.filter((_, i) => (i * REGISTERED_PERCENT) % 100 < REGISTERED_PERCENT);
  const server = await startDnsServer({ 'com.': comZone(planted) });
  try {
    console.log(`resolution through nsd at ${server.address}: ${N} names, ${planted.length} registered; best of ${REPEAT}\n`);
    console.log(`${'concurrency'.padEnd(13)}${'seconds'.padStart(10)}${'names/s'.padStart(12)}${'errors'.padStart(9)}`);
    for (const concurrency of CONCURRENCIES) {
      let best = Infinity;
      let errors = 0;
      for (let run = 0; run < REPEAT; run++) {
        const started = process.hrtime.bigint();
        const results = await resolveDomains(domains, { servers: [server.address], concurrency, timeoutMs: 2000 });
        best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
        errors = Math.max(errors, results.filter((r) => r.error !== undefined).length);
        const registered = results.filter((r) => r.registered === true).length;
        if (registered !== planted.length) console.warn(`  run ${run + 1}: ${registered} registered, expected ${planted.length}`);
      }
      console.log(`${String(concurrency).padEnd(13)}${best.toFixed(3).padStart(10)}${Math.round(N / best).toLocaleString('en-US').padStart(12)}${String(errors).padStart(9)}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

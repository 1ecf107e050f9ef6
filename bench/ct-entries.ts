/**
 * Certificate-transparency entries processed per second by the monitor's batch activity (followCtLog):
 * read from the CT log double on loopback (RFC 6962 get-entries of 1,000 and static-CT tiles of 256),
 * parsed (MerkleTreeLeaf / TileLeaf, then node's X509Certificate for SANs and CN) and matched against
 * the brands by the lookalike matcher. The reference, in the same run over the same certificates, is
 * X509Certificate's parse alone: the part no monitor that reads the names can avoid. Goal: 5,000/s.
 *
 *   npx tsx bench/ct-entries.ts          (CT_BENCH_ENTRIES=20000 by default)
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCtActivities } from '../activities/eavd/ct/ct-activities';
import { lookalikeMatcher } from '../activities/eavd/ct/matcher';
import { FileArtifactStore } from '../activities/artifacts/artifact-store';
import { ctLogsSchema } from '../config/ct-logs';
import { backgroundCerts, makeCa, makeCert, makeKey, serialOf } from '../test/support/ct-certificates';
import { startCtLogDouble } from '../test/support/ct-log-double';

const ENTRIES = Number(process.env.CT_BENCH_ENTRIES ?? 20_000);
const BRANDS = ['paypal.com', 'example.com', 'bank.co.uk', 'google.com', 'microsoft.com'].map((d) => ({ id: d, domains: [d], keywords: ['login'], missionIds: [`M-${d}`] }));

async function main(): Promise<void> {
  const ca = makeCa();
  let t = process.hrtime.bigint();
  const certs = backgroundCerts(ca, ENTRIES, [makeKey(), makeKey(), makeKey(), makeKey()]);
  // One lookalike in a thousand.
  for (let i = 500; i < ENTRIES; i += 1000) certs[i] = makeCert(ca, { names: [`secure-login-paypal-verify${i}.xyz`], serial: serialOf(i), key: makeKey(), precert: i % 2000 === 500 });
  console.log(`${ENTRIES} certificates made in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);

  t = process.hrtime.bigint();
  let names = 0;
  for (const c of certs) names += new X509Certificate(c.der).subjectAltName?.length ? 1 : 0;
  const reference = ENTRIES / (Number(process.hrtime.bigint() - t) / 1e9);
  if (names !== ENTRIES) throw new Error('a certificate without SANs');

  const double = await startCtLogDouble(ca, certs, { pageMax: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'ct-bench-'));
  try {
    const ct = createCtActivities({ brands: async () => BRANDS, matcher: lookalikeMatcher, artifacts: new FileArtifactStore(dir), timeoutMs: 30_000 });
    const rows: Array<[string, number, number]> = [];
    for (const log of ctLogsSchema.parse(`rfc6962:${double.rfc6962Url},static:${double.staticUrl}`)) {
      t = process.hrtime.bigint();
      let from = 0;
      let hits = 0;
      while (from < ENTRIES) {
        const r = await ct.followCtLog({ log, from, maxEntries: 10_000 });
        from = r.next;
        hits += r.hits.length;
      }
      rows.push([log.kind, ENTRIES / (Number(process.hrtime.bigint() - t) / 1e9), hits]);
    }
    console.log(`\nreference: X509Certificate parse alone   ${Math.round(reference).toLocaleString('en')} certificates/s`);
    for (const [kind, rate, hits] of rows) {
      console.log(`monitor, ${kind.padEnd(8)} read+parse+match  ${Math.round(rate).toLocaleString('en')} entries/s (${(rate / reference).toFixed(2)}× the reference, ${hits} hits; goal ≥ 5,000/s: ${rate >= 5000 ? 'met' : 'NOT met'})`);
    }
  } finally {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Infrastructure pivoting, end to end: nsd serves six registered lookalikes of acmebank.com, each in a
 * zone of its own; four of them are one operator's (the same pair of name servers, certificates that
 * differ but carry one public key, as a CT search double serves them with their PEMs), two are
 * unrelated (parked at a parking provider's name servers, one sharing a /24 with the operator, the two
 * sharing an address with each other: weak facts that must not merge them). A mission's sweep must
 * report one cluster of four, with the shared name servers and key in its evidence, and two singles;
 * a certificate the CT monitor later sees for another name, on the same key and name servers, joins
 * the known cluster and says so.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileArtifactStore } from '../../activities/artifacts/artifact-store';
import { certificateHashes, CertificateTransparency } from '../../activities/eavd/enrich/certificate-transparency';
import { Rdap } from '../../activities/eavd/enrich/rdap';
import { createSweepActivities } from '../../activities/eavd/sweep-activities';
import type { MissionService } from '../../api/services/missions';
import { generatePermutations } from '../../activities/eavd/permutations';
import { startContractServer, type Answer, type ContractServer } from '../support/contract-server';
import { startDnsServer, type DnsServer } from '../support/dns-server';
import { missionHarness, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, endMission, platform, until, untilFindings, walkToExecute } from '../support/walk';

const DAY = 86_400_000;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const LE = "C=US, O=Let's Encrypt, CN=R11";

/** The operator's four, and two unrelated lookalikes. */
/** The sweep keeps to the small families (as the other sweep tests do): the few thousand names nsd is asked about stay quick. */
const OPERATOR = ['acrnebank.com', 'acmebamk.com', 'acmebank-login.com', 'acmebnak.com'];
const SINGLES = ['acmebanks.com', 'acmebanl.com'];
/** Seen later on the operator's infrastructure, as a CT or NRD match would (no permutation of the brand: no sweep finds it). */
const LATECOMER = 'secure-acmebank-verify.com';

const planted: Record<string, { a: string; ns: string[]; key: 'operator' | 'own'; registrar: string; registeredDaysAgo: number }> = {
  'acrnebank.com': { a: '198.51.100.10', ns: ['ns1.bulletdns.test', 'ns2.bulletdns.test'], key: 'operator', registrar: 'Shady Registrar Ltd', registeredDaysAgo: 1 },
  'acmebamk.com': { a: '203.0.113.21', ns: ['ns1.bulletdns.test', 'ns2.bulletdns.test'], key: 'operator', registrar: 'Shady Registrar Ltd', registeredDaysAgo: 2 },
  'acmebank-login.com': { a: '192.0.2.33', ns: ['ns1.bulletdns.test', 'ns2.bulletdns.test'], key: 'operator', registrar: 'Shady Registrar Ltd', registeredDaysAgo: 4 },
  'acmebnak.com': { a: '198.18.0.44', ns: ['ns1.bulletdns.test', 'ns2.bulletdns.test'], key: 'operator', registrar: 'Shady Registrar Ltd', registeredDaysAgo: 6 },
  'acmebanks.com': { a: '198.51.100.20', ns: ['ns1.parkingcrew.net', 'ns2.parkingcrew.net'], key: 'own', registrar: 'GoDaddy.com, LLC', registeredDaysAgo: 3 },
  'acmebanl.com': { a: '198.51.100.20', ns: ['ns1.parkingcrew.net', 'ns2.parkingcrew.net'], key: 'own', registrar: 'NameCheap, Inc.', registeredDaysAgo: 9 },
  [LATECOMER]: { a: '192.0.2.80', ns: ['ns1.bulletdns.test', 'ns2.bulletdns.test'], key: 'operator', registrar: 'Shady Registrar Ltd', registeredDaysAgo: 0 },
};

const SOA = '@ SOA ns.registry.test. hostmaster.registry.test. 1 3600 600 86400 60';
const zone = (d: string) => ['$TTL 60', SOA, ...planted[d]!.ns.map((n) => `@ NS ${n}.`), `@ A ${planted[d]!.a}`].join('\n');

let dir: string;
let operatorKeySha: string;
let dns: DnsServer;
let ct: ContractServer;
let rdap: ContractServer;
let bootstrap: ContractServer;
let tw: TestWorker;
let missions: MissionService;

/** A self-signed certificate for `domain` (openssl), on the operator's key or a key of its own. */
function certificate(domain: string, key: 'operator' | 'own'): string {
  const out = join(dir, `${domain}.pem`);
  const subject = ['-subj', `/CN=${domain}`, '-addext', `subjectAltName=DNS:${domain}`, '-days', '90', '-out', out];
  if (key === 'operator') execFileSync('openssl', ['req', '-x509', '-new', '-key', join(dir, 'operator.key'), ...subject], { stdio: 'ignore' });
  else execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `${domain}.key`), ...subject], { stdio: 'ignore' });
  return readFileSync(out, 'utf8');
}

beforeAll(async () => {
  const candidates = new Set(generatePermutations('acmebank.com').map((c) => c.domain));
  expect([...OPERATOR, ...SINGLES].filter((d) => !candidates.has(d))).toEqual([]);
  expect(candidates.has(LATECOMER)).toBe(false);
  dir = mkdtempSync(join(tmpdir(), 'capeo-clusters-'));
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', join(dir, 'operator.key')], { stdio: 'ignore' });
  // The key's hash, computed from the key file: what the certificates must be recognised by.
  operatorKeySha = createHash('sha256').update(createPublicKey(readFileSync(join(dir, 'operator.key'))).export({ type: 'spki', format: 'der' })).digest('hex');

  const sweepNames = [...OPERATOR, ...SINGLES];
  dns = await startDnsServer({
    com: ['$TTL 60', SOA, '@ NS ns.registry.test.'].join('\n'),
    ...Object.fromEntries([...sweepNames, LATECOMER].map((d) => [d, zone(d)])),
  });
  const routes: Record<string, Answer> = {};
  for (const [i, d] of [...sweepNames, LATECOMER].entries()) {
    const id = 1000 + i;
    routes[`GET /?q=${d}&output=json`] = { status: 200, body: [{ id, issuer_name: LE, name_value: d, not_before: iso(DAY).slice(0, 19), not_after: iso(-89 * DAY).slice(0, 19) }] };
    routes[`GET /?d=${id}`] = { status: 200, text: certificate(d, planted[d]!.key), headers: { 'content-type': 'application/x-pem-file' } };
  }
  ct = await startContractServer(routes);
  rdap = await startContractServer(
    Object.fromEntries(
      Object.entries(planted).map(([d, p]) => [
        `GET /domain/${d}`,
        {
          status: 200,
          body: {
            objectClassName: 'domain',
            ldhName: d.toUpperCase(),
            events: [{ eventAction: 'registration', eventDate: iso(p.registeredDaysAgo * DAY + 3_600_000) }],
            entities: [{ objectClassName: 'entity', roles: ['registrar'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', p.registrar]]] }],
          },
        },
      ]),
    ),
  );
  bootstrap = await startContractServer({ 'GET /dns.json': { status: 200, body: { services: [[['com'], [`${rdap.baseUrl}/`]]] } } });
  ({ tw, missions } = await missionHarness({ CAPEO_DNS_SERVERS: dns.address, CAPEO_CT_URL: ct.baseUrl, CAPEO_RDAP_BOOTSTRAP_URL: `${bootstrap.baseUrl}/dns.json` }));
}, 90_000);

afterAll(async () => {
  await tw?.close();
  await Promise.all([dns?.stop(), ct?.close(), rdap?.close(), bootstrap?.close()]);
});

test('six lookalikes, four on one operator\'s name servers and key: one cluster of four with the shared facts as evidence, and two singles; a CT match on the same infrastructure joins the cluster and says why', async () => {
  const { missionId } = await missions.start({ ...eavdRequest, brand: { domains: ['acmebank.com'], keywords: ['login'], lookalikes: { tldFamily: 'none', combosquattingDictionary: false } }, policy: { sweepIntervalMinutes: 24 * 60 } }, platform);
  await walkToExecute(missions, missionId);
  await until(missions, missionId, (s) => s.sweeps.count > 0, 'sweep');
  const sweep = (await missions.sweeps(missionId, { limit: 10 })).items[0]!;
  expect([...sweep.newDomains].sort()).toEqual([...OPERATOR, ...SINGLES].sort());
  const findings = await untilFindings(missions, missionId, (fs) => fs.filter((f) => f.sourceKey?.startsWith('lookalike')).length >= 3, 'lookalike findings');
  const lookalikes = findings.filter((f) => f.sourceKey?.startsWith('lookalike'));

  // One cluster: its members are the operator's four, nobody else.
  const clusters = lookalikes.filter((f) => f.sourceKey!.startsWith('lookalike-cluster:'));
  expect(clusters).toHaveLength(1);
  const cluster = clusters[0]!;
  expect(cluster.observables.filter((o) => o.type === 'domain').map((o) => o.value).sort()).toEqual([...OPERATOR].sort());
  expect(cluster).toMatchObject({ category: 'suspicious-security-event', severity: 'high', author: 'capeo' });
  expect(cluster.title).toMatch(/^Cluster cl-[0-9a-f]{16}: 4 lookalikes of acmebank\.com on shared infrastructure$/);
  const members = [...OPERATOR].sort().join(', ');
  expect(cluster.evidence).toContainEqual({ kind: 'certificate', summary: `4 of 4 share certificate public key SHA-256 ${operatorKeySha.slice(0, 16)}…: ${members}` });
  expect(cluster.evidence).toContainEqual({ kind: 'dns', summary: `4 of 4 share name servers ns1.bulletdns.test, ns2.bulletdns.test: ${members}` });
  // Public CA and the parking name servers are nobody's evidence.
  expect(cluster.evidence.some((e) => /Let's Encrypt|parkingcrew|198\.51\.100\.0\/24/.test(e.summary))).toBe(false);
  expect(cluster.description).toMatch(/^4 lookalikes share certificate public key SHA-256 [0-9a-f]{16}… and name servers ns1\.bulletdns\.test, ns2\.bulletdns\.test: one operator\./);
  expect(cluster.description).toContain('registered 2 days ago at Shady Registrar Ltd');

  // Two singles, each a finding of its own; no member of the cluster has one.
  const singles = lookalikes.filter((f) => f.sourceKey!.startsWith('lookalike:'));
  expect(singles.map((f) => f.sourceKey).sort()).toEqual(SINGLES.map((d) => `lookalike:${d}`).sort());
  expect(lookalikes.filter((f) => f.sourceKey!.startsWith('lookalikes:'))).toEqual([]);
  expect(lookalikes).toHaveLength(3);
  expect(singles.find((f) => f.sourceKey === 'lookalike:acmebanks.com')!.description).toContain('registered 3 days ago at GoDaddy.com, LLC');

  // Every certificate was looked up once, by search and then by download.
  expect(ct.requests.filter((r) => r.url.startsWith('/?d=')).map((r) => r.url).sort()).toEqual(['/?d=1000', '/?d=1001', '/?d=1002', '/?d=1003', '/?d=1004', '/?d=1005']);

  // Later, the CT monitor sees a certificate for the latecomer, on the operator's key, behind the operator's name servers.
  const clusterId = /^Cluster (cl-[0-9a-f]{16}):/.exec(cluster.title)![1]!;
  const watcher = createSweepActivities({
    store: new FileArtifactStore(mkdtempSync(join(tmpdir(), 'capeo-clusters-sweep-'))),
    infrastructure: tw.store.infrastructure,
    ct: new CertificateTransparency(ct.baseUrl),
    rdap: new Rdap(`${bootstrap.baseUrl}/dns.json`),
    dns: { servers: [dns.address], concurrency: 2, timeoutMs: 2000 },
  });
  const logged = certificateHashes(certificate(LATECOMER, 'operator'))!;
  expect(logged.publicKeySha256).toBe(operatorKeySha);
  const match = {
    domain: LATECOMER, fuzzer: 'combosquatting', source: 'ct' as const, registered: true, a: [], aaaa: [], mx: [], ns: [], registeredAt: null, pageSimilarity: null,
    certificates: [{ notBefore: iso(0), issuer: LE, names: [LATECOMER], ...logged }],
    ctMatch: { log: 'Test Log 2026', seenAt: iso(0), publicKeySha256: logged.publicKeySha256 },
  };
  const now = new Date().toISOString();
  const reported = await watcher.reportMatch({ missionId, matchKey: 'test-log-2026:4711', match, brand: 'acmebank.com', now });
  // The cluster was founded by the sweep: it is not reported again; the match is a finding of its own, saying what it joined and why.
  expect(reported.findings).toHaveLength(1);
  const [joined] = reported.findings;
  expect(joined).toMatchObject({ sourceKey: `lookalike:${LATECOMER}`, category: 'suspicious-security-event', severity: 'high' });
  expect(joined!.evidence).toContainEqual({ kind: 'certificate', summary: 'certificate seen in CT log Test Log 2026 0 days ago (+3)' });
  expect(joined!.evidence).toContainEqual({
    kind: 'other',
    summary: `joins known cluster ${clusterId} (5 domains) sharing certificate public key SHA-256 ${operatorKeySha.slice(0, 16)}…, name servers ns1.bulletdns.test, ns2.bulletdns.test, network 192.0.2.0/24 (+4)`,
  });
  // The same match again answers the same; a sweep clustering afterwards founds nothing.
  expect(await watcher.reportMatch({ missionId, matchKey: 'test-log-2026:4711', match, brand: 'acmebank.com', now })).toEqual(reported);
  expect(await watcher.clusterLookalikes({ missionId, sweep: 2 })).toEqual({ founded: [], clusters: 1 });
  expect(await watcher.clusterLookalikes({ missionId, sweep: 1 })).toEqual({ founded: [clusterId], clusters: 1 });
  // The cluster's finding, rebuilt from the store, now holds the latecomer too.
  const [rebuilt] = await watcher.clusterFindings({ missionId, ids: [clusterId], brand: 'acmebank.com', now });
  expect(rebuilt!.observables.filter((o) => o.type === 'domain').map((o) => o.value)).toEqual([...OPERATOR, LATECOMER].sort());
  expect(rebuilt!.sourceKey).toBe(cluster.sourceKey);
  const stored = await tw.store.db.query<{ cluster_id: string; members: string[]; founded_by: string }>(`select cluster_id, members, founded_by from eavd_clusters where mission_id = $1`, [missionId]);
  expect(stored.rows).toEqual([{ cluster_id: clusterId, members: [...OPERATOR, LATECOMER].sort(), founded_by: 'sweep:1' }]);
  const row = await tw.store.db.query<{ first_seen: string; cluster_id: string }>(`select first_seen, cluster_id from eavd_infrastructure where mission_id = $1 and domain = $2`, [missionId, LATECOMER]);
  expect(row.rows).toEqual([{ first_seen: 'ct:test-log-2026:4711', cluster_id: clusterId }]);

  // The mission got nothing twice.
  expect((await allFindings(missions, missionId)).filter((f) => f.sourceKey?.startsWith('lookalike'))).toHaveLength(3);
  await endMission(tw, missionId);
}, 180_000);

import { assignClusters, clusterDomains, clusterFinding, clusterId, clusterJoin, factsOf } from '../../domain/eavd-clusters';
import { infrastructureOf, mergeObservations, type InfrastructureFacts } from '../../domain/eavd-infrastructure';
import { scoreCandidate, type CandidateFacts } from '../../domain/eavd-scoring';
import { newFindingSchema } from '../../domain/findings';

const now = '2026-11-22T00:00:00Z';
const infra = (domain: string, over: Partial<InfrastructureFacts> = {}): InfrastructureFacts => ({
  domain, source: 'sweep', a: [], aaaa: [], ns: [], mx: [], certificates: [], registrar: null, registeredAt: null, ...over,
});
const LE = "C=US, O=Let's Encrypt, CN=R11";
const members = (cs: ReturnType<typeof clusterDomains>) => cs.map((c) => c.members);

test('one strong fact links on its own: the same certificate key, SAN set, name-server pair, or registrar and day', () => {
  const key = { issuer: "C=US, O=Let's Encrypt, CN=R11", publicKeySha256: 'ab'.repeat(32) };
  expect(members(clusterDomains([
    infra('a.com', { certificates: [{ ...key, sans: ['a.com'] }] }),
    infra('b.com', { certificates: [{ ...key, sans: ['b.com'] }] }),
    infra('c.com', { certificates: [{ issuer: 'x', sans: ['c.com', 'd.com'] }] }),
    infra('d.com', { certificates: [{ issuer: 'y', sans: ['d.com', 'c.com'] }] }),
    infra('e.com', { ns: ['ns1.shady.test', 'ns2.shady.test'] }),
    infra('f.com', { ns: ['NS2.shady.test.', 'ns1.shady.test'].map((n) => n.toLowerCase().replace(/\.$/, '')) }),
    infra('g.com', { registrar: 'Cheap Names LLC', registeredAt: '2026-11-20T01:00:00Z' }),
    infra('h.com', { registrar: 'cheap names llc', registeredAt: '2026-11-20T23:00:00Z' }),
    infra('i.com', { registrar: 'Cheap Names LLC', registeredAt: '2026-11-21T01:00:00Z' }),
  ]))).toEqual([['a.com', 'b.com'], ['c.com', 'd.com'], ['e.com', 'f.com'], ['g.com', 'h.com']]);
});

test('weak facts need company: an address, a /24, a rare issuer alone do not link; a /24 with an MX host, an address with a rare issuer do', () => {
  expect(clusterDomains([infra('a.com', { a: ['198.51.100.7'] }), infra('b.com', { a: ['198.51.100.7'] })])).toEqual([]);
  expect(clusterDomains([infra('a.com', { a: ['198.51.100.7'] }), infra('b.com', { a: ['198.51.100.9'] })])).toEqual([]);
  // An address and its /24 are one piece of evidence, not two.
  expect(clusterDomains([infra('a.com', { a: ['198.51.100.7', '198.51.100.8'] }), infra('b.com', { a: ['198.51.100.7', '198.51.100.8'] })])).toEqual([]);
  expect(members(clusterDomains([infra('a.com', { a: ['198.51.100.7'], mx: ['mx.shady.test'] }), infra('b.com', { a: ['198.51.100.9'], mx: ['mx.shady.test'] })]))).toEqual([['a.com', 'b.com']]);
  const rare = (d: string) => ({ issuer: 'CN=Shady Private CA', sans: [d] });
  expect(clusterDomains([infra('a.com', { certificates: [rare('a.com')] }), infra('b.com', { certificates: [rare('b.com')] })])).toEqual([]);
  expect(members(clusterDomains([infra('a.com', { a: ['192.0.2.1'], certificates: [rare('a.com')] }), infra('b.com', { a: ['192.0.2.1'], certificates: [rare('b.com')] })]))).toEqual([['a.com', 'b.com']]);
  // IPv6: the same /48 and a shared MX host.
  expect(members(clusterDomains([infra('a.com', { aaaa: ['2001:db8:5:1::1'], mx: ['mx.shady.test'] }), infra('b.com', { aaaa: ['2001:0db8:0005:ffff::9'], mx: ['mx.shady.test'] })]))).toEqual([['a.com', 'b.com']]);
  expect(factsOf(infra('a.com', { aaaa: ['2001:db8:5:1::1'] })).map((f) => f.key)).toEqual(['ip:2001:db8:5:1::1', 'net:2001:db8:5::/48']);
});

test('common infrastructure merges nothing: default and parking name servers, big mail providers, public CAs, a registrar without a day, facts everyone has', () => {
  const parked = (d: string) => infra(d, { ns: ['ns1.parkingcrew.net', 'ns2.parkingcrew.net'], mx: ['mx.sedoparking.com'], a: ['203.0.113.66'], certificates: [{ issuer: "C=US, O=Let's Encrypt, CN=R11", sans: [d] }], registrar: 'GoDaddy' });
  expect(clusterDomains([parked('a.com'), parked('b.com'), parked('c.com')])).toEqual([]);
  expect(clusterDomains([infra('a.com', { ns: ['ns-12.awsdns-01.com', 'ns-900.awsdns-40.net'] }), infra('b.com', { ns: ['ns-12.awsdns-01.com', 'ns-900.awsdns-40.net'] })])).toEqual([]);
  expect(clusterDomains([infra('a.com', { ns: ['dana.ns.cloudflare.com', 'rob.ns.cloudflare.com'] }), infra('b.com', { ns: ['dana.ns.cloudflare.com', 'rob.ns.cloudflare.com'] })])).toEqual([]);
  // A private name-server pair shared by more than maxFanout domains is somebody's hosting, not a campaign.
  const many = Array.from({ length: 30 }, (_, i) => infra(`x${i}.com`, { ns: ['ns1.bighost.test', 'ns2.bighost.test'] }));
  expect(clusterDomains(many)).toEqual([]);
  expect(members(clusterDomains(many.slice(0, 25)))).toHaveLength(1);
});

test('union-find: links chain into one cluster, the shared facts are listed strongest first with who holds them', () => {
  const items = [
    infra('a.com', { ns: ['ns1.shady.test', 'ns2.shady.test'], a: ['192.0.2.10'] }),
    infra('b.com', { ns: ['ns1.shady.test', 'ns2.shady.test'], certificates: [{ issuer: LE, sans: ['b.com'], publicKeySha256: 'cd'.repeat(32) }] }),
    infra('c.com', { certificates: [{ issuer: LE, sans: ['c.com'], publicKeySha256: 'cd'.repeat(32) }], a: ['192.0.2.10'] }),
    infra('z.com', { a: ['192.0.2.10'] }),
  ];
  const [c, ...rest] = clusterDomains(items);
  expect(rest).toEqual([]);
  expect(c!.members).toEqual(['a.com', 'b.com', 'c.com']);
  expect(c!.shared.map((f) => `${f.label} [${f.holders.join(' ')}]`)).toEqual([
    `certificate public key SHA-256 ${'cd'.repeat(8)}… [b.com c.com]`,
    'name servers ns1.shady.test, ns2.shady.test [a.com b.com]',
    'address 192.0.2.10 [a.com c.com]',
    'name server ns1.shady.test [a.com b.com]',
    'name server ns2.shady.test [a.com b.com]',
    'network 192.0.2.0/24 [a.com c.com]',
  ]);
  // The same facts in another order: the same clusters.
  expect(clusterDomains([...items].reverse())).toEqual(clusterDomains(items));
});

test('cluster ids are stable: the founders name a new cluster; a known one keeps its id as it grows; two known ones linked by a newcomer merge into the smaller id', () => {
  const nsPair = { ns: ['ns1.shady.test', 'ns2.shady.test'] };
  const first = [infra('a.com', nsPair), infra('b.com', nsPair)];
  const [founded] = assignClusters(clusterDomains(first), [], 'sweep:1', first);
  expect(founded).toMatchObject({ id: clusterId(['b.com', 'a.com']), members: ['a.com', 'b.com'], foundedBy: 'sweep:1', joined: ['a.com', 'b.com'], merged: [] });
  expect(founded!.id).toMatch(/^cl-[0-9a-f]{16}$/);

  const second = [...first, infra('c.com', nsPair)];
  const [grown] = assignClusters(clusterDomains(second), [{ id: founded!.id, members: founded!.members, foundedBy: 'sweep:1' }], 'sweep:2', second);
  expect(grown).toMatchObject({ id: founded!.id, members: ['a.com', 'b.com', 'c.com'], foundedBy: 'sweep:1', joined: ['c.com'] });
  expect(clusterJoin('c.com', grown!)).toEqual({ id: founded!.id, size: 3, via: ['name servers ns1.shady.test, ns2.shady.test'] });

  const key = (d: string) => ({ certificates: [{ issuer: 'R11', sans: [d], publicKeySha256: 'ef'.repeat(32) }] });
  const other = [infra('x.com', key('x.com')), infra('y.com', key('y.com'))];
  const bridge = infra('m.com', { ...nsPair, ...key('m.com') });
  const all = [...second, ...other, bridge];
  const known = [
    { id: 'cl-ffffffffffffffff', members: ['x.com', 'y.com'], foundedBy: 'ct:1' },
    { id: founded!.id, members: ['a.com', 'b.com', 'c.com'], foundedBy: 'sweep:1' },
  ];
  const [merged, ...none] = assignClusters(clusterDomains(all), known, 'sweep:3', all);
  expect(none).toEqual([]);
  expect(merged).toMatchObject({ id: founded!.id, foundedBy: 'sweep:1', members: ['a.com', 'b.com', 'c.com', 'm.com', 'x.com', 'y.com'], joined: ['m.com', 'x.com', 'y.com'], merged: ['cl-ffffffffffffffff'] });
});

test('a cluster is one finding: members and addresses observables, the shared infrastructure its evidence, each member a line', () => {
  const facts = (d: string, i: number): CandidateFacts => ({
    domain: d, fuzzer: 'homoglyph', registered: true, a: [`192.0.2.${i + 1}`], aaaa: [], mx: [], ns: ['ns1.shady.test', 'ns2.shady.test'],
    certificates: [{ notBefore: '2026-11-01T00:00:00Z', issuer: LE, names: [d], publicKeySha256: '12'.repeat(32) }], registeredAt: null, pageSimilarity: null,
  });
  const all = ['examp1e.com', 'exarnple.com', 'exampie.com', 'examplle.com'].map(facts);
  const [c] = clusterDomains(all.map(infrastructureOf));
  const f = clusterFinding({ id: 'cl-0000000000000001', ...c! }, all.map((x) => ({ facts: x, scored: scoreCandidate(x, now) })), 'example.com');
  expect(newFindingSchema.parse(f)).toEqual(f);
  expect(f).toMatchObject({ category: 'suspicious-security-event', severity: 'high', sourceKey: 'lookalike-cluster:cl-0000000000000001', title: 'Cluster cl-0000000000000001: 4 lookalikes of example.com on shared infrastructure' });
  expect(f.observables.filter((o) => o.type === 'domain').map((o) => o.value)).toEqual(['examp1e.com', 'exampie.com', 'examplle.com', 'exarnple.com']);
  expect(f.observables.filter((o) => o.type === 'ipv4')).toHaveLength(4);
  expect(f.evidence.slice(0, 2)).toEqual([
    { kind: 'certificate', summary: `4 of 4 share certificate public key SHA-256 ${'12'.repeat(8)}…: examp1e.com, exampie.com, examplle.com, exarnple.com` },
    { kind: 'dns', summary: '4 of 4 share name servers ns1.shady.test, ns2.shady.test: examp1e.com, exampie.com, examplle.com, exarnple.com' },
  ]);
  expect(f.description.split('\n')[0]).toBe(`4 lookalikes share certificate public key SHA-256 ${'12'.repeat(8)}… and name servers ns1.shady.test, ns2.shady.test: one operator.`);
  expect(f.description.split('\n')[1]).toMatch(/^- examp1e\.com \(homoglyph\), score \d+: registered; resolves to 192\.0\.2\.1/);
  // Two lookalikes of interest sharing a key are a low event of interest, not an escalation.
  const two = all.slice(0, 2).map((x) => ({ ...x, certificates: [{ ...x.certificates[0]!, notBefore: '2020-01-01T00:00:00Z' }], fuzzer: 'bitsquatting' }));
  const [pair] = clusterDomains(two.map(infrastructureOf));
  expect(clusterFinding({ id: 'cl-2', ...pair! }, two.map((x) => ({ facts: x, scored: scoreCandidate(x, now) })), 'example.com')).toMatchObject({ category: 'ti-event-of-interest', severity: 'low' });
});

test('two observations of one domain merge: lists united, certificates once each, newer facts win, unknown keeps the known', () => {
  const sweep: CandidateFacts = { domain: 'a.com', fuzzer: 'omission', registered: true, a: ['192.0.2.1'], aaaa: [], mx: [], ns: ['ns1.x.test'], certificates: [{ notBefore: '2026-11-01T00:00:00Z', issuer: 'R11' }], registeredAt: '2026-10-30T00:00:00Z', registrar: 'R', pageSimilarity: null };
  const ct: CandidateFacts = { ...sweep, a: [], ns: [], source: 'ct', registeredAt: null, registrar: null, certificates: [{ notBefore: '2026-11-20T00:00:00Z', issuer: 'R11', sha256: 'aa' }], ctMatch: { log: 'Argon2026', seenAt: '2026-11-20T00:00:00Z' } };
  const m = mergeObservations(sweep, ct);
  expect(m).toMatchObject({ a: ['192.0.2.1'], ns: ['ns1.x.test'], registeredAt: '2026-10-30T00:00:00Z', registrar: 'R', source: 'ct', ctMatch: { log: 'Argon2026' } });
  expect(m.certificates.map((c) => c.notBefore)).toEqual(['2026-11-20T00:00:00Z', '2026-11-01T00:00:00Z']);
});

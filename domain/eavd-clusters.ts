import type { CandidateFacts, Scored } from './eavd-scoring';
import type { InfrastructureFacts } from './eavd-infrastructure';
import type { Evidence, NewFinding, Observable } from './findings';

/**
 * Infrastructure pivoting: lookalikes grouped by what their operator set up for them, to exploit the
 * OpSec mistakes of reusing a key, a name server or a registration session across a campaign.
 *
 * The rules. Each domain yields facts, each in a family with a weight:
 *
 * | family        | fact                                          | weight |
 * |---------------|-----------------------------------------------|--------|
 * | certificate   | same certificate public key (SPKI SHA-256)    | 3      |
 * | certificate   | same certificate (SHA-256)                    | 3      |
 * | certificate   | same SAN set                                  | 3      |
 * | certificate   | same issuer, when it is not a public CA       | 2      |
 * | name-servers  | same set of name servers                      | 3      |
 * | name-servers  | one name server in common                     | 2      |
 * | registration  | same registrar and same registration day      | 3      |
 * | mail          | same MX host                                  | 2      |
 * | address       | same address                                  | 2      |
 * | address       | same /24 (IPv4) or /48 (IPv6)                 | 1      |
 *
 * Two domains are linked when the sum, over families, of the strongest fact they share in each family
 * reaches `linkAt` (3). A family counts once (an address and its /24 are one piece of evidence), so one
 * strong fact links on its own, and weaker ones need company: a shared /24 plus a shared MX host links,
 * a shared address alone does not. Clusters are the connected components of the links (union-find).
 *
 * What does not count: name servers and MX hosts of the big DNS, hosting, parking and mail providers
 * (`defaultNameServers`, `defaultMail`: a registrar's default parking NS is everyone's), the issuers of
 * the public CAs (`publicIssuers`), a registrar without a registration day, and any fact held by more
 * than `maxFanout` of the domains clustered together (a shared hosting address of a thousand parked
 * names is common infrastructure, not one operator).
 */
export interface ClusterRules {
  linkAt: number;
  maxFanout: number;
  defaultNameServers: RegExp;
  defaultMail: RegExp;
  publicIssuers: RegExp;
}

/** Host names under any of the domains (or matching any of the patterns). */
const suffixes = (xs: string[], patterns: string[] = []) => new RegExp(`(^|\\.)(${[...xs.map((x) => x.replace(/\./g, '\\.')), ...patterns].join('|')})$`, 'i');

export const DEFAULT_CLUSTER_RULES: ClusterRules = {
  linkAt: 3,
  maxFanout: 25,
  defaultNameServers: suffixes([
    'domaincontrol.com', 'registrar-servers.com', 'cloudflare.com', 'azure-dns.com', 'azure-dns.net',
    'azure-dns.org', 'azure-dns.info', 'googledomains.com', 'google.com', 'nsone.net', 'ultradns.com', 'ultradns.net', 'dnsmadeeasy.com',
    'akam.net', 'parkingcrew.net', 'sedoparking.com', 'bodis.com', 'above.com', 'dan.com', 'afternic.com', 'namebrightdns.com', 'name.com',
    'hostgator.com', 'bluehost.com', 'dreamhost.com', 'digitalocean.com', 'linode.com', 'ovh.net', 'gandi.net', 'ui-dns.com', 'ui-dns.de',
    'ui-dns.org', 'ui-dns.biz', 'wixdns.net', 'squarespacedns.com', 'hostinger.com', 'dns-parking.com', 'porkbun.com', 'name-services.com',
    'namecheaphosting.com', 'nic.ru', 'reg.ru', 'hichina.com', 'dnspod.net', 'cscdns.net', 'markmonitor.com', 'vercel-dns.com', 'netlify.com',
  ], ['awsdns-\\d+\\.[a-z.]+']),
  defaultMail: suffixes([
    'google.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'pphosted.com', 'mimecast.com', 'zoho.com', 'zoho.eu', 'yandex.net',
    'secureserver.net', 'registrar-servers.com', 'privateemail.com', 'emailsrvr.com', 'messagingengine.com', 'icloud.com', 'amazonaws.com',
    'mailgun.org', 'sendgrid.net', 'parkingcrew.net', 'sedoparking.com', 'hostinger.com', 'mxrouting.net', 'ovh.net', 'gandi.net', 'ionos.com',
  ]),
  publicIssuers:
    /let's encrypt|\bisrg\b|zerossl|google trust services|\bgts\b|sectigo|comodo|digicert|godaddy|starfield|amazon|cloudflare|globalsign|entrust|buypass|ssl\.com|microsoft|apple|certum|actalis|rapidssl|geotrust|thawte|baltimore|usertrust|identrust|trustasia|quovadis|harica|telia|swisssign/i,
};

export type FactFamily = 'certificate' | 'name-servers' | 'registration' | 'mail' | 'address';

export interface InfrastructureFact {
  family: FactFamily;
  /** What two domains must have equal to share the fact, e.g. `ns-set:ns1.a.test,ns2.a.test`. */
  key: string;
  /** The fact in words, for the evidence. */
  label: string;
  weight: number;
  kind: Evidence['kind'];
}

/** An IPv6 address's first 48 bits, as `2001:db8:1::/48`. */
function ipv6Net48(ip: string): string | null {
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  if (left.some((g) => g.includes('.')) || right.some((g) => g.includes('.'))) return null;
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8) return null;
  return `${groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/48`;
}

const short = (hex: string) => `${hex.slice(0, 16)}…`;

/** The facts one domain can share with others under the rules (defaults and public CAs already left out). */
export function factsOf(i: InfrastructureFacts, rules: ClusterRules = DEFAULT_CLUSTER_RULES): InfrastructureFact[] {
  const facts = new Map<string, InfrastructureFact>();
  const add = (f: InfrastructureFact) => facts.set(f.key, f);
  for (const ip of i.a) {
    add({ family: 'address', key: `ip:${ip}`, label: `address ${ip}`, weight: 2, kind: 'dns' });
    const net = ip.split('.').slice(0, 3).join('.');
    add({ family: 'address', key: `net:${net}.0/24`, label: `network ${net}.0/24`, weight: 1, kind: 'dns' });
  }
  for (const ip of i.aaaa) {
    add({ family: 'address', key: `ip:${ip.toLowerCase()}`, label: `address ${ip.toLowerCase()}`, weight: 2, kind: 'dns' });
    const net = ipv6Net48(ip);
    if (net) add({ family: 'address', key: `net:${net}`, label: `network ${net}`, weight: 1, kind: 'dns' });
  }
  const ns = [...new Set(i.ns)].filter((h) => !rules.defaultNameServers.test(h)).sort();
  if (ns.length && ns.length === new Set(i.ns).size) add({ family: 'name-servers', key: `ns-set:${ns.join(',')}`, label: `name servers ${ns.join(', ')}`, weight: 3, kind: 'dns' });
  for (const h of ns) add({ family: 'name-servers', key: `ns:${h}`, label: `name server ${h}`, weight: 2, kind: 'dns' });
  for (const h of new Set(i.mx)) if (!rules.defaultMail.test(h)) add({ family: 'mail', key: `mx:${h}`, label: `MX host ${h}`, weight: 2, kind: 'dns' });
  for (const c of i.certificates) {
    if (c.publicKeySha256) add({ family: 'certificate', key: `key:${c.publicKeySha256}`, label: `certificate public key SHA-256 ${short(c.publicKeySha256)}`, weight: 3, kind: 'certificate' });
    if (c.sha256) add({ family: 'certificate', key: `cert:${c.sha256}`, label: `certificate SHA-256 ${short(c.sha256)}`, weight: 3, kind: 'certificate' });
    const sans = [...new Set(c.sans)].sort();
    if (sans.length) add({ family: 'certificate', key: `sans:${sans.join(',')}`, label: `certificate names ${sans.slice(0, 6).join(', ')}${sans.length > 6 ? '…' : ''}`, weight: 3, kind: 'certificate' });
    if (c.issuer && !rules.publicIssuers.test(c.issuer)) add({ family: 'certificate', key: `issuer:${c.issuer}`, label: `certificate issuer ${c.issuer}`, weight: 2, kind: 'certificate' });
  }
  if (i.registrar && i.registeredAt) {
    const day = i.registeredAt.slice(0, 10);
    add({ family: 'registration', key: `reg:${i.registrar.toLowerCase()}|${day}`, label: `registered at ${i.registrar} on ${day}`, weight: 3, kind: 'registration' });
  }
  return [...facts.values()];
}

/** A fact shared inside a cluster, with the members that hold it. */
export interface SharedFact extends InfrastructureFact {
  holders: string[];
}

export interface Component {
  /** Sorted. */
  members: string[];
  /** Strongest first, then the most widely held. */
  shared: SharedFact[];
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression keeps later finds short.
    let y = x;
    while (y !== root) {
      const next = this.parent.get(y)!;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/** Facts held by at least two and at most `maxFanout` of the domains: the ones that can link. */
function sharedIndex(items: InfrastructureFacts[], rules: ClusterRules): Map<string, { fact: InfrastructureFact; holders: string[] }> {
  const index = new Map<string, { fact: InfrastructureFact; holders: string[] }>();
  for (const item of items) {
    for (const fact of factsOf(item, rules)) {
      const entry = index.get(fact.key) ?? { fact, holders: [] };
      entry.holders.push(item.domain);
      index.set(fact.key, entry);
    }
  }
  for (const [key, e] of index) if (e.holders.length < 2 || e.holders.length > rules.maxFanout) index.delete(key);
  return index;
}

const sharedOrder = (a: SharedFact, b: SharedFact) => b.weight - a.weight || b.holders.length - a.holders.length || a.key.localeCompare(b.key);

/** The facts held by two or more of `members`, from the index. */
function sharedWithin(members: Set<string>, index: Map<string, { fact: InfrastructureFact; holders: string[] }>): SharedFact[] {
  const out: SharedFact[] = [];
  for (const { fact, holders } of index.values()) {
    const inside = holders.filter((h) => members.has(h));
    if (inside.length >= 2) out.push({ ...fact, holders: inside.sort() });
  }
  return out.sort(sharedOrder);
}

/**
 * The clusters (two or more members) among `items`, one entry per domain (the last one wins), by the
 * rules above. Deterministic: the same facts give the same clusters, whatever their order.
 */
export function clusterDomains(items: InfrastructureFacts[], rules: ClusterRules = DEFAULT_CLUSTER_RULES): Component[] {
  const byDomain = new Map(items.map((i) => [i.domain, i]));
  const index = sharedIndex([...byDomain.values()], rules);
  // Per pair of domains, the strongest shared fact of each family.
  const pairs = new Map<string, Map<FactFamily, number>>();
  for (const { fact, holders } of index.values()) {
    const hs = [...holders].sort();
    for (let x = 0; x < hs.length; x++) {
      for (let y = x + 1; y < hs.length; y++) {
        const key = `${hs[x]}\u0000${hs[y]}`;
        const families = pairs.get(key) ?? new Map<FactFamily, number>();
        families.set(fact.family, Math.max(families.get(fact.family) ?? 0, fact.weight));
        pairs.set(key, families);
      }
    }
  }
  const uf = new UnionFind();
  for (const [key, families] of pairs) {
    const strength = [...families.values()].reduce((s, w) => s + w, 0);
    if (strength >= rules.linkAt) {
      const [a, b] = key.split('\u0000') as [string, string];
      uf.union(a, b);
    }
  }
  const groups = new Map<string, string[]>();
  for (const d of byDomain.keys()) {
    const root = uf.find(d);
    groups.set(root, [...(groups.get(root) ?? []), d]);
  }
  return [...groups.values()]
    .filter((g) => g.length >= 2)
    .map((g) => g.sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!))
    .map((members) => ({ members, shared: sharedWithin(new Set(members), index) }));
}

/** A short, stable hash (two FNV-1a 32-bit passes): cluster ids are names, not secrets. */
function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 + 2 * i + 1) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** The id of a cluster founded by `members`: the same founders, the same id, in any sweep. */
export const clusterId = (members: string[]): string => `cl-${hash([...members].sort().join('\n'))}`;

/** A cluster as the store keeps it. */
export interface KnownCluster {
  id: string;
  members: string[];
  /** Who founded it: `sweep:3`, `ct:<match key>`… */
  foundedBy: string;
}

export interface AssignedCluster {
  id: string;
  members: string[];
  shared: SharedFact[];
  foundedBy: string;
  /** Members the stored cluster did not have (all of them for a new cluster). */
  joined: string[];
  /** Stored clusters this one absorbed (a new domain linked two known clusters). */
  merged: string[];
}

/**
 * Names the components against the clusters already known: a component holding members of known
 * clusters keeps the oldest-named of them (the smallest id; the others are merged into it) and every
 * member it ever had (clusters only grow); a component of unknown domains is a new cluster named by
 * its founders. Known clusters untouched by any component are not returned.
 */
export function assignClusters(components: Component[], known: KnownCluster[], foundedBy: string, items: InfrastructureFacts[], rules: ClusterRules = DEFAULT_CLUSTER_RULES): AssignedCluster[] {
  const clusterOf = new Map<string, KnownCluster>();
  for (const k of [...known].sort((a, b) => b.id.localeCompare(a.id))) for (const m of k.members) clusterOf.set(m, k);
  const index = sharedIndex([...new Map(items.map((i) => [i.domain, i])).values()], rules);
  const out: AssignedCluster[] = [];
  for (const c of components) {
    const ks = [...new Map(c.members.flatMap((m) => (clusterOf.has(m) ? [clusterOf.get(m)!] : [])).map((k) => [k.id, k])).values()].sort((a, b) => a.id.localeCompare(b.id));
    const head = ks[0];
    if (!head) {
      out.push({ id: clusterId(c.members), members: c.members, shared: c.shared, foundedBy, joined: c.members, merged: [] });
      continue;
    }
    const before = new Set(head.members);
    const members = [...new Set([...c.members, ...ks.flatMap((k) => k.members)])].sort();
    out.push({
      id: head.id,
      members,
      shared: sharedWithin(new Set(members), index),
      foundedBy: head.foundedBy,
      joined: members.filter((m) => !before.has(m)),
      merged: ks.slice(1).map((k) => k.id),
    });
  }
  return out;
}

/** What `domain` shares with the rest of its cluster, strongest first: why it belongs. */
export const sharedBy = (domain: string, shared: SharedFact[]): SharedFact[] => shared.filter((f) => f.holders.includes(domain) && f.holders.length >= 2);

/** The cluster a domain joined, as scoring takes it (CandidateFacts.cluster): at most three facts, one per family. */
export function clusterJoin(domain: string, c: { id: string; members: string[]; shared: SharedFact[] }): NonNullable<CandidateFacts['cluster']> {
  // The strongest fact of each family: "name servers a, b" says enough without "name server a" after it.
  const families = new Set<FactFamily>();
  const via = sharedBy(domain, c.shared).filter((f) => !families.has(f.family) && families.add(f.family));
  return { id: c.id, size: c.members.length, via: via.slice(0, 3).map((f) => f.label) };
}

const OBSERVABLES_MAX = 500;
const LINE_MAX = 300;

/**
 * A cluster as ONE finding: its members (and their addresses) are the observables, the infrastructure
 * they share is the evidence (`4 of 4 share name servers ns1.x, ns2.x`), each member has a line of its
 * own score in the description. A cluster is suspicious when one of its members is, or when three or
 * more lookalikes share one operator's infrastructure; its source key is the cluster's id, so it is
 * reported once, whoever founded it and however often it is seen again.
 */
export function clusterFinding(cluster: { id: string; members: string[]; shared: SharedFact[] }, members: Array<{ facts: CandidateFacts; scored: Scored }>, brand: string): NewFinding {
  const n = cluster.members.length;
  const byDomain = new Map(members.map((m) => [m.facts.domain, m]));
  const domains: Observable[] = cluster.members.map((d) => ({ type: 'domain', value: d }));
  const addresses = new Map<string, Observable>();
  for (const { facts } of members) {
    for (const v of facts.a) addresses.set(v, { type: 'ipv4', value: v });
    for (const v of facts.aaaa) addresses.set(v, { type: 'ipv6', value: v });
  }
  const suspicious = members.some((m) => m.scored.verdict === 'suspicious-security-event') || n >= 3;
  const maxScore = Math.max(0, ...members.map((m) => m.scored.score));
  const headline = cluster.shared.slice(0, 2).map((f) => f.label).join(' and ');
  const lines = cluster.members.map((d) => {
    const m = byDomain.get(d);
    const line = m ? `- ${d} (${m.facts.fuzzer}), score ${m.scored.score}: ${m.scored.reasons.map((r) => r.reason).join('; ')}` : `- ${d}`;
    return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line;
  });
  return {
    category: suspicious ? 'suspicious-security-event' : 'ti-event-of-interest',
    title: `Cluster ${cluster.id}: ${n} lookalikes of ${brand} on shared infrastructure`.slice(0, 200),
    description: [`${n} lookalikes share ${headline || 'infrastructure'}: one operator.`, ...lines].join('\n').slice(0, 10_000),
    severity: suspicious ? (n >= 4 || maxScore >= 10 ? 'high' : 'medium') : 'low',
    evidence: cluster.shared.slice(0, 50).map((f) => ({ kind: f.kind, summary: `${f.holders.length} of ${n} share ${f.label}: ${f.holders.join(', ')}`.slice(0, 4000) })),
    observables: [...domains, ...[...addresses.values()]].slice(0, OBSERVABLES_MAX),
    sourceKey: `lookalike-cluster:${cluster.id}`,
    flags: ['playbook', 'battlefield-intel'],
  };
}

import type { InfrastructureSource } from './eavd-infrastructure';
import type { Evidence, NewFinding, Observable } from './findings';

/** A certificate seen in certificate transparency; the hashes and names when the log gave them. */
export interface CertificateSeenFacts {
  notBefore: string;
  issuer: string;
  names?: string[];
  sha256?: string;
  publicKeySha256?: string;
}

/** What the discovery engine knows of one lookalike candidate. */
export interface CandidateFacts {
  domain: string;
  /** The permutation algorithm (or matcher) that produced the name; its family weighs (see FUZZER_FAMILIES). */
  fuzzer: string;
  registered: boolean;
  a: string[];
  aaaa: string[];
  mx: string[];
  ns: string[];
  /** Certificates seen in certificate transparency, newest first. */
  certificates: CertificateSeenFacts[];
  /** Registration date from RDAP, when known. */
  registeredAt: string | null;
  /** The registrar from RDAP, when known. */
  registrar?: string | null;
  /** Similarity (0..1) of the candidate's page with the brand's page, when measured. */
  pageSimilarity: number | null;
  /** Who saw the name: a sweep (default), the CT-log monitor, a newly-registered-domains feed. */
  source?: InfrastructureSource;
  /** The CT-log monitor saw a certificate for the name as it was logged. */
  ctMatch?: { log: string; seenAt: string; publicKeySha256?: string };
  /** A newly-registered-domains feed listed the name. */
  nrd?: { feed: string; listedOn: string };
  /** The name joined a cluster already known (see eavd-clusters.ts): which one, and the facts it shares with it. */
  cluster?: { id: string; size: number; via: string[] };
}

/**
 * How much the way a name imitates the brand weighs: a confusable or a brand-plus-lure name is made to
 * deceive a reader, a typo waits for a typing mistake, a bit flip for a hardware fault (no point).
 */
export const FUZZER_FAMILIES: Record<string, { family: string; points: number; reason: string }> = {
  homoglyph: { family: 'confusable', points: 2, reason: 'homoglyph: visually confusable with the brand' },
  cyrillic: { family: 'confusable', points: 2, reason: 'cyrillic: visually confusable with the brand' },
  'mixed-script': { family: 'confusable', points: 2, reason: 'mixed-script: Cyrillic or Greek letters that look like the brand' },
  'confusable-skeleton': { family: 'confusable', points: 2, reason: 'confusable-skeleton: reads as the brand' },
  'brand-containment': { family: 'combosquat', points: 2, reason: 'brand-containment: the brand inside a longer name' },
  idn: { family: 'confusable', points: 2, reason: 'idn: visually confusable with the brand' },
  combosquatting: { family: 'combosquat', points: 2, reason: 'combosquatting: brand combined with a lure keyword' },
  dictionary: { family: 'combosquat', points: 2, reason: 'dictionary: brand combined with a word' },
  subdomain: { family: 'combosquat', points: 1, reason: 'subdomain: the brand as a label of another domain' },
  'tld-swap': { family: 'tld-swap', points: 1, reason: 'tld-swap: the brand under another TLD' },
  'add-tld': { family: 'tld-swap', points: 1, reason: 'add-tld: the brand domain under another TLD' },
  'wrong-sld': { family: 'tld-swap', points: 1, reason: 'wrong-sld: the brand under another second-level suffix' },
  'dynamic-dns': { family: 'tld-swap', points: 1, reason: 'dynamic-dns: the brand under a dynamic-DNS domain' },
  ...Object.fromEntries(
    [
      'addition', 'insertion', 'omission', 'repetition', 'replacement', 'transposition', 'vowel-swap', 'hyphenation', 'plural', 'various',
      'change-order', 'double-replacement', 'missing-dot', 'strip-hyphen', 'dot-to-hyphen', 'misspelling', 'homophone', 'numeral-swap', 'damerau-levenshtein',
    ].map((f) => [
      f,
      { family: 'typo', points: 1, reason: `${f}: a likely typing mistake` },
    ]),
  ),
  bitsquatting: { family: 'bitsquat', points: 0, reason: 'bitsquatting' },
};

export interface ScoringPolicy {
  freshDays: number;
  suspiciousAt: number;
  interestingAt: number;
  cloneAt: number;
}

export const DEFAULT_SCORING: ScoringPolicy = { freshDays: 30, suspiciousAt: 8, interestingAt: 4, cloneAt: 0.8 };

export interface Scored {
  domain: string;
  score: number;
  verdict: 'suspicious-security-event' | 'ti-event-of-interest' | 'none';
  /** Each reason that added to the score, with its weight: the evidence behind the verdict. */
  reasons: Array<{ reason: string; points: number; kind: Evidence['kind'] }>;
}

const DAY = 86_400_000;

/** Explainable scoring of a candidate: every point comes with the fact that earned it. */
export function scoreCandidate(c: CandidateFacts, now: string, p: ScoringPolicy = DEFAULT_SCORING): Scored {
  const reasons: Scored['reasons'] = [];
  const add = (points: number, reason: string, kind: Evidence['kind'] = 'dns') => reasons.push({ reason, points, kind });
  const ageDays = (iso: string) => (Date.parse(now) - Date.parse(iso)) / DAY;
  if (c.registered) add(2, 'registered');
  if (c.a.length || c.aaaa.length) add(2, `resolves to ${[...c.a, ...c.aaaa].join(', ')}`);
  if (c.mx.length) add(3, `mail-ready: MX ${c.mx.join(', ')}`);
  const fresh = c.certificates.find((x) => ageDays(x.notBefore) <= p.freshDays);
  if (fresh) add(3, `certificate issued ${Math.max(0, Math.floor(ageDays(fresh.notBefore)))} days ago by ${fresh.issuer}`, 'certificate');
  if (c.registeredAt && ageDays(c.registeredAt) <= p.freshDays) add(3, `registered ${Math.max(0, Math.floor(ageDays(c.registeredAt)))} days ago${c.registrar ? ` at ${c.registrar}` : ''}`, 'registration');
  if (c.pageSimilarity !== null && c.pageSimilarity >= p.cloneAt) add(4, `page ${Math.round(c.pageSimilarity * 100)}% similar to the brand's`, 'web');
  if (c.ctMatch) add(3, `certificate seen in CT log ${c.ctMatch.log} ${Math.max(0, Math.floor(ageDays(c.ctMatch.seenAt)))} days ago`, 'certificate');
  if (c.nrd) add(2, `listed by newly registered domains feed ${c.nrd.feed} on ${c.nrd.listedOn.slice(0, 10)}`, 'registration');
  const family = FUZZER_FAMILIES[c.fuzzer];
  if (family && family.points > 0) add(family.points, family.reason, 'note');
  if (c.cluster) add(4, `joins known cluster ${c.cluster.id} (${c.cluster.size} domains) sharing ${c.cluster.via.join(', ') || 'infrastructure'}`, 'other');
  const score = reasons.reduce((s, r) => s + r.points, 0);
  const verdict = !c.registered ? 'none' : score >= p.suspiciousAt ? 'suspicious-security-event' : score >= p.interestingAt ? 'ti-event-of-interest' : 'none';
  return { domain: c.domain, score, verdict, reasons };
}

/** A scored candidate as a mission finding, with the evidence that drove the score. */
export function candidateFinding(c: CandidateFacts, s: Scored): NewFinding | null {
  if (s.verdict === 'none') return null;
  const observables: Observable[] = [
    { type: 'domain', value: c.domain },
    ...c.a.map((v) => ({ type: 'ipv4' as const, value: v })),
    ...c.aaaa.map((v) => ({ type: 'ipv6' as const, value: v })),
  ];
  const evidence: Evidence[] = s.reasons.map((r) => ({ kind: r.kind, summary: `${r.reason} (+${r.points})` }));
  return {
    category: s.verdict,
    title: `Lookalike ${c.domain} (${c.fuzzer}), score ${s.score}`,
    description: s.reasons.map((r) => r.reason).join('; '),
    severity: s.verdict === 'suspicious-security-event' ? (s.score >= 10 ? 'high' : 'medium') : 'low',
    evidence,
    observables,
    sourceKey: `lookalike:${c.domain}`,
    flags: ['playbook', 'battlefield-intel'],
  };
}

/** At most this many lookalikes of interest share one finding (keeps it within the finding's limits). */
export const INTEREST_GROUP_SIZE = 50;
const LINE_MAX = 180;
const OBSERVABLES_MAX = 500;

/**
 * Registered lookalikes below the suspicious threshold, as one threat-intel event of interest per
 * group of at most INTEREST_GROUP_SIZE: each domain and its addresses are observables (pushed to the
 * TIP), each has a line of its own evidence in the description (a list), and the evidence counts what the
 * group shares. A brand with thousands of parked lookalikes gets a few dozen findings and tickets
 * rather than thousands; a suspicious lookalike always gets a finding (and an escalation) of its own.
 * The sweep and group numbers name the group for good, so a signal seen twice adds nothing.
 */
export function interestGroupFinding(items: Array<{ facts: CandidateFacts; scored: Scored }>, brand: string, at: { sweep: number; group: number }): NewFinding {
  if (items.length === 0 || items.length > INTEREST_GROUP_SIZE) throw new Error(`a group holds 1 to ${INTEREST_GROUP_SIZE} lookalikes, not ${items.length}`);
  const domains: Observable[] = items.map(({ facts }) => ({ type: 'domain', value: facts.domain }));
  const addresses = new Map<string, Observable>();
  for (const { facts } of items) {
    for (const v of facts.a) addresses.set(v, { type: 'ipv4', value: v });
    for (const v of facts.aaaa) addresses.set(v, { type: 'ipv6', value: v });
  }
  const observables = [...domains, ...[...addresses.values()].slice(0, OBSERVABLES_MAX - domains.length)];
  const lines = items.map(({ facts, scored }) => {
    const line = `- ${facts.domain} (${facts.fuzzer}), score ${scored.score}: ${scored.reasons.map((r) => r.reason).join('; ')}`;
    return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line;
  });
  const shared = new Map<string, { kind: Evidence['kind']; count: number }>();
  for (const { scored } of items) {
    for (const r of scored.reasons) {
      // "resolves to 203.0.113.66", "mail-ready: MX mx.a.com", "registered 12 days ago": one fact each, whatever the values.
      const fact = r.reason.replace(/(:| to | by ).*$/, '').replace(/\d+ days ago/, 'N days ago').replace(/\d+%/, 'N%');
      const seen = shared.get(fact) ?? { kind: r.kind, count: 0 };
      seen.count++;
      shared.set(fact, seen);
    }
  }
  const n = items.length;
  return {
    category: 'ti-event-of-interest',
    title: `${n} registered lookalike${n === 1 ? '' : 's'} of ${brand} of interest (sweep ${at.sweep}, group ${at.group})`.slice(0, 200),
    description: lines.join('\n'),
    severity: 'low',
    evidence: [...shared.entries()].slice(0, 50).map(([fact, { kind, count }]) => ({ kind, summary: `${count} of ${n}: ${fact}` })),
    observables,
    sourceKey: `lookalikes:sweep-${at.sweep}:group-${at.group}`,
    flags: ['playbook', 'battlefield-intel'],
  };
}

import { ApplicationFailure } from '@temporalio/activity';
import { beat } from '../heartbeat';
import { clusterFinding, clusterJoin } from '../../domain/eavd-clusters';
import { mergeObservations } from '../../domain/eavd-infrastructure';
import { candidateFinding, INTEREST_GROUP_SIZE, interestGroupFinding, scoreCandidate, type CandidateFacts, type Scored } from '../../domain/eavd-scoring';
import type { NewFinding } from '../../domain/findings';
import type { InfrastructureStore } from '../../store/eavd-infrastructure';
import type { LookalikePolicy } from '../../domain/mission';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { CertificateTransparency } from './enrich/certificate-transparency';
import type { Rdap } from './enrich/rdap';
import { generatePermutations } from './permutations';
import type { PageSimilarity } from './enrich/page-similarity';
import { answeredByWildcard, createResolveActivities, probeWildcards, resolveDomains } from './resolve';

export interface SweepDeps {
  store: ArtifactStore;
  ct: CertificateTransparency;
  rdap: Rdap;
  dns: { servers: string[]; concurrency: number; timeoutMs: number };
  /** Cloned-site detection; absent: page similarity is not measured. */
  pages?: PageSimilarity;
  /** Where a mission's lookalikes and their clusters are kept (the mission store); needed by the recording and clustering steps. */
  infrastructure?: Pick<InfrastructureStore, 'record' | 'cluster' | 'clusters' | 'lookalikes'>;
}

export interface Candidate {
  fuzzer: string;
  domain: string;
  /** Every algorithm that produced the name (absent in candidate lists written before it existed). */
  algorithms?: string[];
}

/**
 * The steps of an EAVD sweep, each an activity the sweep workflow calls by batch:
 * generate → resolve (a slice at a time) → enrich and score the registered ones.
 * Candidate lists stay in the artifact store; only the registered few travel
 * through workflow history.
 */
/** A fact a source refused to give for good (non-retryable) is unknown; anything else propagates. */
async function orUnknown<T>(fact: Promise<T>, unknown: T): Promise<T> {
  try {
    return await fact;
  } catch (err) {
    if (err instanceof ApplicationFailure && err.nonRetryable) return unknown;
    throw err;
  }
}

export const createSweepActivities = (d: SweepDeps) => {
  const resolver = createResolveActivities(d.dns);
  const infrastructure = () => {
    if (!d.infrastructure) throw ApplicationFailure.create({ type: 'INTEGRATION_NOT_CONFIGURED', message: 'EAVD clustering needs the mission store', nonRetryable: true });
    return d.infrastructure;
  };

  /** Certificates (with their key hashes when the log gives them), registration and page similarity of each candidate. */
  async function enrich(candidates: CandidateFacts[], brands: string[]): Promise<CandidateFacts[]> {
    const brandSites = d.pages && brands.length ? (await resolveDomains(brands, d.dns)).map((r) => ({ domain: r.domain, ips: [...r.a, ...r.aaaa] })) : [];
    const out: CandidateFacts[] = [];
    for (const [i, c] of candidates.entries()) {
      const [certificates, registration, pageSimilarity] = await Promise.all([
        orUnknown(d.ct.certificates(c.domain), []),
        orUnknown(d.rdap.registration(c.domain), { registeredAt: null, registrar: null }),
        d.pages && brandSites.length ? d.pages.compare({ domain: c.domain, ips: [...c.a, ...c.aaaa] }, brandSites) : Promise.resolve(null),
      ]);
      out.push({
        ...c,
        certificates: certificates.map((x) => ({
          notBefore: x.notBefore,
          issuer: x.issuer,
          names: x.names,
          ...(x.sha256 ? { sha256: x.sha256 } : {}),
          ...(x.publicKeySha256 ? { publicKeySha256: x.publicKeySha256 } : {}),
        })),
        registeredAt: registration.registeredAt,
        registrar: registration.registrar,
        pageSimilarity,
      });
      beat({ enriched: i + 1 });
    }
    return out;
  }

  return {
  async generateCandidates({
    path,
    domains,
    keywords,
    lookalikes,
  }: {
    path: string;
    domains: string[];
    keywords: string[];
    lookalikes?: LookalikePolicy;
  }): Promise<{ path: string; count: number }> {
    // The brand's own domains are never lookalikes of each other (examples.com is a plural of example.com).
    const seen = new Set<string>(domains);
    const all: Candidate[] = [];
    for (const domain of domains) {
      for (const c of generatePermutations(domain, { keywords, ...lookalikes })) {
        if (!seen.has(c.domain)) {
          seen.add(c.domain);
          all.push(c);
        }
      }
    }
    const ref = await d.store.put(path, 'candidates.json', JSON.stringify(all));
    return { path: ref.path, count: all.length };
  },

  /**
   * Resolves candidates [offset, offset + limit) (heartbeating checkpoints: a retry resolves only what its
   * previous attempt had not) and returns the facts of the registered ones, and the names whose existence
   * stayed unknown because their lookups failed: the next sweep asks again. When most of a batch fails the
   * resolvers are down: the activity fails (retryable) rather than report nothing found. Names that got
   * no more than their zone's wildcard answer (see resolve/wildcards.ts) are counted, not registered.
   */
  async resolveSlice({ path, offset, limit }: { path: string; offset: number; limit: number }): Promise<{ registered: CandidateFacts[]; unresolved: string[]; wildcard: number }> {
    const all = JSON.parse((await d.store.get(path)).toString('utf8')) as Candidate[];
    const slice = all.slice(offset, offset + limit);
    const byDomain = new Map(slice.map((c) => [c.domain, c.fuzzer]));
    // resolveCandidates first: unusable resolver settings fail there, for good (RESOLVE_OPTIONS_INVALID).
    const resolved = await resolver.resolveCandidates({ domains: slice.map((c) => c.domain) });
    const wildcards = await probeWildcards(slice.map((c) => c.domain), d.dns);
    const unresolved = resolved.filter((r) => r.registered === null);
    if (slice.length >= 10 && unresolved.length * 2 > slice.length) {
      throw ApplicationFailure.create({
        type: 'EAVD_RESOLVERS_FAILING',
        message: `${unresolved.length} of ${slice.length} lookups failed (${unresolved[0]?.error ?? 'unknown'}); are the resolvers reachable?`,
      });
    }
    const wildcard = resolved.filter((r) => answeredByWildcard(r, wildcards));
    const registered = resolved
      .filter((r) => r.registered === true && !wildcard.includes(r))
      .map((r) => ({
        domain: r.domain,
        fuzzer: byDomain.get(r.domain) ?? 'unknown',
        registered: true,
        a: r.a,
        aaaa: r.aaaa,
        mx: r.mx.map((m) => m.exchange),
        ns: r.ns,
        certificates: [],
        registeredAt: null,
        pageSimilarity: null,
      }));
    return { registered, unresolved: unresolved.map((r) => r.domain), wildcard: wildcard.length };
  },

  /**
   * Certificate transparency and RDAP for each registered candidate, the similarity of its page with the
   * brands' pages when enabled, then the explainable score. A source that refuses one name for good (an
   * RDAP server's 400 or 403, an answer that is not JSON) leaves that fact unknown for that name rather
   * than fail the batch; a source that is unavailable fails it retryably.
   */
  async enrichAndScore({ candidates, brands = [], now }: { candidates: CandidateFacts[]; brands?: string[]; now: string }): Promise<Array<{ facts: CandidateFacts; scored: Scored }>> {
    return (await enrich(candidates, brands)).map((facts) => ({ facts, scored: scoreCandidate(facts, now) }));
  },

  /**
   * Enriches a batch (as enrichAndScore) and records each lookalike's facts for the mission (an upsert
   * per domain): clustering and reporting read them from there, so they never travel through history.
   */
  async enrichAndRecord({ missionId, sweep, candidates, brands = [] }: { missionId: string; sweep: number; candidates: CandidateFacts[]; brands?: string[] }): Promise<{ recorded: number }> {
    const store = infrastructure();
    const facts = await enrich(candidates, brands);
    await store.record(missionId, `sweep:${sweep}`, facts);
    return { recorded: facts.length };
  },

  /**
   * Clusters every lookalike the mission has seen (domain/eavd-clusters.ts) and answers the ids of the
   * clusters this sweep founded (a retry answers the same: the store remembers who founded what).
   * Clusters founded before are not reported again: a new member of one says so in its own finding.
   */
  async clusterLookalikes({ missionId, sweep }: { missionId: string; sweep: number }): Promise<{ founded: string[]; clusters: number }> {
    const founder = `sweep:${sweep}`;
    const { clusters } = await infrastructure().cluster(missionId, founder);
    return { founded: clusters.filter((c) => c.foundedBy === founder).map((c) => c.id), clusters: clusters.length };
  },

  /** Clusters as ONE finding each (their members and shared infrastructure from the store), a few at a time: each can hold 500 observables. */
  async clusterFindings({ missionId, ids, brand, now }: { missionId: string; ids: string[]; brand: string; now: string }): Promise<NewFinding[]> {
    const found = await infrastructure().clusters(missionId, ids);
    return found.map(({ cluster, members }) => clusterFinding(cluster, members.map((facts) => ({ facts, scored: scoreCandidate(facts, now) })), brand));
  },

  /**
   * A lookalike seen by a watcher rather than a sweep: a certificate the CT-log monitor saw for a name
   * (`source: 'ct'`, its certificate and `ctMatch` filled), a name a newly-registered-domains feed
   * listed (`source: 'nrd'`, `nrd` filled). The name is resolved and enriched like a sweep's (the
   * match's own certificates kept), recorded, and clustered with everything the mission has seen,
   * founded by `<source>:<matchKey>`. Answers the findings: the cluster it founded, if any (its
   * members are in it), else its own (suspicious or of interest), which says which known cluster it
   * joined and why. Idempotent: the same match answers the same findings (their source keys dedupe).
   */
  async reportMatch({ missionId, matchKey, match, brands = [], brand, now }: { missionId: string; matchKey: string; match: CandidateFacts; brands?: string[]; brand: string; now: string }): Promise<{ findings: NewFinding[] }> {
    const store = infrastructure();
    const founder = `${match.source ?? 'ct'}:${matchKey}`;
    const [resolved] = await resolveDomains([match.domain], d.dns);
    const located = resolved
      ? { ...match, registered: resolved.registered ?? match.registered, a: resolved.a, aaaa: resolved.aaaa, mx: resolved.mx.map((m) => m.exchange), ns: resolved.ns }
      : match;
    const [enriched] = await enrich([located], brands);
    // The match's certificate and the search's are one when their hashes agree.
    const facts = mergeObservations(enriched!, { ...enriched!, certificates: match.certificates });
    await store.record(missionId, founder, [facts]);
    const { clusters, facts: all } = await store.cluster(missionId, founder);
    const scoredOf = (m: string) => {
      const f = all.get(m);
      return f ? [{ facts: f, scored: scoreCandidate(f, now) }] : [];
    };
    const founded = clusters.filter((c) => c.foundedBy === founder);
    const findings = founded.map((c) => clusterFinding(c, c.members.flatMap(scoredOf), brand));
    const mine = clusters.find((c) => c.members.includes(facts.domain.toLowerCase()));
    if (!mine || mine.foundedBy !== founder) {
      const stored = all.get(facts.domain.toLowerCase()) ?? facts;
      const own = mine ? { ...stored, cluster: clusterJoin(stored.domain, mine) } : stored;
      const finding = candidateFinding(own, scoreCandidate(own, now));
      if (finding) findings.push(finding);
    }
    return { findings };
  },

  /**
   * The findings of a batch of this sweep's new lookalikes, from their recorded facts: a member of a
   * cluster this sweep founded is in that cluster's finding and has none of its own; a member of a
   * cluster known before joined it, which its score and its evidence say (which cluster, and what it
   * shares with it); the others are scored as ever (a suspicious one a finding of its own, those of
   * interest grouped by up to INTEREST_GROUP_SIZE, numbered from `groupsBefore`).
   */
  async reportLookalikes({ missionId, sweep, domains, brand, now, groupsBefore }: { missionId: string; sweep: number; domains: string[]; brand: string; now: string; groupsBefore: number }): Promise<{ findings: NewFinding[]; groups: number }> {
    const { lookalikes, clusters } = await infrastructure().lookalikes(missionId, domains);
    const order = new Map(domains.map((dm, i) => [dm.toLowerCase(), i]));
    const findings: NewFinding[] = [];
    const ofInterest: Array<{ facts: CandidateFacts; scored: Scored }> = [];
    for (const l of [...lookalikes].sort((a, b) => (order.get(a.facts.domain) ?? 0) - (order.get(b.facts.domain) ?? 0))) {
      const cluster = l.clusterId ? clusters.get(l.clusterId) : undefined;
      if (cluster?.foundedBy === `sweep:${sweep}`) continue;
      const facts = cluster ? { ...l.facts, cluster: clusterJoin(l.facts.domain, cluster) } : l.facts;
      const scored = scoreCandidate(facts, now);
      if (scored.verdict === 'suspicious-security-event') findings.push(candidateFinding(facts, scored)!);
      if (scored.verdict === 'ti-event-of-interest') ofInterest.push({ facts, scored });
    }
    let groups = 0;
    for (let g = 0; g < ofInterest.length; g += INTEREST_GROUP_SIZE) {
      findings.push(interestGroupFinding(ofInterest.slice(g, g + INTEREST_GROUP_SIZE), brand, { sweep, group: groupsBefore + ++groups }));
    }
    return { findings, groups };
  },
  };
};

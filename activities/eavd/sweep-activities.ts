import { ApplicationFailure } from '@temporalio/activity';
import { beat } from '../heartbeat';
import { scoreCandidate, type CandidateFacts, type Scored } from '../../domain/eavd-scoring';
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
    const brandSites = d.pages && brands.length ? (await resolveDomains(brands, d.dns)).map((r) => ({ domain: r.domain, ips: [...r.a, ...r.aaaa] })) : [];
    const out: Array<{ facts: CandidateFacts; scored: Scored }> = [];
    for (const [i, c] of candidates.entries()) {
      const [certificates, registeredAt, pageSimilarity] = await Promise.all([
        orUnknown(d.ct.certificates(c.domain), []),
        orUnknown(d.rdap.registeredAt(c.domain), null),
        d.pages && brandSites.length ? d.pages.compare({ domain: c.domain, ips: [...c.a, ...c.aaaa] }, brandSites) : Promise.resolve(null),
      ]);
      const facts = { ...c, certificates: certificates.map((x) => ({ notBefore: x.notBefore, issuer: x.issuer })), registeredAt, pageSimilarity };
      out.push({ facts, scored: scoreCandidate(facts, now) });
      beat({ enriched: i + 1 });
    }
    return out;
  },
  };
};

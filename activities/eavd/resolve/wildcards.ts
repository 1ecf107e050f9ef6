/**
 * Wildcard answers. A zone with a wildcard record (some TLDs, a catch-all parking zone) or a
 * resolver that rewrites NXDOMAIN into an address (some ISP and filtering resolvers) makes every
 * permutation look registered. Before judging a batch, one random name under each parent zone of
 * the batch is asked: when it resolves, that zone answers anything, and a candidate whose answer is
 * no more than that answer (the same addresses, the same mail exchangers) is not evidence of a
 * registration. A name with records of its own (other addresses, a delegation) still counts.
 * The cost is one query per distinct parent zone per batch.
 */
import { randomBytes } from 'node:crypto';
import { resolveDomains, type Resolution, type ResolveOptions } from './resolver';

export interface WildcardAnswer {
  addresses: Set<string>;
  mx: Set<string>;
}

/** The zone a candidate is a name of: `examp1e.co.uk` → `co.uk`. */
export const parentOf = (domain: string): string => domain.slice(domain.indexOf('.') + 1);

/** The answer of each parent zone that answers a name nobody registered; zones that say NXDOMAIN (or fail) are absent. */
export async function probeWildcards(domains: string[], opts: Omit<ResolveOptions, 'onProgress' | 'onStart' | 'onResult'>): Promise<Map<string, WildcardAnswer>> {
  const parents = [...new Set(domains.map(parentOf).filter((p) => p.length > 0))];
  const probes = parents.map((p) => `capeo-nx-${randomBytes(8).toString('hex')}.${p}`);
  const answers = await resolveDomains(probes, opts);
  const out = new Map<string, WildcardAnswer>();
  answers.forEach((r, i) => {
    if (r.registered !== true) return;
    out.set(parents[i]!, { addresses: new Set([...r.a, ...r.aaaa]), mx: new Set(r.mx.map((m) => m.exchange)) });
  });
  return out;
}

/** Whether a resolution says nothing the wildcard of its zone would not have said. */
export function answeredByWildcard(r: Resolution, wildcards: Map<string, WildcardAnswer>): boolean {
  const w = wildcards.get(parentOf(r.domain));
  if (!w || r.registered !== true || r.ns.length > 0) return false;
  const addresses = [...r.a, ...r.aaaa];
  if (addresses.length === 0 && r.mx.length === 0) return false;
  return addresses.every((x) => w.addresses.has(x)) && r.mx.every((m) => w.mx.has(m.exchange));
}

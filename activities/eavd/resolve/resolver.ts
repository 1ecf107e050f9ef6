/**
 * DNS resolution of candidate domains (EAVD step 2): A, AAAA, MX and NS through the configured
 * resolvers, with a bounded worker pool and per-query timeouts.
 *
 * What the answers mean:
 * - NXDOMAIN (ENOTFOUND) for A: the name does not exist, `registered: false`; nothing else is asked,
 *   which keeps the common case (most permutations are unregistered) at one query per name;
 * - an answer, or NOERROR without records (ENODATA, also what a delegation looks like to an
 *   authoritative server), for any type: the name exists, `registered: true`;
 * - anything else (ETIMEOUT, ECONNREFUSED, EREFUSED, ESERVFAIL...) is recorded in `error`. When it
 *   hits the first query the existence of the name is unknown: `registered: null`, never `false`,
 *   so a dead resolver cannot make registered lookalikes look unregistered.
 */
import { Resolver } from 'node:dns/promises';

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface Resolution {
  /** The name as it was asked for. */
  domain: string;
  a: string[];
  aaaa: string[];
  mx: MxRecord[];
  ns: string[];
  /** false: NXDOMAIN; true: any answer or NOERROR-nodata; null: unknown, the lookup failed (see error). */
  registered: boolean | null;
  /** The queries that failed, e.g. `A: ETIMEOUT` or `MX: ESERVFAIL; NS: ESERVFAIL`. */
  error?: string;
}

export interface ResolveOptions {
  /** Resolvers to ask: `ip`, `ip:port` or `[ipv6]:port`. */
  servers: string[];
  /** Names resolved at once; never more are in flight (the 2–4 queries of one name run together). */
  concurrency: number;
  /** Time limit of one query attempt. */
  timeoutMs: number;
  /** Attempts per server before a query fails (c-ares lengthens the wait on each retry). Default 2. */
  tries?: number;
  /** Number of names finished so far, after each one. */
  onProgress?: (done: number) => void;
  /** A name is about to be resolved (for instrumentation). */
  onStart?: (domain: string, index: number) => void;
  /** A name is resolved; `index` is its position in the input. */
  onResult?: (resolution: Resolution, index: number) => void;
  /** Stops the pool and cancels the queries in flight; resolveDomains then rejects with the abort reason. */
  signal?: AbortSignal;
}

export const DEFAULT_TRIES = 2;

/** Raised for options that can never work (no server, a malformed address, a zero pool). */
export class ResolveOptionsInvalid extends Error {
  override readonly name = 'ResolveOptionsInvalid';
}

type Outcome<T> = { kind: 'records'; records: T[] } | { kind: 'nodata' } | { kind: 'nxdomain' } | { kind: 'error'; code: string };

async function ask<T>(query: () => Promise<T[]>): Promise<Outcome<T>> {
  try {
    return { kind: 'records', records: await query() };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    if (code === 'ENODATA') return { kind: 'nodata' };
    if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
    return { kind: 'error', code };
  }
}

const records = <T>(o: Outcome<T>): T[] => (o.kind === 'records' ? o.records : []);
const sorted = (xs: string[]): string[] => [...xs].sort();

async function resolveOne(resolver: Resolver, domain: string): Promise<Resolution> {
  const empty: Resolution = { domain, a: [], aaaa: [], mx: [], ns: [], registered: false };
  const a = await ask(() => resolver.resolve4(domain));
  if (a.kind === 'nxdomain') return empty;
  // The resolver did not answer for this name: asking it three more times would only triple the wait.
  if (a.kind === 'error') return { ...empty, registered: null, error: `A: ${a.code}` };

  const [aaaa, mx, ns] = await Promise.all([
    ask(() => resolver.resolve6(domain)),
    ask(() => resolver.resolveMx(domain)),
    ask(() => resolver.resolveNs(domain)),
  ]);
  const errors = (
    [
      ['AAAA', aaaa],
      ['MX', mx],
      ['NS', ns],
    ] as const
  ).flatMap(([type, o]) => (o.kind === 'error' ? [`${type}: ${o.code}`] : o.kind === 'nxdomain' ? [`${type}: ENOTFOUND after A said the name exists`] : []));
  return {
    domain,
    a: sorted(records(a)),
    aaaa: sorted(records(aaaa)),
    mx: records(mx).sort((x, y) => x.priority - y.priority || x.exchange.localeCompare(y.exchange)),
    ns: sorted(records(ns)),
    registered: true,
    ...(errors.length ? { error: errors.join('; ') } : {}),
  };
}

function createResolver(opts: ResolveOptions): Resolver {
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new ResolveOptionsInvalid(`concurrency must be a positive integer, not ${opts.concurrency}`);
  if (!(opts.timeoutMs > 0)) throw new ResolveOptionsInvalid(`timeoutMs must be positive, not ${opts.timeoutMs}`);
  const tries = opts.tries ?? DEFAULT_TRIES;
  if (!Number.isInteger(tries) || tries < 1) throw new ResolveOptionsInvalid(`tries must be a positive integer, not ${tries}`);
  if (opts.servers.length === 0) throw new ResolveOptionsInvalid('at least one DNS server is needed');
  const resolver = new Resolver({ timeout: Math.ceil(opts.timeoutMs), tries });
  try {
    resolver.setServers(opts.servers);
  } catch (err) {
    throw new ResolveOptionsInvalid(`invalid DNS server in ${JSON.stringify(opts.servers)}: ${(err as Error).message}`);
  }
  return resolver;
}

/**
 * Resolves every name, one result per input name in input order. At most `concurrency` names are in
 * flight: a fixed pool of workers takes the next name when it finishes one.
 */
export async function resolveDomains(domains: string[], opts: ResolveOptions): Promise<Resolution[]> {
  const resolver = createResolver(opts);
  const results = new Array<Resolution>(domains.length);
  const { signal } = opts;
  let next = 0;
  let done = 0;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    resolver.cancel();
  };
  signal?.addEventListener('abort', stop, { once: true });

  const worker = async (): Promise<void> => {
    while (!stopped && !signal?.aborted && next < domains.length) {
      const index = next++;
      const domain = domains[index]!;
      opts.onStart?.(domain, index);
      const resolution = await resolveOne(resolver, domain);
      if (stopped || signal?.aborted) return;
      results[index] = resolution;
      done++;
      opts.onResult?.(resolution, index);
      opts.onProgress?.(done);
    }
  };

  try {
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency, domains.length) }, () =>
        worker().catch((err: unknown) => {
          stop(); // a throwing hook: the other workers stop too
          throw err;
        }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (signal?.aborted) throw signal.reason ?? new Error('resolution aborted');
  return results;
}

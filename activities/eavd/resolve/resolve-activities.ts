import { ApplicationFailure } from '@temporalio/activity';
import { attempt, beat } from '../../heartbeat';
import { checkpoint, resumeFrom } from './resume';
import { resolveDomains, ResolveOptionsInvalid, type Resolution } from './resolver';

/** Error type of a call with more names than MAX_RESOLVE_BATCH: the sweep must batch. Not retried. */
export const ResolveBatchTooLarge = 'RESOLVE_BATCH_TOO_LARGE';
/** Error type of unusable resolver settings (no server, a malformed address, a zero pool). Not retried. */
export const ResolveOptionsInvalidType = 'RESOLVE_OPTIONS_INVALID';

/** Names per resolveCandidates call: the result has to fit in a Temporal payload. */
export const MAX_RESOLVE_BATCH = 5000;

export interface ResolveDefaults {
  servers: string[];
  concurrency: number;
  timeoutMs: number;
}

export interface ResolveCandidatesInput {
  domains: string[];
  servers?: string[];
  concurrency?: number;
  timeoutMs?: number;
}


export const createResolveActivities = (defaults: ResolveDefaults) => ({
  /**
   * A, AAAA, MX and NS of each name (one result per name, in input order). Heartbeats its progress; a
   * retry keeps the results its previous attempt checkpointed (see resume.ts) and resolves the rest.
   */
  async resolveCandidates({ domains, servers, concurrency, timeoutMs }: ResolveCandidatesInput): Promise<Resolution[]> {
    if (domains.length > MAX_RESOLVE_BATCH) {
      throw ApplicationFailure.create({
        type: ResolveBatchTooLarge,
        message: `${domains.length} names in one call; at most ${MAX_RESOLVE_BATCH}`,
        nonRetryable: true,
      });
    }
    const { details, signal } = attempt();
    const kept = resumeFrom(domains, details);
    // Finished names without a gap, kept ones first: only a prefix of the input can be checkpointed.
    const finished = [...kept];
    const fresh: Array<Resolution | undefined> = [];

    try {
      const resolved = await resolveDomains(domains.slice(kept.length), {
        servers: servers ?? defaults.servers,
        concurrency: concurrency ?? defaults.concurrency,
        timeoutMs: timeoutMs ?? defaults.timeoutMs,
        ...(signal ? { signal } : {}),
        onResult: (resolution, index) => {
          fresh[index] = resolution;
          const before = finished.length;
          for (let head = fresh[finished.length - kept.length]; head !== undefined; head = fresh[finished.length - kept.length]) {
            finished.push(head);
          }
          if (finished.length > before) beat(checkpoint(domains, finished));
        },
      });
      return [...kept, ...resolved];
    } catch (err) {
      if (err instanceof ResolveOptionsInvalid) throw ApplicationFailure.create({ type: ResolveOptionsInvalidType, message: err.message, nonRetryable: true });
      throw err;
    }
  },
});

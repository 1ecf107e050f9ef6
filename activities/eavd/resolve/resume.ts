/**
 * Heartbeat checkpoints of resolveCandidates, so that a retried activity does not resolve again the
 * names it had finished. A checkpoint holds `done` (the names finished, as a prefix of the input) and,
 * for batches small enough that the heartbeat stays small, their results; a checkpoint without results
 * only reports progress, and a retry starts over.
 */
import type { Resolution } from './resolver';

/** Largest batch whose partial results ride in the heartbeat (a few hundred bytes per name). */
export const RESUMABLE_BATCH_LIMIT = 500;

export interface ResolveCheckpoint {
  done: number;
  total: number;
  /** The results of the first `done` names; only for batches of at most RESUMABLE_BATCH_LIMIT names. */
  results?: Resolution[];
}

export function checkpoint(domains: readonly string[], done: readonly Resolution[]): ResolveCheckpoint {
  const progress = { done: done.length, total: domains.length };
  return domains.length <= RESUMABLE_BATCH_LIMIT ? { ...progress, results: [...done] } : progress;
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function isResolution(x: unknown): x is Resolution {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r['domain'] === 'string' &&
    isStringArray(r['a']) &&
    isStringArray(r['aaaa']) &&
    isStringArray(r['ns']) &&
    Array.isArray(r['mx']) &&
    (r['registered'] === true || r['registered'] === false || r['registered'] === null) &&
    (r['error'] === undefined || typeof r['error'] === 'string')
  );
}

/**
 * The results a retry can keep: those of the heartbeat details when they are a checkpoint of this very
 * batch (same size, same names in the same order), otherwise none, and only up to the first failed
 * lookup: a retry (often because most lookups failed) asks the failed names again rather than keep
 * their failures for ever. Details come from a previous attempt, possibly of older code, so nothing in
 * them is trusted unchecked.
 */
export function resumeFrom(domains: readonly string[], details: unknown): Resolution[] {
  if (typeof details !== 'object' || details === null) return [];
  const { done, total, results } = details as Partial<Record<keyof ResolveCheckpoint, unknown>>;
  if (total !== domains.length || !Array.isArray(results) || done !== results.length || results.length > domains.length) return [];
  const matches = results.every((r, i) => isResolution(r) && r.domain === domains[i]);
  if (!matches) return [];
  const firstFailed = (results as Resolution[]).findIndex((r) => r.registered === null);
  return (results as Resolution[]).slice(0, firstFailed < 0 ? results.length : firstFailed);
}

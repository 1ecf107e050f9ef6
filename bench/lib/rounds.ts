import type { Phase } from './stack';

/**
 * The rounds of one path as one phase: every latency, the summed wall time. Alternating short rounds
 * of two paths (A B, B A, …) spreads whatever drifts during a run (a growing history table, a warming
 * JIT, the store's autovacuum) over both, instead of charging it to whichever ran second.
 */
export function mergeRounds(label: string, rounds: readonly Phase[]): Phase {
  const firstError = rounds.find((r) => r.firstError)?.firstError;
  return {
    label,
    ok: rounds.reduce((s, r) => s + r.ok, 0),
    failed: rounds.reduce((s, r) => s + r.failed, 0),
    ...(firstError ? { firstError } : {}),
    seconds: rounds.reduce((s, r) => s + r.seconds, 0),
    latencies: rounds.flatMap((r) => r.latencies),
  };
}

/** Round r runs the paths in order, odd rounds in reverse, so that neither always goes first. */
export const roundOrder = <T>(paths: readonly T[], round: number): T[] => (round % 2 === 0 ? [...paths] : [...paths].reverse());

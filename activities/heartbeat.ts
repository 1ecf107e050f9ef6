import { heartbeat } from '@temporalio/activity';

/** Heartbeats only inside a worker, so the activities can also be called directly (tests, the CLI). */
export function beat(details: unknown): void {
  try {
    heartbeat(details);
  } catch {
    // not running as an activity
  }
}

/**
 * Heartbeats every `everyMs` while `work` runs: with a heartbeat timeout on the activity, a worker
 * that dies mid-call is noticed in seconds, not at the end of the start-to-close timeout.
 */
export async function whileBeating<T>(work: () => Promise<T>, everyMs = 3_000): Promise<T> {
  beat('started');
  const timer = setInterval(() => beat('working'), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

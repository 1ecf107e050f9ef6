import { Context, heartbeat } from '@temporalio/activity';

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

/** The previous attempt's heartbeat details and the cancellation signal, when running as an activity (nothing when called directly). */
export function attempt(): { details: unknown; signal?: AbortSignal } {
  try {
    const ctx = Context.current();
    return { details: ctx.info.heartbeatDetails as unknown, signal: ctx.cancellationSignal };
  } catch {
    return { details: undefined };
  }
}

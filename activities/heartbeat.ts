import { heartbeat } from '@temporalio/activity';

/** Heartbeats only inside a worker, so the activities can also be called directly (tests, the CLI). */
export function beat(details: unknown): void {
  try {
    heartbeat(details);
  } catch {
    // not running as an activity
  }
}

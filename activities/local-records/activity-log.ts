import { asyncLocalStorage, log } from '@temporalio/activity';

/**
 * `log` from @temporalio/activity throws outside an activity context; activities are also called
 * directly (tests, scripts), so log through it only when a worker is running the activity.
 */
export function activityLog(message: string, meta: Record<string, unknown>): void {
  if (asyncLocalStorage.getStore() !== undefined) log.info(message, meta);
}

import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import type { Config } from '../config';

export const NRD_SCHEDULE_ID = 'nrd-feeds';

/**
 * The Temporal Schedule that runs the newly-registered-domain feeds once a day at CAPEO_NRD_FEED_TIME
 * (UTC), created (or brought up to the configuration) when a worker starts with CAPEO_NRD_FEEDS set.
 * Without feeds the worker leaves an existing schedule alone: its runs find no feed and do nothing
 * (`temporal schedule delete --schedule-id nrd-feeds` removes it). A run still going when the next is
 * due makes that one skipped, not a second reader of the same lists.
 */
export async function ensureNrdSchedule(client: Client, config: Pick<Config, 'CAPEO_NRD_FEEDS' | 'CAPEO_NRD_FEED_TIME' | 'CAPEO_TASK_QUEUE'>): Promise<string | null> {
  if (!config.CAPEO_NRD_FEEDS) return null;
  const [hour, minute] = config.CAPEO_NRD_FEED_TIME.split(':').map(Number) as [number, number];
  const spec: ScheduleSpec = { calendars: [{ hour, minute, comment: 'newly-registered-domain feeds' }] };
  const action: ScheduleOptionsAction = { type: 'startWorkflow', workflowType: 'nrdFeedWorkflow', workflowId: NRD_SCHEDULE_ID, taskQueue: config.CAPEO_TASK_QUEUE, args: [{}] };
  try {
    await client.schedule.create({ scheduleId: NRD_SCHEDULE_ID, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(NRD_SCHEDULE_ID).update((prev) => ({ ...prev, spec, action, policies: { ...prev.policies, overlap: ScheduleOverlapPolicy.SKIP } }));
  }
  return NRD_SCHEDULE_ID;
}

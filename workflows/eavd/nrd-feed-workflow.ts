import { ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { createNrdActivities, NrdFeedReport } from '../../activities/eavd/nrd/nrd-activities';

const nrd = proxyActivities<ReturnType<typeof createNrdActivities>>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { maximumInterval: '5 minutes', maximumAttempts: 6, nonRetryableErrorTypes: ['EXTERNAL_REQUEST_REJECTED', 'EXTERNAL_AUTH_REJECTED', 'INTEGRATION_NOT_CONFIGURED'] },
});

export interface NrdFeedRun {
  /** The list's day (YYYY-MM-DD, UTC); the day the run starts when absent (the schedule's case). */
  day?: string;
}

export interface NrdFeedOutcome {
  day: string;
  feeds: Array<NrdFeedReport | { feed: string; error: string }>;
}

/**
 * One day of the newly-registered-domain feeds (CAPEO_NRD_FEEDS), started each day by the `nrd-feeds`
 * Temporal Schedule: each feed is one activity that streams the list and sends its matches to the
 * brands' missions, heartbeating its progress, so a retry resumes where the last attempt checkpointed.
 * A feed that fails for good is reported in the outcome; the other feeds go on. One short run a day:
 * history stays a few dozen events.
 */
export async function nrdFeedWorkflow(input: NrdFeedRun = {}): Promise<NrdFeedOutcome> {
  const day = input.day ?? new Date().toISOString().slice(0, 10);
  const feeds = await nrd.nrdFeeds();
  const out: NrdFeedOutcome['feeds'] = [];
  for (let feed = 0; feed < feeds.length; feed++) {
    try {
      out.push(await nrd.matchNrdFeed({ feed, day }));
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof ApplicationFailure ? err.cause : err;
      const error = cause instanceof Error ? cause.message : String(cause);
      log.warn('NRD feed failed', { feed: feeds[feed], error });
      out.push({ feed: feeds[feed]!, error: error.slice(0, 300) });
    }
  }
  return { day, feeds: out };
}

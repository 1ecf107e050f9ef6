import { CancelledFailure, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { NewFinding } from '../../../domain/findings';
import type { MissionReads } from '../../../store/mission-reads';
import { attempt, beat } from '../../heartbeat';
import { deliverFindings } from '../deliver-findings';
import { buildBrandIndex, matchNameAll } from '../match';
import { lookalikeFinding } from '../match/finding';
import { feedLabel, feedLine, feedLines } from './feed-reader';

export interface NrdDeps {
  /** CAPEO_NRD_FEEDS: file paths or URLs (a URL may carry a token: it never leaves the worker). */
  feeds: readonly string[];
  reads: Pick<MissionReads, 'activeBrands'>;
  client: Client;
  /** Lines between checkpoints (deliver what matched, then heartbeat the line reached). */
  checkpointLines?: number;
}

/** Progress of one feed, heartbeated at each checkpoint and answered at the end. */
export interface NrdFeedProgress {
  /** Lines read (comments included): a retry skips these. */
  line: number;
  /** Names matched against the brands. */
  names: number;
  /** Matches (a name imitating a brand), each sent to every active mission of that brand. */
  matches: number;
  /** Findings sent (a mission keeps one per name: a resent one adds nothing). */
  delivered: number;
}

export interface NrdFeedReport extends NrdFeedProgress {
  feed: string;
  brands: number;
}

const isProgress = (d: unknown): d is NrdFeedProgress =>
  typeof d === 'object' && d !== null && ['line', 'names', 'matches', 'delivered'].every((k) => typeof (d as Record<string, unknown>)[k] === 'number');


/**
 * The newly-registered-domain feeds: each day's list, streamed and matched against the brands of the
 * active EAVD missions (store/mission-reads activeBrands), each match a finding of every mission
 * protecting that brand, with the feed as evidence.
 */
export const createNrdActivities = (deps: NrdDeps) => ({
  /** The configured feeds, as they may be shown (no tokens): the workflow reads them by index. */
  async nrdFeeds(): Promise<string[]> {
    return deps.feeds.map(feedLabel);
  },

  /**
   * Reads feed number `feed` from its start, matching every name; every `checkpointLines` lines it
   * delivers the findings so far, then heartbeats the line reached, so a retry skips what was
   * delivered and at worst resends the findings of one checkpoint (which the missions drop: one
   * finding per source key `nrd:<name>`).
   */
  async matchNrdFeed({ feed, day }: { feed: number; day: string }): Promise<NrdFeedReport> {
    const source = deps.feeds[feed];
    if (source === undefined) throw new Error(`no NRD feed number ${feed}; ${deps.feeds.length} configured`);
    const label = feedLabel(source);
    const { details, signal } = attempt();
    const resumed = isProgress(details) ? details : undefined;
    const progress: NrdFeedProgress = resumed ? { ...resumed } : { line: 0, names: 0, matches: 0, delivered: 0 };
    const brands = await deps.reads.activeBrands();
    if (brands.length === 0) return { feed: label, brands: 0, ...progress };
    const index = buildBrandIndex(brands);
    const missionsOf = new Map(brands.map((b) => [b.id, b.missionIds]));
    const every = deps.checkpointLines ?? 5_000;
    const evidence = { kind: 'registration' as const, summary: `listed in the newly-registered-domain feed ${label} of ${day}` };
    let pending = new Map<string, NewFinding[]>();
    const gone = new Set<string>();

    const flush = async () => {
      for (const [missionId, findings] of pending) {
        if (gone.has(missionId)) continue;
        if (await deliverFindings(deps.client, missionId, findings)) progress.delivered += findings.length;
        else gone.add(missionId);
      }
      pending = new Map();
    };
    const checkpoint = async (line: number) => {
      await flush();
      progress.line = line;
      beat(progress);
      if (signal?.aborted) throw new CancelledFailure('NRD feed read cancelled');
    };

    if (resumed) log.info('NRD feed resumed', { feed: label, fromLine: resumed.line });
    let last = progress.line;
    for await (const { line, text } of feedLines(source, signal)) {
      last = line;
      if (line <= (resumed?.line ?? 0)) continue;
      const name = feedLine(text);
      if (name !== null) {
        progress.names++;
        for (const m of matchNameAll(index, name)) {
          progress.matches++;
          const finding = lookalikeFinding(m, { source: 'nrd', evidence });
          for (const missionId of missionsOf.get(m.brandId) ?? []) {
            const list = pending.get(missionId);
            if (list) list.push(finding);
            else pending.set(missionId, [finding]);
          }
        }
      }
      if (line % every === 0) await checkpoint(line);
    }
    await checkpoint(Math.max(last, progress.line));
    return { feed: label, brands: brands.length, ...progress };
  },
});

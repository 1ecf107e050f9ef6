import { log } from '@temporalio/activity';
import type { IntelSummary } from '../../domain/mission';
import { whileBeating } from '../heartbeat';
import type { IntelQuery, TipPort } from './tip-port';

/** The intel a mission keeps: every count, and the first matched objects (the store keeps them with the intel work item). */
export const MATCHED_KEPT = 200;

export const createTipActivities = (tip: TipPort) => ({
  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    // Heartbeats while the TIP answers: a worker that dies mid-pull is noticed in seconds, and Collect goes on.
    const summary = await whileBeating(() => tip.pullIntel(query));
    log.info('intel pulled', { source: tip.name, matched: summary.matched.length });
    return { ...summary, matched: summary.matched.slice(0, MATCHED_KEPT) };
  },
});

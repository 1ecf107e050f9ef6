import { log } from '@temporalio/activity';
import type { IntelSummary } from '../../domain/mission';
import type { IntelQuery, TipPort } from './tip-port';

export const createTipActivities = (tip: TipPort) => ({
  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    const summary = await tip.pullIntel(query);
    log.info('intel pulled', { source: tip.name, matched: summary.matched.length });
    return summary;
  },
});

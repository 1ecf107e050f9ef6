import { log } from '@temporalio/activity';
import type { ExternalRef, Finding } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';
import type { IntelQuery, TipPort } from './tip-port';

export const createTipActivities = (tip: TipPort) => ({
  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    const summary = await tip.pullIntel(query);
    log.info('intel pulled', { source: tip.name, matched: summary.matched.length });
    return summary;
  },
  async pushFinding({ missionId, finding }: { missionId: string; finding: Finding }): Promise<ExternalRef> {
    const ref = await tip.pushFinding(missionId, finding);
    log.info('finding pushed to the TIP', { source: tip.name, finding: finding.id, ref: ref.id });
    return ref;
  },
});

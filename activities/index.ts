import { getServers } from 'node:dns';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createAdapters } from './adapters';
import type { Launcher } from '../launch/start-mission';
import { FileArtifactStore } from './artifacts/artifact-store';
import { createAttackActivities } from './attack/attack-activities';
import { LocalContainment } from './containment/local-containment';
import { createCtActivities } from './eavd/ct/ct-activities';
import { lookalikeMatcher } from './eavd/ct/matcher';
import { CertificateTransparency } from './eavd/enrich/certificate-transparency';
import { PageSimilarity } from './eavd/enrich/page-similarity';
import { Rdap } from './eavd/enrich/rdap';
import { createNrdActivities } from './eavd/nrd/nrd-activities';
import { createSweepActivities } from './eavd/sweep-activities';
import { createEffectActivities } from './effects/effect-activities';
import { createIterationActivities } from './iterations/iteration-activities';
import { createOutcomeActivities } from './outcomes/outcome-activities';
import { createSiemActivities } from './siem/siem-activities';
import { sigmaTarget } from './siem/sigma-target';
import { createStoreActivities } from './store/store-activities';
import { createTipActivities } from './tip/tip-activities';

/** What the activities need besides configuration: the mission store, and a Temporal client to start iterations. */
export interface ActivityDeps extends Launcher {
  client: Client;
}

/** Every activity, with the adapters the configuration selects (activities/adapters.ts). */
export function createActivities(config: Config, deps: ActivityDeps, log?: Logger) {
  const data = (dir: string) => join(config.CAPEO_DATA_DIR, dir);
  const store = new FileArtifactStore(data('artifacts'));
  const adapters = createAdapters(config, log);
  const publicUrl = config.CAPEO_PUBLIC_URL ?? `http://${config.CAPEO_API_HOST}:${config.CAPEO_API_PORT}`;
  return {
    ...createStoreActivities(deps.store),
    ...createNrdActivities({ feeds: config.CAPEO_NRD_FEEDS?.split(',') ?? [], reads: deps.store.reads, client: deps.client }),
    ...createTipActivities(adapters.tip),
    ...createOutcomeActivities(deps.store.reads, store),
    ...createEffectActivities({
      log: deps.store.effects,
      reads: deps.store.reads,
      ticketing: adapters.ticketing,
      notify: adapters.notify,
      tip: adapters.tip,
      chat: adapters.chat,
      containment: new LocalContainment(data('containment')),
      artifacts: store,
      findingUrl: (missionId, findingId) => `${publicUrl}/missions/${missionId}/findings/${findingId}`,
    }),
    ...createSiemActivities(adapters.siem, store, sigmaTarget(config.CAPEO_SIEM, config.CAPEO_SIGMA_MAPPING)),
    ...createIterationActivities(deps),
    ...createAttackActivities({ store: deps.store.attack, source: config, timeoutMs: config.CAPEO_HTTP_TIMEOUT_MS }),
    ...createCtActivities({ brands: () => deps.store.reads.activeBrands(), matcher: lookalikeMatcher, artifacts: store, timeoutMs: config.CAPEO_HTTP_TIMEOUT_MS, checkpoints: deps.store.ctCheckpoints }),
    ...createSweepActivities({
      store,
      infrastructure: deps.store.infrastructure,
      ct: new CertificateTransparency(config.CAPEO_CT_URL),
      rdap: new Rdap(config.CAPEO_RDAP_BOOTSTRAP_URL),
      dns: {
        servers: config.CAPEO_DNS_SERVERS?.split(',') ?? getServers(),
        concurrency: config.CAPEO_DNS_CONCURRENCY,
        timeoutMs: config.CAPEO_DNS_TIMEOUT_MS,
      },
      ...(config.CAPEO_PAGE_SIMILARITY && {
        pages: new PageSimilarity({ httpPort: config.CAPEO_PAGE_HTTP_PORT, httpsPort: config.CAPEO_PAGE_HTTPS_PORT, timeoutMs: config.CAPEO_HTTP_TIMEOUT_MS }),
      }),
    }),
  };
}
export type CapeoActivities = ReturnType<typeof createActivities>;

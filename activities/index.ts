import { getServers } from 'node:dns';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createAdapters } from './adapters';
import { createArtifactActivities } from './artifacts/artifact-activities';
import { FileArtifactStore } from './artifacts/artifact-store';
import { createChatActivities } from './chat/chat-activities';
import { createContainmentActivities } from './containment/containment-activities';
import { LocalContainment } from './containment/local-containment';
import { CertificateTransparency } from './eavd/enrich/certificate-transparency';
import { PageSimilarity } from './eavd/enrich/page-similarity';
import { Rdap } from './eavd/enrich/rdap';
import { createSweepActivities } from './eavd/sweep-activities';
import { createIterationActivities } from './iterations/iteration-activities';
import { createNotifyActivities } from './notify/notify-activities';
import { createSiemActivities } from './siem/siem-activities';
import { createTicketingActivities } from './ticketing/ticketing-activities';
import { createTipActivities } from './tip/tip-activities';

/** What the iteration activities need: a Temporal client, to claim an iteration and start it. */
export interface IterationDeps {
  client: Client;
  taskQueue: string;
}

/** Every activity, with the adapters the configuration selects (activities/adapters.ts). */
export function createActivities(config: Config, iterations: IterationDeps, log?: Logger) {
  const data = (dir: string) => join(config.CAPEO_DATA_DIR, dir);
  const store = new FileArtifactStore(data('artifacts'));
  const adapters = createAdapters(config, log);
  return {
    ...createTipActivities(adapters.tip),
    ...createArtifactActivities(store),
    ...createNotifyActivities(adapters.notify),
    ...createTicketingActivities(adapters.ticketing),
    ...createChatActivities(adapters.chat),
    ...createContainmentActivities(new LocalContainment(data('containment'))),
    ...createSiemActivities(adapters.siem, store),
    ...createIterationActivities(iterations.client, iterations.taskQueue),
    ...createSweepActivities({
      store,
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

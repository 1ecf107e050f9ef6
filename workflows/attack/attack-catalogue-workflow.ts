import { continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { createAttackActivities } from '../../activities/attack/attack-activities';

const attack = proxyActivities<ReturnType<typeof createAttackActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 5, maximumInterval: '2 minutes', nonRetryableErrorTypes: ['ATTACK_SOURCE_INVALID'] },
});

export interface AttackCatalogueInput {
  refreshHours: number;
}

/**
 * Loads the ATT&CK catalogue, then again every `refreshHours`. A source that fails leaves the catalogue
 * loaded before in use (missions never wait for it); the next refresh tries again. Each refresh
 * continues-as-new, so its history stays a handful of events.
 */
export async function attackCatalogueWorkflow(input: AttackCatalogueInput): Promise<void> {
  try {
    const loaded = await attack.refreshAttackCatalogue();
    log.info('ATT&CK catalogue refreshed', { version: loaded.version, created: loaded.created, techniques: loaded.techniques });
  } catch (err) {
    log.warn('ATT&CK catalogue refresh failed; the catalogue loaded before stays in use', { error: err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err) });
  }
  await sleep(input.refreshHours * 3_600_000);
  await continueAsNew<typeof attackCatalogueWorkflow>(input);
}

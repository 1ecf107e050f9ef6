import { getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { createStoreActivities } from '../../activities/store/store-activities';
import type { EffectRef, EffectResult } from '../../domain/effects';
import { effectsRetriedSignal, type EffectsRetried } from '../../domain/messages';
import { missionPolicySchema } from '../../domain/policy';
import { effectActivities } from '../mission/activity-proxies';
import { describeFailure } from '../mission/effect-supervisor';

const store = proxyActivities<ReturnType<typeof createStoreActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

export interface EffectRetryInput {
  missionId: string;
  /** The failed effects to retry; all of the mission's when absent. */
  effectIds?: string[];
  by: string;
}

export interface EffectRetryOutcome {
  id: string;
  kind: string;
  key: string;
  state: 'done' | 'failed';
  error?: string;
}

const CONCURRENCY = 4;

/**
 * Retries a mission's failed effects once the integration works again: each failed effect is taken
 * (once, whoever else retries at the same time), run with the usual bounded attempts, and its outcome
 * written to the effect log. A running mission is told, so it counts and acts on them (a channel made
 * at last settles its work item); a mission already closed gets its counts refreshed from the log.
 * A workflow of its own, so failed effects of completed missions can be retried too.
 */
export async function effectRetryWorkflow(input: EffectRetryInput): Promise<EffectRetryOutcome[]> {
  const policy = missionPolicySchema.parse({});
  const effects = effectActivities(policy);
  const claimed = await store.claimFailedEffects({ missionId: input.missionId, ...(input.effectIds ? { effectIds: input.effectIds } : {}) });
  const outcomes: EffectsRetried['outcomes'] = [];
  const queue = [...claimed];
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) outcomes.push(await retry(e));
  };
  const retry = async (effect: EffectRef): Promise<EffectsRetried['outcomes'][number]> => {
    try {
      const result: EffectResult = await effects.runEffect({ missionId: input.missionId, effectId: effect.id });
      return { effect, result };
    } catch (err) {
      const f = describeFailure(err, policy.effectMaxAttempts);
      await store.recordEffectFailure({ missionId: input.missionId, effectId: effect.id, type: f.type, message: f.message });
      return { effect, error: { type: f.type, message: f.message } };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  if (outcomes.length) {
    try {
      await getExternalWorkflowHandle(input.missionId).signal(effectsRetriedSignal, { outcomes });
    } catch {
      // The mission has ended: its counts come from the log.
    }
    await store.refreshEffectCounts({ missionId: input.missionId });
  }
  return outcomes.map((o) => ({
    id: o.effect.id,
    kind: o.effect.kind,
    key: o.effect.key,
    state: o.result ? 'done' : 'failed',
    ...(o.error ? { error: `${o.error.type}: ${o.error.message}` } : {}),
  }));
}

import type { EffectRef } from '../../domain/effects';
import type { StoreBatch, StoreBatchResult } from '../../domain/store-ops';
import type { MissionStore } from '../../store';
import { applyBatch } from '../../store/mission-writes';

/** The mission store, as the workflows write and ask it. Every write is idempotent: retried, it changes nothing twice. */
export const createStoreActivities = (store: MissionStore) => ({
  /** One batch of a mission's writes, in one transaction. */
  applyStoreBatch(batch: StoreBatch): Promise<StoreBatchResult> {
    return applyBatch(store.db, batch);
  },

  /** Takes a mission's failed effects (all, or the given ones) for a retry: each once, whoever asks at the same time. */
  claimFailedEffects({ missionId, effectIds }: { missionId: string; effectIds?: string[] }): Promise<EffectRef[]> {
    return store.effects.claimFailed(missionId, effectIds);
  },

  /** A retried effect failed again. */
  async recordEffectFailure({ missionId, effectId, type, message }: { missionId: string; effectId: string; type: string; message: string }): Promise<void> {
    await store.effects.failed(missionId, effectId, { type, message });
  },

  /** After a retry: a closed mission's effect counts, from its log. */
  refreshEffectCounts({ missionId }: { missionId: string }): Promise<void> {
    return store.effects.refreshClosedCounts(missionId);
  },

  /** Where a mission stands, for its watchers: they end once it left Execute. */
  async missionStanding({ missionId }: { missionId: string }): Promise<{ status: string; phase: string } | null> {
    const s = await store.reads.summary(missionId);
    return s ? { status: s.summary.status, phase: s.summary.phase } : null;
  },
});

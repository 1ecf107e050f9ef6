import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { createEffectActivities } from '../../activities/effects/effect-activities';
import type { createOutcomeActivities } from '../../activities/outcomes/outcome-activities';
import type { createSiemActivities } from '../../activities/siem/siem-activities';
import type { createStoreActivities } from '../../activities/store/store-activities';
import type { createTipActivities } from '../../activities/tip/tip-activities';
import { ErrorCode } from '../../domain/errors';
import type { MissionPolicy } from '../../domain/policy';

/**
 * The mission store is the system of record: its writes retry until the store answers again (a
 * PostgreSQL restart stalls the mission, it does not lose anything).
 */
export const missionStore = proxyActivities<ReturnType<typeof createStoreActivities>>({
  // A batch is one transaction of milliseconds: a worker that died with one in hand is retried soon.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** Outcome documents are written from the store; retried until written. */
export const outcomes = proxyActivities<ReturnType<typeof createOutcomeActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Intel from the TIP: a bounded number of attempts; a TIP that stays down leaves the intel item failed, not the mission stuck. */
export const tip = proxyActivities<ReturnType<typeof createTipActivities>>({
  startToCloseTimeout: '2 minutes',
  // The pull heartbeats: one a dead worker held is retried within seconds, not at the end of the 2 minutes.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: [ErrorCode.IntelSourceInvalid] },
});

/** A hunt query answers its caller: a few attempts, then the Update fails with the reason. */
export const siem = proxyActivities<ReturnType<typeof createSiemActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 3, nonRetryableErrorTypes: [ErrorCode.SiemQueryInvalid] },
});

/** Errors that no retry mends: the effect fails at once. */
export const PERMANENT_EFFECT_ERRORS = [
  'EXTERNAL_AUTH_REJECTED',
  'EXTERNAL_REQUEST_REJECTED',
  'INTEGRATION_NOT_CONFIGURED',
  'TICKET_INPUT_INVALID',
  'TICKET_EPIC_NOT_FOUND',
  'NOTIFICATION_INVALID',
  'CHAT_INPUT_INVALID',
  'EFFECT_UNKNOWN',
];

/** Effects: a bounded number of attempts with backoff (the policy's), then the effect is failed, never the mission. */
export function effectActivities(policy: MissionPolicy) {
  const options: ActivityOptions = {
    startToCloseTimeout: '2 minutes',
    // The effect heartbeats while it runs: a worker that dies mid-call is noticed in seconds.
    heartbeatTimeout: '15 seconds',
    retry: {
      initialInterval: `${policy.effectRetrySeconds} seconds`,
      backoffCoefficient: 2,
      maximumInterval: '2 minutes',
      maximumAttempts: policy.effectMaxAttempts,
      nonRetryableErrorTypes: PERMANENT_EFFECT_ERRORS,
    },
  };
  return proxyActivities<ReturnType<typeof createEffectActivities>>(options);
}

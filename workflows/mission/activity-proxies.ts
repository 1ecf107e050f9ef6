import { proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { createArtifactActivities } from '../../activities/artifacts/artifact-activities';
import type { createChatActivities } from '../../activities/chat/chat-activities';
import type { createContainmentActivities } from '../../activities/containment/containment-activities';
import type { createNotifyActivities } from '../../activities/notify/notify-activities';
import type { createSiemActivities } from '../../activities/siem/siem-activities';
import type { createTicketingActivities } from '../../activities/ticketing/ticketing-activities';
import type { createTipActivities } from '../../activities/tip/tip-activities';
import { ErrorCode } from '../../domain/errors';

const retry: RetryPolicy = { maximumInterval: '1 minute', nonRetryableErrorTypes: [ErrorCode.IntelSourceInvalid, 'SIEM_QUERY_INVALID'] };

export const tip = proxyActivities<ReturnType<typeof createTipActivities>>({ startToCloseTimeout: '2 minutes', retry });
export const artifacts = proxyActivities<ReturnType<typeof createArtifactActivities>>({ startToCloseTimeout: '1 minute', retry });
export const notify = proxyActivities<ReturnType<typeof createNotifyActivities>>({ startToCloseTimeout: '1 minute', retry });
export const ticketing = proxyActivities<ReturnType<typeof createTicketingActivities>>({ startToCloseTimeout: '1 minute', retry });
export const chat = proxyActivities<ReturnType<typeof createChatActivities>>({ startToCloseTimeout: '1 minute', retry });
export const containment = proxyActivities<ReturnType<typeof createContainmentActivities>>({ startToCloseTimeout: '2 minutes', retry });
export const siem = proxyActivities<ReturnType<typeof createSiemActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry,
});

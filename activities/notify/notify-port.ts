import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';

/** Error types this port's activities throw; permanent ones are non-retryable. */
export const NotifyError = {
  Invalid: 'NOTIFICATION_INVALID',
} as const;

export interface Notification {
  /** Derived by the caller from the workflow id and a stable item id; a retry with the same key sends nothing new. */
  idempotencyKey: string;
  /** What the notification is about: 'gate-reminder', 'clock-warning', 'escalation', 'comms', 'intel-highlight'... */
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  missionId?: string;
}

export interface NotificationReceipt {
  id: string;
  channel: string;
  /** True when this call found the notification already sent under its key. */
  deduplicated: boolean;
  at: string;
}

/** A channel that delivers notifications (outbox, email, Slack, Teams, webhooks). */
export interface NotifyPort {
  readonly name: string;
  /** Settings, credentials and reachability, without side effects (`capeo doctor`). */
  check?(): Promise<CheckResult>;
  /** At most one delivery per idempotency key; a repeated key returns the first receipt. */
  send(n: Notification): Promise<NotificationReceipt>;
}

const invalid = (message: string): ApplicationFailure =>
  ApplicationFailure.create({ type: NotifyError.Invalid, nonRetryable: true, message });

const KIND = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Checks a notification and returns it normalised: recipients trimmed and de-duplicated, line breaks in
 * the subject folded to spaces (a subject is a header line in every channel that has one).
 */
export function validNotification(n: Notification): Notification {
  if (typeof n?.idempotencyKey !== 'string' || !n.idempotencyKey.trim() || n.idempotencyKey.length > 1000) {
    throw invalid('idempotencyKey: required, at most 1000 characters');
  }
  if (typeof n.kind !== 'string' || !KIND.test(n.kind)) throw invalid('kind: lowercase letters, digits and dashes');
  if (!Array.isArray(n.to) || n.to.some((r) => typeof r !== 'string' || !r.trim())) {
    throw invalid('to: a list of non-empty recipients');
  }
  const to = [...new Set(n.to.map((r) => r.trim()))];
  if (to.length === 0 || to.length > 500) throw invalid('to: between 1 and 500 recipients');
  const subject = typeof n.subject === 'string' ? n.subject.replace(/[\r\n]+/g, ' ').trim() : '';
  if (!subject || subject.length > 1000) throw invalid('subject: required, at most 1000 characters');
  if (typeof n.text !== 'string' || n.text.length > 1_000_000) throw invalid('text: required, at most 1,000,000 characters');
  if (n.html !== undefined && (typeof n.html !== 'string' || n.html.length > 2_000_000)) {
    throw invalid('html: at most 2,000,000 characters');
  }
  if (n.missionId !== undefined && (typeof n.missionId !== 'string' || !n.missionId)) throw invalid('missionId: a non-empty string');
  return {
    idempotencyKey: n.idempotencyKey,
    kind: n.kind,
    to,
    subject,
    text: n.text,
    ...(n.html !== undefined && { html: n.html }),
    ...(n.missionId !== undefined && { missionId: n.missionId }),
  };
}

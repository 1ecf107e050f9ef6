import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { ExternalError, httpCall } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { keyHash } from '../local-records/key-claims';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from './notify-port';
import { webhookHeaders, webhookKey } from './standard-webhooks';

const CHANNEL = 'webhook';
/** The spec asks for a random signing key of at least 24 bytes (192 bits). */
const MIN_KEY_BYTES = 24;

/** Named as in config/, so the parsed configuration can be passed as it is. */
export interface WebhookSettings {
  CAPEO_WEBHOOK_URL: string;
  CAPEO_WEBHOOK_SECRET: string;
}

/** The body a receiver gets (Standard Webhooks' recommended `type` / `timestamp` / `data` shape). */
export interface WebhookPayload {
  type: `capeo.notification.${string}`;
  /** When this delivery attempt was made (as `webhook-timestamp`, to the millisecond); a retry carries its own. */
  timestamp: string;
  data: {
    /** SHA-256 of the idempotency key, 32 hex digits (the key itself can name internal ids). */
    keyHash: string;
    kind: string;
    to: string[];
    subject: string;
    text: string;
    missionId?: string;
  };
}

/** The key hash a delivery carries in `data.keyHash` and, as `msg_<hash>`, in `webhook-id`. */
export const webhookKeyHash = (key: string): string => keyHash(key).slice(0, 32);
export const webhookMessageId = (key: string): string => `msg_${webhookKeyHash(key)}`;

/**
 * Notifications as signed webhooks (Standard Webhooks): one POST of a JSON event per notification, with
 * `webhook-id` / `webhook-timestamp` / `webhook-signature`. The webhook-id is derived from the idempotency
 * key, so every attempt for one notification carries the same id and the receiver drops repeats; capeo
 * itself posts at most once per key once a delivery succeeded (KeyClaims). The HTML body is not sent.
 */
export class WebhookNotifier extends ClaimingAdapter<WebhookSettings> implements NotifyPort {
  readonly name = CHANNEL;


  check(): Promise<CheckResult> {
    const { CAPEO_WEBHOOK_URL: url, CAPEO_WEBHOOK_SECRET: secret } = this.settings;
    const problem = urlProblem(url) ?? secretProblem(secret);
    if (problem) return Promise.resolve({ ok: false, detail: problem });
    const bytes = webhookKey(secret).length;
    if (bytes < MIN_KEY_BYTES) {
      return Promise.resolve({
        ok: false,
        detail: `CAPEO_WEBHOOK_SECRET holds a ${bytes}-byte key; Standard Webhooks asks for at least ${MIN_KEY_BYTES} random bytes (whsec_ + the output of \`openssl rand -base64 32\`)`,
      });
    }
    const plain = new URL(url).protocol === 'http:' ? ' (plain http: notifications travel unencrypted, prefer https)' : '';
    return Promise.resolve({
      ok: true,
      detail: `CAPEO_WEBHOOK_URL${plain} and CAPEO_WEBHOOK_SECRET (${bytes}-byte key) are well-formed; delivery not checked, as every call to the receiver is a delivery`,
    });
  }

  async send(input: Notification): Promise<NotificationReceipt> {
    const n = validNotification(input);
    const problem = urlProblem(this.settings.CAPEO_WEBHOOK_URL) ?? secretProblem(this.settings.CAPEO_WEBHOOK_SECRET);
    if (problem) throw ApplicationFailure.create({ type: ExternalError.NotConfigured, nonRetryable: true, message: `webhook: ${problem}` });
    const { value, deduplicated } = await this.claims.once(n.idempotencyKey, {
      create: () => this.post(n),
      // The receiver cannot be asked what it got; a retry after a crash posts again under the same
      // webhook-id, which the receiver drops if it already has it.
      find: () => Promise.resolve(undefined),
    });
    return { ...value, deduplicated };
  }

  private async post(n: Notification): Promise<Omit<NotificationReceipt, 'deduplicated'>> {
    const at = new Date();
    const id = webhookMessageId(n.idempotencyKey);
    const payload: WebhookPayload = {
      type: `capeo.notification.${n.kind}`,
      timestamp: at.toISOString(),
      data: {
        keyHash: webhookKeyHash(n.idempotencyKey),
        kind: n.kind,
        to: n.to,
        subject: n.subject,
        text: n.text,
        ...(n.missionId !== undefined && { missionId: n.missionId }),
      },
    };
    // Serialised once: the signature covers these exact bytes.
    const body = JSON.stringify(payload);
    await httpCall({
      system: CHANNEL,
      url: this.settings.CAPEO_WEBHOOK_URL,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...webhookHeaders(this.settings.CAPEO_WEBHOOK_SECRET, id, body, at) },
      body,
      timeoutMs: this.timeoutMs,
      read: 'none',
    });
    return { id, channel: CHANNEL, at: at.toISOString() };
  }
}

/** What is wrong with the receiver URL, never repeating it (it can carry a token). */
function urlProblem(url: string | undefined): string | undefined {
  if (!url) return 'set CAPEO_WEBHOOK_URL (the receiver, https://…)';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'CAPEO_WEBHOOK_URL is not a URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'CAPEO_WEBHOOK_URL must be an http(s) URL';
  if (u.username || u.password) return 'CAPEO_WEBHOOK_URL must not carry a user or password: the signature authenticates capeo';
  return undefined;
}

function secretProblem(secret: string | undefined): string | undefined {
  if (!secret) return 'set CAPEO_WEBHOOK_SECRET (whsec_ followed by a base64 key of at least 24 random bytes)';
  try {
    webhookKey(secret);
    return undefined;
  } catch {
    return 'CAPEO_WEBHOOK_SECRET must be whsec_ followed by a base64 key';
  }
}

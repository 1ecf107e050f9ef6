import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks 1.0 (standardwebhooks.com), symmetric scheme: the sender signs
 * `{webhook-id}.{webhook-timestamp}.{body}` with HMAC-SHA256 keyed by the secret's base64-decoded bytes
 * (the secret is written `whsec_<base64>`) and sends `v1,<base64 signature>`; `webhook-signature` may hold
 * several space-separated signatures (key rotation, other schemes), any valid `v1` one passes.
 */

export const SECRET_PREFIX = 'whsec_';
/** The spec's recommended replay window: five minutes either side of the receiver's clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HMAC_BYTES = 32;

export type WebhookVerificationReason = 'invalid-secret' | 'missing-header' | 'invalid-timestamp' | 'stale-timestamp' | 'future-timestamp' | 'no-matching-signature';

/** A delivery that must not be trusted; `reason` says why (a receiver answers 401 and logs it). */
export class WebhookVerificationError extends Error {
  readonly code = 'WEBHOOK_VERIFICATION_FAILED';
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookVerificationReason,
    message: string,
  ) {
    super(message);
  }
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The HMAC key of a `whsec_<base64>` secret; throws (without showing the secret) when it is not one. */
export function webhookKey(secret: string): Buffer {
  const encoded = typeof secret === 'string' && secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) {
    throw new WebhookVerificationError('invalid-secret', 'the webhook secret must be whsec_ followed by a base64 key');
  }
  return Buffer.from(encoded, 'base64');
}

function hmac(key: Buffer, id: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` for one delivery attempt. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  // The spec: the id and timestamp must not contain a full stop, or one signed content could be read two ways.
  if (!id || id.includes('.')) throw new TypeError('webhook id: required, without "."');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new TypeError('webhook timestamp: whole seconds since the epoch');
  return `v1,${hmac(webhookKey(secret), id, String(timestampSeconds), body).toString('base64')}`;
}

/** The three headers of a delivery attempt made at `now` (the attempt's time, not the event's). */
export function webhookHeaders(secret: string, id: string, body: string, now: Date = new Date()): WebhookHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: keyof WebhookHeaders): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

export interface VerifyOptions {
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * Checks a delivery against the secret: all three headers present, the timestamp within `toleranceSeconds`
 * of `now`, and at least one `v1` signature over the raw body (compared in constant time). Returns true or
 * throws a WebhookVerificationError. Pass the body exactly as received: re-serialised JSON will not match.
 */
export function verifyWebhook(secret: string, headers: HeaderSource, body: string | Buffer, options: VerifyOptions = {}): true {
  const key = webhookKey(secret);
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  const missing = (['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const).filter((_, i) => ![id, timestamp, signatures][i]);
  if (missing.length) throw new WebhookVerificationError('missing-header', `missing header ${missing.join(', ')}`);

  if (!/^\d{1,15}$/.test(timestamp!)) throw new WebhookVerificationError('invalid-timestamp', 'webhook-timestamp is not whole seconds since the epoch');
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const sent = Number(timestamp);
  if (sent < now - tolerance) throw new WebhookVerificationError('stale-timestamp', `webhook-timestamp is ${now - sent} s old (tolerance ${tolerance} s): a replay or a slow clock`);
  if (sent > now + tolerance) throw new WebhookVerificationError('future-timestamp', `webhook-timestamp is ${sent - now} s in the future (tolerance ${tolerance} s): check the clocks`);

  const expected = hmac(key, id!, timestamp!, body);
  let matched = false;
  for (const entry of signatures!.split(' ')) {
    const comma = entry.indexOf(',');
    // Other schemes (v1a, future versions) are someone else's to check.
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    // No early exit: every candidate costs the same whether or not an earlier one matched.
    if (given.length === HMAC_BYTES && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('no-matching-signature', 'no v1 signature in webhook-signature matches the body and the secret');
  return true;
}

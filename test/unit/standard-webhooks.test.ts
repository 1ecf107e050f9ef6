import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook, WebhookVerificationError, webhookHeaders, type WebhookVerificationReason } from '../../activities/notify/standard-webhooks';

const KEY = Buffer.from('capeo test key, 32 bytes long!!!');
const SECRET = `whsec_${KEY.toString('base64')}`;
const OTHER = `whsec_${Buffer.from('another key of thirty-two bytes!').toString('base64')}`;
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TS = 1674087231;
const NOW = new Date(TS * 1000);
const BODY = '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}';

/** The spec's recipe done by hand: HMAC-SHA256, keyed with the base64-decoded secret, over "id.timestamp.body". */
const expected = (key: Buffer, id: string, ts: number, body: string): string =>
  `v1,${createHmac('sha256', key).update(Buffer.from(`${id}.${ts}.${body}`, 'utf8')).digest('base64')}`;

const headers = (over: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  'webhook-id': ID,
  'webhook-timestamp': String(TS),
  'webhook-signature': expected(KEY, ID, TS, BODY),
  ...over,
});

function reason(fn: () => unknown): WebhookVerificationReason {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(WebhookVerificationError);
  return (err as WebhookVerificationError).reason;
}

describe('signWebhook', () => {
  it('matches the spec recipe computed independently with node:crypto', () => {
    const sig = signWebhook(SECRET, ID, TS, BODY);
    expect(sig).toBe(expected(KEY, ID, TS, BODY));
    expect(sig).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('matches the vector published with the Standard Webhooks reference JavaScript library', () => {
    // standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works".
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('signs non-ASCII bodies as UTF-8', () => {
    const body = '{"subject":"Gate ✓ — café"}';
    expect(signWebhook(SECRET, ID, TS, body)).toBe(expected(KEY, ID, TS, body));
  });

  it('refuses an id with a full stop, a fractional timestamp and a secret without whsec_', () => {
    expect(() => signWebhook(SECRET, 'msg_a.b', TS, BODY)).toThrow(TypeError);
    expect(() => signWebhook(SECRET, ID, 1.5, BODY)).toThrow(TypeError);
    expect(reason(() => signWebhook(KEY.toString('base64'), ID, TS, BODY))).toBe('invalid-secret');
    expect(reason(() => signWebhook('whsec_not base64!', ID, TS, BODY))).toBe('invalid-secret');
  });
});

describe('webhookHeaders', () => {
  it('gives the id, the attempt time in whole seconds and the signature', () => {
    expect(webhookHeaders(SECRET, ID, BODY, new Date(TS * 1000 + 999))).toEqual({
      'webhook-id': ID,
      'webhook-timestamp': '1674087231',
      'webhook-signature': expected(KEY, ID, TS, BODY),
    });
  });
});

describe('verifyWebhook', () => {
  it('accepts a delivery signed per the spec, from a header record or a Headers object', () => {
    expect(verifyWebhook(SECRET, headers(), BODY, { now: NOW })).toBe(true);
    expect(verifyWebhook(SECRET, new Headers(headers() as Record<string, string>), Buffer.from(BODY), { now: NOW })).toBe(true);
    expect(verifyWebhook(SECRET, { 'Webhook-Id': ID, 'Webhook-Timestamp': String(TS), 'Webhook-Signature': expected(KEY, ID, TS, BODY) }, BODY, { now: NOW })).toBe(true);
  });

  it('accepts what webhookHeaders produced, at the edge of the tolerance', () => {
    const h = webhookHeaders(SECRET, ID, BODY, NOW);
    expect(verifyWebhook(SECRET, { ...h }, BODY, { now: new Date((TS + 300) * 1000) })).toBe(true);
    expect(verifyWebhook(SECRET, { ...h }, BODY, { now: new Date((TS - 300) * 1000) })).toBe(true);
  });

  it('refuses a tampered body, a changed id and a wrong secret', () => {
    expect(reason(() => verifyWebhook(SECRET, headers(), BODY.replace('contact', 'kontact'), { now: NOW }))).toBe('no-matching-signature');
    expect(reason(() => verifyWebhook(SECRET, headers({ 'webhook-id': 'msg_other' }), BODY, { now: NOW }))).toBe('no-matching-signature');
    expect(reason(() => verifyWebhook(OTHER, headers(), BODY, { now: NOW }))).toBe('no-matching-signature');
  });

  it('refuses a stale and a future timestamp, and one that is not whole seconds', () => {
    const at = (seconds: number) => new Date(seconds * 1000);
    expect(reason(() => verifyWebhook(SECRET, headers(), BODY, { now: at(TS + 301) }))).toBe('stale-timestamp');
    expect(reason(() => verifyWebhook(SECRET, headers(), BODY, { now: at(TS - 301) }))).toBe('future-timestamp');
    expect(reason(() => verifyWebhook(SECRET, headers(), BODY, { now: at(TS + 61), toleranceSeconds: 60 }))).toBe('stale-timestamp');
    expect(reason(() => verifyWebhook(SECRET, headers({ 'webhook-timestamp': `${TS}.0` }), BODY, { now: NOW }))).toBe('invalid-timestamp');
  });

  it('a timestamp changed after signing fails the signature even inside the window', () => {
    expect(reason(() => verifyWebhook(SECRET, headers({ 'webhook-timestamp': String(TS + 1) }), BODY, { now: NOW }))).toBe('no-matching-signature');
  });

  it('accepts several signatures when one v1 matches; ignores other schemes', () => {
    const good = expected(KEY, ID, TS, BODY);
    const wrong = expected(Buffer.from(OTHER.slice(6), 'base64'), ID, TS, BODY);
    expect(verifyWebhook(SECRET, headers({ 'webhook-signature': `${wrong} v1a,${good.slice(3)} ${good}` }), BODY, { now: NOW })).toBe(true);
    // The right bytes under another scheme's label do not count.
    expect(reason(() => verifyWebhook(SECRET, headers({ 'webhook-signature': `${wrong} v2,${good.slice(3)} v1a,${good.slice(3)}` }), BODY, { now: NOW }))).toBe(
      'no-matching-signature',
    );
    expect(reason(() => verifyWebhook(SECRET, headers({ 'webhook-signature': good.slice(0, 12) }), BODY, { now: NOW }))).toBe('no-matching-signature');
    expect(reason(() => verifyWebhook(SECRET, headers({ 'webhook-signature': 'v1,' }), BODY, { now: NOW }))).toBe('no-matching-signature');
  });

  it('names each missing header', () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      let err: unknown;
      try {
        verifyWebhook(SECRET, headers({ [name]: undefined }), BODY, { now: NOW });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WebhookVerificationError);
      expect(err).toMatchObject({ reason: 'missing-header', message: `missing header ${name}` });
    }
    expect(reason(() => verifyWebhook(SECRET, {}, BODY, { now: NOW }))).toBe('missing-header');
  });
});

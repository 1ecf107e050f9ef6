import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../../activities/http/http-client';
import type { Notification } from '../../activities/notify/notify-port';
import { WebhookNotifier } from '../../activities/notify/webhook';
import { failure } from '../support/failures';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const SECRET = `whsec_${Buffer.from('capeo webhook key: 32 bytes long').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('the receiver has another key....').toString('base64')}`;

const n: Notification = {
  idempotencyKey: 'mission-EAVD01-1:gate-reminder:analyze:1',
  kind: 'gate-reminder',
  to: ['lead@acme.example', 'soc'],
  subject: 'Gate Analyze waiting for EAVD01',
  text: 'Decide the gate: approve or reject.\nSecond line.',
  missionId: 'mission-EAVD01-1',
};
const hash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

let receiver: WebhookReceiver;
let stranger: WebhookReceiver;
let dir: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  stranger = await startWebhookReceiver(OTHER_SECRET);
});
afterAll(async () => {
  await receiver.close();
  await stranger.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-webhook-'));
  receiver.received.length = 0;
  stranger.received.length = 0;
  delete receiver.answerWith;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const notifier = (url = receiver.url, secret = SECRET) => new WebhookNotifier({ CAPEO_WEBHOOK_URL: url, CAPEO_WEBHOOK_SECRET: secret }, 5000, dir);

describe('WebhookNotifier', () => {
  it('posts one signed Standard Webhooks event the receiver verifies', async () => {
    const receipt = await notifier().send(n);

    const id = `msg_${hash(n.idempotencyKey)}`;
    expect(receipt).toEqual({ id, channel: 'webhook', deduplicated: false, at: expect.any(String) });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got).toMatchObject({ method: 'POST', url: '/hooks/capeo', verified: true });
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'capeo',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(Date.parse(receipt.at) / 1000)),
    });
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    // The exact bytes, key order included: this is what the signature covers.
    expect(got.body).toBe(
      JSON.stringify({
        type: 'capeo.notification.gate-reminder',
        timestamp: receipt.at,
        data: {
          keyHash: hash(n.idempotencyKey),
          kind: 'gate-reminder',
          to: ['lead@acme.example', 'soc'],
          subject: 'Gate Analyze waiting for EAVD01',
          text: 'Decide the gate: approve or reject.\nSecond line.',
          missionId: 'mission-EAVD01-1',
        },
      }),
    );
  });

  it('the same key twice delivers once and returns the first receipt', async () => {
    const first = await notifier().send(n);
    // A new instance over the same folder: what a retried activity on a restarted worker gets.
    const again = await notifier().send({ ...n, subject: 'changed on retry' });
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(receiver.received).toHaveLength(1);

    const other = await notifier().send({ ...n, idempotencyKey: 'mission-EAVD01-1:gate-reminder:analyze:2', missionId: undefined });
    expect(other.id).toBe(`msg_${hash('mission-EAVD01-1:gate-reminder:analyze:2')}`);
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]!.body).data).not.toHaveProperty('missionId');
  });

  it('a receiver that rejects the signature (401) fails for good, without showing the URL', async () => {
    const f = await failure(notifier(stranger.url).send(n));
    expect(f).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
    expect(f.message).toMatch(/^webhook answered 401/);
    expect(f.message).not.toContain('127.0.0.1');
    expect(stranger.received).toEqual([expect.objectContaining({ verified: false, reason: 'no-matching-signature' })]);
  });

  it('a receiver that is down (503) is retried, and the retry carries the same webhook-id', async () => {
    receiver.answerWith = { status: 503, headers: { 'retry-after': '7' } };
    const f = await failure(notifier().send(n));
    expect(f).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false, nextRetryDelay: 7000 });
    expect(f.message).not.toContain('127.0.0.1');

    delete receiver.answerWith;
    const receipt = await notifier().send(n);
    expect(receipt).toMatchObject({ id: `msg_${hash(n.idempotencyKey)}`, deduplicated: false });
    expect(receiver.received.map((r) => [r.headers['webhook-id'], r.verified])).toEqual([
      [receipt.id, true],
      [receipt.id, true],
    ]);
    expect(await notifier().send(n)).toEqual({ ...receipt, deduplicated: true });
    expect(receiver.received).toHaveLength(2);
  });

  it('refuses to send without usable settings', async () => {
    const f = await failure(notifier(receiver.url, 'not-a-secret').send(n));
    expect(f).toMatchObject({ type: ExternalError.NotConfigured, nonRetryable: true, message: 'webhook: CAPEO_WEBHOOK_SECRET must be whsec_ followed by a base64 key' });
    expect(await failure(notifier('', SECRET).send(n))).toMatchObject({ type: ExternalError.NotConfigured, nonRetryable: true });
    expect(receiver.received).toEqual([]);
  });

  it('check: validates the settings without calling the receiver', async () => {
    const hook = 'https://hooks.acme.example/capeo?token=s3cret';
    expect(await notifier(hook).check()).toEqual({
      ok: true,
      detail: 'CAPEO_WEBHOOK_URL and CAPEO_WEBHOOK_SECRET (32-byte key) are well-formed; delivery not checked, as every call to the receiver is a delivery',
    });
    expect((await notifier(receiver.url).check()).detail).toContain('plain http');
    expect(await notifier('hooks.acme.example/capeo').check()).toEqual({ ok: false, detail: 'CAPEO_WEBHOOK_URL is not a URL' });
    expect(await notifier('ftp://hooks.acme.example/').check()).toEqual({ ok: false, detail: 'CAPEO_WEBHOOK_URL must be an http(s) URL' });
    expect(await notifier(hook, 'whsec_!!').check()).toEqual({ ok: false, detail: 'CAPEO_WEBHOOK_SECRET must be whsec_ followed by a base64 key' });
    const short = await notifier(hook, `whsec_${Buffer.from('sixteen bytes!!!').toString('base64')}`).check();
    expect(short).toMatchObject({ ok: false });
    expect(short.detail).toContain('16-byte key');
    expect(await notifier('', '').check()).toEqual({ ok: false, detail: 'set CAPEO_WEBHOOK_URL (the receiver, https://…)' });
    for (const r of [await notifier(hook).check(), await notifier(hook, 'whsec_!!').check()]) expect(r.detail).not.toContain('s3cret');
    expect(receiver.received).toEqual([]);
  });
});

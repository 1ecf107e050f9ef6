import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ExternalError } from '../../activities/http/http-client';
import type { CheckResult } from '../../activities/health-check';
import { FanoutNotifier } from '../../activities/notify/fanout';
import type { Notification, NotificationReceipt, NotifyPort } from '../../activities/notify/notify-port';
import { OutboxNotifier, readOutbox } from '../../activities/notify/outbox-notifier';
import { failure } from '../support/failures';

/**
 * A channel that fails its first `failures` sends with the given error, then delivers, at most once
 * per key (as every real channel does). It records every notification it was asked to send.
 */
class FlakyChannel implements NotifyPort {
  readonly received: Notification[] = [];
  private readonly delivered = new Map<string, Omit<NotificationReceipt, 'deduplicated'>>();

  constructor(
    readonly name: string,
    private failures: number,
    private readonly error: () => Error = () => ApplicationFailure.create({ type: ExternalError.Unavailable, message: `${name} is down` }),
    readonly check?: () => Promise<CheckResult>,
  ) {}

  async send(n: Notification): Promise<NotificationReceipt> {
    this.received.push(n);
    const earlier = this.delivered.get(n.idempotencyKey);
    if (earlier) return { ...earlier, deduplicated: true };
    if (this.failures > 0) {
      this.failures--;
      throw this.error();
    }
    const receipt = { id: `${this.name}-${this.delivered.size + 1}`, channel: this.name, at: new Date().toISOString() };
    this.delivered.set(n.idempotencyKey, receipt);
    return { ...receipt, deduplicated: false };
  }
}

const notification = (key: string): Notification => ({
  idempotencyKey: key,
  kind: 'escalation',
  to: [' lead@soc.example ', 'lead@soc.example'],
  subject: 'Clock overrun\non EAVD01',
  text: 'The hunt clock of EAVD01 ran over.',
  missionId: 'EAVD01',
});

const permanent = (message: string) => () => ApplicationFailure.create({ type: ExternalError.AuthRejected, nonRetryable: true, message });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-fanout-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FanoutNotifier', () => {
  test('a failing channel fails the send retryably; the retry delivers to it without repeating the outbox', async () => {
    const outbox = new OutboxNotifier(dir);
    const flaky = new FlakyChannel('flaky', 1);
    const fanout = new FanoutNotifier([outbox, flaky]);
    expect(fanout.name).toBe('outbox+flaky');

    const err = await failure(fanout.send(notification('wf-1:escalation:1')));
    expect(err.type).toBe(ExternalError.Unavailable);
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toBe('flaky: flaky is down (delivered to outbox)');
    expect(readOutbox(dir)).toHaveLength(1);

    const receipt = await fanout.send(notification('wf-1:escalation:1'));
    const [entry] = readOutbox(dir);
    expect(readOutbox(dir)).toHaveLength(1);
    expect(receipt).toEqual({ id: `outbox:${entry!.id} flaky:flaky-1`, channel: 'outbox+flaky', deduplicated: false, at: expect.any(String) });
    expect(flaky.received).toHaveLength(2);

    const third = await fanout.send(notification('wf-1:escalation:1'));
    expect(third).toMatchObject({ id: receipt.id, deduplicated: true });
    expect(readOutbox(dir)).toHaveLength(1);
  });

  test('channels get the notification validated and normalised once', async () => {
    const a = new FlakyChannel('a', 0);
    const b = new FlakyChannel('b', 0);
    await new FanoutNotifier([a, b]).send(notification('wf-2:escalation:1'));

    for (const c of [a, b]) {
      expect(c.received).toEqual([
        { idempotencyKey: 'wf-2:escalation:1', kind: 'escalation', to: ['lead@soc.example'], subject: 'Clock overrun on EAVD01', text: 'The hunt clock of EAVD01 ran over.', missionId: 'EAVD01' },
      ]);
    }
  });

  test('an invalid notification reaches no channel', async () => {
    const a = new FlakyChannel('a', 0);
    const err = await failure(new FanoutNotifier([new OutboxNotifier(dir), a]).send({ ...notification('wf-3:x:1'), kind: 'Not A Kind' }));

    expect(err.type).toBe('NOTIFICATION_INVALID');
    expect(a.received).toHaveLength(0);
    expect(readOutbox(dir)).toHaveLength(0);
  });

  test('retryable when any failure is; permanent only when every failure is', async () => {
    const mixed = new FanoutNotifier([new FlakyChannel('smtp', 1, permanent('smtp: refused authentication')), new FlakyChannel('slack', 1)]);
    const err = await failure(mixed.send(notification('wf-4:escalation:1')));
    expect(err.type).toBe(ExternalError.AuthRejected);
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toBe('smtp: smtp: refused authentication (slack also failed: slack is down)');

    const bothPermanent = new FanoutNotifier([new FlakyChannel('smtp', 1, permanent('refused')), new FlakyChannel('teams', 1, permanent('refused too')), new OutboxNotifier(dir)]);
    const err2 = await failure(bothPermanent.send(notification('wf-5:escalation:1')));
    expect(err2.nonRetryable).toBe(true);
    expect(err2.message).toBe('smtp: refused (teams also failed: refused too; delivered to outbox)');

    const limited = () => ApplicationFailure.create({ type: ExternalError.Unavailable, message: 'rate limited', nextRetryDelay: 30_000 });
    const err4 = await failure(new FanoutNotifier([new FlakyChannel('smtp', 1, permanent('refused')), new FlakyChannel('slack', 1, limited)]).send(notification('wf-7:escalation:1')));
    expect(err4.nonRetryable).toBe(false);
    expect(err4.nextRetryDelay).toBe(30_000);

    const plain = new FanoutNotifier([new FlakyChannel('odd', 1, () => new Error('socket hang up'))]);
    const err3 = await failure(plain.send(notification('wf-6:escalation:1')));
    expect(err3.type).toBe('NOTIFY_CHANNEL_FAILED');
    expect(err3.nonRetryable).toBe(false);
  });

  test('check is ok only when every channel is, and lists each', async () => {
    const good = new FlakyChannel('good', 0, undefined, () => Promise.resolve({ ok: true, detail: 'reachable' }));
    const bad = new FlakyChannel('bad', 0, undefined, () => Promise.resolve({ ok: false, detail: 'set CAPEO_BAD_TOKEN' }));
    const throws = new FlakyChannel('throws', 0, undefined, () => Promise.reject(new Error('boom')));

    await expect(new FanoutNotifier([new OutboxNotifier(dir), good]).check()).resolves.toEqual({
      ok: true,
      detail: `outbox ok: notifications appended to outbox.jsonl in ${dir}; good ok: reachable`,
    });
    await expect(new FanoutNotifier([good, bad, throws]).check()).resolves.toEqual({
      ok: false,
      detail: 'good ok: reachable; bad NOT OK: set CAPEO_BAD_TOKEN; throws NOT OK: check failed: boom',
    });
  });
});

import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from './notify-port';

/** The type of a failure that was not an ApplicationFailure (Temporal retries those). */
const CHANNEL_FAILED = 'NOTIFY_CHANNEL_FAILED';

const retryable = (err: unknown): boolean => !(err instanceof ApplicationFailure && err.nonRetryable);
const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Every notification to several channels (`CAPEO_NOTIFY=outbox,smtp,...`). All channels are tried; when
 * some fail, the first failure is thrown (retryable when any failure is), naming the channels that
 * failed and those that delivered. Each channel is idempotent per key, so the retry delivers only to the
 * channels that did not: the others find their first receipt.
 */
export class FanoutNotifier implements NotifyPort {
  readonly name: string;

  constructor(readonly channels: NotifyPort[]) {
    if (channels.length === 0) throw new Error('FanoutNotifier needs at least one channel');
    this.name = channels.map((c) => c.name).join('+');
  }

  async check(): Promise<CheckResult> {
    const results = await Promise.all(
      this.channels.map(async (c): Promise<CheckResult> => {
        if (!c.check) return { ok: true, detail: 'no check available' };
        try {
          return await c.check();
        } catch (err) {
          return { ok: false, detail: `check failed: ${reason(err)}` };
        }
      }),
    );
    return {
      ok: results.every((r) => r.ok),
      detail: results.map((r, i) => `${this.channels[i]!.name} ${r.ok ? 'ok' : 'NOT OK'}: ${r.detail}`).join('; '),
    };
  }

  async send(input: Notification): Promise<NotificationReceipt> {
    const n = validNotification(input);
    const settled = await Promise.allSettled(this.channels.map((c) => c.send(n)));
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ channel: this.channels[i]!.name, error: s.reason as unknown }] : []));
    const receipts = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ channel: this.channels[i]!.name, receipt: s.value }] : []));
    if (failed.length) throw this.failure(failed, receipts.map((r) => r.channel));
    return {
      id: receipts.map((r) => `${r.channel}:${r.receipt.id}`).join(' '),
      channel: this.name,
      deduplicated: receipts.every((r) => r.receipt.deduplicated),
      at: receipts.map((r) => r.receipt.at).sort().at(-1)!,
    };
  }

  private failure(failed: Array<{ channel: string; error: unknown }>, delivered: string[]): ApplicationFailure {
    const [first, ...others] = failed;
    const again = failed.filter((f) => retryable(f.error));
    const notes = [
      ...others.map((f) => `${f.channel} also failed: ${reason(f.error)}`),
      delivered.length ? `delivered to ${delivered.join(', ')}` : '',
    ].filter(Boolean);
    const firstError = first!.error;
    const delay = again.map((f) => (f.error instanceof ApplicationFailure ? f.error.nextRetryDelay : undefined)).find((d) => d !== undefined && d !== null);
    return ApplicationFailure.create({
      type: firstError instanceof ApplicationFailure && firstError.type ? firstError.type : CHANNEL_FAILED,
      message: `${first!.channel}: ${reason(firstError)}${notes.length ? ` (${notes.join('; ')})` : ''}`,
      nonRetryable: again.length === 0,
      ...(again.length > 0 && delay !== undefined && delay !== null && { nextRetryDelay: delay }),
      cause: firstError instanceof Error ? firstError : undefined,
    });
  }
}

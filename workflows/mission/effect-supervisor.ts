import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, TimeoutFailure } from '@temporalio/workflow';
import type { EffectFailure, EffectRef } from '../../domain/effects';
import type { EffectRef as Ref } from '../../domain/effects';
import { effectActivities } from './activity-proxies';
import type { MissionMachine } from './mission-machine';
import type { StoreWriter } from './store-writer';

const REFILL_BATCH = 200;

/** An effect's failure as the log records it: the error's type and message, and how many attempts it had. */
export function describeFailure(err: unknown, maxAttempts: number): EffectFailure {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const attempts = err instanceof ActivityFailure && err.retryState === 'NON_RETRYABLE_FAILURE' ? 1 : maxAttempts;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message, attempts };
  if (cause instanceof TimeoutFailure) return { type: 'TIMEOUT', message: `timed out (${cause.timeoutType})`, attempts };
  return { type: 'Error', message: cause instanceof Error ? cause.message : String(cause), attempts };
}

/**
 * Runs the mission's effects from its effect log: several at once (the policy's bound), each an
 * activity with its own bounded retries. An effect that fails for good becomes a failed entry of the
 * log (audited, alerted, retryable later); it never stops other effects, gates, cancellation or
 * completion. A new effect waits until its log entry is written.
 */
export class EffectSupervisor {
  private running = 0;
  private refilling = false;
  private readonly run$: ReturnType<typeof effectActivities>;

  constructor(
    private readonly m: MissionMachine,
    private readonly writer: StoreWriter,
  ) {
    this.run$ = effectActivities(m.state.policy);
  }

  idle(): boolean {
    return this.running === 0 && !this.refilling;
  }

  /** Nothing queued, deferred or running. */
  settled(): boolean {
    const e = this.m.state.effects;
    return this.idle() && e.queue.length === 0 && e.deferred === 0;
  }

  /**
   * Effects pause as soon as the mission hands over to its next run (the running ones finish, the
   * queue goes with the state), unless the report's release is in flight: it waits for an effect
   * (the comms), and pausing then would leave it, and the hand-over, waiting for ever. Waiting for
   * the in-flight handlers to finish first (as runs before the hand-over patch did, and replay so)
   * let effects run on for as long as a stream of findings kept a handler busy.
   */
  private paused(): boolean {
    if (!this.m.draining) return false;
    return this.m.handOverHolds ? !this.m.releasing : allHandlersFinished();
  }

  private ready(): boolean {
    const head = this.m.state.effects.queue[0];
    return !this.paused() && head !== undefined && this.running < this.m.state.policy.effectConcurrency && this.writer.isWritten(this.m.effectWrittenByOp(head.id));
  }

  private refillDue(): boolean {
    const e = this.m.state.effects;
    return !this.paused() && !this.refilling && e.deferred > 0 && e.queue.length < REFILL_BATCH / 2;
  }

  /** Runs effects until `done()` holds and nothing is left to run. */
  async run(done: () => boolean): Promise<void> {
    for (;;) {
      await condition(() => this.ready() || this.refillDue() || (done() && this.settled()) || (this.paused() && this.idle()));
      if (this.ready()) {
        const e = this.m.nextEffect()!;
        this.running++;
        void this.execute(e);
      } else if (this.refillDue()) {
        void this.refill();
      } else {
        // Everything settled at the end, or drained for continue-as-new (the next run takes the queue).
        return;
      }
    }
  }

  private async execute(e: Ref): Promise<void> {
    try {
      const result = await this.run$.runEffect({ missionId: this.m.state.missionId, effectId: e.id });
      this.m.effectSucceeded(e, result);
    } catch (err) {
      this.m.effectFailed(e, describeFailure(err, this.m.state.policy.effectMaxAttempts));
    } finally {
      this.running--;
    }
  }

  /** Effects beyond the queue's bound wait in the store, oldest first. */
  private async refill(): Promise<void> {
    this.refilling = true;
    try {
      const opId = this.writer.write({ op: 'effect.next-pending', after: 0, limit: REFILL_BATCH, exclude: this.m.heldEffects() });
      const { effects } = await this.writer.result<{ effects: EffectRef[] }>(opId);
      this.m.refill(effects);
      if (effects.length === 0) this.m.state.effects.deferred = 0;
    } finally {
      this.refilling = false;
    }
  }
}

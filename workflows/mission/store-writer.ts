import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { MissionCore } from '../../domain/mission-core';
import { summarise } from '../../domain/mission-summary';
import type { StoreOp } from '../../domain/store-ops';
import { SearchAttr } from '../../domain/temporal-names';
import type { OpSink } from './mission-machine';
import { missionStore } from './activity-proxies';

const MAX_OPS_PER_BATCH = 200;
/** Keeps one activity's input well under Temporal's payload limits (a single larger operation goes alone). */
const MAX_BATCH_CHARS = 400_000;

/** The operations whose answer a handler waits for (every one of them is taken by its waiter). */
const ANSWERING = new Set<StoreOp['op']>(['finding.add', 'finding.withdraw', 'effect.next-pending', 'inbox.take']);

interface Queued {
  id: number;
  op: StoreOp;
  size: number;
}

/**
 * The mission's one writer to the mission store: operations queue up as the machine changes state,
 * and go in batches (one activity, one transaction) together with the summary as it is after them.
 * Handlers wait for their operations to be written before they answer, so a caller that got an
 * answer reads its change from the store. The search attributes follow the summary from here, the
 * only place the workflow upserts them.
 */
export class StoreWriter implements OpSink {
  private queue: Queued[] = [];
  private nextId = 1;
  private writtenThrough = 0;
  private savedVersion: number;
  private inFlight = false;
  /** Answers of the operations that answer, until their waiter takes them. */
  private readonly results = new Map<number, unknown>();
  private searchAttributes = new Map<string, string>();
  /**
   * The history's length, and whether Temporal suggests continuing as new, as of the activation in
   * which the latest batch was written. That activation resolved an activity, so it is in the
   * history: a replay sees the same values at the same point. (An activation that only rejects an
   * Update leaves no trace in the history, yet it sees a longer history than a replay will there.)
   */
  history = { length: 0, continueAsNewSuggested: false };

  constructor(private readonly state: MissionCore) {
    // A new run (start or continue-as-new) writes its summary at once.
    this.savedVersion = -1;
  }

  write(op: StoreOp): number {
    const id = this.nextId++;
    this.queue.push({ id, op, size: op.op === 'finding.add' || op.op === 'query' || op.op === 'effect.add' || op.op === 'work-item' || op.op === 'inbox.keep' ? JSON.stringify(op).length : 200 });
    return id;
  }

  /** The answer the store gave to an operation (for the operations that answer). */
  async result<T>(opId: number): Promise<T> {
    await this.written(opId);
    const r = this.results.get(opId) as T;
    this.results.delete(opId);
    return r;
  }

  written(opId: number): Promise<void> {
    return condition(() => this.writtenThrough >= opId);
  }

  isWritten(opId: number): boolean {
    return this.writtenThrough >= opId;
  }

  /** Everything queued so far, and the summary as it is now, are in the store. */
  async flush(): Promise<void> {
    const through = this.nextId - 1;
    const version = this.state.version;
    await condition(() => this.writtenThrough >= through && this.savedVersion >= version && !this.inFlight);
  }

  idle(): boolean {
    return this.queue.length === 0 && !this.inFlight && this.savedVersion >= this.state.version;
  }

  /** Writes until `done()` holds and nothing is left to write. */
  async run(done: () => boolean): Promise<void> {
    for (;;) {
      await condition(() => this.queue.length > 0 || this.savedVersion < this.state.version || done());
      if (this.queue.length === 0 && this.savedVersion >= this.state.version) return;
      const batch: Queued[] = [];
      let chars = 0;
      while (this.queue.length && batch.length < MAX_OPS_PER_BATCH && (batch.length === 0 || chars + this.queue[0]!.size <= MAX_BATCH_CHARS)) {
        const q = this.queue.shift()!;
        chars += q.size;
        batch.push(q);
      }
      const version = this.state.version;
      const summary = version > this.savedVersion ? { version, summary: summarise(this.state) } : undefined;
      this.syncSearchAttributes();
      this.inFlight = true;
      const { results } = await missionStore.applyStoreBatch({ missionId: this.state.missionId, ops: batch.map((q) => q.op), ...(summary ? { summary } : {}) });
      const info = workflowInfo();
      this.history = { length: info.historyLength, continueAsNewSuggested: info.continueAsNewSuggested };
      batch.forEach((q, i) => {
        if (ANSWERING.has(q.op.op)) this.results.set(q.id, results[i]);
      });
      if (batch.length) this.writtenThrough = batch.at(-1)!.id;
      if (summary) this.savedVersion = Math.max(this.savedVersion, version);
      this.inFlight = false;
    }
  }

  /** Upserts the search attributes whose value changed (all of them at a run's first write). */
  private syncSearchAttributes(): void {
    const s = this.state;
    const gateOpen = s.status === 'active' && s.gate !== null && s.gate.verdict === null;
    const pairs: SearchAttributeUpdatePair[] = [
      { key: SearchAttr.phase, value: s.phase },
      { key: SearchAttr.status, value: s.status },
      { key: SearchAttr.lead, value: s.lead },
      { key: SearchAttr.overrun, value: s.clocks.total.overrun },
      { key: SearchAttr.deadline, value: s.clocks.total.deadline ? new Date(s.clocks.total.deadline) : null },
      { key: SearchAttr.gateOpenedAt, value: gateOpen ? new Date(s.gate!.openedAt) : null },
    ];
    const changed = pairs.filter((p) => {
      const v = JSON.stringify(p.value);
      if (this.searchAttributes.get(p.key.name) === v) return false;
      this.searchAttributes.set(p.key.name, v);
      return true;
    });
    if (changed.length) upsertSearchAttributes(changed);
  }
}

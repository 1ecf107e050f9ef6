import { allocationProblems } from '../../domain/allocation';
import { CLOCK_LABEL, deadlineOf, type ClockEvent, type ClockName } from '../../domain/clocks';
import type { EffectFailure, EffectRef, EffectResult, EffectSpec, NotificationSpec } from '../../domain/effects';
import { ErrorCode, refusal, type Refusal } from '../../domain/errors';
import { newFindingSchema, type FindingCategory, type NewFinding } from '../../domain/findings';
import {
  allocationRefusal,
  closedRefusal,
  gateDecisionRefusal,
  huntRefusal,
  leadAssignmentRefusal,
  leadOnlyRefusal,
  manageRefusal,
  missingRequiredItems,
  phaseRefusal,
  workItemRefusal,
} from '../../domain/gates';
import type { Actor } from '../../domain/identity';
import type * as msg from '../../domain/messages';
import type { IntelSummary } from '../../domain/mission';
import type { ArtifactRef } from '../../domain/mission-artifacts';
import { MAX_PENDING_CONTAINMENTS, MAX_QUEUED_EFFECTS, MAX_REMEMBERED_ANSWERS, MAX_INBOX_CHARS, MAX_SQUAD, type InboxEntry, type MissionCore, type PendingContainment } from '../../domain/mission-core';
import type { WorkItemName } from '../../domain/mission-types';
import { nextPhase, type Phase } from '../../domain/phases';
import type { FindingAdded, FindingWithdrawn, QueryRunRow, StoreOp } from '../../domain/store-ops';
import { prioritise, WORK_ITEM_PAYLOADS, type RecordableItem } from '../../domain/work-items';

/** Where the machine's writes go: the workflow's store writer. Answers the operation's number. */
export interface OpSink {
  write(op: StoreOp): number;
}

/** A finding given its id, waiting for the store to say whether it is new. */
export interface ProposedFinding {
  id: string;
  finding: NewFinding;
  author: string;
  opId: number;
  /** What the finding calls for, written with it when it is new (and queued to run once the store says so). */
  effects: EffectRef[];
}

const issues = (prefix: string, error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`);

const invalid = (what: string, problems: string[]) =>
  refusal(ErrorCode.InvalidInput, `invalid ${what}: ${problems.join('; ')}`, problems.map((p) => p.split(':')[0]!));

/**
 * The mission: its typed state and its rules, one method per command. A validator method answers a
 * typed refusal (or undefined); a command method changes the state and writes what the store must
 * keep through the sink. The workflow maps messages to these methods and runs the phase loop; this
 * class does no I/O and knows nothing of Temporal but the clock, so it is tested on its own.
 */
export class MissionMachine {
  /** Set while the mission hands over to its next run: new Updates are refused as busy. */
  draining = false;
  /** Set while the report's release runs: it waits for an effect (the comms), so effects go on during a hand-over. */
  releasing = false;
  /**
   * How this run hands over: holding signalled findings for the next run and pausing effects at
   * once (true), or as runs did before that (false: a run recorded then replays as it ran). Set by
   * the workflow, from its patch marker, when the hand-over starts.
   */
  handOverHolds = false;
  /**
   * Whether findings past the inbox's bound are kept in the store for the next run (true), or stored
   * as findings at once, holding up the hand-over (false: as runs recorded before it replay). Set by
   * the workflow, from its patch marker, when the hand-over starts.
   */
  handOverKeeps = false;
  /** The size of the findings held in the inbox during this run's hand-over. */
  private inboxChars = 0;
  /** Effects whose log entry is not yet written: they may not run before it is (by op number). */
  private readonly effectWrittenBy = new Map<string, number>();

  /**
   * The effects this run has taken into its queue (from a finding's answer or from a refill), and
   * those running now: effects are queued as their findings' answers come, not in the order of their
   * numbers, so a refill from the store may meet one whose finding's answer is still on its way.
   */
  private readonly seen: Set<string>;
  private readonly runningIds = new Set<string>();

  constructor(
    readonly state: MissionCore,
    private readonly sink: OpSink,
  ) {
    this.seen = new Set(state.effects.queue.map((e) => e.id));
  }

  now(): string {
    return new Date().toISOString();
  }

  get ack(): msg.UpdateAck {
    const s = this.state;
    return { phase: s.phase, status: s.status, openGate: s.status === 'active' && s.gate && !s.gate.verdict ? s.gate.phase : null };
  }

  private touch(): void {
    this.state.version++;
  }

  /** What an Update with this request id answered before (this run or an earlier one), if it did. */
  answerTo(requestId: string | undefined): msg.UpdateAck | undefined {
    if (!requestId) return undefined;
    return this.state.answers?.find(([id]) => id === requestId)?.[1];
  }

  /** Remembers an Update's answer by its request id, for its retries (the latest ones only). */
  answered(requestId: string | undefined, ack: msg.UpdateAck): void {
    if (!requestId) return;
    const answers = (this.state.answers ??= []);
    answers.push([requestId, ack]);
    if (answers.length > MAX_REMEMBERED_ANSWERS) answers.splice(0, answers.length - MAX_REMEMBERED_ANSWERS);
  }

  audit(actor: string | Actor, action: string, detail?: string): void {
    this.sink.write(this.auditEntry(actor, action, detail));
  }

  /** The next audit entry (numbered, and the mission's latest activity), for the caller to write. */
  private auditEntry(actor: string | Actor, action: string, detail?: string): Extract<StoreOp, { op: 'audit' }> {
    const s = this.state;
    const at = this.now();
    const who = typeof actor === 'string' ? actor : actor.id;
    s.latest = { at, actor: who, action };
    this.touch();
    return { op: 'audit', seq: ++s.counters.audit, at, actor: who, action, ...(detail === undefined ? {} : { detail: detail.slice(0, 4000) }) };
  }

  private item(phase: Phase, name: WorkItemName, status: 'done' | 'failed', by: string, data: Record<string, unknown>): void {
    const at = this.now();
    (this.state.items[phase] ??= {})[name] = { status, by, at };
    this.sink.write({ op: 'work-item', phase, item: name, status, by, at, data });
    this.touch();
  }

  hasItem(phase: Phase, name: WorkItemName): boolean {
    return Boolean(this.state.items[phase]?.[name]);
  }

  /**
   * During a hand-over, findings that come by signal wait in the inbox for the next run (which
   * stores them first) instead of being stored now: a steady stream of them would otherwise keep
   * the hand-over from finishing. When they would take the inbox past its bound, the inbox goes to
   * the store as a kept batch (one write, nobody waits for it but the hand-over) and starts again
   * with them; a signal larger than the bound by itself is a kept batch of its own. A batch is thus
   * never larger than the bound or one signal, whichever is larger (it is one activity's input, and
   * later its answer). False (store them now) when not handing over, or, in a run recorded before
   * batches were kept, when the inbox is full.
   */
  holdForNextRun(findings: NewFinding[], author: string): boolean {
    if (!this.draining || !this.handOverHolds) return false;
    const chars = JSON.stringify(findings).length;
    if (this.inboxChars + chars > MAX_INBOX_CHARS) {
      if (!this.handOverKeeps) return false;
      if (this.state.inbox?.length) this.keep(this.state.inbox);
      delete this.state.inbox;
      this.inboxChars = 0;
      if (chars > MAX_INBOX_CHARS) {
        this.keep([{ findings, author }]);
        return true;
      }
    }
    this.inboxChars += chars;
    (this.state.inbox ??= []).push({ findings, author });
    return true;
  }

  private keep(entries: InboxEntry[]): void {
    const kept = (this.state.kept ??= { first: 1, next: 1 });
    this.sink.write({ op: 'inbox.keep', seq: kept.next++, entries });
  }

  /** The findings the previous run held for this one, taken out of the state. */
  takeInbox(): InboxEntry[] {
    const inbox = this.state.inbox ?? [];
    delete this.state.inbox;
    return inbox;
  }

  /** The number of the oldest batch a previous run kept in the store, if one is left to store. */
  nextKeptBatch(): number | undefined {
    const k = this.state.kept;
    return k && k.first < k.next ? k.first : undefined;
  }

  /** The kept batch `seq` is stored as findings: the store lets it go. */
  keptBatchStored(seq: number): void {
    this.sink.write({ op: 'inbox.drop', seq });
    this.state.kept!.first = seq + 1;
  }

  private busy(): Refusal | undefined {
    return this.draining ? refusal(ErrorCode.Busy, 'the mission is handing over to its next run; retry in a moment') : undefined;
  }

  // ── effects ───────────────────────────────────────────────────────────────────────────────────

  /** A new entry of the effect log, queued to run once its entry is written. */
  effect(spec: EffectSpec, key: string, subject?: string): EffectRef {
    const { ref, op } = this.prepareEffect(spec, key, subject);
    this.queueEffect(ref, this.sink.write(op));
    return ref;
  }

  /** An entry of the effect log given its number, not yet written nor queued. */
  private prepareEffect(spec: EffectSpec, key: string, subject?: string): { ref: EffectRef; op: StoreOp } {
    const seq = ++this.state.counters.effects;
    const ref: EffectRef = { id: `E${seq}`, kind: spec.kind, key, ...(subject ? { subject } : {}) };
    return { ref, op: { op: 'effect.add', id: ref.id, seq, kind: spec.kind, key, ...(subject ? { subject } : {}), spec, at: this.now() } };
  }

  private queueEffect(ref: EffectRef, writtenBy: number): void {
    const s = this.state;
    this.effectWrittenBy.set(ref.id, writtenBy);
    if (this.seen.has(ref.id)) {
      // A refill took it already, counting it as one that waited in the store: it did not.
      s.effects.deferred++;
      return;
    }
    // Once effects wait in the store, newer ones wait behind them: the log runs in order.
    if (s.effects.deferred <= 0 && s.effects.queue.length < MAX_QUEUED_EFFECTS) this.enqueue([ref]);
    else s.effects.deferred++;
    this.touch();
  }

  notify(key: string, n: NotificationSpec): EffectRef {
    return this.effect({ kind: 'notify', notification: n }, key, n.kind);
  }

  /** The op whose write makes the effect's entry exist (0: written in an earlier run). */
  effectWrittenByOp(id: string): number {
    return this.effectWrittenBy.get(id) ?? 0;
  }

  /** Takes the next queued effect to run, if any. */
  nextEffect(): EffectRef | undefined {
    const e = this.state.effects.queue.shift();
    if (e) {
      this.runningIds.add(e.id);
      this.state.effects.running++;
      this.touch();
    }
    return e;
  }

  /** Effects that waited in the store beyond the queue's bound, taken back into the queue. */
  refill(effects: EffectRef[]): void {
    const e = this.state.effects;
    const known = new Set(e.queue.map((x) => x.id));
    // None this run holds: one started a moment ago is still pending in the store.
    const fresh = effects.filter((x) => !known.has(x.id) && !this.seen.has(x.id));
    this.enqueue(fresh);
    // Exact, not clamped: one taken before its finding's answer came goes below zero until the answer
    // comes (and counts it back); the summary shows it once, as queued.
    e.deferred -= fresh.length;
    this.touch();
  }

  private enqueue(refs: EffectRef[]): void {
    this.state.effects.queue.push(...refs);
    for (const r of refs) this.seen.add(r.id);
  }

  /** The effects a refill must not bring back: those queued and those running. */
  heldEffects(): string[] {
    return [...this.state.effects.queue.map((e) => e.id), ...this.runningIds];
  }

  private leadOrManagers(): string[] {
    return [this.state.lead ?? 'hunt-managers'];
  }

  effectSucceeded(e: EffectRef, r: EffectResult, retried = false): void {
    const s = this.state;
    this.runningIds.delete(e.id);
    if (retried) s.effects.failed = Math.max(0, s.effects.failed - 1);
    else s.effects.running = Math.max(0, s.effects.running - 1);
    s.effects.done++;
    if (s.effects.failed === 0) s.effects.alerted = false;
    const ref = r.ref ? `${r.ref.system} ${r.ref.id}` : '';
    switch (e.kind) {
      case 'notify':
        if (e.key.startsWith('visibility-gap:')) this.audit('capeo', 'visibility-gap.raised', `${e.key.slice('visibility-gap:'.length)} → ${ref}`);
        if (e.subject === 'intel-highlight') this.item('collect', 'stakeholder-highlight', 'done', 'capeo', { notification: r.ref?.id ?? null });
        if (e.subject === 'comms') {
          this.item('outcomes', 'comms', 'done', 'capeo', { notification: r.ref?.id ?? null, to: s.audience });
          this.audit('capeo', 'comms.sent', ref);
        }
        break;
      case 'finding-ticket':
        this.audit('capeo', 'finding.documented', `${e.subject} → ${ref}`);
        break;
      case 'escalate':
        if (r.skipped) this.audit('capeo', 'finding.escalation-skipped', `${e.subject}: ${r.skipped}`);
        else {
          s.findings.escalated++;
          this.audit('capeo', 'finding.escalated', `${e.subject} → ${ref}`);
        }
        break;
      case 'push-tip':
        this.audit('capeo', 'finding.pushed-to-tip', `${e.subject} → ${ref}`);
        break;
      case 'channel':
        if (r.ref) s.external.channel = r.ref;
        this.item('plan', 'comms-channel', 'done', 'capeo', { channel: s.channelName, id: r.ref?.id ?? null });
        this.audit('capeo', 'channel.created', ref || s.channelName);
        break;
      case 'channel-invite':
        this.audit('capeo', 'channel.invited', e.subject);
        break;
      case 'action-plan':
        if (r.ref) s.external.epic = r.ref;
        this.item('plan', 'action-plan', 'done', 'capeo', { epic: r.ref?.id ?? null });
        this.audit('capeo', 'action-plan.created', ref);
        break;
      case 'containment':
        this.audit('capeo', 'containment.executed', `${e.subject} → ${ref}`);
        break;
    }
    this.touch();
  }

  /**
   * An effect failed for good: audited, counted, its system item settled as failed (so no gate waits
   * on it), and the lead and the hunt managers alerted, once until the failures are cleared.
   */
  effectFailed(e: EffectRef, f: EffectFailure, retried = false): void {
    const s = this.state;
    this.runningIds.delete(e.id);
    if (!retried) {
      s.effects.running = Math.max(0, s.effects.running - 1);
      s.effects.failed++;
    }
    this.sink.write({ op: 'effect.state', id: e.id, state: 'failed', error: f.message.slice(0, 2000), errorType: f.type, attempts: f.attempts });
    this.audit('capeo', retried ? 'effect.retry-failed' : 'effect.failed', `${e.id} ${e.kind} ${e.key}: ${f.type}: ${f.message}`);
    if (!retried) {
      if (e.kind === 'notify' && e.subject === 'intel-highlight') this.item('collect', 'stakeholder-highlight', 'failed', 'capeo', { effect: e.id });
      if (e.kind === 'notify' && e.subject === 'comms') this.item('outcomes', 'comms', 'failed', 'capeo', { effect: e.id });
      if (e.kind === 'channel') this.item('plan', 'comms-channel', 'failed', 'capeo', { effect: e.id });
      if (e.kind === 'action-plan') this.item('plan', 'action-plan', 'failed', 'capeo', { effect: e.id });
    }
    if (!s.effects.alerted && !(e.kind === 'notify' && e.subject === 'effects-failed')) {
      s.effects.alerted = true;
      this.notify(`effects-failed:${s.counters.effects + 1}`, {
        kind: 'effects-failed',
        to: [...this.leadOrManagers(), 'hunt-managers'],
        subject: `[${s.displayName}] A side effect failed: ${e.kind} ${e.key}`,
        text:
          `${e.kind} ${e.key} (${e.id}) failed after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}: ${f.type}: ${f.message}\n\n` +
          `The mission goes on. Once the integration works again, retry the failed effects: POST /missions/${s.missionId}/effects/retry ` +
          `(or: capeo effects retry ${s.missionId}). Further failures are not alerted until these are cleared.`,
      });
    }
    this.touch();
  }

  validateRetryEffects(actor: Actor): Refusal | undefined {
    return this.busy() ?? manageRefusal(this.state, actor, 'retries failed effects');
  }

  // ── phases and gates ──────────────────────────────────────────────────────────────────────────

  enterPhase(phase: Phase): void {
    this.state.phase = phase;
    this.state.gate = null;
    this.audit('capeo', 'phase.entered', phase);
  }

  openGate(): void {
    const s = this.state;
    const round = s.gate && s.gate.phase === s.phase ? s.gate.round + 1 : 1;
    s.gate = { phase: s.phase, round, openedAt: this.now(), remindersSent: 0, verdict: null };
    this.audit('capeo', round === 1 ? 'gate.opened' : 'gate.reopened', s.phase);
  }

  validateDecideGate(i: msg.GateDecisionInput): Refusal | undefined {
    const { actor, ...decision } = i;
    return this.busy() ?? gateDecisionRefusal(this.state, decision, actor);
  }

  /** The decision is written once, on this round of the gate; the phase loop acts on it. */
  decideGate(i: msg.GateDecisionInput, auto = false): number {
    const s = this.state;
    const gate = s.gate!;
    gate.verdict = { decision: i.decision, by: i.actor.id, at: this.now(), ...(i.reason ? { reason: i.reason } : {}) };
    const detail = auto ? `${i.gate}: ${i.reason}` : i.reason ? `${i.gate}: ${i.reason}` : i.gate;
    this.audit(i.actor, `gate.${i.decision === 'approve' ? 'approved' : 'rejected'}`, detail);
    return gate.round;
  }

  /** Has the phase loop acted on the decision of this round (moved on, reopened, or ended)? */
  verdictApplied(gate: Phase, round: number): boolean {
    const s = this.state;
    if (s.status !== 'active') return true;
    if (s.phase !== gate) return s.gate !== null;
    return s.gate !== null && s.gate.round > round;
  }

  /** The next gate reminder: counted, notified to whoever decides, audited. */
  remindGate(): void {
    const s = this.state;
    const gate = s.gate!;
    gate.remindersSent++;
    const n = gate.remindersSent;
    this.notify(`gate-reminder:${gate.phase}:${gate.round}:${n}`, {
      kind: 'gate-reminder',
      to: this.leadOrManagers(),
      subject: `[${s.displayName}] The ${gate.phase} gate awaits your decision`,
      text: `The ${gate.phase} gate of ${s.displayName} has been open for ${n * s.policy.gateReminderHours} h.`,
    });
    this.audit('capeo', 'gate.reminder', `${gate.phase} #${n}`);
  }

  close(status: 'completed' | 'not_qualified' | 'cancelled', reason: string): void {
    const s = this.state;
    s.status = status;
    s.closedReason = reason;
    this.audit('capeo', `mission.${status}`, reason);
  }

  /** Where the phase loop goes after an approved gate: the next phase, or the end. */
  next(): Phase | undefined {
    return nextPhase(this.state.phase);
  }

  // ── clocks ────────────────────────────────────────────────────────────────────────────────────

  startClock(which: ClockName): void {
    const c = this.state.clocks[which];
    if (c.startedAt) return;
    c.startedAt = this.now();
    this.applyAllocation();
    this.audit('capeo', `clock.${which}.started`);
  }

  stopClock(which: ClockName): void {
    const c = this.state.clocks[which];
    if (!c.startedAt || c.stoppedAt) return;
    c.stoppedAt = this.now();
    this.audit('capeo', `clock.${which}.stopped`);
  }

  private applyAllocation(): void {
    const { allocation: a, clocks } = this.state;
    if (a) {
      clocks.total.allocatedHours = a.totalHuntHours;
      clocks.execution.allocatedHours = a.executionPhaseHours;
    }
    clocks.total.deadline = deadlineOf(clocks.total);
    clocks.execution.deadline = deadlineOf(clocks.execution);
    this.touch();
  }

  /** A clock reached a warning fraction or its expiry; answers whether the Execute gate is approved by policy. */
  clockFired(e: ClockEvent): boolean {
    const s = this.state;
    const c = s.clocks[e.which];
    c.warningsSent.push(e.fraction);
    const pct = Math.round(e.fraction * 100);
    const expired = e.fraction >= 1;
    if (expired) c.overrun = true;
    this.audit('capeo', expired ? `clock.${e.which}.${e.which === 'total' ? 'overrun' : 'expired'}` : `clock.${e.which}.warning`, `${pct}%`);
    let text = `${CLOCK_LABEL[e.which]} of ${s.displayName}: ${pct}% of ${c.allocatedHours} h used.`;
    if (expired && e.which === 'total') text += ' The mission has overrun its allocation; it continues, and the lead is asked to act.';
    const missing = missingRequiredItems(s);
    const gateOpen = s.phase === 'execute' && s.gate !== null && s.gate.verdict === null;
    const autoAdvance = expired && e.which === 'execution' && s.policy.autoAdvanceOnExecutionExpiry && gateOpen;
    if (expired && e.which === 'execution') {
      text +=
        autoAdvance && missing.length === 0
          ? ' The Execution Phase is over; by policy the mission moves to Outcomes.'
          : ' The Execution Phase is over: please decide the Execute gate to move to Outcomes.';
      if (autoAdvance && missing.length) text += ` Automatic advance is blocked until these are done: ${missing.join(', ')}.`;
    }
    this.notify(`clock:${e.which}:${e.fraction}`, {
      kind: expired ? (e.which === 'total' ? 'clock-overrun' : 'execution-expired') : 'clock-warning',
      to: expired && e.which === 'total' ? [...this.leadOrManagers(), 'hunt-managers'] : this.leadOrManagers(),
      subject: `[${s.displayName}] ${CLOCK_LABEL[e.which]} ${expired ? (e.which === 'total' ? 'overrun' : 'reached') : `at ${pct}%`}`,
      text,
    });
    if (autoAdvance && missing.length === 0) {
      this.decideGate({ gate: 'execute', decision: 'approve', reason: 'execution phase duration reached (policy: advance automatically)', actor: { id: 'capeo', role: 'manager' } }, true);
      return true;
    }
    return false;
  }

  // ── collect ───────────────────────────────────────────────────────────────────────────────────

  intelPulled(intel: IntelSummary): void {
    const s = this.state;
    s.intel = { source: intel.source, indicators: intel.indicators, reports: intel.reports, observables: intel.observables, matched: intel.matched.length };
    this.item('collect', 'intel', 'done', 'capeo', intel as unknown as Record<string, unknown>);
    this.audit('capeo', 'intel.collected', `${intel.matched.length} relevant objects from ${intel.source}`);
    const highlights = intel.matched.slice(0, 10).map((o) => `- ${o.type}: ${o.name}`);
    this.notify('intel-highlight', {
      kind: 'intel-highlight',
      to: s.stakeholders.length ? s.stakeholders : ['threat-intel'],
      subject: `[${s.displayName}] Threats relevant to: ${s.topic}`,
      text: highlights.length ? `Relevant intel from ${intel.source}:\n${highlights.join('\n')}` : `No matching intel in ${intel.source} yet.`,
    });
  }

  /** The TIP could not be read: the intel item is settled as failed (the hunt goes on), and audited. */
  intelFailed(error: string): void {
    const s = this.state;
    this.item('collect', 'intel', 'failed', 'capeo', { error });
    this.item('collect', 'stakeholder-highlight', 'failed', 'capeo', { error: 'no intel to highlight' });
    this.audit('capeo', 'intel.failed', error);
    if (!s.effects.alerted) {
      s.effects.alerted = true;
      this.notify('intel-failed', {
        kind: 'effects-failed',
        to: [...this.leadOrManagers(), 'hunt-managers'],
        subject: `[${s.displayName}] Threat intel could not be pulled from the TIP`,
        text: `${error}\n\nThe mission goes on without it; the Collect gate can be decided.`,
      });
    }
  }

  // ── analyze and plan: the lead, the allocation, the squad, work items ───────────────────────

  validateAssignLead(i: msg.AssignLeadInput): Refusal | undefined {
    return this.busy() ?? leadAssignmentRefusal(this.state, i.actor);
  }

  assignLead(i: msg.AssignLeadInput): void {
    const s = this.state;
    s.lead = i.lead;
    if (s.phase === 'plan') this.item('plan', 'lead', 'done', i.actor.id, { lead: i.lead });
    this.audit(i.actor, 'lead.assigned', i.lead);
  }

  /** On entering Plan: a lead or an allocation set earlier counts for its items. */
  carryIntoPlan(): void {
    const s = this.state;
    if (s.lead && !this.hasItem('plan', 'lead')) this.item('plan', 'lead', 'done', 'capeo', { lead: s.lead });
    if (s.allocation && !this.hasItem('plan', 'time-allocation')) this.item('plan', 'time-allocation', 'done', 'capeo', { ...s.allocation });
  }

  validateRecordWorkItem(i: msg.WorkItemInput): Refusal | undefined {
    const r = this.busy() ?? workItemRefusal(this.state, i.item, i.actor);
    if (r) return r;
    const parsed = WORK_ITEM_PAYLOADS[i.item as RecordableItem].safeParse(i.data);
    if (!parsed.success) {
      const problems = issues('data', parsed.error);
      return refusal(ErrorCode.InvalidWorkItem, `invalid '${i.item}': ${problems.join('; ')}`, problems.map((p) => p.split(':')[0]!));
    }
    return undefined;
  }

  recordWorkItem(i: msg.WorkItemInput): void {
    const s = this.state;
    const item = i.item as RecordableItem;
    let data = WORK_ITEM_PAYLOADS[item].parse(i.data) as Record<string, unknown>;
    if (item === 'feasibility') {
      s.prioritisation = prioritise(WORK_ITEM_PAYLOADS.feasibility.parse(i.data), s.policy.prioritisation);
      data = { ...data, prioritisation: s.prioritisation };
    }
    this.item(s.phase, item, 'done', i.actor.id, data);
    this.audit(i.actor, 'work-item.recorded', `${s.phase}.${item}`);
    if (item === 'objectives') {
      s.objectives = WORK_ITEM_PAYLOADS.objectives.parse(i.data).objectives;
      const version = s.counters.effects + 1;
      this.effect({ kind: 'action-plan', title: s.displayName, description: s.topic, objectives: s.objectives }, `action-plan#${version}`);
    }
  }

  validateSetAllocation(i: msg.SetAllocationInput): Refusal | undefined {
    const problems = allocationProblems(i.allocation, this.state.policy.maxExecutionRatio);
    if (this.state.allocation && !i.reason) problems.push('reason: an amendment of the allocation needs a reason');
    return this.busy() ?? allocationRefusal(this.state, i.actor, problems);
  }

  setAllocation(i: msg.SetAllocationInput): void {
    const s = this.state;
    const amended = s.allocation !== null;
    s.allocation = i.allocation;
    this.applyAllocation();
    if (s.phase === 'plan') this.item('plan', 'time-allocation', 'done', i.actor.id, { ...i.allocation });
    const a = i.allocation;
    this.audit(i.actor, amended ? 'allocation.amended' : 'allocation.set', `total ${a.totalHuntHours}h, execution ${a.executionPhaseHours}h${i.reason ? `: ${i.reason}` : ''}`);
  }

  validateInviteHunters(i: msg.InviteHuntersInput): Refusal | undefined {
    const s = this.state;
    const r = this.busy() ?? leadOnlyRefusal(s, i.actor, 'invites hunters');
    if (r) return r;
    if (!s.lead) return refusal(ErrorCode.MissingItems, 'assign the mission lead before forming the squad', ['lead']);
    if (i.hunters.includes(s.lead)) return refusal(ErrorCode.InvalidInput, 'the lead is not invited to their own squad', ['hunters']);
    const after = new Set([...Object.keys(s.squad), ...i.hunters]).size;
    if (after > MAX_SQUAD) return refusal(ErrorCode.InvalidInput, `a squad has at most ${MAX_SQUAD} members`, ['hunters']);
    return undefined;
  }

  inviteHunters(i: msg.InviteHuntersInput): void {
    const s = this.state;
    for (const h of i.hunters) if (s.squad[h]?.status !== 'accepted') s.squad[h] = { status: 'invited', invitedAt: this.now() };
    this.audit(i.actor, 'squad.invited', i.hunters.join(', '));
  }

  validateSquadResponse(i: msg.SquadResponseInput): Refusal | undefined {
    const s = this.state;
    const r = this.busy() ?? closedRefusal(s);
    if (r) return r;
    const invitation = s.squad[i.actor.id];
    if (!invitation) return refusal(ErrorCode.NotEntitled, `${i.actor.id} has not been invited to this squad`);
    if (invitation.status !== 'invited') return refusal(ErrorCode.Duplicate, `${i.actor.id} already ${invitation.status}`);
    return undefined;
  }

  respondToInvitation(i: msg.SquadResponseInput): void {
    const s = this.state;
    s.squad[i.actor.id] = { ...s.squad[i.actor.id]!, status: i.accept ? 'accepted' : 'declined', respondedAt: this.now() };
    this.audit(i.actor, i.accept ? 'squad.accepted' : 'squad.declined', i.reason);
    const accepted = Object.entries(s.squad).filter(([, x]) => x.status === 'accepted').map(([id]) => id);
    if (i.accept && s.squadFormedAt) this.effect({ kind: 'channel-invite', name: s.channelName, member: i.actor.id }, `channel-invite:${i.actor.id}`, i.actor.id);
    if (!s.squadFormedAt && accepted.length >= s.policy.minSquadSize) {
      s.squadFormedAt = this.now();
      this.item('plan', 'squad', 'done', 'capeo', { hunters: accepted.length });
      this.audit('capeo', 'squad.formed', `${accepted.length} hunters`);
      const members = [s.lead, ...accepted].filter((x): x is string => Boolean(x));
      this.effect({ kind: 'channel', name: s.channelName, topic: `${s.displayName}: ${s.topic}`, members }, 'channel');
    }
  }

  // ── execute: findings, queries, containment, sweeps ──────────────────────────────────────────

  validateAddFinding(i: msg.AddFindingInput): Refusal | undefined {
    const r = this.busy() ?? huntRefusal(this.state, i.actor, 'record findings') ?? phaseRefusal(this.state, ['execute'], 'recording findings');
    if (r) return r;
    const parsed = newFindingSchema.safeParse(i.finding);
    return parsed.success ? undefined : invalid('finding', issues('finding', parsed.error));
  }

  /**
   * Gives a finding its id and writes it, in one operation with what it calls for (its ticket, its
   * escalation, its notification, its TIP push) and its audit entry: the store applies those only if
   * the finding is new (a source key it already has is that finding, audited as repeated). One write
   * per finding, whatever it turns out to be.
   */
  proposeFinding(f: NewFinding, author: string): ProposedFinding {
    const s = this.state;
    const seq = ++s.counters.findings;
    const id = `F${seq}`;
    const prepared = this.effectsOf(id, f).map(([spec, key]) => this.prepareEffect(spec, key, id));
    const audit = this.auditEntry(author, 'finding.added', `${id} ${f.category}: ${f.title}`);
    // Counted now, so the summary written with the finding counts it; a repeat is taken back off.
    s.findings.total++;
    s.findings.byCategory[f.category]++;
    s.effects.proposed = (s.effects.proposed ?? 0) + prepared.length;
    const opId = this.sink.write({
      op: 'finding.add',
      seq,
      finding: { ...f, id, status: 'open', author, at: this.now() },
      onCreated: [audit, ...prepared.map((p) => p.op)],
      onKnown: [{ ...audit, action: 'finding.repeated', detail: `${f.sourceKey ?? id}: recorded before; nothing new` }],
    });
    return { id, finding: f, author, opId, effects: prepared.map((p) => p.ref) };
  }

  /** What a new finding calls for: its ticket always, and what its category adds. */
  private effectsOf(id: string, f: NewFinding): Array<[EffectSpec, string]> {
    const s = this.state;
    const out: Array<[EffectSpec, string]> = [[{ kind: 'finding-ticket', findingId: id, code: s.code }, `finding:${id}`]];
    if (f.category === 'suspicious-security-event') {
      out.push([{ kind: 'escalate', findingId: id, code: s.code, displayName: s.displayName, to: ['incident-response', ...this.leadOrManagers()] }, `incident:${id}`]);
    }
    if (f.category === 'visibility-gap') {
      const notification: NotificationSpec = {
        kind: 'visibility-gap',
        to: ['soc-engineering', ...this.leadOrManagers()],
        subject: `[${s.displayName}] Urgent visibility gap: ${f.title}`,
        text: f.description || f.title,
      };
      out.push([{ kind: 'notify', notification }, `visibility-gap:${id}`]);
    }
    if (f.category === 'ti-event-of-interest') out.push([{ kind: 'push-tip', findingId: id }, `tip:${id}`]);
    return out;
  }

  /** The store answered: what a new finding calls for may run (its entries are written); a repeat is not counted. */
  findingStored(p: ProposedFinding, r: FindingAdded): void {
    const s = this.state;
    s.effects.proposed = Math.max(0, (s.effects.proposed ?? 0) - p.effects.length);
    if (r.created) for (const e of p.effects) this.queueEffect(e, p.opId);
    else {
      s.findings.total--;
      s.findings.byCategory[p.finding.category]--;
    }
    this.touch();
  }

  validateWithdrawFinding(i: msg.WithdrawFindingInput): Refusal | undefined {
    const s = this.state;
    const r = this.busy() ?? huntRefusal(s, i.actor, 'withdraw findings');
    if (r) return r;
    const n = Number(/^F(\d+)$/.exec(i.findingId)?.[1] ?? NaN);
    if (!(n >= 1 && n <= s.counters.findings)) return refusal(ErrorCode.NotFound, `no finding ${i.findingId}`);
    return undefined;
  }

  withdrawFinding(i: msg.WithdrawFindingInput): number {
    const opId = this.sink.write({ op: 'finding.withdraw', findingId: i.findingId, reason: i.reason, by: i.actor.id, at: this.now() });
    this.touch();
    return opId;
  }

  findingWithdrawn(i: msg.WithdrawFindingInput, r: FindingWithdrawn): Refusal | undefined {
    if (!r.withdrawn) {
      return r.category ? refusal(ErrorCode.Duplicate, `finding ${i.findingId} is already withdrawn`) : refusal(ErrorCode.NotFound, `no finding ${i.findingId}`);
    }
    const s = this.state;
    const category = r.category as FindingCategory;
    s.findings.byCategory[category] = Math.max(0, s.findings.byCategory[category] - 1);
    s.findings.total = Math.max(0, s.findings.total - 1);
    s.findings.withdrawn++;
    this.audit(i.actor, 'finding.withdrawn', `${i.findingId}: ${i.reason}`);
    return undefined;
  }

  validateRunQuery(i: msg.RunQueryInput): Refusal | undefined {
    const r = this.busy() ?? huntRefusal(this.state, i.actor, 'interrogate data') ?? phaseRefusal(this.state, ['execute'], 'interrogating data');
    if (r) return r;
    if (Date.parse(i.from) >= Date.parse(i.to)) return refusal(ErrorCode.InvalidInput, 'from must be before to', ['from']);
    return undefined;
  }

  reserveQuery(): { id: string; seq: number } {
    const seq = ++this.state.counters.queries;
    this.touch();
    return { id: `Q${seq}`, seq };
  }

  queryRan(run: QueryRunRow): void {
    this.sink.write({ op: 'query', run });
    this.item('execute', 'queries', 'done', 'capeo', { runs: this.state.counters.queries });
    this.audit(run.by, 'query.run', `${run.id} ${run.title}: ${run.rowCount} rows`);
  }

  queryFailed(id: string, actor: Actor, error: string): void {
    this.audit(actor, 'query.failed', `${id}: ${error}`);
  }

  validateRequestContainment(i: msg.RequestContainmentInput): Refusal | undefined {
    const s = this.state;
    const r = this.busy() ?? huntRefusal(s, i.actor, 'request containment') ?? phaseRefusal(s, ['execute'], 'requesting containment');
    if (r) return r;
    if (s.containments.length >= MAX_PENDING_CONTAINMENTS) return refusal(ErrorCode.Duplicate, `${MAX_PENDING_CONTAINMENTS} containment requests already wait for DFIR`);
    if (i.findingId) {
      const n = Number(/^F(\d+)$/.exec(i.findingId)?.[1] ?? NaN);
      if (!(n >= 1 && n <= s.counters.findings)) return refusal(ErrorCode.NotFound, `no finding ${i.findingId}`);
    }
    return undefined;
  }

  requestContainment(i: msg.RequestContainmentInput): string {
    const s = this.state;
    const seq = ++s.counters.containments;
    const c: PendingContainment = { id: `C${seq}`, target: i.target, reason: i.reason, ...(i.findingId ? { findingId: i.findingId } : {}) };
    s.containments.push(c);
    this.sink.write({ op: 'containment', containment: { ...c, seq, requestedBy: i.actor.id, at: this.now(), status: 'pending-dfir' } });
    this.audit(i.actor, 'containment.requested', `${c.id} isolate ${c.target.kind} ${c.target.id}`);
    return c.id;
  }

  validateDecideContainment(i: msg.DecideContainmentInput): Refusal | undefined {
    const s = this.state;
    const r = this.busy() ?? closedRefusal(s);
    if (r) return r;
    if (i.actor.role !== 'dfir') return refusal(ErrorCode.NotEntitled, 'only the DFIR team decides containment');
    if (s.containments.some((c) => c.id === i.containmentId)) return undefined;
    const n = Number(/^C(\d+)$/.exec(i.containmentId)?.[1] ?? NaN);
    return n >= 1 && n <= s.counters.containments
      ? refusal(ErrorCode.Duplicate, `containment ${i.containmentId} is already decided`)
      : refusal(ErrorCode.NotFound, `no containment request ${i.containmentId}`);
  }

  /** DFIR decided; only an approval runs the containment, as an effect. */
  decideContainment(i: msg.DecideContainmentInput): void {
    const s = this.state;
    const c = s.containments.find((x) => x.id === i.containmentId)!;
    s.containments = s.containments.filter((x) => x !== c);
    const status = i.decision === 'approve' ? 'approved' : 'rejected';
    const seq = Number(c.id.slice(1));
    const at = this.now();
    this.sink.write({ op: 'containment', containment: { ...c, seq, requestedBy: '', at, status, dfir: { by: i.actor.id, at, decision: i.decision, reason: i.reason } } });
    this.audit(i.actor, `containment.${status}`, `${c.id}: ${i.reason}`);
    if (i.decision === 'approve') this.effect({ kind: 'containment', containmentId: c.id, target: c.target, reason: c.reason }, `containment:${c.id}`, c.id);
  }

  sweepCompleted(r: msg.SweepResults): void {
    const s = this.state;
    const at = this.now();
    s.sweeps = { count: s.sweeps.count + 1, lastAt: at, lastNew: r.newDomains.length };
    this.sink.write({ op: 'sweep', sweep: { sweep: r.sweep, at, candidates: r.candidates, registered: r.registered, unresolved: r.unresolved, wildcard: r.wildcard, newDomains: r.newDomains, findingCount: r.findingCount } });
    const wildcarded = r.wildcard ? `, ${r.wildcard} answered only by a wildcard` : '';
    this.audit('capeo', 'sweep.completed', `#${r.sweep}: ${r.candidates} candidates, ${r.registered} registered, ${r.unresolved} unresolved${wildcarded}, ${r.newDomains.length} new, ${r.findingCount} findings`);
  }

  // ── outcomes ──────────────────────────────────────────────────────────────────────────────────

  playbookWritten(ref: ArtifactRef): void {
    this.state.artifacts[ref.name] = ref;
    this.item('outcomes', 'playbook', 'done', 'capeo', { path: ref.path, sha256: ref.sha256 });
    this.audit('capeo', 'playbook.written', ref.path);
  }

  validateReleaseReport(i: msg.ReleaseReportInput): Refusal | undefined {
    const r = this.busy() ?? leadOnlyRefusal(this.state, i.actor, 'releases the report') ?? phaseRefusal(this.state, ['outcomes'], 'releasing the report');
    if (r) return r;
    if (this.hasItem('outcomes', 'report') || this.releasing) return refusal(ErrorCode.Duplicate, 'the report of this iteration is already released');
    return undefined;
  }

  reportReleased(files: ArtifactRef[], actor: Actor): void {
    for (const f of files) this.state.artifacts[f.name] = f;
    this.item('outcomes', 'report', 'done', actor.id, { files: files.map((f) => f.path) });
    this.audit(actor, 'report.released', files.map((f) => f.path).join(', '));
  }

  commsWritten(comms: { subject: string; text: string; files: ArtifactRef[] }): void {
    const s = this.state;
    for (const f of comms.files) s.artifacts[f.name] = f;
    this.notify('comms', { kind: 'comms', to: s.audience.length ? s.audience : ['security-newsletter'], subject: comms.subject, text: comms.text, htmlArtifact: 'comms.html' });
  }

  // ── cancellation ──────────────────────────────────────────────────────────────────────────────

  validateCancel(i: msg.CancelMissionInput): Refusal | undefined {
    return this.busy() ?? manageRefusal(this.state, i.actor, 'cancels');
  }

  cancel(i: msg.CancelMissionInput): void {
    this.audit(i.actor, 'mission.cancel-requested', i.reason);
    this.stopClock('execution');
    this.stopClock('total');
    this.close('cancelled', i.reason);
  }
}

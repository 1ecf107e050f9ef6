import { ApplicationFailure, upsertSearchAttributes } from '@temporalio/workflow';
import type { Refusal } from '../../domain/errors';
import type { Finding, NewFinding } from '../../domain/findings';
import type { Actor } from '../../domain/identity';
import type { UpdateAck } from '../../domain/messages';
import type { Clock, IntelSummary, MissionState, MissionWorkflowInput } from '../../domain/mission';
import { channelName, displayName } from '../../domain/nomenclature';
import type { Phase } from '../../domain/phases';
import { SearchAttr } from '../../domain/temporal-names';

/** Validators refuse by throwing this; the caller gets the code and the missing items synchronously. */
export function refuse(r: Refusal | undefined): void {
  if (r) throw ApplicationFailure.create({ type: r.code, message: r.message, details: [{ missing: r.missing }], nonRetryable: true });
}

const newClock = (): Clock => ({ startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false });
const HOUR = 3_600_000;

/** The mission's state and the mutations the handlers and the main flow apply to it. */
export class Mission {
  readonly state: MissionState;
  /** Bumped on every change, so waiting code can wake on "something happened". */
  version = 0;

  constructor(input: MissionWorkflowInput, missionId: string) {
    this.state = {
      missionId,
      code: input.code,
      codeName: input.codeName,
      displayName: displayName(input.code, input.codeName),
      channelName: channelName(input.code, input.codeName),
      type: input.type,
      iteration: input.iteration,
      topic: input.topic,
      trigger: input.trigger,
      keywords: input.keywords,
      requester: input.requester.id,
      stakeholders: input.stakeholders,
      audience: input.audience,
      policy: input.policy,
      status: 'active',
      phase: 'collect',
      openGate: null,
      lead: null,
      squad: {},
      squadFormedAt: null,
      allocation: null,
      clocks: { total: newClock(), execution: newClock() },
      workItems: {},
      intel: null,
      findings: [],
      queries: [],
      containments: [],
      brand: input.brand ?? null,
      sweeps: [],
      external: {},
      artifacts: {},
      previous: input.previous ?? null,
      closedReason: null,
      timeline: [],
    };
    this.audit(input.requester.id, 'mission.started', `${this.state.displayName}: ${input.topic}`);
    if (input.previous) this.audit('capeo', 'iteration.started', `from ${input.previous.missionId}`);
  }

  get ack(): UpdateAck {
    return { phase: this.state.phase, status: this.state.status, openGate: this.state.openGate };
  }

  now(): string {
    return new Date().toISOString();
  }

  audit(actor: string | Actor, action: string, detail?: string): void {
    this.version++;
    this.state.timeline.push({
      at: this.now(),
      actor: typeof actor === 'string' ? actor : actor.id,
      action,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  enterPhase(phase: Phase): void {
    this.state.phase = phase;
    this.state.openGate = null;
    this.audit('capeo', 'phase.entered', phase);
    upsertSearchAttributes([{ key: SearchAttr.phase, value: phase }]);
  }

  openGate(): void {
    this.state.openGate = this.state.phase;
    this.audit('capeo', 'gate.opened', this.state.phase);
    upsertSearchAttributes([{ key: SearchAttr.gateOpenedAt, value: new Date() }]);
  }

  /** The gate has been decided (or the mission ended): no gate is waiting any more. */
  gateDecided(): void {
    upsertSearchAttributes([{ key: SearchAttr.gateOpenedAt, value: null }]);
  }

  recordItem(item: string, by: string, data: Record<string, unknown>, phase: Phase = this.state.phase): void {
    const phaseItems = (this.state.workItems[phase] ??= {});
    phaseItems[item] = { by, at: this.now(), data };
    this.version++;
  }

  hasItem(phase: Phase, item: string): boolean {
    return Boolean(this.state.workItems[phase]?.[item]);
  }

  recordIntel(intel: IntelSummary): void {
    this.state.intel = intel;
    this.recordItem('intel', 'capeo', { source: intel.source, matched: intel.matched.length });
    this.audit('capeo', 'intel.collected', `${intel.matched.length} relevant objects from ${intel.source}`);
  }

  startClock(which: 'total' | 'execution'): void {
    const c = this.state.clocks[which];
    if (c.startedAt) return;
    c.startedAt = this.now();
    this.applyAllocation();
    this.audit('capeo', `clock.${which}.started`);
  }

  stopClock(which: 'total' | 'execution'): void {
    const c = this.state.clocks[which];
    if (!c.startedAt || c.stoppedAt) return;
    c.stoppedAt = this.now();
    this.audit('capeo', `clock.${which}.stopped`);
  }

  /** Allocation → clock budgets and deadlines; called when either changes. */
  applyAllocation(): void {
    const a = this.state.allocation;
    const { total, execution } = this.state.clocks;
    if (a) {
      total.allocatedHours = a.totalHuntHours;
      execution.allocatedHours = a.executionPhaseHours;
    }
    for (const c of [total, execution]) {
      c.deadline = c.startedAt && c.allocatedHours !== null ? new Date(Date.parse(c.startedAt) + c.allocatedHours * HOUR).toISOString() : null;
    }
    if (total.deadline) upsertSearchAttributes([{ key: SearchAttr.deadline, value: new Date(total.deadline) }]);
    this.version++;
  }

  addFinding(f: NewFinding, author: string): Finding {
    const existing = f.sourceKey ? this.state.findings.find((x) => x.sourceKey === f.sourceKey) : undefined;
    if (existing) return existing;
    const finding: Finding = { ...f, id: `F${this.state.findings.length + 1}`, status: 'open', author, at: this.now() };
    this.state.findings.push(finding);
    this.audit(author, 'finding.added', `${finding.id} ${finding.category}: ${finding.title}`);
    return finding;
  }

  close(status: 'completed' | 'not_qualified' | 'cancelled', reason: string): void {
    this.state.status = status;
    this.state.openGate = null;
    this.state.closedReason = reason;
    this.audit('capeo', `mission.${status}`, reason);
    upsertSearchAttributes([{ key: SearchAttr.status, value: status }]);
  }
}

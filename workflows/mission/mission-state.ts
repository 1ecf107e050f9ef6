import { ApplicationFailure } from '@temporalio/workflow';
import type { Refusal } from '../../domain/errors';
import type { Actor } from '../../domain/identity';
import type { IntelSummary, MissionState, MissionWorkflowInput } from '../../domain/mission';
import { displayName } from '../../domain/nomenclature';
import type { Phase } from '../../domain/phases';

/** Validators refuse by throwing this; the caller gets the code and the missing items synchronously. */
export function refuse(r: Refusal | undefined): void {
  if (r) throw ApplicationFailure.create({ type: r.code, message: r.message, details: [{ missing: r.missing }], nonRetryable: true });
}

/** The mission's state and the mutations the handlers and the main flow apply to it. */
export class Mission {
  readonly state: MissionState;

  constructor(input: MissionWorkflowInput, missionId: string) {
    this.state = {
      missionId,
      code: input.code,
      codeName: input.codeName,
      displayName: displayName(input.code, input.codeName),
      type: input.type,
      iteration: input.iteration,
      topic: input.topic,
      trigger: input.trigger,
      keywords: input.keywords,
      requester: input.requester.id,
      status: 'active',
      phase: 'collect',
      openGate: null,
      lead: null,
      allocation: null,
      workItems: {},
      intel: null,
      artifacts: {},
      closedReason: null,
      timeline: [],
    };
    this.audit(input.requester.id, 'mission.started', `${this.state.displayName}: ${input.topic}`);
  }

  audit(actor: string | Actor, action: string, detail?: string): void {
    this.state.timeline.push({
      at: new Date().toISOString(),
      actor: typeof actor === 'string' ? actor : actor.id,
      action,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  enterPhase(phase: Phase): void {
    this.state.phase = phase;
    this.state.openGate = null;
    this.audit('capeo', 'phase.entered', phase);
  }

  openGate(): void {
    this.state.openGate = this.state.phase;
    this.audit('capeo', 'gate.opened', this.state.phase);
  }

  recordItem(item: string, by: string, data: Record<string, unknown>): void {
    const phaseItems = (this.state.workItems[this.state.phase] ??= {});
    phaseItems[item] = { by, at: new Date().toISOString(), data };
  }

  recordIntel(intel: IntelSummary): void {
    this.state.intel = intel;
    this.recordItem('intel', 'capeo', { source: intel.source, matched: intel.matched.length });
    this.audit('capeo', 'intel.collected', `${intel.matched.length} relevant objects from ${intel.source}`);
  }

  close(status: 'completed' | 'not_qualified' | 'cancelled', reason: string): void {
    this.state.status = status;
    this.state.openGate = null;
    this.state.closedReason = reason;
    this.audit('capeo', `mission.${status}`, reason);
  }
}

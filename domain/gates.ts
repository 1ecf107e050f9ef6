import type { Refusal } from './errors';
import { ErrorCode } from './errors';
import type { Actor } from './identity';
import type { MissionState } from './mission';
import { MISSION_TYPES, workItemDefinition, type WorkItemDefinition } from './mission-types';
import type { GateDecision } from './messages';

/** Who decides gates: the lead; a hunt manager until a lead exists. */
export function mayDecideGates(state: Pick<MissionState, 'lead'>, actor: Actor): boolean {
  return state.lead ? actor.id === state.lead : actor.role === 'manager';
}

export function missingRequiredItems(state: Pick<MissionState, 'type' | 'phase' | 'workItems'>): string[] {
  const defs = MISSION_TYPES[state.type].workItems[state.phase] as readonly WorkItemDefinition[];
  const done = state.workItems[state.phase] ?? {};
  return defs.filter((d) => d.required && !done[d.name]).map((d) => `${state.phase}.${d.name}`);
}

function closed(state: MissionState): Refusal | undefined {
  return state.status === 'active'
    ? undefined
    : { code: ErrorCode.MissionClosed, message: `mission is ${state.status}`, missing: [] };
}

/** Why a gate decision is refused, or undefined when it may be accepted. */
export function gateDecisionRefusal(state: MissionState, decision: GateDecision, actor: Actor): Refusal | undefined {
  const c = closed(state);
  if (c) return c;
  if (state.openGate !== decision.gate) {
    return {
      code: ErrorCode.GateNotOpen,
      message: `gate '${decision.gate}' is not open${state.openGate ? `; the open gate is '${state.openGate}'` : ''}`,
      missing: [],
    };
  }
  if (!mayDecideGates(state, actor)) {
    return {
      code: ErrorCode.NotEntitled,
      message: state.lead
        ? `only the mission lead (${state.lead}) decides this gate`
        : 'only a hunt manager decides gates until a lead is assigned',
      missing: [],
    };
  }
  if (decision.decision === 'reject' && !decision.reason) {
    return { code: ErrorCode.MissingItems, message: 'a rejection needs a reason', missing: ['reason'] };
  }
  if (decision.decision === 'approve') {
    const missing = missingRequiredItems(state);
    if (missing.length > 0) {
      return { code: ErrorCode.MissingItems, message: `required work items are not done: ${missing.join(', ')}`, missing };
    }
  }
  return undefined;
}

export function workItemRefusal(state: MissionState, item: string, actor: Actor): Refusal | undefined {
  const c = closed(state);
  if (c) return c;
  const def = workItemDefinition(state.type, state.phase, item);
  if (!def || def.author === 'system') {
    const allowed = (MISSION_TYPES[state.type].workItems[state.phase] as readonly WorkItemDefinition[])
      .filter((d) => d.author !== 'system')
      .map((d) => d.name);
    return {
      code: ErrorCode.InvalidWorkItem,
      message: `'${item}' is not a work item that can be recorded in phase '${state.phase}'; allowed: ${allowed.join(', ') || 'none'}`,
      missing: [],
    };
  }
  const isLead = state.lead !== null && actor.id === state.lead;
  const entitled =
    def.author === 'lead' ? isLead || (!state.lead && actor.role === 'manager') : isLead || actor.role === 'hunter';
  if (!entitled) {
    return { code: ErrorCode.NotEntitled, message: `${actor.id} may not record '${item}'`, missing: [] };
  }
  return undefined;
}

export function leadAssignmentRefusal(state: MissionState, actor: Actor): Refusal | undefined {
  return (
    closed(state) ??
    (actor.role === 'manager'
      ? undefined
      : { code: ErrorCode.NotEntitled, message: 'only a hunt manager assigns the mission lead', missing: [] })
  );
}

export function allocationRefusal(state: MissionState, actor: Actor, problems: string[]): Refusal | undefined {
  const c = closed(state);
  if (c) return c;
  if (!mayDecideGates(state, actor)) {
    return { code: ErrorCode.NotEntitled, message: 'only the mission lead sets the time allocation', missing: [] };
  }
  if (problems.length > 0) {
    return { code: ErrorCode.InvalidAllocation, message: problems.join('; '), missing: [] };
  }
  return undefined;
}

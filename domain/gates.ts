import type { Refusal } from './errors';
import { ErrorCode } from './errors';
import type { Actor } from './identity';
import type { MissionState } from './mission';
import { MISSION_TYPES, workItemDefinition, type WorkItemDefinition } from './mission-types';
import type { GateDecision } from './messages';
import type { Phase } from './phases';

type S = Pick<MissionState, 'lead' | 'squad'>;

export const isLead = (s: Pick<MissionState, 'lead'>, a: Actor): boolean => s.lead !== null && a.id === s.lead;
export const isSquadMember = (s: S, a: Actor): boolean => isLead(s, a) || s.squad[a.id]?.status === 'accepted';

/** Who decides gates and acts for the lead: the lead; a hunt manager until a lead exists. */
export function mayLead(s: Pick<MissionState, 'lead'>, a: Actor): boolean {
  return s.lead ? a.id === s.lead : a.role === 'manager';
}

/** Who writes hunt work: the squad (lead included); a hunt manager until a lead exists. */
export const mayHunt = (s: S, a: Actor): boolean => isSquadMember(s, a) || (!s.lead && a.role === 'manager');

const refusal = (code: Refusal['code'], message: string, missing: string[] = []): Refusal => ({ code, message, missing });
const notEntitled = (message: string) => refusal(ErrorCode.NotEntitled, message);

export function closedRefusal(s: Pick<MissionState, 'status'>): Refusal | undefined {
  return s.status === 'active' ? undefined : refusal(ErrorCode.MissionClosed, `mission is ${s.status}`);
}

export function phaseRefusal(s: Pick<MissionState, 'phase'>, allowed: readonly Phase[], what: string): Refusal | undefined {
  return allowed.includes(s.phase)
    ? undefined
    : refusal(ErrorCode.WrongPhase, `${what} is possible in ${allowed.join(' or ')}, not in ${s.phase}`);
}

export function missingRequiredItems(state: Pick<MissionState, 'type' | 'phase' | 'workItems'>): string[] {
  const defs = MISSION_TYPES[state.type].workItems[state.phase] as readonly WorkItemDefinition[];
  const done = state.workItems[state.phase] ?? {};
  return defs.filter((d) => d.required && !done[d.name]).map((d) => `${state.phase}.${d.name}`);
}

/** Why a gate decision is refused, or undefined when it may be accepted. */
export function gateDecisionRefusal(state: MissionState, decision: GateDecision, actor: Actor): Refusal | undefined {
  const c = closedRefusal(state);
  if (c) return c;
  if (state.openGate !== decision.gate) {
    return refusal(
      ErrorCode.GateNotOpen,
      `gate '${decision.gate}' is not open${state.openGate ? `; the open gate is '${state.openGate}'` : ''}`,
    );
  }
  if (!mayLead(state, actor)) {
    return notEntitled(
      state.lead ? `only the mission lead (${state.lead}) decides this gate` : 'only a hunt manager decides gates until a lead is assigned',
    );
  }
  if (decision.decision === 'reject' && !decision.reason) {
    return refusal(ErrorCode.MissingItems, 'a rejection needs a reason', ['reason']);
  }
  if (decision.decision === 'approve') {
    const missing = missingRequiredItems(state);
    if (missing.length > 0) {
      return refusal(ErrorCode.MissingItems, `required work items are not done: ${missing.join(', ')}`, missing);
    }
  }
  return undefined;
}

export function workItemRefusal(state: MissionState, item: string, actor: Actor): Refusal | undefined {
  const c = closedRefusal(state);
  if (c) return c;
  const def = workItemDefinition(state.type, state.phase, item);
  if (!def || def.author === 'system') {
    const allowed = (MISSION_TYPES[state.type].workItems[state.phase] as readonly WorkItemDefinition[])
      .filter((d) => d.author !== 'system')
      .map((d) => d.name);
    return refusal(
      ErrorCode.InvalidWorkItem,
      `'${item}' is not a work item that can be recorded in phase '${state.phase}'; allowed: ${allowed.join(', ') || 'none'}`,
    );
  }
  const entitled = def.author === 'lead' ? mayLead(state, actor) : mayHunt(state, actor);
  return entitled ? undefined : notEntitled(`${actor.id} may not record '${item}' (${def.author === 'lead' ? 'the lead records it' : 'squad members record it'})`);
}

export function leadAssignmentRefusal(state: MissionState, actor: Actor): Refusal | undefined {
  return closedRefusal(state) ?? (actor.role === 'manager' ? undefined : notEntitled('only a hunt manager assigns the mission lead'));
}

export function allocationRefusal(state: MissionState, actor: Actor, problems: string[]): Refusal | undefined {
  const c = closedRefusal(state);
  if (c) return c;
  if (!mayLead(state, actor)) return notEntitled('only the mission lead sets the time allocation');
  return problems.length > 0 ? refusal(ErrorCode.InvalidAllocation, problems.join('; ')) : undefined;
}

export function leadOnlyRefusal(state: MissionState, actor: Actor, what: string): Refusal | undefined {
  return closedRefusal(state) ?? (mayLead(state, actor) ? undefined : notEntitled(`only the mission lead ${what}`));
}

export function huntRefusal(state: MissionState, actor: Actor, what: string): Refusal | undefined {
  return closedRefusal(state) ?? (mayHunt(state, actor) ? undefined : notEntitled(`only squad members ${what}`));
}

import { defaultHuntType, type HuntType } from './hunt-types';
import { ErrorCode, refusal, type Refusal } from './errors';
import type { Actor } from './identity';
import type { MissionCore } from './mission-core';
import { workItemDefinition, workItemDefinitions, type WorkItemName } from './mission-types';
import type { GateDecision } from './messages';
import { PHASES, type Phase } from './phases';

type Who = Pick<MissionCore, 'lead' | 'squad'>;

/** The lead is an identity: actor ids are unique across API keys and OIDC subjects, so comparing ids is comparing people. */
export const isLead = (s: Pick<MissionCore, 'lead'>, a: Actor): boolean => s.lead !== null && a.id === s.lead;
export const isSquadMember = (s: Who, a: Actor): boolean => isLead(s, a) || s.squad[a.id]?.status === 'accepted';

/** Who decides gates and acts for the lead: the lead; a hunt manager until a lead exists. */
export function mayLead(s: Pick<MissionCore, 'lead'>, a: Actor): boolean {
  return s.lead ? a.id === s.lead : a.role === 'manager';
}

/** Who writes hunt work: the squad (lead included); a hunt manager until a lead exists. */
export const mayHunt = (s: Who, a: Actor): boolean => isSquadMember(s, a) || (!s.lead && a.role === 'manager');

/** Who retries failed effects and cancels: the lead or any hunt manager. */
export const mayManage = (s: Pick<MissionCore, 'lead'>, a: Actor): boolean => a.role === 'manager' || isLead(s, a);

const notEntitled = (message: string) => refusal(ErrorCode.NotEntitled, message);

export function closedRefusal(s: Pick<MissionCore, 'status'>): Refusal | undefined {
  return s.status === 'active' ? undefined : refusal(ErrorCode.MissionClosed, `mission is ${s.status}`);
}

export function phaseRefusal(s: Pick<MissionCore, 'phase'>, allowed: readonly Phase[], what: string): Refusal | undefined {
  return allowed.includes(s.phase) ? undefined : refusal(ErrorCode.WrongPhase, `${what} is possible in ${allowed.join(' or ')}, not in ${s.phase}`);
}

type ItemsView = Pick<MissionCore, 'type' | 'phase' | 'items' | 'huntType'>;

/** Items a kind of hunt requires besides its type's: a hypothesis-driven hunt states its hypothesis in Analyze. */
const REQUIRED_BY_HUNT_TYPE: Partial<Record<HuntType, readonly string[]>> = { 'hypothesis-driven': ['hypothesis'] };

/** Required items of the current phase that are neither done nor settled by a failed attempt. */
export function missingRequiredItems(s: ItemsView): string[] {
  const done = s.items[s.phase] ?? {};
  const byHuntType = REQUIRED_BY_HUNT_TYPE[s.huntType ?? defaultHuntType(s.type)] ?? [];
  return workItemDefinitions(s.type, s.phase)
    .filter((d) => (d.required || byHuntType.includes(d.name)) && !done[d.name as WorkItemName])
    .map((d) => `${s.phase}.${d.name}`);
}

/** Items of the current phase whose system step failed (a failed effect): shown, retryable, never blocking. */
export function failedItems(s: ItemsView): string[] {
  const done = s.items[s.phase] ?? {};
  return Object.entries(done)
    .filter(([, r]) => r?.status === 'failed')
    .map(([name]) => `${s.phase}.${name}`);
}

/** Why a gate decision is refused, or undefined when it may be accepted. */
export function gateDecisionRefusal(s: MissionCore, decision: GateDecision, actor: Actor): Refusal | undefined {
  const c = closedRefusal(s);
  if (c) return c;
  if (!s.gate || s.gate.phase !== decision.gate) {
    const open = s.gate ? `; the open gate is '${s.gate.phase}'` : '';
    return refusal(ErrorCode.GateNotOpen, `gate '${decision.gate}' is not open${open}`);
  }
  if (s.gate.verdict) return refusal(ErrorCode.GateNotOpen, `gate '${decision.gate}' is already decided (${s.gate.verdict.decision} by ${s.gate.verdict.by})`);
  if (!mayLead(s, actor)) {
    return notEntitled(s.lead ? `only the mission lead (${s.lead}) decides this gate` : 'only a hunt manager decides gates until a lead is assigned');
  }
  if (decision.decision === 'reject' && !decision.reason) return refusal(ErrorCode.InvalidInput, 'a rejection needs a reason', ['reason']);
  if (decision.decision === 'approve') {
    const missing = missingRequiredItems(s);
    if (missing.length > 0) return refusal(ErrorCode.MissingItems, `required work items are not done: ${missing.join(', ')}`, missing);
  }
  return undefined;
}

export function workItemRefusal(s: MissionCore, item: string, actor: Actor): Refusal | undefined {
  const c = closedRefusal(s);
  if (c) return c;
  const here = workItemDefinition(s.type, s.phase, item);
  if (!here) {
    const elsewhere = PHASES.find((p) => workItemDefinition(s.type, p, item));
    if (elsewhere && workItemDefinition(s.type, elsewhere, item)?.author !== 'system') {
      return refusal(ErrorCode.WrongPhase, `'${item}' is recorded in phase '${elsewhere}', not in '${s.phase}'`);
    }
  }
  if (!here || here.author === 'system') {
    const allowed = workItemDefinitions(s.type, s.phase)
      .filter((d) => d.author !== 'system')
      .map((d) => d.name);
    const why = here ? `'${item}' is recorded by capeo itself` : `'${item}' is not a work item of this mission type`;
    return refusal(ErrorCode.InvalidWorkItem, `${why}; in phase '${s.phase}' people record: ${allowed.join(', ') || 'nothing'}`, ['item']);
  }
  const entitled = here.author === 'lead' ? mayLead(s, actor) : mayHunt(s, actor);
  return entitled ? undefined : notEntitled(`${actor.id} may not record '${item}' (${here.author === 'lead' ? 'the lead records it' : 'squad members record it'})`);
}

export function leadAssignmentRefusal(s: MissionCore, actor: Actor): Refusal | undefined {
  return closedRefusal(s) ?? (actor.role === 'manager' ? undefined : notEntitled('only a hunt manager assigns the mission lead'));
}

export function allocationRefusal(s: MissionCore, actor: Actor, problems: string[]): Refusal | undefined {
  const c = closedRefusal(s);
  if (c) return c;
  if (!mayLead(s, actor)) return notEntitled('only the mission lead sets the time allocation');
  return problems.length > 0 ? refusal(ErrorCode.InvalidAllocation, problems.join('; '), ['allocation']) : undefined;
}

export function leadOnlyRefusal(s: MissionCore, actor: Actor, what: string): Refusal | undefined {
  return closedRefusal(s) ?? (mayLead(s, actor) ? undefined : notEntitled(`only the mission lead ${what}`));
}

export function huntRefusal(s: MissionCore, actor: Actor, what: string): Refusal | undefined {
  return closedRefusal(s) ?? (mayHunt(s, actor) ? undefined : notEntitled(`only squad members ${what}`));
}

export function manageRefusal(s: MissionCore, actor: Actor, what: string): Refusal | undefined {
  return closedRefusal(s) ?? (mayManage(s, actor) ? undefined : notEntitled(`only a hunt manager or the mission lead ${what}`));
}

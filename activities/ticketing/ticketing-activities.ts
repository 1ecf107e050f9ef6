import { activityLog } from '../local-records/activity-log';
import {
  assertValidTicket,
  invalidTicket,
  type FindingTicketInput,
  type IncidentInput,
  type TicketingPort,
  type TicketRef,
} from './ticketing-port';

export interface ActionPlanInput {
  idempotencyKey: string;
  missionId: string;
  title: string;
  description: string;
  /** One story per tactical objective, in this order. */
  objectives: string[];
}

export interface ActionPlan {
  epic: TicketRef;
  stories: TicketRef[];
}

export const createTicketingActivities = (t: TicketingPort) => ({
  /**
   * One epic per mission, one story per objective. Each ticket has its own key (the epic the plan's,
   * story i `<key>:story:<i>`), so a retry after a partial failure makes only what is missing.
   */
  async createActionPlan(i: ActionPlanInput): Promise<ActionPlan> {
    assertValidTicket(i, ['missionId']);
    if (!Array.isArray(i.objectives) || i.objectives.some((o) => typeof o !== 'string' || !o.trim() || o.length > 500)) {
      throw invalidTicket('objectives: a list of non-empty objectives of at most 500 characters');
    }
    const epic = await t.createEpic({ idempotencyKey: i.idempotencyKey, missionId: i.missionId, title: i.title, description: i.description });
    const stories: TicketRef[] = [];
    // In order, so story numbers follow the objectives.
    for (const [index, objective] of i.objectives.entries()) {
      stories.push(
        await t.createStory({
          idempotencyKey: `${i.idempotencyKey}:story:${index}`,
          epic,
          title: objective.trim(),
          description: `Tactical objective ${index + 1} of ${i.objectives.length} for ${i.title}.`,
        }),
      );
    }
    activityLog('action plan recorded', { system: t.name, epic: epic.id, stories: stories.length });
    return { epic, stories };
  },

  async createIncidentTicket(i: IncidentInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'severity']);
    const ref = await t.createIncident(i);
    activityLog('incident ticket recorded', { system: t.name, finding: i.findingId, ticket: ref.id });
    return ref;
  },

  async recordFindingTicket(i: FindingTicketInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'category']);
    const ref = await t.recordFinding(i);
    activityLog('finding ticket recorded', { system: t.name, finding: i.findingId, ticket: ref.id });
    return ref;
  },
});

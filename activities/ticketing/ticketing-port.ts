import { ApplicationFailure } from '@temporalio/activity';
import { FINDING_CATEGORIES, SEVERITIES, type FindingCategory, type Severity } from '../../domain/findings';
import type { CheckResult } from '../health-check';

/** Error types this port's activities throw; both are permanent (non-retryable). */
export const TicketingError = {
  Invalid: 'TICKET_INPUT_INVALID',
  EpicNotFound: 'TICKET_EPIC_NOT_FOUND',
} as const;

export interface TicketRef {
  system: string;
  id: string;
  url?: string;
}

export interface EpicInput {
  idempotencyKey: string;
  missionId: string;
  title: string;
  description: string;
}

export interface StoryInput {
  idempotencyKey: string;
  epic: TicketRef;
  title: string;
  description: string;
}

export interface IncidentInput {
  idempotencyKey: string;
  missionId: string;
  findingId: string;
  title: string;
  description: string;
  severity: Severity;
}

export interface FindingTicketInput {
  idempotencyKey: string;
  missionId: string;
  findingId: string;
  title: string;
  description: string;
  category: FindingCategory;
}

/**
 * The agile tool (epics and stories for the action plan, findings) and the incident-response queue.
 * Every method is idempotent by `idempotencyKey`: a repeated key returns the ticket the first call made.
 */
export interface TicketingPort {
  readonly name: string;
  /** Settings, credentials and reachability, without side effects (`capeo doctor`). */
  check?(): Promise<CheckResult>;
  createEpic(i: EpicInput): Promise<TicketRef>;
  createStory(i: StoryInput): Promise<TicketRef>;
  createIncident(i: IncidentInput): Promise<TicketRef>;
  recordFinding(i: FindingTicketInput): Promise<TicketRef>;
}

export const invalidTicket = (message: string): ApplicationFailure =>
  ApplicationFailure.create({ type: TicketingError.Invalid, nonRetryable: true, message });

const text = (value: unknown, field: string, max: number, required = true): void => {
  if (typeof value !== 'string' || (required && !value.trim()) || value.length > max) {
    throw invalidTicket(`${field}: ${required ? 'required, ' : ''}at most ${max} characters`);
  }
};

interface TicketFields {
  idempotencyKey: string;
  missionId?: string;
  findingId?: string;
  title: string;
  description: string;
  severity?: string;
  category?: string;
  epic?: TicketRef;
}

/** Throws a non-retryable failure naming the first field that breaks its rule. */
export function assertValidTicket(i: TicketFields, required: Array<'missionId' | 'findingId' | 'severity' | 'category' | 'epic'> = []): void {
  if (typeof i !== 'object' || i === null) throw invalidTicket('input: an object');
  text(i.idempotencyKey, 'idempotencyKey', 1000);
  text(i.title, 'title', 500);
  text(i.description, 'description', 100_000, false);
  for (const field of required) {
    switch (field) {
      case 'missionId':
      case 'findingId':
        text(i[field], field, 300);
        break;
      case 'severity':
        if (!(SEVERITIES as readonly unknown[]).includes(i.severity)) throw invalidTicket(`severity: one of ${SEVERITIES.join(', ')}`);
        break;
      case 'category':
        if (!(FINDING_CATEGORIES as readonly unknown[]).includes(i.category)) {
          throw invalidTicket(`category: one of ${FINDING_CATEGORIES.join(', ')}`);
        }
        break;
      case 'epic':
        if (typeof i.epic?.system !== 'string' || typeof i.epic.id !== 'string' || !i.epic.id) throw invalidTicket('epic: a ticket reference');
        break;
    }
  }
}

/**
 * How long the ticketing systems' search may lag a new issue (Jira's JQL search and GitHub's issue
 * search are eventually consistent). A retry within this time after an attempt that may have created
 * the issue waits for the search rather than create a second one.
 */
export const SEARCH_SETTLE_MS = 3 * 60_000;

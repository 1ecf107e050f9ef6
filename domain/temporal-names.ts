import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const DEFAULT_TASK_QUEUE = 'capeo-missions';

export const missionWorkflowId = (code: string, iteration: number): string => `mission-${code}-${iteration}`;

export const SearchAttr = {
  phase: defineSearchAttributeKey('CapeoPhase', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('CapeoStatus', SearchAttributeType.KEYWORD),
  type: defineSearchAttributeKey('CapeoType', SearchAttributeType.KEYWORD),
  code: defineSearchAttributeKey('CapeoCode', SearchAttributeType.KEYWORD),
  /** The code name in lower case, for prefix search. */
  codeName: defineSearchAttributeKey('CapeoCodeName', SearchAttributeType.KEYWORD),
  lead: defineSearchAttributeKey('CapeoLead', SearchAttributeType.KEYWORD),
  overrun: defineSearchAttributeKey('CapeoOverrun', SearchAttributeType.BOOL),
  deadline: defineSearchAttributeKey('CapeoDeadline', SearchAttributeType.DATETIME),
  /** When the open gate opened; unset while no gate is open. For ops: gates waiting too long. */
  gateOpenedAt: defineSearchAttributeKey('CapeoGateOpenedAt', SearchAttributeType.DATETIME),
} as const;

/** The search attributes a mission starts with; the workflow keeps them current. */
export function initialMissionSearchAttributes(type: string, code: string, codeName: string) {
  return [
    { key: SearchAttr.codeName, value: codeName.toLowerCase() },
    { key: SearchAttr.phase, value: 'collect' },
    { key: SearchAttr.status, value: 'active' },
    { key: SearchAttr.type, value: type },
    { key: SearchAttr.code, value: code },
  ];
}

/** `Name=Type` pairs for `temporal server start-dev --search-attribute` and `operator search-attribute create`. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: string[] = Object.values(SearchAttr).map(
  (k) => `${k.name}=${k.type === SearchAttributeType.KEYWORD ? 'Keyword' : k.type === SearchAttributeType.BOOL ? 'Bool' : 'Datetime'}`,
);

/** The one workflow that keeps the ATT&CK catalogue fresh: workers start it once (a fixed id). */
export const ATTACK_CATALOGUE_WORKFLOW_ID = 'capeo-attack-catalogue';

/** Error codes shared by workflows, activities and the API; decide by code, never by message text. */
export const ErrorCode = {
  GateNotOpen: 'GATE_NOT_OPEN',
  NotEntitled: 'NOT_ENTITLED',
  MissingItems: 'MISSING_ITEMS',
  InvalidWorkItem: 'INVALID_WORK_ITEM',
  InvalidAllocation: 'INVALID_ALLOCATION',
  MissionClosed: 'MISSION_CLOSED',
  WrongPhase: 'WRONG_PHASE',
  NotFound: 'NOT_FOUND',
  Duplicate: 'DUPLICATE',
  IntelSourceInvalid: 'INTEL_SOURCE_INVALID',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A refusal that an Update validator returns to the caller, with the items it names. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  missing: string[];
}

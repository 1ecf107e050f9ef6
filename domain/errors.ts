/** Error codes shared by workflows, activities and the API; decide by code, never by message text. */
export const ErrorCode = {
  GateNotOpen: 'GATE_NOT_OPEN',
  NotEntitled: 'NOT_ENTITLED',
  MissingItems: 'MISSING_ITEMS',
  InvalidWorkItem: 'INVALID_WORK_ITEM',
  InvalidAllocation: 'INVALID_ALLOCATION',
  InvalidInput: 'INVALID_INPUT',
  MissionClosed: 'MISSION_CLOSED',
  WrongPhase: 'WRONG_PHASE',
  NotFound: 'NOT_FOUND',
  Duplicate: 'DUPLICATE',
  /** The mission is handing over to its next run (continue-as-new): retry in a moment. */
  Busy: 'MISSION_BUSY',
  IntelSourceInvalid: 'INTEL_SOURCE_INVALID',
  SiemQueryInvalid: 'SIEM_QUERY_INVALID',
  SiemUnavailable: 'SIEM_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * What kind of refusal it is, which decides the HTTP status: a payload that breaks a rule (400),
 * an actor not entitled (403), something that does not exist (404), a conflict with the mission's
 * state (409), or a mission that is busy for a moment (503).
 */
export const RefusalKind = {
  Invalid: 'invalid',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  Busy: 'busy',
} as const;
export type RefusalKind = (typeof RefusalKind)[keyof typeof RefusalKind];

const KIND_OF: Record<ErrorCode, RefusalKind> = {
  GATE_NOT_OPEN: 'conflict',
  NOT_ENTITLED: 'forbidden',
  MISSING_ITEMS: 'conflict',
  INVALID_WORK_ITEM: 'invalid',
  // The rule is the mission's policy (its maxExecutionRatio; a reason for an amendment): a conflict with it.
  INVALID_ALLOCATION: 'conflict',
  INVALID_INPUT: 'invalid',
  MISSION_CLOSED: 'conflict',
  WRONG_PHASE: 'conflict',
  NOT_FOUND: 'not_found',
  DUPLICATE: 'conflict',
  MISSION_BUSY: 'busy',
  INTEL_SOURCE_INVALID: 'invalid',
  SIEM_QUERY_INVALID: 'invalid',
  SIEM_UNAVAILABLE: 'busy',
};
export const refusalKindOf = (code: string): RefusalKind | undefined => KIND_OF[code as ErrorCode];

/** A refusal that an Update validator returns to the caller, with the items it names. */
export interface Refusal {
  code: ErrorCode;
  kind: RefusalKind;
  message: string;
  /** What is missing (for MISSING_ITEMS), or the fields that break a rule (`data.references.0.link`). */
  missing: string[];
}

export const refusal = (code: ErrorCode, message: string, missing: string[] = []): Refusal => ({ code, kind: KIND_OF[code], message, missing });

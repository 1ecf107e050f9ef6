import type { Pattern } from './pattern';

/** One test on one event. `field: null` is a keyword: any of the event's values. */
export type SigmaTest =
  | { kind: 'string'; field: string | null; pattern: Pattern }
  | { kind: 'number'; field: string; value: number }
  | { kind: 'boolean'; field: string; value: boolean }
  | { kind: 'null'; field: string }
  | { kind: 'exists'; field: string; exists: boolean }
  | { kind: 're'; field: string | null; regex: string; flags: RegexFlags }
  | { kind: 'cidr'; field: string; cidr: string; version: 4 | 6 };

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

/**
 * The rule's detection as one boolean expression: selections resolved, modifiers applied.
 * Missing fields never satisfy a test; `not` is two-valued (a missing field under `not` is a
 * test that failed, so the negation holds), which backends over three-valued SQL must preserve.
 */
export type SigmaExpr =
  /** `expansion`: the alternatives one value modifier made (base64offset, windash), not a list the rule wrote. */
  | { kind: 'and' | 'or'; args: SigmaExpr[]; expansion?: true }
  | { kind: 'not'; arg: SigmaExpr }
  | SigmaTest;

export const isTest = (e: SigmaExpr): e is SigmaTest => e.kind !== 'and' && e.kind !== 'or' && e.kind !== 'not';

/** An and/or of one argument is that argument; nested same-kind groups are flattened. */
export function group(kind: 'and' | 'or', args: SigmaExpr[]): SigmaExpr {
  const flat = args.flatMap((a) => (a.kind === kind && !a.expansion ? a.args : [a]));
  return flat.length === 1 ? flat[0]! : { kind, args: flat };
}

export interface SigmaLogsource {
  product?: string;
  category?: string;
  service?: string;
}

export interface SigmaRule {
  title: string;
  id?: string;
  level?: string;
  status?: string;
  tags: string[];
  logsource: SigmaLogsource;
  /** The condition as written, for evidence and the playbook. */
  condition: string;
  expr: SigmaExpr;
}

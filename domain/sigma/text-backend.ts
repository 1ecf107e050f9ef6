import { isTest, type SigmaExpr, type SigmaTest } from './ast';

type ValueTest = Extract<SigmaTest, { kind: 'string' | 'number' }> & { field: string };

/** An `or` of string or number tests on one field: the shape the text languages write as `field IN (…)`. */
export function inList(e: SigmaExpr): { field: string; tests: ValueTest[] } | null {
  if (e.kind !== 'or' || e.expansion) return null;
  const tests = e.args.filter((a): a is ValueTest => isTest(a) && (a.kind === 'string' || a.kind === 'number') && a.field !== null);
  if (tests.length !== e.args.length) return null;
  const field = tests[0]!.field;
  return tests.every((t) => t.field === field) ? { field, tests } : null;
}

/** A double-quoted string literal with `\` and `"` escaped (SPL, ES|QL and KQL alike). */
export const dq = (s: string) => `"${s.replace(/[\\"]/g, '\\$&')}"`;

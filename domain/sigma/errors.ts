/**
 * A Sigma rule capeo cannot take: malformed, or using a construct capeo does not convert.
 * `path` names the rule part (`detection.selection.CommandLine|foo`), so the API answers 400 with it.
 */
export class SigmaRuleError extends Error {
  readonly code = 'SIGMA_RULE_INVALID' as const;
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly kind: 'malformed' | 'unsupported' = 'malformed',
  ) {
    super(`${path}: ${reason}`);
    this.name = 'SigmaRuleError';
  }
}

export const isSigmaRuleError = (err: unknown): err is SigmaRuleError => err instanceof SigmaRuleError;

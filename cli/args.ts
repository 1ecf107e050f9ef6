import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './api-client';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every API command takes. */
export const GLOBAL_OPTIONS = {
  url: { type: 'string' },
  'key-file': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface Globals {
  url: string;
  keyFile?: string;
  json: boolean;
  help: boolean;
}

export const DEFAULT_URL = 'http://127.0.0.1:8080';

/**
 * Strict parsing of one command's arguments (its own options plus the global ones); any
 * unknown option, missing value or wrong positional count is a usage error (exit 2).
 */
export function parse<O extends Options>(
  argv: string[],
  options: O,
  positionals: { min: number; max: number; names: string },
  common: Options = GLOBAL_OPTIONS,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''), EXIT.usage);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (!values.help && (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max)) {
    throw new CliError(
      parsed.positionals.length < positionals.min ? `expected ${positionals.names}` : `unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}`,
      EXIT.usage,
    );
  }
  return { values, positionals: parsed.positionals };
}

export function globals(values: Record<string, unknown>, env: NodeJS.ProcessEnv): Globals {
  return {
    url: (values.url as string | undefined) ?? (env.CAPEO_URL || DEFAULT_URL),
    ...(values['key-file'] !== undefined && { keyFile: values['key-file'] as string }),
    json: Boolean(values.json),
    help: Boolean(values.help),
  };
}

/** One of `allowed`, else a usage error that lists them. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`${flag}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`, EXIT.usage);
  return value as T;
}

export function positiveInt(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new CliError(`${flag}: a whole number from 1 to ${max}`, EXIT.usage);
  return n;
}

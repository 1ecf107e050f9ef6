import { z } from 'zod';
import type { SigmaLogsource, SigmaRule } from './ast';
import { SigmaRuleError } from './errors';

export const SIGMA_LANGUAGES = ['duckdb', 'spl', 'esql', 'kql'] as const;
export type SigmaLanguage = (typeof SIGMA_LANGUAGES)[number];

const key = z.string().trim().min(1).max(128);

/**
 * Where a SIEM keeps a rule's events and what it calls the rule's fields. One per SIEM, as
 * configuration (JSON): `fields` renames Sigma fields (unlisted fields keep their name);
 * `logsources` are tried in order, the first whose given keys all equal the rule's (case-insensitive)
 * wins; else `default`; else the language's own default (see docs/sigma.md).
 * `target` is a DuckDB view, an SPL search prefix (`index=win sourcetype=sysmon`), an ES|QL index
 * pattern (`logs-windows-*`) or a KQL table (`DeviceProcessEvents`).
 */
export const sigmaMappingSchema = z.strictObject({
  fields: z.record(key, key).default({}),
  logsources: z
    .array(
      z
        .strictObject({ product: key.optional(), category: key.optional(), service: key.optional(), target: key })
        .refine((l) => l.product ?? l.category ?? l.service, 'a log-source entry needs a product, category or service'),
    )
    .max(500)
    .default([]),
  default: key.optional(),
});
export type SigmaMapping = z.infer<typeof sigmaMappingSchema>;
export const IDENTITY_MAPPING: SigmaMapping = { fields: {}, logsources: [] };

const same = (a: string | undefined, b: string | undefined) => a === undefined || a.toLowerCase() === b?.toLowerCase();

export function targetOf(mapping: SigmaMapping, ls: SigmaLogsource): string | undefined {
  const hit = mapping.logsources.find((l) => same(l.product, ls.product) && same(l.category, ls.category) && same(l.service, ls.service));
  return hit?.target ?? mapping.default;
}

export const fieldOf = (mapping: SigmaMapping, field: string): string => mapping.fields[field] ?? field;

/** The name the embedded lake gives a log file (activities/siem/duckdb-siem.ts): lower case, [a-z0-9_]. */
export const lakeSourceName = (s: string) => s.toLowerCase().replace(/[^a-z0-9_]/g, '_');

export function defaultSourceName(rule: SigmaRule): string {
  const ls = rule.logsource;
  return lakeSourceName((ls.category ?? ls.service ?? ls.product)!);
}

export function checkTarget(language: SigmaLanguage, target: string): string {
  const ok =
    language === 'duckdb'
      ? /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(target)
      : language === 'kql'
        ? /^[A-Za-z_][A-Za-z0-9_]*$/.test(target)
        : language === 'esql'
          ? /^[A-Za-z0-9_.*,:-]+$/.test(target)
          : !/[|`\n\r]/.test(target);
  if (!ok) throw new SigmaRuleError('logsource', `the ${language} mapping's target '${target}' is not a valid source for that language`);
  return target;
}

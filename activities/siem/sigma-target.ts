import { readFileSync } from 'node:fs';
import { IDENTITY_MAPPING, sigmaMappingSchema, type SigmaLanguage, type SigmaMapping } from '../../domain/sigma';

/** Which language Sigma rules convert to, and the SIEM's field and log-source mapping. */
export interface SigmaTarget {
  language: SigmaLanguage;
  mapping: SigmaMapping;
}

const LANGUAGE: Record<'duckdb' | 'splunk' | 'elastic' | 'sentinel', SigmaLanguage> = { duckdb: 'duckdb', splunk: 'spl', elastic: 'esql', sentinel: 'kql' };

/** The configured SIEM's target; a mapping file that is not a valid mapping stops the worker at start, naming the file. */
export function sigmaTarget(siem: keyof typeof LANGUAGE, mappingFile?: string): SigmaTarget {
  if (!mappingFile) return { language: LANGUAGE[siem], mapping: IDENTITY_MAPPING };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(mappingFile, 'utf8'));
  } catch (err) {
    throw new Error(`CAPEO_SIGMA_MAPPING: cannot read ${mappingFile} as JSON: ${(err as Error).message}`);
  }
  const parsed = sigmaMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`CAPEO_SIGMA_MAPPING: ${mappingFile}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return { language: LANGUAGE[siem], mapping: parsed.data };
}

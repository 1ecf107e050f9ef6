import type { SigmaRule } from './ast';
import { duckdbFilter, duckdbQuery } from './duckdb';
import { esqlQuery } from './esql';
import { kqlQuery } from './kql';
import { checkTarget, defaultSourceName, fieldOf, IDENTITY_MAPPING, targetOf, type SigmaLanguage, type SigmaMapping } from './mapping';
import { splQuery } from './spl';

export interface SigmaConversion {
  language: SigmaLanguage;
  /** The query to run through the SIEM port. */
  query: string;
  /** The query without its source part (the view, index, table or search prefix). */
  filter: string;
  /** Where the query reads: a view, an SPL prefix, an index pattern or a table; null for SPL without one. */
  target: string | null;
}

/** The rule as a query in the language; throws SigmaRuleError for a construct the language cannot take. */
export function convertSigma(rule: SigmaRule, language: SigmaLanguage, mapping: SigmaMapping = IDENTITY_MAPPING): SigmaConversion {
  const map = (f: string) => fieldOf(mapping, f);
  const mapped = targetOf(mapping, rule.logsource);
  switch (language) {
    case 'duckdb': {
      const view = checkTarget(language, mapped ?? defaultSourceName(rule));
      const filter = duckdbFilter(rule.expr, map);
      return { language, query: duckdbQuery(view, filter), filter, target: view };
    }
    case 'spl': {
      const prefix = mapped === undefined ? undefined : checkTarget(language, mapped);
      return { language, ...splQuery(rule.expr, map, prefix), target: prefix ?? null };
    }
    case 'esql': {
      const index = checkTarget(language, mapped ?? '*');
      return { language, ...esqlQuery(rule.expr, map, index), target: index };
    }
    case 'kql': {
      const table = checkTarget(language, mapped ?? defaultSourceName(rule));
      return { language, ...kqlQuery(rule.expr, map, table), target: table };
    }
  }
}

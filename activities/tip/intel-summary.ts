import type { IntelSummary } from '../../domain/mission';
import type { IntelQuery } from './tip-port';

/** The fields of a STIX object that intel matching reads. */
export interface StixObject {
  id: string;
  type: string;
  name?: string;
  description?: string;
  pattern?: string;
  value?: string;
  labels?: string[];
}

const INDICATOR_TYPES = new Set(['indicator']);
const REPORT_TYPES = new Set(['report', 'threat-report', 'intrusion-set', 'campaign', 'malware']);
const OBSERVABLE_TYPES = new Set(['domain-name', 'ipv4-addr', 'ipv6-addr', 'url', 'file', 'email-addr']);

/** Terms of a topic worth matching: words of four letters or more, plus the mission's keywords. */
export function searchTerms(query: IntelQuery): string[] {
  const words = query.topic.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.-]{3,}/gu) ?? [];
  return [...new Set([...words, ...query.keywords.map((k) => k.toLowerCase())])];
}

const text = (o: StixObject): string =>
  [o.name, o.description, o.pattern, o.value, ...(Array.isArray(o.labels) ? o.labels : [])]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' ')
    .toLowerCase();

/** Whether an object's text (name, description, pattern, value, labels) contains one of the terms. */
export function matchesTerms(o: StixObject, terms: string[]): boolean {
  const t = text(o);
  return terms.some((term) => t.includes(term));
}

/** What a TIP source holds about a query: the matching objects, counted by kind. Shared by every TIP adapter. */
export function summariseIntel(source: string, objects: StixObject[], query: IntelQuery): IntelSummary {
  const terms = searchTerms(query);
  const matched = objects
    .filter((o) => matchesTerms(o, terms))
    .map((o) => ({ id: o.id, type: o.type, name: o.name ?? o.value ?? o.id }));
  return {
    source,
    indicators: matched.filter((o) => INDICATOR_TYPES.has(o.type)).length,
    reports: matched.filter((o) => REPORT_TYPES.has(o.type)).length,
    observables: matched.filter((o) => OBSERVABLE_TYPES.has(o.type)).length,
    matched,
  };
}

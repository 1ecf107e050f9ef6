import type { Evidence, NewFinding } from '../../../domain/findings';
import type { LookalikeMatch } from '.';

/** Where a lookalike was seen: a newly-registered-domain feed, certificate transparency... */
export interface LookalikeSighting {
  /** Short source name, the prefix of the finding's source key ('nrd', 'ct'). */
  source: string;
  /** The evidence of the sighting ("listed in the newly-registered-domain feed … of 2026-12-02"). */
  evidence: Evidence;
}

const SEVERITY: Readonly<Record<LookalikeMatch['level'], NewFinding['severity']>> = { high: 'high', medium: 'medium', low: 'low' };

/**
 * A lookalike seen by a watcher, as a finding of the brand's mission: a high match is a suspicious
 * security event (escalated), the others threat-intel events of interest. The source key is
 * `<source>:<name>`, so each name is raised once per mission and source, whatever the retries.
 */
export function lookalikeFinding(m: LookalikeMatch, seen: LookalikeSighting): NewFinding {
  const shown = m.unicode !== m.name ? `${m.unicode} (${m.name})` : m.name;
  return {
    category: m.level === 'high' ? 'suspicious-security-event' : 'ti-event-of-interest',
    title: `Lookalike ${m.name} of ${m.brandDomain} (${m.algorithm}), score ${m.score}`.slice(0, 200),
    description: `${shown} imitates ${m.brandDomain}: ${m.reasons.map((r) => r.reason).join('; ')}`.slice(0, 10_000),
    severity: SEVERITY[m.level],
    evidence: [
      seen.evidence,
      ...m.reasons.map((r): Evidence => ({ kind: r.signal === 'suspicious-tld' || r.signal === 'free-hosting' ? 'registration' : 'note', summary: `${r.reason} (+${r.points})` })),
    ].slice(0, 50),
    observables: [{ type: 'domain', value: m.name }],
    sourceKey: `${seen.source}:${m.name}`,
    flags: ['playbook', 'battlefield-intel'],
  };
}

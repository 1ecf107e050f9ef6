import { createHash } from 'node:crypto';
import type { Finding, Observable } from '../../domain/findings';

/** A deterministic UUID (version 5 layout) from a name, so re-exporting a finding yields the same STIX ids. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const HASHES: Record<number, string> = { 32: 'MD5', 40: "'SHA-1'", 64: "'SHA-256'", 128: "'SHA-512'" };

export function stixPattern(o: Observable): string {
  switch (o.type) {
    case 'domain':
      return `[domain-name:value = ${quote(o.value.toLowerCase())}]`;
    case 'ipv4':
      return `[ipv4-addr:value = ${quote(o.value)}]`;
    case 'ipv6':
      return `[ipv6-addr:value = ${quote(o.value)}]`;
    case 'url':
      return `[url:value = ${quote(o.value)}]`;
    case 'email':
      return `[email-addr:value = ${quote(o.value)}]`;
    case 'hash':
      return `[file:hashes.${HASHES[o.value.length] ?? "'SHA-256'"} = ${quote(o.value.toLowerCase())}]`;
  }
}

/** A finding as a STIX 2.1 bundle: one indicator per observable, and a note carrying the finding. */
export function findingBundle(missionId: string, f: Finding): Record<string, unknown> {
  const ts = new Date(f.at).toISOString();
  const indicators = f.observables.map((o) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${stableUuid(`${missionId}/${f.id}/${o.type}/${o.value}`)}`,
    created: ts,
    modified: ts,
    name: `${f.title} (${o.value})`,
    description: f.description || f.title,
    indicator_types: [f.category === 'suspicious-security-event' ? 'malicious-activity' : 'anomalous-activity'],
    pattern: stixPattern(o),
    pattern_type: 'stix',
    valid_from: ts,
    labels: [f.category, `severity:${f.severity}`, `capeo:${missionId}`],
  }));
  const note = {
    type: 'note',
    spec_version: '2.1',
    id: `note--${stableUuid(`${missionId}/${f.id}/note`)}`,
    created: ts,
    modified: ts,
    abstract: f.title,
    content: [f.description, ...f.evidence.map((e) => `${e.kind}: ${e.summary}`)].filter(Boolean).join('\n'),
    authors: [f.author],
    object_refs: indicators.length ? indicators.map((i) => i.id) : [`identity--${stableUuid('capeo')}`],
  };
  const identity = indicators.length
    ? []
    : [{ type: 'identity', spec_version: '2.1', id: `identity--${stableUuid('capeo')}`, created: ts, modified: ts, name: 'capeo', identity_class: 'system' }];
  return { type: 'bundle', id: `bundle--${stableUuid(`${missionId}/${f.id}/bundle`)}`, objects: [...identity, ...indicators, note] };
}

import { createHash } from 'node:crypto';

/**
 * A small ATT&CK release in MITRE's STIX 2.1 shape, made by the tests (no network): a collection with
 * its version, the enterprise matrix and its tactics in order, techniques and sub-techniques, a
 * revoked and a deprecated one, and a CAPEC pattern that is not ATT&CK.
 */
const uuid = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const T = '2025-04-15T00:00:00.000Z';
const base = (type: string, seed: string) => ({ type, spec_version: '2.1', id: `${type}--${uuid(seed)}`, created: T, modified: T });
const ref = (id: string, source = 'mitre-attack') => [{ source_name: source, external_id: id, url: `https://attack.mitre.org/techniques/${id.replace('.', '/')}` }];

export const TACTICS = [
  ['reconnaissance', 'Reconnaissance', 'TA0043'],
  ['resource-development', 'Resource Development', 'TA0042'],
  ['initial-access', 'Initial Access', 'TA0001'],
  ['command-and-control', 'Command and Control', 'TA0011'],
] as const;

export const LIVE_TECHNIQUES: Array<[string, string, string[]]> = [
  ['T1566', 'Phishing', ['initial-access']],
  ['T1566.002', 'Spearphishing Link', ['initial-access']],
  ['T1583', 'Acquire Infrastructure', ['resource-development']],
  ['T1583.001', 'Domains', ['resource-development']],
  ['T1584.001', 'Domains', ['resource-development']],
  ['T1596.003', 'Digital Certificates', ['reconnaissance']],
  ['T1071.004', 'DNS', ['command-and-control']],
];
export const REVOKED = 'T1192';
export const DEPRECATED = 'T1064';

export function attackBundle(version = '17.1'): { type: 'bundle'; id: string; objects: Array<Record<string, unknown>> } {
  const tactics = TACTICS.map(([short, name, id]) => ({ ...base('x-mitre-tactic', short), name, x_mitre_shortname: short, external_references: ref(id) }));
  const phases = (names: string[]) => names.map((phase_name) => ({ kill_chain_name: 'mitre-attack', phase_name }));
  const techniques = LIVE_TECHNIQUES.map(([id, name, tactic]) => ({
    ...base('attack-pattern', id),
    name,
    external_references: ref(id),
    kill_chain_phases: phases(tactic),
    x_mitre_is_subtechnique: id.includes('.'),
    x_mitre_version: '1.2',
  }));
  const objects: Array<Record<string, unknown>> = [
    { ...base('x-mitre-collection', 'collection'), name: 'Enterprise ATT&CK', x_mitre_version: version, x_mitre_contents: [] },
    // The matrix lists its tactics in the order the Navigator shows them (not the bundle's).
    { ...base('x-mitre-matrix', 'matrix'), name: 'Enterprise ATT&CK', tactic_refs: tactics.map((t) => t.id), external_references: ref('enterprise-attack') },
    ...[...tactics].reverse(),
    ...techniques,
    { ...base('attack-pattern', REVOKED), name: 'Spearphishing Link (old)', revoked: true, external_references: ref(REVOKED), kill_chain_phases: phases(['initial-access']) },
    { ...base('attack-pattern', DEPRECATED), name: 'Scripting', x_mitre_deprecated: true, external_references: ref(DEPRECATED), kill_chain_phases: phases(['command-and-control']) },
    { ...base('attack-pattern', 'capec'), name: 'A CAPEC pattern', external_references: ref('CAPEC-98', 'capec') },
  ];
  return { type: 'bundle', id: `bundle--${uuid(`bundle-${version}`)}`, objects };
}

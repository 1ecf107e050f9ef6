import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AttackBundleError, catalogueFromStix, navigatorLayer, navigatorLayerSchema, techniqueIdSchema, techniqueProblems } from '../../domain/attack';
import { attackBundle, DEPRECATED, LIVE_TECHNIQUES, REVOKED, TACTICS } from '../support/attack-bundle';

const PYTHON = join(__dirname, '..', '..', '.tools', 'venv', 'bin', 'python');
const CHECK = join(__dirname, '..', 'python', 'navigator_layer_check.py');

describe('the ATT&CK catalogue from a STIX 2.1 bundle', () => {
  const catalogue = catalogueFromStix(attackBundle('17.1'));

  test('takes the release from the collection, every ATT&CK technique and sub-technique, and no CAPEC pattern', () => {
    expect(catalogue.version).toBe('17.1');
    expect(catalogue.domain).toBe('enterprise-attack');
    expect(Object.keys(catalogue.techniques).sort()).toEqual([...LIVE_TECHNIQUES.map(([id]) => id), REVOKED, DEPRECATED].sort());
    expect(catalogue.techniques['T1583.001']).toEqual({ id: 'T1583.001', name: 'Domains', tactics: ['resource-development'], parent: 'T1583', deprecated: false, revoked: false });
    expect(catalogue.techniques[REVOKED]!.revoked).toBe(true);
    expect(catalogue.techniques[DEPRECATED]!.deprecated).toBe(true);
  });

  test("lists the tactics in the matrix's order, not the bundle's", () => {
    expect(catalogue.tactics.map((t) => t.shortName)).toEqual(TACTICS.map(([short]) => short));
  });

  test('a bare list of objects (a TAXII collection) gives the same catalogue', () => {
    expect(catalogueFromStix(attackBundle('17.1').objects)).toEqual(catalogue);
  });

  test.each([
    ['not a bundle', { type: 'bundle' }, 'objects'],
    ['an object that is not one', { objects: [42] }, 'objects[0]'],
    ['no release', { objects: attackBundle().objects.filter((o) => o.type !== 'x-mitre-collection') }, 'objects'],
    ['no technique', { objects: attackBundle().objects.filter((o) => o.type !== 'attack-pattern') }, 'objects'],
    ['a technique without a name', { objects: [...attackBundle().objects, { type: 'attack-pattern', id: 'attack-pattern--x', external_references: [{ source_name: 'mitre-attack', external_id: 'T1000' }] }] }, `objects[${attackBundle().objects.length}].name`],
    ['a malformed technique id', { objects: [...attackBundle().objects, { type: 'attack-pattern', name: 'x', external_references: [{ source_name: 'mitre-attack', external_id: 'T12' }] }] }, `objects[${attackBundle().objects.length}].external_references`],
  ])('refuses %s, naming the part', (_what, bundle, path) => {
    let err: unknown;
    try {
      catalogueFromStix(bundle);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AttackBundleError);
    expect((err as AttackBundleError).path).toBe(path);
  });

  test('a release loaded without a collection takes the version it is given', () => {
    expect(catalogueFromStix(attackBundle().objects.filter((o) => o.type !== 'x-mitre-collection'), '16.0').version).toBe('16.0');
  });

  test('technique problems: unknown, revoked and deprecated ids, each at its index; live ones pass', () => {
    expect(techniqueProblems(catalogue, ['T1566', 'T1583.001'])).toEqual([]);
    expect(techniqueProblems(catalogue, ['T1566', 'T9999', REVOKED, DEPRECATED]).map((p) => [p.index, p.id, p.message])).toEqual([
      [1, 'T9999', 'T9999 is not a technique of ATT&CK 17.1 (enterprise-attack)'],
      [2, REVOKED, `${REVOKED} is revoked in ATT&CK 17.1`],
      [3, DEPRECATED, `${DEPRECATED} is deprecated in ATT&CK 17.1`],
    ]);
  });

  test.each([['T1566', true], ['T1566.002', true], ['T156', false], ['t1566', false], ['T1566.02', false], ['TA0001', false]])('technique id %s well-formed: %s', (id, ok) => {
    expect(techniqueIdSchema.safeParse(id).success).toBe(ok);
  });
});

describe('ATT&CK Navigator layers', () => {
  const layer = navigatorLayer({
    name: 'EAVD01: techniques hunted',
    description: 'test',
    catalogue: { version: '17.1', domain: 'enterprise-attack' },
    coverage: [
      { id: 'T1583.001', hunted: 2, findings: 3, missions: ['EAVD01'] },
      { id: 'T1583', hunted: 1, findings: 0, missions: ['EAVD01'] },
      { id: 'T1566', hunted: 0, findings: 1, missions: ['EAVD02'] },
    ],
  });

  test('one entry per technique, scored by findings, coloured hunted or found, parents of annotated sub-techniques expanded', () => {
    expect(layer.techniques!.map((t) => [t.techniqueID, t.score, t.color, t.showSubtechniques ?? false])).toEqual([
      ['T1566', 1, '#fd8d3c', false],
      ['T1583', 0, '#8ec8f6', true],
      ['T1583.001', 3, '#fd8d3c', false],
    ]);
    expect(layer.versions).toEqual({ attack: '17.1', navigator: '5.1.0', layer: '4.5' });
    expect(layer.gradient!.maxValue).toBe(3);
  });

  test('follows the layer format 4.5 as capeo transcribes it', () => {
    expect(navigatorLayerSchema.parse(layer)).toEqual(layer);
    expect(navigatorLayerSchema.safeParse({ ...layer, versions: { navigator: '5.1.0', layer: '4.4' } }).success).toBe(false);
    expect(navigatorLayerSchema.safeParse({ ...layer, techniques: [{ techniqueID: 'T1566', score: 'high' }] }).success).toBe(false);
  });

  test("loads in MITRE's own layer model (mitreattack-python), which refuses what the format does not allow", () => {
    const out = JSON.parse(execFileSync(PYTHON, [CHECK], { input: JSON.stringify(layer), encoding: 'utf8' }));
    expect(out).toEqual({ name: layer.name, domain: 'enterprise-attack', versions: { attack: '17.1', navigator: '5.1.0', layer: '4.5' }, techniques: ['T1566', 'T1583', 'T1583.001'] });
    // The oracle can fail: a score that is not a number is refused.
    expect(() => execFileSync(PYTHON, [CHECK], { input: JSON.stringify({ ...layer, techniques: [{ techniqueID: 'T1566', score: 'high' }] }), stdio: 'pipe' })).toThrow();
  });

  test('without a release (no catalogue loaded) the layer leaves the ATT&CK version out', () => {
    const l = navigatorLayer({ name: 'x', description: '', catalogue: { version: null, domain: 'enterprise-attack' }, coverage: [] });
    expect(l.versions).toEqual({ navigator: '5.1.0', layer: '4.5' });
    expect(navigatorLayerSchema.safeParse(l).success).toBe(true);
  });
});

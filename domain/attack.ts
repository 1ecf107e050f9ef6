import { z } from 'zod';

/**
 * MITRE ATT&CK as capeo uses it: a catalogue of techniques loaded from a STIX 2.1 bundle (a file, or a
 * TAXII 2.1 collection such as MITRE's own), technique ids validated against it, and ATT&CK Navigator
 * layers (layer format 4.5) for a mission or a time range. Pure: no I/O.
 */

/** `T1566` or a sub-technique `T1566.002`. */
export const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
export const techniqueIdSchema = z.string().regex(TECHNIQUE_ID, 'an ATT&CK technique id: T followed by four digits, and .NNN for a sub-technique (T1566.002)');
/** Technique ids a mission, objective, finding or query carries. */
export const techniquesSchema = z.array(techniqueIdSchema).max(50);

export interface Technique {
  id: string;
  name: string;
  /** Tactic short names (`initial-access`), from the kill-chain phases. */
  tactics: string[];
  /** The parent technique's id, for a sub-technique. */
  parent?: string;
  deprecated: boolean;
  revoked: boolean;
}

export interface AttackCatalogue {
  /** The ATT&CK release (`17.1`): recorded on each mission that uses it. */
  version: string;
  /** `enterprise-attack`, `mobile-attack` or `ics-attack`. */
  domain: AttackDomain;
  techniques: Record<string, Technique>;
  /** Tactic short name → display name, in the matrix's order when the bundle has one. */
  tactics: Array<{ shortName: string; name: string }>;
}

export const ATTACK_DOMAINS = ['enterprise-attack', 'mobile-attack', 'ics-attack'] as const;
export type AttackDomain = (typeof ATTACK_DOMAINS)[number];

const SOURCE_TO_DOMAIN: Record<string, AttackDomain> = {
  'mitre-attack': 'enterprise-attack',
  'mitre-mobile-attack': 'mobile-attack',
  'mitre-ics-attack': 'ics-attack',
};

interface StixObject {
  type?: unknown;
  id?: unknown;
  name?: unknown;
  revoked?: unknown;
  x_mitre_deprecated?: unknown;
  x_mitre_version?: unknown;
  x_mitre_shortname?: unknown;
  x_mitre_is_subtechnique?: unknown;
  x_mitre_domains?: unknown;
  x_mitre_contents?: unknown;
  tactic_refs?: unknown;
  external_references?: unknown;
  kill_chain_phases?: unknown;
}

/** Why a bundle cannot be a catalogue, naming the part. */
export class AttackBundleError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function attackRef(o: StixObject): { id: string; source: string } | undefined {
  if (!Array.isArray(o.external_references)) return undefined;
  for (const r of o.external_references as Array<Record<string, unknown>>) {
    const source = str(r?.source_name);
    const id = str(r?.external_id);
    if (source && id && SOURCE_TO_DOMAIN[source]) return { id, source };
  }
  return undefined;
}

/**
 * The catalogue in a STIX 2.1 bundle (`{"type": "bundle", "objects": [...]}`) or a bare list of objects
 * (what a TAXII collection's pages add up to). The version is the `x-mitre-collection`'s
 * `x_mitre_version` (MITRE's bundles carry one), else `versionHint`; a bundle with neither, or without a
 * single technique, is refused.
 */
export function catalogueFromStix(input: unknown, versionHint?: string): AttackCatalogue {
  const objects: unknown = Array.isArray(input) ? input : (input as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) throw new AttackBundleError('objects', 'a STIX 2.1 bundle has an array of objects');
  const techniques: Record<string, Technique> = {};
  const tacticObjects = new Map<string, { shortName: string; name: string }>();
  let matrixOrder: string[] | undefined;
  let version: string | undefined;
  let domain: AttackDomain | undefined;
  for (const [i, raw] of objects.entries()) {
    if (raw === null || typeof raw !== 'object') throw new AttackBundleError(`objects[${i}]`, 'not an object');
    const o = raw as StixObject;
    switch (o.type) {
      case 'x-mitre-collection':
        version ??= str(o.x_mitre_version);
        break;
      case 'x-mitre-matrix':
        if (Array.isArray(o.tactic_refs) && !o.revoked) matrixOrder ??= o.tactic_refs.filter((r): r is string => typeof r === 'string');
        break;
      case 'x-mitre-tactic': {
        const shortName = str(o.x_mitre_shortname);
        const name = str(o.name);
        if (shortName && name && typeof o.id === 'string') tacticObjects.set(o.id, { shortName, name });
        break;
      }
      case 'attack-pattern': {
        const ref = attackRef(o);
        if (!ref) break; // CAPEC or another catalogue's pattern
        if (!TECHNIQUE_ID.test(ref.id)) throw new AttackBundleError(`objects[${i}].external_references`, `${JSON.stringify(ref.id)} is not a technique id`);
        const name = str(o.name);
        if (!name) throw new AttackBundleError(`objects[${i}].name`, 'a technique has a name');
        domain ??= SOURCE_TO_DOMAIN[ref.source];
        const tactics = Array.isArray(o.kill_chain_phases)
          ? (o.kill_chain_phases as Array<Record<string, unknown>>)
              .filter((p) => typeof p?.kill_chain_name === 'string' && String(p.kill_chain_name).startsWith('mitre-'))
              .map((p) => str(p.phase_name))
              .filter((p): p is string => p !== undefined)
          : [];
        const parent = ref.id.includes('.') ? ref.id.split('.')[0] : undefined;
        const next: Technique = { id: ref.id, name, tactics, ...(parent ? { parent } : {}), deprecated: o.x_mitre_deprecated === true, revoked: o.revoked === true };
        const known = techniques[ref.id];
        // A revoked object and its replacement may share an id: the live one wins.
        if (!known || (known.revoked && !next.revoked)) techniques[ref.id] = next;
        break;
      }
      default:
        break;
    }
  }
  version ??= versionHint;
  if (!version) throw new AttackBundleError('objects', 'no x-mitre-collection with an x_mitre_version: say which ATT&CK version this is');
  if (Object.keys(techniques).length === 0) throw new AttackBundleError('objects', 'no ATT&CK technique (attack-pattern with a mitre-attack external id)');
  const ordered = matrixOrder?.map((ref) => tacticObjects.get(ref)).filter((t): t is { shortName: string; name: string } => t !== undefined);
  const tactics = ordered?.length ? ordered : [...tacticObjects.values()];
  return { version, domain: domain ?? 'enterprise-attack', techniques, tactics };
}

export interface TechniqueProblem {
  /** Index in the list checked. */
  index: number;
  id: string;
  message: string;
}

/**
 * Each id of `ids` that the catalogue does not know as a live technique: unknown, revoked (the
 * replacement should be used) or deprecated.
 */
export function techniqueProblems(catalogue: AttackCatalogue, ids: readonly string[]): TechniqueProblem[] {
  const problems: TechniqueProblem[] = [];
  ids.forEach((id, index) => {
    const t = catalogue.techniques[id];
    if (!t) problems.push({ index, id, message: `${id} is not a technique of ATT&CK ${catalogue.version} (${catalogue.domain})` });
    else if (t.revoked) problems.push({ index, id, message: `${id} is revoked in ATT&CK ${catalogue.version}` });
    else if (t.deprecated) problems.push({ index, id, message: `${id} is deprecated in ATT&CK ${catalogue.version}` });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// ATT&CK Navigator layers, format 4.5 (attack-navigator layers/spec/v4.5/layerformat.md)

export const NAVIGATOR_VERSION = '5.1.0';
export const LAYER_FORMAT_VERSION = '4.5';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const metadataItem = z.union([z.object({ name: z.string(), value: z.string() }).strict(), z.object({ divider: z.boolean() }).strict()]);
const linkItem = z.union([z.object({ label: z.string(), url: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\//i) }).strict(), z.object({ divider: z.boolean() }).strict()]);

/** The layer file format 4.5, property by property, as the Navigator's specification defines it. */
export const navigatorLayerSchema = z
  .object({
    name: z.string(),
    versions: z.object({ attack: z.string().optional(), navigator: z.string().regex(/^\d+\.\d+(\.\d+)?$/), layer: z.literal('4.5') }).strict().optional(),
    domain: z.enum(ATTACK_DOMAINS),
    description: z.string().optional(),
    customDataURL: z.string().optional(),
    filters: z.object({ platforms: z.array(z.string()).optional() }).strict().optional(),
    sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
    layout: z
      .object({
        layout: z.enum(['side', 'flat', 'mini']).optional(),
        showID: z.boolean().optional(),
        showName: z.boolean().optional(),
        showAggregateScores: z.boolean().optional(),
        countUnscored: z.boolean().optional(),
        aggregateFunction: z.enum(['average', 'min', 'max', 'sum']).optional(),
        expandedSubtechniques: z.enum(['none', 'all', 'annotated']).optional(),
      })
      .strict()
      .optional(),
    hideDisabled: z.boolean().optional(),
    techniques: z
      .array(
        z
          .object({
            techniqueID: techniqueIdSchema,
            tactic: z.string().optional(),
            comment: z.string().optional(),
            enabled: z.boolean().optional(),
            score: z.number().optional(),
            color: z.union([hexColor, z.literal('')]).optional(),
            metadata: z.array(metadataItem).optional(),
            links: z.array(linkItem).optional(),
            showSubtechniques: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    gradient: z
      .object({ colors: z.array(hexColor).min(2), minValue: z.number(), maxValue: z.number() })
      .strict()
      .refine((g) => g.maxValue > g.minValue, 'maxValue must be greater than minValue')
      .optional(),
    legendItems: z.array(z.object({ label: z.string(), color: hexColor }).strict()).optional(),
    showTacticRowBackground: z.boolean().optional(),
    tacticRowBackground: hexColor.optional(),
    selectTechniquesAcrossTactics: z.boolean().optional(),
    selectSubtechniquesWithParent: z.boolean().optional(),
    selectVisibleTechniques: z.boolean().optional(),
    metadata: z.array(metadataItem).optional(),
    links: z.array(linkItem).optional(),
  })
  .strict();
export type NavigatorLayer = z.infer<typeof navigatorLayerSchema>;

/** What was hunted for one technique over the missions a layer covers. */
export interface TechniqueCoverage {
  id: string;
  /** Missions, objectives or queries that named it. */
  hunted: number;
  /** Findings that carry it. */
  findings: number;
  /** Mission codes, for the tooltip (at most a few are listed). */
  missions: string[];
}

const HUNTED = '#8ec8f6';
const FOUND = '#fd8d3c';

/**
 * A layer of what was hunted: each technique hunted (blue) or with findings (orange, scored by how many),
 * with the missions that covered it in its metadata. Sub-techniques show under their parent, which the
 * layer expands when one of them is annotated.
 */
export function navigatorLayer(input: {
  name: string;
  description: string;
  /** The release (null: unknown, no catalogue loaded) and the matrix. */
  catalogue: { version: string | null; domain: AttackDomain };
  coverage: readonly TechniqueCoverage[];
  links?: Array<{ label: string; url: string }>;
}): NavigatorLayer {
  const maxFindings = Math.max(1, ...input.coverage.map((c) => c.findings));
  const parents = new Set(input.coverage.filter((c) => c.id.includes('.')).map((c) => c.id.split('.')[0]));
  const techniques = [...input.coverage]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((c) => {
      const shown = c.missions.slice(0, 10);
      return {
        techniqueID: c.id,
        score: c.findings,
        color: c.findings > 0 ? FOUND : HUNTED,
        comment: `hunted ${c.hunted} time${c.hunted === 1 ? '' : 's'}, ${c.findings} finding${c.findings === 1 ? '' : 's'}`,
        enabled: true,
        metadata: [
          { name: 'missions', value: shown.join(', ') + (c.missions.length > shown.length ? ` and ${c.missions.length - shown.length} more` : '') },
        ],
        ...(parents.has(c.id) ? { showSubtechniques: true } : {}),
      };
    });
  return {
    name: input.name.slice(0, 200),
    versions: { ...(input.catalogue.version ? { attack: input.catalogue.version } : {}), navigator: NAVIGATOR_VERSION, layer: LAYER_FORMAT_VERSION },
    domain: input.catalogue.domain,
    description: input.description,
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques,
    gradient: { colors: ['#ffffff', FOUND], minValue: 0, maxValue: maxFindings },
    legendItems: [
      { label: 'hunted, no finding', color: HUNTED },
      { label: 'hunted, with findings', color: FOUND },
    ],
    ...(input.links?.length ? { links: input.links } : {}),
  };
}

import { buildBrandIndex, matchNameAll, normalizeName, type BrandIndex, type BrandInput, type LookalikeMatch } from '../../activities/eavd/match';
import type { ActiveBrand, MissionReads } from '../../store/mission-reads';
import { BadRequestError } from '../errors';

export interface LookalikeCheck {
  /** The name checked, ASCII (Punycode) form, and its Unicode form. */
  domain: string;
  unicode: string;
  /** Where the brands came from: the request, or the active missions. */
  brandsFrom: 'request' | 'active-missions';
  brandsChecked: number;
  /** The strongest match, or null: the name imitates none of the brands. */
  match: CheckedMatch | null;
  /** Every brand it imitates, one match each, strongest first. */
  matches: CheckedMatch[];
}

export type CheckedMatch = LookalikeMatch & { missionIds?: string[] };

/** Brand sets kept indexed (per distinct set): building costs the permutation engine's time, matching microseconds. */
const CACHE_SIZE = 32;

/**
 * The reverse check: which brand a domain imitates, how, and how risky it looks. Brands come with the
 * request, else they are those of the active missions (store/mission-reads activeBrands), read at each
 * call; indexes are cached by brand set, so a new mission's brand is in the next check.
 */
export class LookalikeService {
  private readonly indexes = new Map<string, BrandIndex>();

  constructor(private readonly reads: () => Pick<MissionReads, 'activeBrands'>) {}

  private indexOf(brands: readonly BrandInput[]): BrandIndex {
    const key = JSON.stringify(brands.map((b) => [b.id, [...b.domains].sort(), [...b.keywords].sort()]));
    let index = this.indexes.get(key);
    if (index) {
      this.indexes.delete(key);
    } else {
      index = buildBrandIndex(brands);
      if (this.indexes.size >= CACHE_SIZE) this.indexes.delete(this.indexes.keys().next().value!);
    }
    this.indexes.set(key, index);
    return index;
  }

  async check(domain: string, given?: Array<{ id?: string; domains: string[]; keywords?: string[] }>): Promise<LookalikeCheck> {
    const name = normalizeName(domain);
    if (name === null || domain.trim().startsWith('*.')) throw new BadRequestError('domain', 'a host name such as login-example.com (Unicode or Punycode)');
    let brands: Array<BrandInput & { missionIds?: string[] }>;
    if (given) {
      brands = given.map((b, i) => ({ id: b.id ?? b.domains[0] ?? `brand-${i + 1}`, domains: b.domains, keywords: b.keywords ?? [] }));
      brands.forEach((b, i) => {
        const bad = b.domains.findIndex((d) => normalizeName(d) === null);
        if (bad !== -1) throw new BadRequestError(`brands.${i}.domains.${bad}`, 'a domain name such as example.com');
      });
    } else {
      brands = (await this.reads().activeBrands()).map((b: ActiveBrand) => ({ id: b.id, domains: b.domains, keywords: b.keywords, missionIds: b.missionIds }));
    }
    const missions = new Map(brands.map((b) => [b.id, b.missionIds]));
    const matches: CheckedMatch[] = brands.length === 0 ? [] : matchNameAll(this.indexOf(brands), name).map((m) => {
      const missionIds = missions.get(m.brandId);
      return missionIds ? { ...m, missionIds } : m;
    });
    const unicode = matches[0]?.unicode ?? name;
    return { domain: name, unicode, brandsFrom: given ? 'request' : 'active-missions', brandsChecked: brands.length, match: matches[0] ?? null, matches };
  }
}

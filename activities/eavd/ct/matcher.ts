import { log } from '@temporalio/activity';
import type { CtNameMatch } from '../../../domain/ct-monitor';
import type { ActiveBrand } from '../../../store/mission-reads';
import { buildBrandIndex, matchNameAll, type BrandIndex, type LookalikeMatch } from '../match';

/**
 * What the monitor needs of the lookalike matcher (activities/eavd/match): built once per batch from
 * the brands of the active missions, then asked about every name of every certificate.
 */
export type NameMatch = { brandId: string } & Omit<CtNameMatch, 'name'>;
export type NameMatcher = (name: string) => NameMatch[];
export type MatcherFactory = (brands: readonly ActiveBrand[]) => NameMatcher;

export function toNameMatch(m: LookalikeMatch): NameMatch {
  return {
    brandId: m.brandId,
    brand: m.brandDomain,
    how: `${m.kind} (${m.algorithm}${m.distance !== null && m.kind !== 'candidate' ? `, distance ${m.distance}` : ''})`,
    score: m.score,
    level: m.level,
    signals: m.reasons.map((r) => `${r.reason} (+${r.points})`),
  };
}

/**
 * The lookalike matcher over the brands. A brand whose domain the matcher refuses (not a host name) is
 * left out, with a warning, rather than stop the monitor for every brand.
 */
export const lookalikeMatcher: MatcherFactory = (brands) => {
  let index: BrandIndex;
  try {
    index = buildBrandIndex(brands);
  } catch {
    const usable = brands.filter((b) => {
      try {
        buildBrandIndex([b]);
        return true;
      } catch (err) {
        try {
          log.warn('brand left out of CT matching', { brand: b.id, error: (err as Error).message });
        } catch {
          // not in an activity
        }
        return false;
      }
    });
    index = buildBrandIndex(usable);
  }
  return (name) => matchNameAll(index, name).map(toNameMatch);
};

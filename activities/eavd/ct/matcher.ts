import type { CtNameMatch } from '../../../domain/ct-monitor';

/**
 * What the monitor needs of a lookalike matcher: built once per batch from the brands of the active
 * missions, then asked about every name of every certificate (so it must be fast and allocation-light).
 */
export interface Brand {
  /** Missions protecting the same domains and keywords share one brand. */
  id: string;
  domains: string[];
  keywords: string[];
}
export type NameMatch = { brandId: string } & Omit<CtNameMatch, 'name'>;
export type NameMatcher = (name: string) => NameMatch | null;
export type MatcherFactory = (brands: Brand[]) => NameMatcher;

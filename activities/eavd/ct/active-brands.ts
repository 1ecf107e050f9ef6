import type { Db } from '../../../store/db';
import type { Brand } from './matcher';

/** A brand and the missions protecting it. */
export interface BrandMissions {
  brand: Brand;
  missionIds: string[];
}

/**
 * The brands of the EAVD missions in Execute, from the store's summaries; missions with the same
 * domains and keywords share one brand, so a certificate is matched once and raised in each.
 */
export async function activeBrands(db: Db): Promise<BrandMissions[]> {
  const rows = await db.query<{ mission_id: string; brand: { domains?: unknown; keywords?: unknown } }>(
    `select mission_id, summary->'brand' as brand from missions
     where status = 'active' and phase = 'execute' and jsonb_typeof(summary->'brand') = 'object' order by mission_id`,
  );
  const byKey = new Map<string, BrandMissions>();
  for (const r of rows.rows) {
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : []);
    const domains = [...new Set(strings(r.brand.domains))].sort();
    const keywords = [...new Set(strings(r.brand.keywords))].sort();
    if (!domains.length) continue;
    const id = `${domains.join(',')}|${keywords.join(',')}`;
    const entry = byKey.get(id) ?? { brand: { id, domains, keywords }, missionIds: [] };
    entry.missionIds.push(r.mission_id);
    byKey.set(id, entry);
  }
  return [...byKey.values()];
}

import type { AttackCatalogue, TechniqueCoverage } from '../domain/attack';
import { inTransaction, type Db } from './db';

/** How long the API trusts its copy of the current catalogue before asking the store again. */
const CACHE_MS = 30_000;

export interface CatalogueInfo {
  version: string;
  domain: string;
  source: string;
  techniqueCount: number;
  loadedAt: string;
}

/** Coverage of one technique, counted over missions (their start), objectives, query runs and findings. */
interface CoverageRow {
  technique: string;
  hunted: number;
  findings: number;
  missions: string[];
}

/**
 * The ATT&CK catalogues in the mission store: each release loaded once (a refresh of the same release
 * changes nothing), the newest loaded is current, and coverage is counted from the technique ids that
 * missions, objectives, findings and query runs carry.
 */
export class AttackStore {
  private cached?: { at: number; catalogue: Promise<AttackCatalogue | null> };

  constructor(private readonly db: Db) {}

  /** Saves a catalogue and makes it current. Answers whether this release was new. */
  async save(c: AttackCatalogue, source: string): Promise<{ created: boolean }> {
    const created = await inTransaction(this.db, async (tx) => {
      const r = await tx.query(
        `insert into attack_catalogues (version, domain, source, techniques, tactics, technique_count) values ($1, $2, $3, $4, $5, $6)
         on conflict (version) do nothing`,
        [c.version, c.domain, source, JSON.stringify(c.techniques), JSON.stringify(c.tactics), Object.keys(c.techniques).length],
      );
      // The newest release loaded is current (by load time: ATT&CK versions are not ordered as text).
      await tx.query(`update attack_catalogues set is_current = false where is_current and version <> $1`, [c.version]);
      await tx.query(`update attack_catalogues set is_current = true where version = $1`, [c.version]);
      return r.rowCount === 1;
    });
    this.cached = undefined;
    return { created };
  }

  async info(): Promise<CatalogueInfo | null> {
    const r = await this.db.query<{ version: string; domain: string; source: string; technique_count: number; loaded_at: string }>(
      `select version, domain, source, technique_count, loaded_at from attack_catalogues where is_current`,
    );
    const row = r.rows[0];
    return row ? { version: row.version, domain: row.domain, source: row.source, techniqueCount: row.technique_count, loadedAt: row.loaded_at } : null;
  }

  /** The current catalogue, cached for a few seconds (it changes once per ATT&CK release). */
  current(): Promise<AttackCatalogue | null> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const catalogue = this.load().catch((err) => {
        this.cached = undefined;
        throw err;
      });
      this.cached = { at: now, catalogue };
    }
    return this.cached.catalogue;
  }

  private async load(): Promise<AttackCatalogue | null> {
    const r = await this.db.query<{ version: string; domain: AttackCatalogue['domain']; techniques: AttackCatalogue['techniques']; tactics: AttackCatalogue['tactics'] }>(
      `select version, domain, techniques, tactics from attack_catalogues where is_current`,
    );
    return r.rows[0] ?? null;
  }

  /** The release a mission's techniques were checked against, and its own technique ids. */
  async missionAttack(missionId: string): Promise<{ code: string; attackVersion: string | null } | null> {
    const r = await this.db.query<{ code: string; attack_version: string | null }>(`select code, attack_version from missions where mission_id = $1`, [missionId]);
    const row = r.rows[0];
    return row ? { code: row.code, attackVersion: row.attack_version } : null;
  }

  /**
   * Techniques hunted and found, per technique: over one mission, or over the missions created in
   * [from, to). "Hunted" counts the mission itself, its objectives and its query runs naming the
   * technique; "findings" the findings carrying it that were not withdrawn.
   */
  async coverage(scope: { missionId: string } | { from: string; to: string }): Promise<TechniqueCoverage[]> {
    const [where, params] =
      'missionId' in scope ? ['m.mission_id = $1', [scope.missionId]] : ['m.created_at >= $1 and m.created_at < $2', [scope.from, scope.to]];
    const r = await this.db.query<CoverageRow>(
      `with scope as (select mission_id, code || case when iteration > 1 then '-' || iteration else '' end as code, start_request from missions m where ${where}),
       hunted as (
         select s.mission_id, t as technique from scope s, jsonb_array_elements_text(coalesce(s.start_request->'techniques', '[]')) t
         union all
         select s.mission_id, t from scope s join work_items w using (mission_id), jsonb_array_elements_text(coalesce(w.data->'techniques', '[]')) t
          where w.item = 'objectives'
         union all
         select s.mission_id, unnest(q.techniques) from scope s join query_runs q using (mission_id)
       ), found as (
         select s.mission_id, unnest(f.techniques) as technique from scope s join findings f using (mission_id) where f.status <> 'withdrawn'
       ), counted as (
         select technique, mission_id, count(*)::int as hunted, 0 as findings from hunted group by technique, mission_id
         union all
         select technique, mission_id, 0, count(*)::int from found group by technique, mission_id
       )
       select c.technique, sum(c.hunted)::int as hunted, sum(c.findings)::int as findings,
              array_agg(distinct s.code order by s.code) as missions
       from counted c join scope s using (mission_id)
       group by c.technique order by c.technique`,
      params,
    );
    return r.rows.map((row) => ({ id: row.technique, hunted: row.hunted, findings: row.findings, missions: row.missions }));
  }
}

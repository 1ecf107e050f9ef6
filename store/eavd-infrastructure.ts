import { assignClusters, clusterDomains, type AssignedCluster, type KnownCluster, type SharedFact } from '../domain/eavd-clusters';
import { infrastructureOf, mergeObservations } from '../domain/eavd-infrastructure';
import type { CandidateFacts } from '../domain/eavd-scoring';
import { inTransaction, type Db } from './db';

export interface StoredLookalike {
  facts: CandidateFacts;
  firstSeen: string;
  clusterId: string | null;
}

export interface StoredCluster extends KnownCluster {
  shared: SharedFact[];
}

/** A lock per mission (its own key space: the first 32 bits say "eavd clusters"), so two clusterings of one mission never interleave. */
const LOCK_CLASS = 0x65617664;

/**
 * The lookalikes a mission has seen and their clusters (store/migrations/0003). Recording is an
 * upsert per domain that merges a new observation into the stored one; clustering runs under the
 * mission's lock on everything the mission has seen, so a sweep and a CT match clustering at once
 * see each other's domains, and a retried clustering finds its own clusters and answers the same.
 */
export class InfrastructureStore {
  constructor(private readonly db: Db) {}

  async record(missionId: string, firstSeen: string, items: CandidateFacts[]): Promise<void> {
    if (items.length === 0) return;
    await inTransaction(this.db, async (c) => {
      for (const item of items) {
        const facts = { ...item, domain: item.domain.toLowerCase() };
        const row = await c.query<{ facts: CandidateFacts }>(`select facts from eavd_infrastructure where mission_id = $1 and domain = $2 for update`, [missionId, facts.domain]);
        const merged = row.rows[0] ? mergeObservations(row.rows[0].facts, facts) : facts;
        await c.query(
          `insert into eavd_infrastructure (mission_id, domain, first_seen, facts) values ($1, $2, $3, $4)
           on conflict (mission_id, domain) do update set facts = excluded.facts, updated_at = now()`,
          [missionId, facts.domain, firstSeen, JSON.stringify(merged)],
        );
      }
    });
  }

  /**
   * Clusters every lookalike of the mission (domain/eavd-clusters.ts), names the clusters against
   * those stored, and stores the result: clusters, merges and each member's cluster. New clusters
   * are founded by `foundedBy`. Answers the clusters touched, and the facts of their members.
   */
  async cluster(missionId: string, foundedBy: string): Promise<{ clusters: AssignedCluster[]; facts: Map<string, CandidateFacts> }> {
    return inTransaction(this.db, async (c) => {
      await c.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, missionId]);
      const rows = await c.query<{ domain: string; facts: CandidateFacts }>(`select domain, facts from eavd_infrastructure where mission_id = $1`, [missionId]);
      const known = await c.query<{ cluster_id: string; members: string[]; founded_by: string }>(
        `select cluster_id, members, founded_by from eavd_clusters where mission_id = $1 and merged_into is null`,
        [missionId],
      );
      const items = rows.rows.map((r) => infrastructureOf(r.facts));
      const assigned = assignClusters(
        clusterDomains(items),
        known.rows.map((k) => ({ id: k.cluster_id, members: k.members, foundedBy: k.founded_by })),
        foundedBy,
        items,
      );
      for (const a of assigned) {
        await c.query(
          `insert into eavd_clusters (mission_id, cluster_id, founded_by, members, shared) values ($1, $2, $3, $4, $5)
           on conflict (mission_id, cluster_id) do update set members = excluded.members, shared = excluded.shared, merged_into = null, updated_at = now()`,
          [missionId, a.id, a.foundedBy, JSON.stringify(a.members), JSON.stringify(a.shared)],
        );
        if (a.merged.length) await c.query(`update eavd_clusters set merged_into = $3, updated_at = now() where mission_id = $1 and cluster_id = any($2::text[])`, [missionId, a.merged, a.id]);
        await c.query(`update eavd_infrastructure set cluster_id = $3 where mission_id = $1 and domain = any($2::text[]) and cluster_id is distinct from $3`, [missionId, a.members, a.id]);
      }
      return { clusters: assigned, facts: new Map(rows.rows.map((r) => [r.domain, r.facts])) };
    });
  }

  /** The stored clusters among `ids`, in their order, with the facts of their members. */
  async clusters(missionId: string, ids: string[]): Promise<Array<{ cluster: StoredCluster; members: CandidateFacts[] }>> {
    const rows = await this.db.query<{ cluster_id: string; members: string[]; founded_by: string; shared: SharedFact[] }>(
      `select cluster_id, members, founded_by, shared from eavd_clusters where mission_id = $1 and cluster_id = any($2::text[])`,
      [missionId, ids],
    );
    const domains = [...new Set(rows.rows.flatMap((r) => r.members))];
    const facts = await this.db.query<{ domain: string; facts: CandidateFacts }>(`select domain, facts from eavd_infrastructure where mission_id = $1 and domain = any($2::text[])`, [missionId, domains]);
    const byDomain = new Map(facts.rows.map((r) => [r.domain, r.facts]));
    const byId = new Map(rows.rows.map((r) => [r.cluster_id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [{ cluster: { id, members: r.members, foundedBy: r.founded_by, shared: r.shared }, members: r.members.flatMap((m) => (byDomain.has(m) ? [byDomain.get(m)!] : [])) }];
    });
  }

  /** The stored lookalikes among `domains`, with their clusters. */
  async lookalikes(missionId: string, domains: string[]): Promise<{ lookalikes: StoredLookalike[]; clusters: Map<string, StoredCluster> }> {
    const rows = await this.db.query<{ facts: CandidateFacts; first_seen: string; cluster_id: string | null }>(
      `select facts, first_seen, cluster_id from eavd_infrastructure where mission_id = $1 and domain = any($2::text[])`,
      [missionId, domains.map((d) => d.toLowerCase())],
    );
    const ids = [...new Set(rows.rows.flatMap((r) => (r.cluster_id ? [r.cluster_id] : [])))];
    const clusters = ids.length
      ? await this.db.query<{ cluster_id: string; members: string[]; founded_by: string; shared: SharedFact[] }>(
          `select cluster_id, members, founded_by, shared from eavd_clusters where mission_id = $1 and cluster_id = any($2::text[])`,
          [missionId, ids],
        )
      : { rows: [] };
    return {
      lookalikes: rows.rows.map((r) => ({ facts: r.facts, firstSeen: r.first_seen, clusterId: r.cluster_id })),
      clusters: new Map(clusters.rows.map((k) => [k.cluster_id, { id: k.cluster_id, members: k.members, foundedBy: k.founded_by, shared: k.shared }])),
    };
  }
}

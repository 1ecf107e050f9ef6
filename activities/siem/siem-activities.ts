import { beat } from '../heartbeat';
import type { ArtifactRef } from '../../domain/mission';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { HeartbeatResult, SiemPort } from './siem-port';

export interface RunHuntQueryInput {
  missionId: string;
  runId: string;
  query: string;
  from: string;
  to: string;
}

export interface HuntQueryRun {
  query: string;
  from: string;
  to: string;
  rowCount: number;
  columns: string[];
  sample: Record<string, unknown>[];
  truncated: boolean;
  evidence: ArtifactRef;
}

export const createSiemActivities = (siem: SiemPort, store: ArtifactStore) => ({
  /** Runs a hunt query; its sample and metadata are kept as evidence in the artifact store (same path on retry). */
  async runHuntQuery({ missionId, runId, query, from, to }: RunHuntQueryInput): Promise<HuntQueryRun> {
    const result = await siem.runQuery({ query, from, to, limit: 20 });
    const evidence = await store.put(
      `${missionId}/queries/${runId}.json`,
      `${runId}.json`,
      JSON.stringify({ siem: siem.name, query, from, to, ...result }, null, 2),
    );
    return { query, from, to, rowCount: result.rowCount, columns: result.columns, sample: result.sample.slice(0, 5), truncated: result.truncated, evidence };
  },

  /** The heartbeat query of every log source (or the given ones). */
  async checkHeartbeats({ sources, silentAfterMinutes, now }: { sources?: string[]; silentAfterMinutes: number; now: string }): Promise<HeartbeatResult[]> {
    const all = sources ?? (await siem.sources());
    const out: HeartbeatResult[] = [];
    for (const source of all) {
      out.push(await siem.heartbeat({ source, silentAfterMinutes, now }));
      beat({ checked: out.length, of: all.length });
    }
    return out;
  },
});

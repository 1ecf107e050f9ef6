import { ApplicationFailure } from '@temporalio/activity';
import { convertSigma, isSigmaRuleError, IDENTITY_MAPPING, parseSigmaRule } from '../../domain/sigma';
import { beat } from '../heartbeat';
import type { ArtifactRef } from '../../domain/mission';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { SigmaTarget } from './sigma-target';
import { SiemQueryInvalid, type HeartbeatResult, type SiemPort } from './siem-port';

export interface RunHuntQueryInput {
  missionId: string;
  runId: string;
  query: string;
  /** `sigma`: `query` is a Sigma rule, converted here for the SIEM. */
  format?: 'native' | 'sigma';
  from: string;
  to: string;
}

export interface HuntQueryRun {
  /** The query the SIEM ran: as given, or converted from the Sigma rule. */
  query: string;
  /** The Sigma rule as posted, when the query was converted from one. */
  sigma?: string;
  from: string;
  to: string;
  rowCount: number;
  columns: string[];
  sample: Record<string, unknown>[];
  truncated: boolean;
  evidence: ArtifactRef;
}

/** A Sigma rule as the SIEM's query; a rule capeo cannot take is a permanent SIEM_QUERY_INVALID naming the rule part. */
function fromSigma(rule: string, target: SigmaTarget): { query: string; language: string; title: string } {
  try {
    const parsed = parseSigmaRule(rule);
    return { query: convertSigma(parsed, target.language, target.mapping).query, language: target.language, title: parsed.title };
  } catch (err) {
    if (!isSigmaRuleError(err)) throw err;
    throw ApplicationFailure.create({ type: SiemQueryInvalid, message: `query (Sigma rule): ${err.message}`, nonRetryable: true });
  }
}

export const createSiemActivities = (siem: SiemPort, store: ArtifactStore, sigma: SigmaTarget = { language: 'duckdb', mapping: IDENTITY_MAPPING }) => ({
  /**
   * Runs a hunt query, or a Sigma rule converted for the SIEM; the rule, the query and the result are
   * kept as evidence in the artifact store (same path on retry).
   */
  async runHuntQuery({ missionId, runId, query: given, format, from, to }: RunHuntQueryInput): Promise<HuntQueryRun> {
    const converted = format === 'sigma' ? fromSigma(given, sigma) : undefined;
    const query = converted?.query ?? given;
    const result = await siem.runQuery({ query, from, to, limit: 20 });
    const evidence = await store.put(
      `${missionId}/queries/${runId}.json`,
      `${runId}.json`,
      JSON.stringify({ siem: siem.name, ...(converted && { sigma: { rule: given, title: converted.title, language: converted.language } }), query, from, to, ...result }, null, 2),
    );
    return {
      query,
      ...(converted && { sigma: given }),
      from,
      to,
      rowCount: result.rowCount,
      columns: result.columns,
      sample: result.sample.slice(0, 5),
      truncated: result.truncated,
      evidence,
    };
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

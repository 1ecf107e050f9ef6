import type { Client } from '@temporalio/client';
import type { MissionService } from '../../api/services/missions';

/**
 * What a mission is doing, for a failing test's message: its summary counts, latest audit entries,
 * pending activities and history length, instead of a bare timeout or refusal with nothing to go on.
 */
export async function missionDiagnosis(missions: MissionService, client: Client, missionId: string): Promise<string> {
  const s = await missions.summary(missionId).catch((e: Error) => e.message);
  const audit = await missions.timeline(missionId, { limit: 15, order: 'desc' }).catch((e: Error) => e.message);
  const d = await client.workflow.getHandle(missionId).describe().catch((e: Error) => e.message);
  const raw = typeof d === 'string' ? d : d.raw;
  return JSON.stringify(
    {
      summary: typeof s === 'string' ? s : { runs: s.runs, counts: s.counts, openGate: s.openGate, phase: s.phase },
      audit,
      pendingActivities: typeof raw === 'string' ? raw : raw.pendingActivities?.map((a) => ({ type: a.activityType?.name, attempt: a.attempt, state: a.state, failure: a.lastFailure?.message })),
      historyLength: typeof raw === 'string' ? undefined : String(raw.workflowExecutionInfo?.historyLength),
    },
    null,
    1,
  ).slice(0, 6000);
}

import { allHandlersFinished, condition, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createArtifactActivities } from '../../activities/artifacts/artifact-activities';
import type { createTipActivities } from '../../activities/tip/tip-activities';
import { ErrorCode } from '../../domain/errors';
import type { MissionState, MissionWorkflowInput } from '../../domain/mission';
import { PHASES, type Phase } from '../../domain/phases';
import { SearchAttr } from '../../domain/temporal-names';
import { registerHandlers } from './handlers';
import { Mission } from './mission-state';

const tip = proxyActivities<ReturnType<typeof createTipActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: [ErrorCode.IntelSourceInvalid] },
});
const artifacts = proxyActivities<ReturnType<typeof createArtifactActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/** A CAPEO mission: Collect → Analyze → Plan → Execute → Outcomes, each phase ending at a gate. */
export async function missionWorkflow(input: MissionWorkflowInput): Promise<MissionState> {
  const m = new Mission(input, workflowInfo().workflowId);
  const s = m.state;
  registerHandlers(m);

  for (const phase of PHASES) {
    m.enterPhase(phase);
    upsertSearchAttributes([{ key: SearchAttr.phase, value: phase }]);
    await phaseWork(m, phase);
    m.openGate();
    // The gate handler clears openGate on approval; a rejection at Analyze closes the mission.
    await condition(() => s.openGate === null || s.status !== 'active');
    if (s.status !== 'active') break;
    if (phase === 'outcomes') {
      const report = await artifacts.writeReport({ state: s });
      s.artifacts[report.name] = report;
      m.audit('capeo', 'report.released', report.path);
      m.close('completed', 'report released');
    }
  }

  upsertSearchAttributes([{ key: SearchAttr.status, value: s.status }]);
  await condition(allHandlersFinished);
  return s;
}

/** Work the workflow does itself on entering a phase. */
async function phaseWork(m: Mission, phase: Phase): Promise<void> {
  const s = m.state;
  if (phase === 'collect') {
    m.recordIntel(await tip.pullIntel({ topic: s.topic, keywords: s.keywords }));
  }
  if (phase === 'plan') {
    // A lead or allocation set earlier counts for the Plan phase's work items.
    if (s.lead) m.recordItem('lead', 'capeo', { lead: s.lead });
    if (s.allocation) m.recordItem('time-allocation', 'capeo', { ...s.allocation });
  }
}

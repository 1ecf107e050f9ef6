import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import type { MissionState, MissionWorkflowInput } from '../../domain/mission';
import { PHASES } from '../../domain/phases';
import { runClocks } from './clocks';
import { Effects } from './effects';
import { awaitGateDecision } from './gate';
import { registerHandlers } from './handlers';
import { Mission } from './mission-state';
import { Outcomes } from './outcomes';
import { analyze } from './phases/analyze';
import { collect } from './phases/collect';
import { execute } from './phases/execute';
import { plan } from './phases/plan';

/** A CAPEO mission: Collect → Analyze → Plan → Execute → Outcomes, each phase ending at a gate. */
export async function missionWorkflow(input: MissionWorkflowInput): Promise<MissionState> {
  const m = new Mission(input, workflowInfo().workflowId);
  const s = m.state;
  const effects = new Effects(m);
  const outcomes = new Outcomes(m);
  registerHandlers(m, effects, outcomes);
  const background = [effects.run(), runClocks(m, () => (s.openGate = null))];
  let stopWatch: (() => Promise<void>) | undefined;

  try {
    for (const phase of PHASES) {
      m.enterPhase(phase);
      if (phase === 'collect') await collect(m);
      if (phase === 'analyze') analyze(m);
      if (phase === 'plan') plan(m);
      if (phase === 'execute') stopWatch = execute(m);
      if (phase === 'outcomes') await outcomes.writePlaybook();
      if (s.status !== 'active') break;
      m.openGate();
      await awaitGateDecision(m, phase);
      m.gateDecided();
      if (s.status !== 'active') break;
      if (phase === 'execute') {
        m.stopClock('execution');
        await stopWatch?.();
      }
      if (phase === 'outcomes') m.close('completed', 'outcomes approved');
    }
  } finally {
    await stopWatch?.();
  }

  await Promise.all(background);
  await condition(() => effects.idle() && allHandlersFinished());
  return s;
}

import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { allocateCodeUpdate, type AllocatedCode } from '../../domain/messages';
import { MISSION_TYPE_CODES } from '../../domain/mission-types';
import { missionCode } from '../../domain/nomenclature';

export interface RegistryState {
  sequences: Record<string, number>;
  /** Recent request ids → their code, so a retried start gets the same code. */
  recent: Array<[string, AllocatedCode]>;
}

const RECENT_KEPT = 2000;
const UPDATES_PER_RUN = 1000;

/**
 * Allocates mission codes race-free: Updates run one at a time in a single
 * workflow, so two concurrent starts never get the same sequence.
 */
export async function missionCodeRegistryWorkflow(
  initial: RegistryState = { sequences: {}, recent: [] },
): Promise<void> {
  const state: RegistryState = { sequences: { ...initial.sequences }, recent: [...initial.recent] };
  const byRequest = new Map(state.recent);
  let handled = 0;

  setHandler(
    allocateCodeUpdate,
    ({ type, requestId }) => {
      handled++;
      const known = byRequest.get(requestId);
      if (known) return known;
      const sequence = (state.sequences[type] ?? 0) + 1;
      state.sequences[type] = sequence;
      const allocated = { code: missionCode(type, sequence), sequence };
      byRequest.set(requestId, allocated);
      state.recent.push([requestId, allocated]);
      if (state.recent.length > RECENT_KEPT) byRequest.delete(state.recent.shift()![0]);
      return allocated;
    },
    {
      validator: ({ type, requestId }) => {
        if (!(MISSION_TYPE_CODES as readonly string[]).includes(type)) throw new Error(`unknown mission type '${type}'`);
        if (!requestId) throw new Error('requestId is required');
      },
    },
  );

  await condition(() => handled >= UPDATES_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof missionCodeRegistryWorkflow>(state);
}

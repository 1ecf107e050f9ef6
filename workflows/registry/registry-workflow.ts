import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { allocateCodeUpdate, claimIterationUpdate, type AllocatedCode } from '../../domain/messages';
import { MISSION_TYPE_CODES } from '../../domain/mission-types';
import { missionCode } from '../../domain/nomenclature';

export interface RegistryState {
  sequences: Record<string, number>;
  /** Latest iteration claimed per mission code. */
  iterations?: Record<string, number>;
  /** Recent request ids → their answer, so a retried request gets the same answer. */
  recent: Array<[string, AllocatedCode]>;
}

const RECENT_KEPT = 2000;
const UPDATES_PER_RUN = 1000;

/**
 * Allocates mission codes and iteration numbers race-free: Updates run one at a
 * time in a single workflow, so two concurrent starts never get the same number.
 */
export async function missionCodeRegistryWorkflow(
  initial: RegistryState = { sequences: {}, iterations: {}, recent: [] },
): Promise<void> {
  const state: Required<RegistryState> = {
    sequences: { ...initial.sequences },
    iterations: { ...initial.iterations },
    recent: [...initial.recent],
  };
  const byRequest = new Map(state.recent);
  let handled = 0;

  const remember = (key: string, answer: AllocatedCode): AllocatedCode => {
    byRequest.set(key, answer);
    state.recent.push([key, answer]);
    if (state.recent.length > RECENT_KEPT) byRequest.delete(state.recent.shift()![0]);
    return answer;
  };

  setHandler(
    allocateCodeUpdate,
    ({ type, requestId }) => {
      handled++;
      const key = `code:${requestId}`;
      const known = byRequest.get(key);
      if (known) return known;
      const sequence = (state.sequences[type] ?? 0) + 1;
      state.sequences[type] = sequence;
      const code = missionCode(type, sequence);
      state.iterations[code] = 1;
      return remember(key, { code, sequence, iteration: 1 });
    },
    {
      validator: ({ type, requestId }) => {
        if (!(MISSION_TYPE_CODES as readonly string[]).includes(type)) throw new Error(`unknown mission type '${type}'`);
        if (!requestId) throw new Error('requestId is required');
      },
    },
  );

  setHandler(
    claimIterationUpdate,
    ({ code, requestId }) => {
      handled++;
      const key = `iteration:${requestId}`;
      const known = byRequest.get(key);
      if (known) return known;
      const iteration = (state.iterations[code] ?? 1) + 1;
      state.iterations[code] = iteration;
      return remember(key, { code, sequence: state.sequences[code.replace(/\d+$/, '')] ?? 0, iteration });
    },
    {
      validator: ({ code, requestId }) => {
        if (!requestId) throw new Error('requestId is required');
        if (!/^[A-Z]+\d{2,}$/.test(code)) throw new Error(`'${code}' is not a mission code`);
      },
    },
  );

  await condition(() => handled >= UPDATES_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof missionCodeRegistryWorkflow>(state);
}

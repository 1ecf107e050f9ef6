/**
 * The smallest workflow that gets stuck the way mission-EAVD04-1 did (see
 * docs/temporal-legacy-query-nondeterminism.md): an activity whose continuation emits a command
 * (the gate's search attribute, as the mission does when a gate opens), then an Update refused
 * until that gate is open. It has no query handler, like the mission: the built-in `__stack_trace`
 * query (the Web UI's Stack Trace tab) is enough to set the defect off.
 *
 * Bundled by test/integration/sdk-legacy-query-canary.test.ts only; never part of workflows/index.ts.
 */
import { condition, defineUpdate, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { SearchAttr } from '../../domain/temporal-names';

export interface CanaryActivities {
  blockedActivity(): Promise<void>;
}

export const decideGateUpdate = defineUpdate<void>('decideGate');

export async function legacyQueryCanaryWorkflow(activityTaskQueue: string): Promise<void> {
  let gateOpen = false;
  let decided = false;
  setHandler(
    decideGateUpdate,
    () => {
      decided = true;
    },
    {
      // As the mission's gates: the caller is refused until the gate is open, so in a healthy run the
      // acceptance always lands in a later task than the upsert. Not run on replay.
      validator: () => {
        if (!gateOpen) throw new Error('gate not open');
      },
    },
  );
  // On a queue the test process serves, so the workflow worker can be killed while it runs.
  const { blockedActivity } = proxyActivities<CanaryActivities>({ taskQueue: activityTaskQueue, startToCloseTimeout: '1 minute' });
  await blockedActivity();
  // new Date() is the workflow time of this activation: the canary reads it back from history to tell
  // whether this line ran inside the task that sent its command or earlier, in a query's activation.
  upsertSearchAttributes([{ key: SearchAttr.gateOpenedAt, value: new Date() }]);
  gateOpen = true;
  await condition(() => decided);
}

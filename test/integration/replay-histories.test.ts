import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testEnv } from '../support/temporal';

/**
 * Histories of missions recorded by test/fixtures/histories/record.ts (one per phase reached, completed,
 * not qualified, cancelled, a run that continued as new, effects that failed, a hand-over that kept
 * findings past its inbox in the store and the run that stored them) replay against the
 * workflow code as it is: a change that would break running missions fails here.
 */
const DIR = join(__dirname, '..', 'fixtures', 'histories');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

test('the fixtures cover every kind of mission history the suite promises', () => {
  expect(fixtures.map((f) => f.replace(/\.json$/, ''))).toEqual([
    'mission-cancelled',
    'mission-completed',
    'mission-continued-as-new',
    'mission-failed-effects',
    'mission-handed-over-keeping',
    'mission-in-analyze',
    'mission-in-collect',
    'mission-in-execute',
    'mission-in-outcomes',
    'mission-in-plan',
    'mission-not-qualified',
    'mission-resumed-from-kept',
  ]);
});

test.each(fixtures)('%s replays', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
  expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name).toBe('huntMissionWorkflow');
  await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, file);
});

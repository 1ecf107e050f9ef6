import { ApplicationFailure } from '@temporalio/activity';
import type { Actor } from '../../domain/identity';
import type { StartedIteration } from '../../domain/iterations';
import { startNextIteration, UnknownMissionError, type Launcher } from '../../launch/start-mission';
import { latestIteration } from '../../store/mission-registry';

export interface StartNextIterationInput {
  code: string;
  /** Stable per request (the starter workflow's id): a retry starts the same iteration. */
  requestId: string;
  requester: Actor;
}

/** Starting the next iteration of a mission code, the same way the API starts missions (launch/). */
export const createIterationActivities = (launcher: Launcher) => ({
  async startNextIteration({ code, requestId, requester }: StartNextIterationInput): Promise<StartedIteration> {
    const latest = await latestIteration(launcher.store.db, code);
    if (!latest) throw ApplicationFailure.create({ type: 'NOT_FOUND', message: `no mission with code ${code}`, nonRetryable: true });
    try {
      const started = await startNextIteration(launcher, latest, requester, { requestId, trigger: 'schedule' });
      return { missionId: started.missionId, code: started.code, iteration: started.iteration, displayName: started.displayName, previousMissionId: started.previousMissionId! };
    } catch (err) {
      if (err instanceof UnknownMissionError) throw ApplicationFailure.create({ type: 'NOT_FOUND', message: err.message, nonRetryable: true });
      throw err;
    }
  },
});

import { type Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Actor } from '../../domain/identity';
import type { StartedIteration } from '../../domain/iterations';
import { claimIterationUpdate, missionStateQuery } from '../../domain/messages';
import type { MissionState, MissionWorkflowInput } from '../../domain/mission';
import { displayName } from '../../domain/nomenclature';
import { initialMissionSearchAttributes, missionWorkflowId, REGISTRY_WORKFLOW_ID } from '../../domain/temporal-names';

export interface StartNextIterationInput {
  code: string;
  /** Stable per request (the starter workflow's id): a retry claims the same iteration. */
  requestId: string;
  requester: Actor;
}


/** Starting the next iteration of a mission: keeps code and code name, carries playbook and scope. */
export const createIterationActivities = (client: Client, taskQueue: string) => ({
  async startNextIteration({ code, requestId, requester }: StartNextIterationInput): Promise<StartedIteration> {
    const { iteration } = await client.workflow.executeUpdateWithStart(claimIterationUpdate, {
      args: [{ code, requestId }],
      startWorkflowOperation: new WithStartWorkflowOperation('missionCodeRegistryWorkflow', {
        workflowId: REGISTRY_WORKFLOW_ID,
        taskQueue,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const previousMissionId = missionWorkflowId(code, iteration - 1);
    const prev: MissionState = await client.workflow.getHandle(previousMissionId).query(missionStateQuery);
    const missionId = missionWorkflowId(code, iteration);
    const objectives = (prev.workItems['plan']?.['objectives']?.data['objectives'] ?? []) as string[];
    const input: MissionWorkflowInput = {
      type: prev.type,
      codeName: prev.codeName,
      topic: prev.topic,
      trigger: 'schedule',
      keywords: prev.keywords,
      stakeholders: prev.stakeholders,
      audience: prev.audience,
      policy: prev.policy,
      missionId,
      code,
      iteration,
      requester,
      previous: { missionId: previousMissionId, playbook: prev.artifacts['playbook.ipynb'] ?? null, objectives },
    };
    try {
      await client.workflow.start('missionWorkflow', {
        workflowId: missionId,
        taskQueue,
        args: [input],
        typedSearchAttributes: initialMissionSearchAttributes(prev.type, code, prev.codeName),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return { missionId, code, iteration, displayName: displayName(code, prev.codeName), previousMissionId };
  },
});

import { randomUUID } from 'node:crypto';
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../../domain/identity';
import {
  allocateCodeUpdate,
  assignLeadUpdate,
  decideGateUpdate,
  missionStateQuery,
  recordWorkItemUpdate,
  setAllocationUpdate,
  type GateDecision,
} from '../../domain/messages';
import type { MissionState, StartMissionRequest } from '../../domain/mission';
import type { TimeAllocation } from '../../domain/allocation';
import { displayName } from '../../domain/nomenclature';
import { missionWorkflowId, REGISTRY_WORKFLOW_ID, SearchAttr } from '../../domain/temporal-names';
import { ConflictError, NotFoundError } from '../errors';

export interface StartedMission {
  missionId: string;
  code: string;
  displayName: string;
  created: boolean;
}

export interface MissionSummary {
  missionId: string;
  status: string;
  phase: string | null;
  type: string | null;
  code: string | null;
  lead: string | null;
  startedAt: string;
}

const ID_PATTERN = /^mission-[A-Z]{2,8}\d{2,}-\d+$/;

/** The only place the API touches Temporal. */
export class MissionService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async start(req: StartMissionRequest, actor: Actor, requestId: string = randomUUID()): Promise<StartedMission> {
    const { code } = await this.client.workflow.executeUpdateWithStart(allocateCodeUpdate, {
      args: [{ type: req.type, requestId }],
      startWorkflowOperation: new WithStartWorkflowOperation('missionCodeRegistryWorkflow', {
        workflowId: REGISTRY_WORKFLOW_ID,
        taskQueue: this.taskQueue,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const iteration = 1;
    const missionId = missionWorkflowId(code, iteration);
    let created = true;
    try {
      await this.client.workflow.start('missionWorkflow', {
        workflowId: missionId,
        taskQueue: this.taskQueue,
        args: [{ ...req, missionId, code, iteration, requester: actor }],
        typedSearchAttributes: [
          { key: SearchAttr.phase, value: 'collect' },
          { key: SearchAttr.status, value: 'active' },
          { key: SearchAttr.type, value: req.type },
          { key: SearchAttr.code, value: code },
        ],
      });
    } catch (err) {
      // The same request retried: the code is the same, so is the mission.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      created = false;
    }
    return { missionId, code, displayName: displayName(code, req.codeName), created };
  }

  async get(missionId: string): Promise<MissionState> {
    return this.call(missionId, (h) => h.query(missionStateQuery));
  }

  async list(filter: { phase?: string; status?: string; type?: string; limit: number }): Promise<MissionSummary[]> {
    const clauses = [`WorkflowType = 'missionWorkflow'`];
    if (filter.phase) clauses.push(`${SearchAttr.phase.name} = '${filter.phase}'`);
    if (filter.status) clauses.push(`${SearchAttr.status.name} = '${filter.status}'`);
    if (filter.type) clauses.push(`${SearchAttr.type.name} = '${filter.type}'`);
    const out: MissionSummary[] = [];
    for await (const wf of this.client.workflow.list({ query: clauses.join(' AND '), pageSize: filter.limit })) {
      const sa = wf.typedSearchAttributes;
      out.push({
        missionId: wf.workflowId,
        status: wf.status.name,
        phase: sa.get(SearchAttr.phase) ?? null,
        type: sa.get(SearchAttr.type) ?? null,
        code: sa.get(SearchAttr.code) ?? null,
        lead: sa.get(SearchAttr.lead) ?? null,
        startedAt: wf.startTime.toISOString(),
      });
      if (out.length >= filter.limit) break;
    }
    return out;
  }

  decideGate(missionId: string, decision: GateDecision, actor: Actor): Promise<MissionState> {
    return this.call(missionId, (h) => h.executeUpdate(decideGateUpdate, { args: [{ ...decision, actor }] }));
  }

  assignLead(missionId: string, lead: string, actor: Actor): Promise<MissionState> {
    return this.call(missionId, (h) => h.executeUpdate(assignLeadUpdate, { args: [{ lead, actor }] }));
  }

  recordWorkItem(missionId: string, item: string, data: Record<string, unknown>, actor: Actor): Promise<MissionState> {
    return this.call(missionId, (h) => h.executeUpdate(recordWorkItemUpdate, { args: [{ item, data, actor }] }));
  }

  setAllocation(missionId: string, allocation: TimeAllocation, reason: string | undefined, actor: Actor): Promise<MissionState> {
    return this.call(missionId, (h) =>
      h.executeUpdate(setAllocationUpdate, { args: [{ allocation, ...(reason ? { reason } : {}), actor }] }),
    );
  }

  /** Runs one call on a mission's handle and turns Temporal's errors into the API's. */
  private async call<T>(missionId: string, fn: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<T>): Promise<T> {
    if (!ID_PATTERN.test(missionId)) throw new NotFoundError(`no mission '${missionId}'`);
    const handle = this.client.workflow.getHandle(missionId);
    try {
      return await fn(handle);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const details = err.cause.details?.[0] as { missing?: string[] } | undefined;
        throw new ConflictError(err.cause.type ?? 'REFUSED', err.cause.message, details?.missing ?? []);
      }
      if (err instanceof WorkflowNotFoundError) {
        // An Update to a mission that has ended is answered "not found" by the server.
        const exists = await handle.describe().then(() => true, () => false);
        throw exists
          ? new ConflictError('MISSION_CLOSED', `mission '${missionId}' has ended`)
          : new NotFoundError(`no mission '${missionId}'`);
      }
      throw err;
    }
  }
}

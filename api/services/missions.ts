import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import {
  type Client,
  ScheduleAlreadyRunning,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { PHASES } from '../../domain/phases';
import type { Actor } from '../../domain/identity';
import type { StartedIteration } from '../../domain/iterations';
import type { UpdateDefinition } from '@temporalio/common';
import * as msg from '../../domain/messages';
import { allocateCodeUpdate, missionStateQuery, type GateDecision, type UpdateAck } from '../../domain/messages';
import { startMissionRequestSchema, type MissionState, type StartMissionRequest } from '../../domain/mission';
import type { TimeAllocation } from '../../domain/allocation';
import { computeMetrics, type MissionMetrics } from '../../domain/metrics';
import { displayName } from '../../domain/nomenclature';
import { initialMissionSearchAttributes, missionWorkflowId, REGISTRY_WORKFLOW_ID, SearchAttr } from '../../domain/temporal-names';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, NotReadyError } from '../errors';

export interface StartedMission {
  missionId: string;
  code: string;
  displayName: string;
  created: boolean;
}

export interface MissionUpdated {
  ack: UpdateAck;
  state: MissionState;
}

export interface MissionFilter {
  phase?: string;
  status?: string;
  type?: string;
  code?: string;
  lead?: string;
  codeName?: string;
  overrun?: boolean;
  limit: number;
}

export interface MissionSummary {
  missionId: string;
  status: string;
  phase: string | null;
  type: string | null;
  code: string | null;
  lead: string | null;
  overrun: boolean;
  deadline: string | null;
  startedAt: string;
}

const ID_PATTERN = /^mission-[A-Z]{2,8}\d{2,}-\d+$/;

/** The only place the API touches Temporal. */
export class MissionService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly artifactDir: string | null = null,
  ) {}

  /**
   * Starts a mission. `requestId` (the Idempotency-Key, scoped to the caller) makes it
   * idempotent: the same key and body give the same mission; the same key with another
   * body is a conflict.
   */
  async start(request: StartMissionRequest, actor: Actor, idempotencyKey?: string): Promise<StartedMission> {
    const req = startMissionRequestSchema.parse(request);
    const requestId = idempotencyKey ? `${actor.id}:${idempotencyKey}` : randomUUID();
    const requestHash = createHash('sha256').update(JSON.stringify([actor.id, req])).digest('hex');
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
        typedSearchAttributes: initialMissionSearchAttributes(req.type, code, req.codeName),
        memo: { requestHash },
        // A mission id is never reused, even after the mission ended: a late retry finds it.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // The same request retried: the code is the same, so is the mission, if the body is.
      const { memo } = await this.client.workflow.getHandle(missionId).describe();
      if (memo?.['requestHash'] !== requestHash) {
        throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request body');
      }
      created = false;
    }
    return { missionId, code, displayName: displayName(code, req.codeName), created };
  }

  async get(missionId: string): Promise<MissionState> {
    return this.call(missionId, (h) => h.query(missionStateQuery));
  }

  /** Starts the next iteration of a mission (same code and code name, previous playbook and scope). */
  async newIteration(missionId: string, actor: Actor, requestId: string = randomUUID()): Promise<StartedIteration> {
    const { code } = await this.entitledToIterate(missionId, actor);
    return this.client.workflow.execute('missionIterationWorkflow', {
      workflowId: `iterate-${code}-${requestId}`,
      taskQueue: this.taskQueue,
      args: [{ code, requester: actor }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  /** Recurring iterations: a Temporal Schedule that starts the next iteration every `everyDays`. */
  async scheduleIterations(missionId: string, everyDays: number, actor: Actor): Promise<{ scheduleId: string }> {
    const { code } = await this.entitledToIterate(missionId, actor);
    const scheduleId = `iterations-${code}`;
    const spec = { intervals: [{ every: `${everyDays} days` as const }] };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'missionIterationWorkflow',
      taskQueue: this.taskQueue,
      args: [{ code, requester: actor }],
    };
    try {
      await this.client.schedule.create({ scheduleId, spec, action, memo: { missionId, by: actor.id } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await this.client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action }));
    }
    return { scheduleId };
  }

  private async entitledToIterate(missionId: string, actor: Actor): Promise<MissionState> {
    const state = await this.get(missionId);
    if (actor.role !== 'manager' && actor.id !== state.lead) {
      throw new ForbiddenError('only a hunt manager or the mission lead starts or schedules iterations');
    }
    return state;
  }

  /** Readiness: Temporal answers, and at least one worker polls the task queue. */
  async readiness(): Promise<{ temporal: boolean; workerPollers: number }> {
    try {
      const res = await this.client.workflowService.describeTaskQueue({
        namespace: this.client.options.namespace,
        taskQueue: { name: this.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return { temporal: true, workerPollers: res.pollers?.length ?? 0 };
    } catch {
      return { temporal: false, workerPollers: 0 };
    }
  }

  /** Open gates per phase and the age of the oldest, from visibility: for spotting stuck gates. */
  async openGates(now = Date.now()): Promise<Record<string, { open: number; oldestSeconds: number }>> {
    const out: Record<string, { open: number; oldestSeconds: number }> = Object.fromEntries(PHASES.map((p) => [p, { open: 0, oldestSeconds: 0 }]));
    const query = `WorkflowType = 'missionWorkflow' AND ExecutionStatus = 'Running' AND ${SearchAttr.gateOpenedAt.name} IS NOT NULL`;
    for await (const wf of this.client.workflow.list({ query, pageSize: 1000 })) {
      const phase = wf.typedSearchAttributes.get(SearchAttr.phase);
      const opened = wf.typedSearchAttributes.get(SearchAttr.gateOpenedAt);
      const slot = phase ? out[phase] : undefined;
      if (!slot || !opened) continue;
      slot.open++;
      slot.oldestSeconds = Math.max(slot.oldestSeconds, (now - opened.getTime()) / 1000);
    }
    return out;
  }

  /** Running missions per phase, and how many have overrun: for ops dashboards. */
  async runningCounts(): Promise<{ perPhase: Record<string, number>; overrun: number }> {
    const running = `WorkflowType = 'missionWorkflow' AND ExecutionStatus = 'Running'`;
    const perPhase: Record<string, number> = {};
    for (const phase of PHASES) {
      perPhase[phase] = (await this.client.workflow.count(`${running} AND ${SearchAttr.phase.name} = '${phase}'`)).count;
    }
    const overrun = (await this.client.workflow.count(`${running} AND ${SearchAttr.overrun.name} = true`)).count;
    return { perPhase, overrun };
  }

  async metrics(missionId: string): Promise<MissionMetrics> {
    return computeMetrics(await this.get(missionId), new Date().toISOString());
  }

  /** An outcome artifact of a mission, read from the artifact store by the reference the mission holds. */
  async artifact(missionId: string, name: string): Promise<Buffer> {
    const ref = (await this.get(missionId)).artifacts[name];
    if (!ref || !this.artifactDir) throw new NotFoundError(`mission '${missionId}' has no ${name} yet`);
    const full = resolve(this.artifactDir, ref.path);
    if (!full.startsWith(resolve(this.artifactDir) + sep)) throw new NotFoundError(`no artifact ${name}`);
    return readFile(full);
  }

  /** The first page of missions matching the filter. */
  async list(filter: MissionFilter): Promise<MissionSummary[]> {
    return (await this.listPage(filter)).missions;
  }

  /**
   * A page of missions by their search attributes, through Temporal visibility; `nextCursor`
   * (opaque) asks for the next page. Filter values are validated by the route schema and
   * quoted here anyway.
   */
  async listPage(filter: MissionFilter & { cursor?: string }): Promise<{ missions: MissionSummary[]; nextCursor: string | null }> {
    const q = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const clauses = [`WorkflowType = 'missionWorkflow'`];
    if (filter.phase) clauses.push(`${SearchAttr.phase.name} = ${q(filter.phase)}`);
    if (filter.status) clauses.push(`${SearchAttr.status.name} = ${q(filter.status)}`);
    if (filter.type) clauses.push(`${SearchAttr.type.name} = ${q(filter.type)}`);
    if (filter.code) clauses.push(`${SearchAttr.code.name} = ${q(filter.code)}`);
    if (filter.lead) clauses.push(`${SearchAttr.lead.name} = ${q(filter.lead)}`);
    if (filter.codeName) clauses.push(`${SearchAttr.codeName.name} STARTS_WITH ${q(filter.codeName.toLowerCase())}`);
    if (filter.overrun !== undefined) clauses.push(filter.overrun ? `${SearchAttr.overrun.name} = true` : `(${SearchAttr.overrun.name} IS NULL OR ${SearchAttr.overrun.name} = false)`);
    const query = clauses.join(' AND ');
    // The cursor carries the visibility page token and which query it belongs to.
    const queryTag = createHash('sha256').update(query).digest('base64url').slice(0, 12);
    let pageToken: Buffer | null = null;
    if (filter.cursor) {
      const raw = Buffer.from(filter.cursor, 'base64url').toString('latin1');
      const [version, tag, token] = [raw.slice(0, 3), raw.slice(3, 15), raw.slice(15)];
      if (version !== 'c1:' || tag !== queryTag || !token) throw new BadRequestError('cursor', 'not a cursor this API returned for these filters');
      pageToken = Buffer.from(token, 'latin1');
    }
    let res: temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
    try {
      res = await this.client.workflowService.listWorkflowExecutions({
        namespace: this.client.options.namespace,
        query,
        pageSize: filter.limit,
        nextPageToken: pageToken,
      });
    } catch (err) {
      // A forged page token: the visibility store cannot read it (INVALID_ARGUMENT, or UNKNOWN from SQLite).
      const code = (err as { code?: number; cause?: { code?: number } }).code ?? (err as { cause?: { code?: number } }).cause?.code;
      if (pageToken && (code === 2 || code === 3)) throw new BadRequestError('cursor', 'not a cursor this API returned');
      throw err;
    }
    const missions = (res.executions ?? []).map((e) => {
      const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
      const status = temporal.api.enums.v1.WorkflowExecutionStatus[e.status ?? 0] ?? 'UNSPECIFIED';
      return {
        missionId: e.execution?.workflowId ?? '',
        status: status.replace('WORKFLOW_EXECUTION_STATUS_', ''),
        phase: sa.get(SearchAttr.phase) ?? null,
        type: sa.get(SearchAttr.type) ?? null,
        code: sa.get(SearchAttr.code) ?? null,
        lead: sa.get(SearchAttr.lead) ?? null,
        overrun: sa.get(SearchAttr.overrun) ?? false,
        deadline: sa.get(SearchAttr.deadline)?.toISOString() ?? null,
        startedAt: optionalTsToDate(e.startTime)?.toISOString() ?? '',
      };
    });
    const token = res.nextPageToken;
    const nextCursor = token && token.length > 0 ? Buffer.from(`c1:${queryTag}${Buffer.from(token).toString('latin1')}`, 'latin1').toString('base64url') : null;
    return { missions, nextCursor };
  }

  decideGate(missionId: string, decision: GateDecision, actor: Actor): Promise<MissionUpdated> {
    return this.update(missionId, msg.decideGateUpdate, { ...decision, actor });
  }

  assignLead(missionId: string, lead: string, actor: Actor): Promise<MissionUpdated> {
    return this.update(missionId, msg.assignLeadUpdate, { lead, actor });
  }

  recordWorkItem(missionId: string, item: string, data: Record<string, unknown>, actor: Actor): Promise<MissionUpdated> {
    return this.update(missionId, msg.recordWorkItemUpdate, { item, data, actor });
  }

  setAllocation(missionId: string, allocation: TimeAllocation, reason: string | undefined, actor: Actor): Promise<MissionUpdated> {
    return this.update(missionId, msg.setAllocationUpdate, { allocation, ...(reason ? { reason } : {}), actor });
  }

  /** Any mission Update: the acting identity goes in, the Update's ack and the state after it come out. */
  async update<A extends { actor: Actor }>(missionId: string, def: UpdateDefinition<UpdateAck, [A]>, args: A): Promise<MissionUpdated> {
    const ack = await this.call(missionId, (h) => h.executeUpdate(def, { args: [args] }));
    return { ack, state: await this.get(missionId) };
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
      // FAILED_PRECONDITION on a query: the mission closed before it ever ran (terminated at once).
      const grpcCode = (err as { cause?: { code?: number } }).cause?.code;
      if (err instanceof WorkflowNotFoundError || grpcCode === 9) {
        // An Update to a mission that has ended is answered "not found" by the server.
        const status = await handle.describe().then((d) => d.status.name, () => null);
        if (status === null) throw new NotFoundError(`no mission '${missionId}'`);
        // A mission that has just been started answers once its worker has run it once.
        if (status === 'RUNNING') throw new NotReadyError(`mission '${missionId}' is starting; retry shortly`);
        throw new ConflictError('MISSION_CLOSED', `mission '${missionId}' has ended`);
      }
      throw err;
    }
  }
}

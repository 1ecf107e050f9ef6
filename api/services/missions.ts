import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { type Client, ScheduleAlreadyRunning, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TimeAllocation } from '../../domain/allocation';
import { techniqueProblems } from '../../domain/attack';
import { convertSigma, isSigmaRuleError, parseSigmaRule, SIGMA_LANGUAGES, SigmaRuleError } from '../../domain/sigma';
import type { EffectState } from '../../domain/effects';
import { refusalKindOf, type RefusalKind } from '../../domain/errors';
import { mayManage } from '../../domain/gates';
import type { Actor } from '../../domain/identity';
import * as msg from '../../domain/messages';
import { clockMetrics, computeMetrics, type ClockMetrics, type MissionMetrics } from '../../domain/metrics';
import { startMissionRequestSchema, type StartMissionParsed, type StartMissionRequest } from '../../domain/mission';
import type { MissionSummary } from '../../domain/mission-summary';
import { MissionIdTakenError, RequestReusedError, startNextIteration, startParsedMission, UnknownMissionError, type StartedMission } from '../../launch/start-mission';
import type { MissionStore } from '../../store';
import { isTransientDbError } from '../../store/db';
import { markEndedOutside } from '../../store/mission-registry';
import { BadCursorError, type FindingFilter, type MissionListFilter, type Order, type Page } from '../../store/mission-reads';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, NotReadyError } from '../errors';

export type { StartedMission } from '../../launch/start-mission';

/** `GET /missions/{id}`: the summary, with the clocks as they stand now. */
export type MissionView = MissionSummary & { progress: { totalHunt: ClockMetrics; executionPhase: ClockMetrics }; updatedAt: string };

const ID_PATTERN = /^mission-[A-Z]{2,8}\d{2,}-\d+$/;
/** How long a write waits, retrying, while the mission hands over to its next run (continue-as-new). */
const BUSY_RETRY_MS = 15_000;

const STATUS_OF_KIND: Record<RefusalKind, (code: string, message: string, missing: string[]) => Error> = {
  invalid: (code, message, missing) => new BadRequestError(missing[0] ?? 'body', message, code, missing.length ? missing : ['body'], message),
  forbidden: (code, message) => new ForbiddenError(message, code),
  not_found: (code, message) => new NotFoundError(message, code),
  conflict: (code, message, missing) => new ConflictError(code, message, missing),
  busy: (code, message) => new NotReadyError(message, code),
};

/** A refused or failed Update as the API answers it: the refusal's kind decides the status. */
function refusalToError(f: ApplicationFailure): Error {
  const details = f.details?.[0] as { kind?: RefusalKind; missing?: string[] } | undefined;
  const code = f.type ?? 'REFUSED';
  const kind = details?.kind ?? refusalKindOf(code) ?? 'conflict';
  return STATUS_OF_KIND[kind](code, f.message, details?.missing ?? []);
}

/** The API's one door to Temporal and to the mission store: reads come from the store, writes are Updates. */
export class MissionService {
  constructor(
    private readonly client: Client,
    readonly store: MissionStore,
    private readonly taskQueue: string,
    private readonly artifactDir: string | null = null,
  ) {}

  private get launcher() {
    return { client: this.client, store: this.store, taskQueue: this.taskQueue };
  }

  /** A read of the store for another route (ATT&CK): its errors answered as the mission reads' are. */
  storeRead<T>(fn: () => Promise<T>): Promise<T> {
    return this.read(fn);
  }

  /** Store reads: a store that does not answer is a 503 with Retry-After, a bad cursor a 400. */
  private async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof BadCursorError) throw new BadRequestError('cursor', err.message);
      // A value the schema let through but PostgreSQL cannot take (a time zone offset past ±15:59…): still the caller's.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('22')) throw new BadRequestError('query', `a value the store cannot use: ${(err as Error).message}`);
      if (isTransientDbError(err)) throw new NotReadyError('the mission store is not answering; retry shortly', 'STORE_UNAVAILABLE');
      throw err;
    }
  }

  /**
   * Starts a mission. The Idempotency-Key (scoped to the caller) makes it idempotent: the same key
   * and body give the same mission; the same key with another body is a conflict.
   */
  async start(request: StartMissionRequest, actor: Actor, idempotencyKey?: string): Promise<StartedMission> {
    return this.startParsed(startMissionRequestSchema.parse(request), actor, idempotencyKey);
  }

  /** A mission started from a backlog entry: the entry's id is its request id, so the entry gives one mission whoever asks again. */
  async startFromBacklog(request: StartMissionParsed, actor: Actor, entryId: string): Promise<StartedMission> {
    await this.checkTechniques('techniques', request.techniques);
    try {
      return await startParsedMission(this.launcher, request, actor, `backlog:${entryId}`);
    } catch (err) {
      if (err instanceof RequestReusedError) throw new ConflictError('BACKLOG_ENTRY_STARTED', `backlog entry ${entryId} was started by someone else a moment ago`);
      if (err instanceof MissionIdTakenError) throw new ConflictError(err.code, err.message);
      throw err;
    }
  }

  /** `start` for a request the route's schema has parsed already. */
  async startParsed(request: StartMissionParsed, actor: Actor, idempotencyKey?: string): Promise<StartedMission> {
    await this.checkTechniques('techniques', request.techniques);
    try {
      return await startParsedMission(this.launcher, request, actor, idempotencyKey ? `${actor.id}:${idempotencyKey}` : undefined);
    } catch (err) {
      if (err instanceof RequestReusedError || err instanceof MissionIdTakenError) throw new ConflictError(err.code, err.message);
      throw err;
    }
  }

  async summary(missionId: string): Promise<MissionSummary> {
    return (await this.view(missionId)).summary;
  }

  private async view(missionId: string): Promise<{ summary: MissionSummary; updatedAt: string }> {
    const found = ID_PATTERN.test(missionId) ? await this.read(() => this.store.reads.summary(missionId)) : undefined;
    if (!found) throw new NotFoundError(`no mission '${missionId}'`);
    return found;
  }

  async get(missionId: string): Promise<MissionView> {
    const { summary, updatedAt } = await this.view(missionId);
    const now = Date.now();
    return { ...summary, progress: { totalHunt: clockMetrics(summary.clocks.total, now), executionPhase: clockMetrics(summary.clocks.execution, now) }, updatedAt };
  }

  async list(filter: MissionListFilter) {
    return this.read(() => this.store.reads.missions(filter));
  }

  /** Changes whenever any mission's list entry changes (a cheap poll before a listing). */
  async listVersion(): Promise<string> {
    return this.read(() => this.store.reads.listVersion());
  }

  async findings(missionId: string, filter: FindingFilter & { limit: number; cursor?: string; order?: Order }) {
    await this.view(missionId);
    return this.read(() => this.store.reads.findings(missionId, filter));
  }

  async finding(missionId: string, findingId: string) {
    const f = await this.read(() => this.store.reads.finding(missionId, findingId));
    if (!f) throw new NotFoundError(`no finding '${findingId}' in mission '${missionId}'`);
    const { missionId: _, ...finding } = f;
    return finding;
  }

  searchFindings(filter: FindingFilter & { limit: number; cursor?: string }) {
    const instant = (v: string | undefined) => (v === undefined ? undefined : new Date(Date.parse(v)).toISOString());
    const since = instant(filter.since);
    const until = instant(filter.until);
    return this.read(() => this.store.reads.searchFindings({ ...filter, ...(since ? { since } : {}), ...(until ? { until } : {}) }));
  }

  async timeline(missionId: string, o: { limit: number; cursor?: string; afterSeq?: number; order?: Order }) {
    await this.view(missionId);
    return this.read(() => this.store.reads.timeline(missionId, o));
  }

  async queries(missionId: string, o: { limit: number; cursor?: string }) {
    await this.view(missionId);
    return this.read(() => this.store.reads.queries(missionId, o));
  }

  async query(missionId: string, queryId: string) {
    const q = await this.read(() => this.store.reads.query(missionId, queryId));
    if (!q) throw new NotFoundError(`no query run '${queryId}' in mission '${missionId}'`);
    return q;
  }

  async sweeps(missionId: string, o: { limit: number; cursor?: string }) {
    await this.view(missionId);
    return this.read(() => this.store.reads.sweeps(missionId, o));
  }

  async effects(missionId: string, o: { limit: number; cursor?: string; state?: EffectState }) {
    await this.view(missionId);
    return this.read(() => this.store.reads.effects(missionId, o));
  }

  async metrics(missionId: string): Promise<MissionMetrics> {
    await this.view(missionId);
    const input = await this.read(() => this.store.reads.metricsInput(missionId));
    if (!input) throw new NotFoundError(`no mission '${missionId}'`);
    return computeMetrics(input, new Date().toISOString());
  }

  /** An outcome artifact of a mission, read from the artifact store by the reference the mission holds. */
  async artifact(missionId: string, name: string): Promise<Buffer> {
    const ref = (await this.summary(missionId)).artifacts[name];
    if (!ref || !this.artifactDir) throw new NotFoundError(`mission '${missionId}' has no ${name} yet`);
    const full = resolve(this.artifactDir, ref.path);
    if (!full.startsWith(resolve(this.artifactDir) + sep)) throw new NotFoundError(`no artifact ${name}`);
    try {
      return await readFile(full);
    } catch (err) {
      // The store knows it, this API's artifact folder does not (another host's, or removed): not here.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`the ${name} of mission '${missionId}' is not in this API's artifact folder`);
      throw err;
    }
  }

  /** Starts the next iteration of a mission (same code and code name, previous playbook and scope). */
  async newIteration(missionId: string, actor: Actor, idempotencyKey?: string): Promise<StartedMission> {
    await this.entitledToIterate(missionId, actor);
    try {
      return await startNextIteration(this.launcher, missionId, actor, { requestId: idempotencyKey ? `${actor.id}:iterate:${idempotencyKey}` : randomUUID(), trigger: 'request' });
    } catch (err) {
      if (err instanceof RequestReusedError || err instanceof MissionIdTakenError) throw new ConflictError(err.code, err.message);
      if (err instanceof UnknownMissionError) throw new NotFoundError(err.message);
      throw err;
    }
  }

  /** Recurring iterations: a Temporal Schedule that starts the next iteration every `everyDays`. */
  async scheduleIterations(missionId: string, everyDays: number, actor: Actor): Promise<{ scheduleId: string }> {
    const { code } = await this.entitledToIterate(missionId, actor);
    const scheduleId = `iterations-${code}`;
    const spec = { intervals: [{ every: `${everyDays} days` as const }] };
    const action = { type: 'startWorkflow' as const, workflowType: 'missionIterationWorkflow', taskQueue: this.taskQueue, args: [{ code, requester: actor }] };
    try {
      await this.client.schedule.create({ scheduleId, spec, action, memo: { missionId, by: actor.id } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await this.client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action }));
    }
    return { scheduleId };
  }

  private async entitledToIterate(missionId: string, actor: Actor): Promise<MissionSummary> {
    const s = await this.summary(missionId);
    if (actor.role !== 'manager' && actor.id !== s.lead) throw new ForbiddenError('only a hunt manager or the mission lead starts or schedules iterations', 'NOT_ENTITLED');
    return s;
  }

  /**
   * Retries a mission's failed effects (all, or the given ones) once the integration works again, and
   * answers what each did. Runs as a workflow of its own, so effects of closed missions retry too.
   */
  async retryEffects(missionId: string, actor: Actor, effectIds?: string[]) {
    const s = await this.summary(missionId);
    if (!mayManage(s, actor)) throw new ForbiddenError('only a hunt manager or the mission lead retries failed effects', 'NOT_ENTITLED');
    if (effectIds) {
      for (const id of effectIds) {
        const e = await this.read(() => this.store.reads.effect(missionId, id));
        if (!e) throw new NotFoundError(`no effect '${id}' in mission '${missionId}'`);
        if (e.state !== 'failed') throw new ConflictError('EFFECT_NOT_FAILED', `effect ${id} is ${e.state}; only failed effects are retried`);
      }
    }
    const outcomes = await this.client.workflow.execute('effectRetryWorkflow', {
      workflowId: `effect-retry-${missionId}-${randomUUID()}`,
      taskQueue: this.taskQueue,
      args: [{ missionId, ...(effectIds ? { effectIds } : {}), by: actor.id }],
    });
    return { retried: outcomes as Array<{ id: string; kind: string; key: string; state: 'done' | 'failed'; error?: string }> };
  }

  /** Readiness: Temporal answers, a worker polls the task queue, the mission store answers. */
  async readiness(): Promise<{ temporal: boolean; workerPollers: number; store: boolean }> {
    const store = await this.store.ping();
    try {
      const res = await this.client.workflowService.describeTaskQueue({
        namespace: this.client.options.namespace,
        taskQueue: { name: this.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return { temporal: true, workerPollers: res.pollers?.length ?? 0, store };
    } catch {
      return { temporal: false, workerPollers: 0, store };
    }
  }

  /**
   * Technique ids (already well-formed by the schema) that the loaded ATT&CK catalogue does not know as
   * live techniques: 400 naming the first such entry. Without a catalogue, ids are checked by form only.
   */
  async checkTechniques(field: string, ids: readonly string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const catalogue = await this.read(() => this.store.attack.current());
    if (!catalogue) return;
    const problems = techniqueProblems(catalogue, ids);
    if (problems.length) {
      const fields = problems.map((p) => `${field}.${p.index}`);
      throw new BadRequestError(fields[0]!, problems[0]!.message, 'UNKNOWN_TECHNIQUE', fields, problems.map((p) => p.message).join('; '));
    }
  }

  /**
   * A finding's proposed detection: only a detection opportunity proposes one, and it must be a Sigma
   * rule capeo takes (parsed and converted to every SIEM language it speaks, as a Sigma hunt query
   * is): 400 naming the rule part otherwise.
   */
  checkProposedRule(finding: { category: string; proposedRule?: string | undefined }): void {
    if (finding.proposedRule === undefined) return;
    if (finding.category !== 'detection-opportunity') throw new BadRequestError('proposedRule', 'only a detection-opportunity finding proposes a detection rule', 'INVALID_INPUT');
    try {
      const rule = parseSigmaRule(finding.proposedRule);
      for (const language of SIGMA_LANGUAGES) {
        try {
          convertSigma(rule, language);
        } catch (err) {
          if (isSigmaRuleError(err)) throw new SigmaRuleError(err.path, `${err.reason} (for ${language})`, err.kind);
          throw err;
        }
      }
    } catch (err) {
      if (isSigmaRuleError(err)) throw new BadRequestError('proposedRule', `Sigma rule: ${err.message}`, 'SIGMA_RULE_INVALID');
      throw err;
    }
  }

  /** Active missions per phase, overruns, open gates and the oldest wait, failed effects: from the store. */
  gauges() {
    return this.read(() => this.store.reads.missionGauges());
  }

  decideGate(missionId: string, decision: msg.GateDecision, actor: Actor, request: { requestId?: string } = {}): Promise<msg.UpdateAck> {
    return this.update(missionId, msg.decideGateUpdate, { ...decision, actor, ...request });
  }

  assignLead(missionId: string, lead: string, actor: Actor, request: { requestId?: string } = {}): Promise<msg.UpdateAck> {
    return this.update(missionId, msg.assignLeadUpdate, { lead, actor, ...request });
  }

  async recordWorkItem(missionId: string, item: string, data: Record<string, unknown>, actor: Actor, request: { requestId?: string } = {}): Promise<msg.UpdateAck> {
    if (item === 'objectives' && Array.isArray(data.techniques)) await this.checkTechniques('data.techniques', data.techniques.filter((t): t is string => typeof t === 'string'));
    return this.update(missionId, msg.recordWorkItemUpdate, { item, data, actor, ...request });
  }

  setAllocation(missionId: string, allocation: TimeAllocation, reason: string | undefined, actor: Actor, request: { requestId?: string } = {}): Promise<msg.UpdateAck> {
    return this.update(missionId, msg.setAllocationUpdate, { allocation, ...(reason ? { reason } : {}), actor, ...request });
  }

  /**
   * Any mission Update, with the acting identity; answers the Update's acknowledgement. A refusal
   * becomes the API's error by its kind; a mission handing over to its next run is retried for a moment.
   */
  async update<A extends { actor: Actor; requestId?: string }>(missionId: string, def: UpdateDefinition<msg.UpdateAck, [A]>, args: A): Promise<msg.UpdateAck> {
    await this.view(missionId);
    const handle = this.client.workflow.getHandle(missionId);
    const until = Date.now() + BUSY_RETRY_MS;
    // Every Update has a request id (the Idempotency-Key's, else its own): the Update's id, which
    // Temporal answers a retry with, and which the mission remembers across continue-as-new.
    const keyed = { ...args, requestId: args.requestId ?? `svc-${randomUUID()}` };
    for (let attempt = 0; ; attempt++) {
      try {
        return await handle.executeUpdate(def, { args: [keyed], updateId: keyed.requestId });
      } catch (err) {
        const mapped = await this.updateError(missionId, err);
        const retry = mapped instanceof NotReadyError && mapped.code === 'MISSION_BUSY' && Date.now() < until;
        if (!retry) throw mapped;
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500)));
      }
    }
  }

  private async updateError(missionId: string, err: unknown): Promise<unknown> {
    // The server aborts an Update whose run completed under it (a continue-as-new in the same task):
    // the run closed, as below. The retry carries the same request id, which the next run answers once.
    const aborted = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && (err.cause.type === 'AcceptedUpdateCompletedWorkflow' || /completed before the Update completed/.test(err.cause.message));
    if (!aborted && err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return refusalToError(err.cause);
    // The run closed under the Update: it is continuing as new (its next run takes the retry), or it ended.
    const grpcCode = (err as { cause?: { code?: number } }).cause?.code;
    if (aborted || err instanceof WorkflowNotFoundError || grpcCode === 5 || grpcCode === 9) {
      const latest = await this.client.workflow
        .getHandle(missionId)
        .describe()
        // Gone (its history past retention) is an end; any other failure says nothing of the mission.
        .then((d) => d.status.name, (e: unknown) => (e instanceof WorkflowNotFoundError ? 'NOT_FOUND' : null));
      // A describe that failed says nothing of the mission (a server busy with the hand-over): retried as busy, never taken for an end.
      if (latest === 'RUNNING' || latest === null) return new NotReadyError(`mission '${missionId}' is handing over to its next run; retry shortly`, 'MISSION_BUSY');
      // Ended outside capeo (terminated, timed out): the store says so from now on.
      if (latest !== 'COMPLETED' && latest !== 'NOT_FOUND') await markEndedOutside(this.store.db, missionId, latest).catch(() => undefined);
      return new ConflictError('MISSION_CLOSED', `mission '${missionId}' has ended`);
    }
    return err;
  }
}

export type { Page };

import { createHash, randomUUID } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Actor } from '../domain/identity';
import { startMissionRequestSchema, type StartMissionParsed, type StartMissionRequest } from '../domain/mission';
import { MISSION_WORKFLOW_TYPE, type MissionStartInput, type MissionWorkflow } from '../domain/mission-start';
import type { PreviousIteration } from '../domain/mission-core';
import { displayName } from '../domain/nomenclature';
import { initialMissionSearchAttributes } from '../domain/temporal-names';
import type { MissionStore } from '../store';
import { missionStart, releaseReservation, reserveIteration, reserveMission, type ReservedMission } from '../store/mission-registry';

export interface Launcher {
  client: Client;
  store: MissionStore;
  taskQueue: string;
}

export interface StartedMission {
  missionId: string;
  code: string;
  iteration: number;
  displayName: string;
  /** False when the same request had started this mission before (a retry). */
  created: boolean;
  previousMissionId?: string;
}

/** The same Idempotency-Key came with another request. */
export class RequestReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

/** There is no such mission to iterate. */
export class UnknownMissionError extends Error {
  readonly code = 'NOT_FOUND';
}

const hashOf = (requester: string, req: unknown) => createHash('sha256').update(JSON.stringify([requester, req])).digest('hex');

/** The workflow's start input for a reserved mission: every field of the start request, and what capeo gave it. */
export function startInput(req: StartMissionParsed, r: { missionId: string; code: string; iteration: number }, requester: Actor, previous?: PreviousIteration): MissionStartInput {
  return { ...req, missionId: r.missionId, code: r.code, iteration: r.iteration, requester, ...(previous ? { previous } : {}) };
}

/** Starts the mission's workflow; answers false when a workflow with its id was there already. */
async function startWorkflow(l: Launcher, input: MissionStartInput): Promise<boolean> {
  try {
    await l.client.workflow.start<MissionWorkflow>(MISSION_WORKFLOW_TYPE, {
      workflowId: input.missionId,
      taskQueue: l.taskQueue,
      args: [{ start: input }],
      typedSearchAttributes: initialMissionSearchAttributes(input.type, input.code, input.codeName),
      // A mission id is never reused, even after the mission ended: a late retry finds it.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return true;
  } catch (err) {
    // The same reservation started before (a retried request, or a crash between reserving and starting).
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return false;
  }
}

/**
 * A code just reserved whose workflow id Temporal already has: the namespace holds missions this
 * store never made (a new store against a namespace an earlier one used). The code is skipped.
 */
export class MissionIdTakenError extends Error {
  readonly code = 'MISSION_ID_TAKEN';
  constructor(readonly missionId: string) {
    super(`the Temporal namespace already has a workflow '${missionId}' that this mission store did not start: the store and the namespace belong to different deployments`);
  }
}
/** How many taken codes a start skips before it gives up. */
const MAX_TAKEN_CODES = 1000;

async function launch(l: Launcher, reserved: ReservedMission, requestHash: string, req: StartMissionParsed, requester: Actor, previous?: PreviousIteration): Promise<StartedMission> {
  if (!reserved.created && reserved.requestHash !== requestHash) throw new RequestReusedError('this Idempotency-Key was used with a different request');
  // A retry starts what the first attempt reserved, from the request it stored.
  const stored = reserved.created ? req : startMissionRequestSchema.parse(reserved.startRequest);
  const started = await startWorkflow(l, startInput(stored, reserved, requester, previous));
  if (!started && reserved.created) throw new MissionIdTakenError(reserved.missionId);
  return {
    missionId: reserved.missionId,
    code: reserved.code,
    iteration: reserved.iteration,
    displayName: displayName(reserved.code, stored.codeName),
    created: reserved.created,
    ...(previous ? { previousMissionId: previous.missionId } : {}),
  };
}

/** The ATT&CK release in use, recorded on the mission (its technique ids were checked against it). */
async function currentAttackVersion(l: Launcher): Promise<string | null> {
  return (await l.store.attack.current())?.version ?? null;
}

/**
 * The one way a mission starts (the API, and the iteration activity): its code from the store (the
 * type's next number, race free), its row in the store, then its workflow. With a request id it is
 * idempotent: the same request id gives the same mission, started once.
 */
export async function startMission(l: Launcher, request: StartMissionRequest, requester: Actor, requestId?: string): Promise<StartedMission> {
  return startParsedMission(l, startMissionRequestSchema.parse(request), requester, requestId);
}

/** startMission for a request startMissionRequestSchema has parsed already (the API's route validates its body): not parsed twice. */
export async function startParsedMission(l: Launcher, req: StartMissionParsed, requester: Actor, requestId?: string): Promise<StartedMission> {
  const requestHash = requestId ? hashOf(requester.id, req) : '';
  const attackVersion = await currentAttackVersion(l);
  for (let skipped = 0; ; skipped++) {
    const reserved = await reserveMission(l.store.db, {
      ...(requestId ? { requestId } : {}),
      requestHash,
      row: { type: req.type, codeName: req.codeName, startRequest: req, requester: requester.id, previousMissionId: null, attackVersion },
    });
    try {
      return await launch(l, reserved, requestHash, req, requester);
    } catch (err) {
      // Someone else's mission has this id: this reservation is given up and the type's next code taken.
      if (!(err instanceof MissionIdTakenError) || skipped >= MAX_TAKEN_CODES) throw err;
      await releaseReservation(l.store.db, reserved.missionId);
    }
  }
}

/**
 * The next iteration of a mission: the same code and code name, the next iteration number, every
 * field of the previous start request (scope, brand, policy…), and the previous playbook and objectives.
 */
export async function startNextIteration(
  l: Launcher,
  previousMissionId: string,
  requester: Actor,
  o: { requestId?: string; trigger?: StartMissionParsed['trigger'] } = {},
): Promise<StartedMission> {
  const prev = await missionStart(l.store.db, previousMissionId);
  const summary = await l.store.reads.summary(previousMissionId);
  if (!prev || !summary) throw new UnknownMissionError(`no mission '${previousMissionId}'`);
  const req = startMissionRequestSchema.parse({ ...(prev.startRequest as object), ...(o.trigger ? { trigger: o.trigger } : {}) });
  const previous: PreviousIteration = {
    missionId: previousMissionId,
    playbook: summary.summary.artifacts['playbook.ipynb'] ?? null,
    objectives: summary.summary.objectives,
  };
  const requestId = o.requestId ?? randomUUID();
  const requestHash = hashOf(requester.id, [previousMissionId, req]);
  const reserved = await reserveIteration(l.store.db, {
    requestId,
    requestHash,
    code: prev.code,
    row: { type: req.type, codeName: req.codeName, startRequest: req, requester: requester.id, previousMissionId, previous, attackVersion: await currentAttackVersion(l) },
  });
  return launch(l, reserved, requestHash, req, requester, previous);
}

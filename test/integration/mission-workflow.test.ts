import type { MissionState } from '../../domain/mission';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { ConflictError } from '../../api/errors';
import { MissionService } from '../../api/services/missions';
import { SearchAttr } from '../../domain/temporal-names';
import { realActivities, startTestWorker, testEnv, type TestWorker } from '../support/temporal';
import { eavdRequest, hunter, lead, manager, openGate, platform, walkToCompletion } from '../support/walk';

let tw: TestWorker;
let missions: MissionService;
let artifactDir: string;

beforeAll(async () => {
  const real = realActivities();
  artifactDir = real.artifactDir;
  tw = await startTestWorker(real.activities);
  missions = new MissionService(tw.client, tw.taskQueue);
});
afterAll(async () => tw?.close());

/** The refusal an Update got, as the API would answer it. */
async function refusal(p: Promise<unknown>): Promise<ConflictError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ConflictError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

test('a mission walks every phase to a released report, with the phase search attribute and an audit timeline', async () => {
  const { missionId, code, displayName } = await missions.start(eavdRequest, platform);
  expect(code).toMatch(/^EAVD\d{2,}$/);
  expect(displayName).toBe(`${code} - Barracuda Muffin`);

  await walkToCompletion(missions, missionId);

  const handle = tw.client.workflow.getHandle(missionId);
  const result: MissionState = await handle.result();
  expect(result.status).toBe('completed');
  expect(result.intel?.matched.length).toBeGreaterThan(0);
  const report = readFileSync(join(artifactDir, result.artifacts['report.md']!.path), 'utf8');
  expect(report).toContain(`# Threat Hunt Report — ${displayName}`);
  expect(report).toContain('lucas.lead');

  const desc = await handle.describe();
  expect(desc.status.name).toBe('COMPLETED');
  expect(desc.typedSearchAttributes.get(SearchAttr.phase)).toBe('outcomes');
  expect(desc.typedSearchAttributes.get(SearchAttr.status)).toBe('completed');
  expect(desc.typedSearchAttributes.get(SearchAttr.lead)).toBe(lead.id);

  const actions = result.timeline.map((e) => `${e.actor}:${e.action}`);
  expect(actions).toEqual(
    expect.arrayContaining([
      'soc-platform:mission.started',
      'maria.manager:gate.approved',
      'maria.manager:lead.assigned',
      'hana.hunter:work-item.recorded',
      'lucas.lead:allocation.set',
      'capeo:report.released',
      'capeo:mission.completed',
    ]),
  );

  // The recorded history replays cleanly against the current workflow code.
  const history = await handle.fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, missionId);
});

test('gates refuse what is wrong, with the reason and the missing items', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');

  const notOpen = await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager));
  expect(notOpen.code).toBe('GATE_NOT_OPEN');

  const noLeadYet = await refusal(missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, hunter));
  expect(noLeadYet.code).toBe('NOT_ENTITLED');

  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  await missions.assignLead(missionId, lead.id, manager);

  const missing = await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, lead));
  expect(missing.code).toBe('MISSING_ITEMS');
  expect(missing.missing).toEqual(['analyze.initial-research', 'analyze.feasibility']);

  const managerAfterLead = await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager));
  expect(managerAfterLead.code).toBe('NOT_ENTITLED');

  const over75 = await refusal(missions.setAllocation(missionId, { totalHuntHours: 40, executionPhaseHours: 31 }, undefined, lead));
  expect(over75.code).toBe('INVALID_ALLOCATION');
  expect(over75.message).toContain('75%');

  const unknownItem = await refusal(missions.recordWorkItem(missionId, 'intel', {}, lead));
  expect(unknownItem.code).toBe('INVALID_WORK_ITEM');

  const state = await missions.get(missionId);
  expect(state.phase).toBe('analyze');
  expect(state.allocation).toBeNull();
  // A refused Update leaves no trace in the timeline.
  expect(state.timeline.filter((e) => e.action.startsWith('gate.')).map((e) => e.action)).toEqual([
    'gate.opened',
    'gate.approved',
    'gate.opened',
  ]);
  await tw.client.workflow.getHandle(missionId).terminate('test done');
});

test('rejection at Analyze ends the mission as not qualified; elsewhere it stays in its phase with the reason', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');

  const stay = await missions.decideGate(missionId, { gate: 'collect', decision: 'reject', reason: 'intel too thin' }, manager);
  expect(stay.phase).toBe('collect');
  expect(stay.status).toBe('active');
  expect(stay.timeline.at(-1)).toMatchObject({ action: 'gate.rejected', detail: 'collect: intel too thin' });

  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  const ended = await missions.decideGate(missionId, { gate: 'analyze', decision: 'reject', reason: 'no crown jewels at risk' }, manager);
  expect(ended.status).toBe('not_qualified');
  const result = await tw.client.workflow.getHandle(missionId).result();
  expect(result.status).toBe('not_qualified');
  expect(result.closedReason).toBe('no crown jewels at risk');

  const closed = await refusal(missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, manager));
  expect(closed.code).toBe('MISSION_CLOSED');
});

test('concurrent starts never share a code; a retried start gets the same mission', async () => {
  const started = await Promise.all(Array.from({ length: 8 }, () => missions.start(eavdRequest, platform)));
  const codes = started.map((s) => s.code);
  expect(new Set(codes).size).toBe(8);

  const first = await missions.start(eavdRequest, platform, 'retry-key-1');
  const again = await missions.start(eavdRequest, platform, 'retry-key-1');
  expect(again).toEqual({ ...first, created: false });
  expect(first.created).toBe(true);

  await Promise.all([...started, first].map((s) => tw.client.workflow.getHandle(s.missionId).terminate('test done')));
});

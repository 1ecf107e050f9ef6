import type { MissionState } from '../../domain/mission';
import { join } from 'node:path';
import { MissionService } from '../../api/services/missions';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';
import { realActivities, startTestWorker, testEnv, type TestWorker } from '../support/temporal';
import { testNamespace } from '../support/namespaces';
import { eavdRequest, lead, manager, openGate, platform, walkToCompletion } from '../support/walk';

let server: DevServer | undefined;
let tw: TestWorker | undefined;

afterAll(async () => {
  await tw?.close();
  await server?.stop();
});

test('stopping worker and Temporal server mid-mission loses nothing: the mission continues after restart', async () => {
  const port = await freePort();
  const dbFile = join(testEnv().dir, `restart-${process.pid}.sqlite`);
  const boot = () => startDevServer({ port, dbFile, headless: true, namespaces: [testNamespace()] });
  const { activities } = realActivities();

  server = await boot();
  tw = await startTestWorker(activities, server.address);
  let missions = new MissionService(tw.client, tw.taskQueue);
  const { missionId } = await missions.start(eavdRequest, platform);
  await openGate(missions, missionId, 'collect');
  await missions.decideGate(missionId, { gate: 'collect', decision: 'approve' }, manager);
  await missions.assignLead(missionId, lead.id, manager);

  await tw.close();
  tw = undefined;
  await server.stop();

  server = await boot();
  tw = await startTestWorker(activities, server.address);
  missions = new MissionService(tw.client, tw.taskQueue);

  const resumed = await missions.get(missionId);
  expect(resumed).toMatchObject({ phase: 'analyze', lead: lead.id, status: 'active', openGate: 'analyze' });

  // The rest of the walk, from where it stood; walkToCompletion's first steps are refused as already done.
  await missions.recordWorkItem(missionId, 'initial-research', { references: [] }, lead);
  await missions.recordWorkItem(missionId, 'feasibility', { qualifies: true }, lead);
  await missions.decideGate(missionId, { gate: 'analyze', decision: 'approve' }, lead);
  await missions.setAllocation(missionId, { totalHuntHours: 8, executionPhaseHours: 6 }, undefined, lead);
  await missions.recordWorkItem(missionId, 'objectives', { objectives: ['x'] }, lead);
  for (const gate of ['plan', 'execute', 'outcomes'] as const) await missions.decideGate(missionId, { gate, decision: 'approve' }, lead);
  const done: MissionState = await tw.client.workflow.getHandle(missionId).result();
  expect(done.status).toBe('completed');
  // Exactly one intel pull and one report release across the restart.
  expect(done.timeline.filter((e) => e.action === 'intel.collected')).toHaveLength(1);
  expect(done.timeline.filter((e) => e.action === 'report.released')).toHaveLength(1);

  // A second mission on the restarted server gets the next code: the registry survived too.
  const next = await missions.start(eavdRequest, platform);
  expect(next.code).not.toBe(resumed.code);
  await walkToCompletion(missions, next.missionId);
  expect((await missions.get(next.missionId)).status).toBe('completed');
});

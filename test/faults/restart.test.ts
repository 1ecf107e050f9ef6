import type { MissionOutcome } from '../../domain/mission-start';
import { join } from 'node:path';
import { MissionService } from '../../api/services/missions';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';
import * as msg from '../../domain/messages';
import { outbox, realActivities, startTestWorker, testEnv, tickets, type TestWorker } from '../support/temporal';
import { testNamespace } from '../support/namespaces';
import { eavdRequest, endMission, hunter, lead, platform, timeline, until, untilFindings, walkFromExecute, walkToExecute } from '../support/walk';
import { testStore } from '../support/postgres';

let server: DevServer | undefined;
let tw: TestWorker | undefined;

afterAll(async () => {
  await tw?.close();
  await server?.stop();
});

test('stopping worker and Temporal server mid-mission loses nothing: it continues, with no duplicated escalation or notification', async () => {
  const port = await freePort();
  const dbFile = join(testEnv().dir, `restart-${process.pid}.sqlite`);
  const boot = () => startDevServer({ port, dbFile, headless: true, namespaces: [testNamespace()] });
  const { activities, dataDir } = realActivities();

  const store = await testStore();
  server = await boot();
  tw = await startTestWorker(activities, server.address, store);
  let missions = new MissionService(tw.client, store, tw.taskQueue);
  const { missionId } = await missions.start(eavdRequest, platform);
  // The Execution Phase Duration will run out while everything is down.
  await walkToExecute(missions, missionId, { totalHuntHours: 60 / 3600, executionPhaseHours: 6 / 3600 });
  const deadline = Date.parse((await missions.summary(missionId)).clocks.execution.deadline!);
  await missions.update(missionId, msg.addFindingUpdate, {
    finding: { category: 'suspicious-security-event', title: 'examp1e-login.com with MX', severity: 'high', observables: [{ type: 'domain', value: 'examp1e-login.com' }] },
    actor: hunter,
  });

  // Down goes everything, escalation possibly in flight.
  await tw.close();
  tw = undefined;
  await server.stop();
  await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 500));

  server = await boot();
  tw = await startTestWorker(activities, server.address, store);
  missions = new MissionService(tw.client, store, tw.taskQueue);
  const resumed = await missions.summary(missionId);
  expect(resumed).toMatchObject({ phase: 'execute', lead: lead.id, status: 'active', openGate: 'execute' });

  await untilFindings(missions, missionId, (fs) => fs.some((f) => f.status === 'escalated'), 'escalation after restart');
  // The durable timer fires after the downtime, once.
  await until(missions, missionId, (s) => s.clocks.execution.overrun, 'execution expiry after downtime');
  for (let i = 0; i < 100 && !outbox(dataDir).some((n) => n.kind === 'execution-expired'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(outbox(dataDir).filter((n) => n.kind === 'execution-expired')).toHaveLength(1);
  await walkFromExecute(missions, missionId);
  const done: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(done.status).toBe('completed');
  const audit = await timeline(missions, missionId);
  expect(audit.filter((e) => e.action === 'intel.collected')).toHaveLength(1);
  expect(audit.filter((e) => e.action === 'finding.escalated')).toHaveLength(1);
  expect(audit.filter((e) => e.action === 'clock.execution.expired')).toHaveLength(1);
  const sent = outbox(dataDir);
  expect(sent.filter((n) => n.kind === 'escalation' && n.missionId === missionId)).toHaveLength(1);
  expect(sent.filter((n) => n.kind === 'comms')).toHaveLength(1);
  expect(new Set(sent.map((n) => n.idempotencyKey)).size).toBe(sent.length);
  expect(tickets(dataDir).filter((t) => String(t.id).startsWith('IR-'))).toHaveLength(1);

  // A second mission on the restarted server gets the next code: the registry survived too.
  const next = await missions.start(eavdRequest, platform);
  expect(next.code).not.toBe(resumed.code);
  await endMission(tw, next.missionId);
  await store.close();
});

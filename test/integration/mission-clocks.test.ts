import type { MissionService } from '../../api/services/missions';
import { SearchAttr } from '../../domain/temporal-names';
import { missionHarness, outbox, type TestWorker } from '../support/temporal';
import * as msg from '../../domain/messages';
import { eavdRequest, endMission, hunter, openGate, platform, timeline, until, walkToExecute, seconds } from '../support/walk';

let tw: TestWorker;
let missions: MissionService;
let dataDir: string;

beforeAll(async () => {
  ({ tw, missions, dataDir } = await missionHarness());
});
afterAll(async () => tw?.close());

const sentFor = (missionId: string, kind: string) => outbox(dataDir).filter((n) => n.missionId === missionId && n.kind === kind);
/** Waits until the outbox holds a notification of that kind for the mission (clock events notify after they flag). */
async function notified(missionId: string, kind: string) {
  for (let i = 0; i < 200 && sentFor(missionId, kind).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  return sentFor(missionId, kind);
}

test('short allocations: warnings, execution expiry asks for the gate, total overrun flagged and notified once; policy auto-advance; gate reminders', async () => {
  const allocation = { totalHuntHours: seconds(12), executionPhaseHours: seconds(6) };
  const [manual, auto, idle] = await Promise.all([
    missions.start(eavdRequest, platform),
    missions.start({ ...eavdRequest, policy: { autoAdvanceOnExecutionExpiry: true } }, platform),
    missions.start({ ...eavdRequest, policy: { gateReminderHours: seconds(1.5) } }, platform),
  ]);
  await Promise.all([walkToExecute(missions, manual.missionId, allocation), walkToExecute(missions, auto.missionId, allocation)]);
  // The auto-advance mission has its Execute work done before the clock runs out.
  await missions.recordWorkItem(auto.missionId, 'data-sources', { sources: [{ name: 'dns', location: 'samples/logs', model: 'DNS' }] }, hunter);
  await missions.update(auto.missionId, msg.runQueryUpdate, { title: 'all', query: 'select count(*) from dns', from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z', actor: hunter });

  // Execution Phase Duration reached: the lead is asked for the Execute gate; the mission waits in Execute.
  await until(missions, manual.missionId, (s) => s.clocks.execution.overrun, 'execution expiry');
  expect(await notified(manual.missionId, 'execution-expired')).toHaveLength(1);
  expect(sentFor(manual.missionId, 'execution-expired')[0]!.text).toMatch(/please decide the Execute gate/);
  const waiting = await missions.get(manual.missionId);
  expect(waiting).toMatchObject({ phase: 'execute', openGate: 'execute', status: 'active' });

  // With the policy set, the mission advances to Outcomes by itself.
  const advanced = await until(missions, auto.missionId, (s) => s.phase === 'outcomes', 'automatic advance');
  expect(advanced.clocks.execution.stoppedAt).not.toBeNull();
  expect((await timeline(missions, auto.missionId)).some((e) => e.actor === 'capeo' && e.action === 'gate.approved')).toBe(true);

  // Total Hunt Duration overrun: flagged (search attribute), notified and escalated once, never a kill.
  const over = await until(missions, manual.missionId, (s) => s.clocks.total.overrun, 'total overrun');
  expect(over.status).toBe('active');
  expect(await notified(manual.missionId, 'clock-overrun')).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 1000));
  expect(sentFor(manual.missionId, 'clock-overrun')).toHaveLength(1);
  expect(sentFor(manual.missionId, 'clock-overrun')[0]!.to).toEqual(['lucas.lead', 'hunt-managers']);
  // 50% and 80% of each clock.
  expect(sentFor(manual.missionId, 'clock-warning')).toHaveLength(4);
  const desc = await tw.client.workflow.getHandle(manual.missionId).describe();
  expect(desc.typedSearchAttributes.get(SearchAttr.overrun)).toBe(true);
  // Ops find overrun missions in the mission list (from the store).
  let overrun: string[] = [];
  for (let i = 0; i < 50 && !overrun.includes(manual.missionId); i++) {
    overrun = (await missions.list({ overrun: true, limit: 100 })).items.map((x) => x.missionId);
    if (!overrun.includes(manual.missionId)) await new Promise((r) => setTimeout(r, 100));
  }
  expect(overrun).toContain(manual.missionId);
  expect(overrun).not.toContain(idle.missionId);
  const byLead = await missions.list({ lead: 'lucas.lead', code: manual.code, limit: 10 });
  expect(byLead.items.map((x) => x.missionId)).toEqual([manual.missionId]);

  // A gate left undecided sends reminders, each once.
  await openGate(missions, idle.missionId, 'collect');
  await until(missions, idle.missionId, () => sentFor(idle.missionId, 'gate-reminder').length >= 2, 'two reminders');
  expect((await timeline(missions, idle.missionId)).filter((e) => e.action === 'gate.reminder').length).toBeGreaterThanOrEqual(2);
  const reminders = sentFor(idle.missionId, 'gate-reminder');
  expect(reminders.length).toBeGreaterThanOrEqual(2);
  expect(reminders[0]!.to).toEqual(['hunt-managers']);
  expect(new Set(reminders.map((r) => r.idempotencyKey)).size).toBe(reminders.length);

  await Promise.all([manual, auto, idle].map((m) => endMission(tw, m.missionId)));
});

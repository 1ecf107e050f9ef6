import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import type { MissionOutcome } from '../../domain/mission-start';
import { startJiraDouble, type JiraDouble } from '../support/jira-double';
import { missionHarness, outbox, type TestWorker } from '../support/temporal';
import { eavdRequest, hunter, lead, manager, platform, timeline, until, untilFindings, walkFromExecute, walkToExecute } from '../support/walk';

/**
 * A ticketing system that fails for good (Jira answering 401 to every call, on loopback) must not
 * wedge a mission: its effects fail, are audited, listed and alerted once, the mission completes,
 * and once Jira works again a retry runs each failed effect once.
 */
let jira: JiraDouble;
const creates = () => jira.creates();

let tw: TestWorker;
let missions: MissionService;
let dataDir: string;

beforeAll(async () => {
  jira = await startJiraDouble();
  jira.refuse = true;
  ({ tw, missions, dataDir } = await missionHarness({ ...jira.env, CAPEO_JIRA_API_TOKEN: 'jira-token-that-jira-refuses' }));
});
afterAll(async () => {
  await tw?.close();
  await jira?.close();
});

test('Jira answering 401: the mission completes, failed effects are listed with their errors, one alert; fixed, a retry runs each once', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  await walkToExecute(missions, missionId);
  // The action plan (Jira) failed for good: the Plan gate was not blocked by it.
  const s = await missions.summary(missionId);
  expect(s.workItems['plan']?.['action-plan']).toMatchObject({ status: 'failed' });
  await missions.update(missionId, msg.addFindingUpdate, {
    finding: { category: 'suspicious-security-event', title: 'examp1e-login.com phishes our clients', severity: 'high', observables: [{ type: 'domain', value: 'examp1e-login.com' }] },
    actor: hunter,
  });
  await missions.update(missionId, msg.addFindingUpdate, { finding: { category: 'hunt-opportunity', title: 'look at MX of fresh lookalikes', severity: 'low' }, actor: hunter });
  await until(missions, missionId, (x) => x.counts.effects.failed >= 4 && x.counts.effects.pending + x.counts.effects.running === 0, 'ticket effects failed');
  expect((await missions.summary(missionId)).gate).toMatchObject({ phase: 'execute', missing: ['execute.data-sources', 'execute.queries'] });
  await walkFromExecute(missions, missionId);
  const outcome: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(outcome.status).toBe('completed');

  // Listed, with their errors; audited.
  // Every finding's ticket failed (the sample logs' silent EDR source added a visibility gap of its own).
  const findingCount = (await missions.summary(missionId)).counts.findings.total;
  const failed = (await missions.effects(missionId, { limit: 100, state: 'failed' })).items;
  expect(failed.map((e) => e.kind).sort()).toEqual(['action-plan', 'escalate', ...Array<string>(findingCount).fill('finding-ticket')]);
  expect(failed.every((e) => e.errorType === 'EXTERNAL_AUTH_REJECTED' && /401/.test(e.error ?? ''))).toBe(true);
  expect((await timeline(missions, missionId)).filter((e) => e.action === 'effect.failed')).toHaveLength(failed.length);
  expect((await missions.summary(missionId)).counts.effects.failed).toBe(failed.length);
  // One alert to the lead and the hunt managers, however many failed; everything else went out (the outbox works).
  const alerts = outbox(dataDir).filter((n) => n.missionId === missionId && n.kind === 'effects-failed');
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.to).toEqual([lead.id, 'hunt-managers']);
  expect(outbox(dataDir).filter((n) => n.missionId === missionId && n.kind === 'comms')).toHaveLength(1);
  // Nothing was made in Jira (every call was refused), and no ticket fell back anywhere else.
  expect(jira.issues()).toBe(0);
  expect(jira.server.requests.length).toBeGreaterThan(0);
  expect(existsTickets()).toBe(false);

  // A hunter may not retry; an effect that is not failed is refused.
  await expect(missions.retryEffects(missionId, hunter)).rejects.toThrow(/hunt manager or the mission lead/);
  const done = (await missions.effects(missionId, { limit: 100, state: 'done' })).items[0]!;
  await expect(missions.retryEffects(missionId, lead, [done.id])).rejects.toThrow(/only failed effects/);

  // Jira works again: each failed effect runs once, and what it made is on its finding.
  jira.refuse = false;
  jira.server.requests.length = 0;
  const { retried } = await missions.retryEffects(missionId, manager);
  expect(retried.map((r) => r.state)).toEqual(failed.map(() => 'done'));
  // The action plan's epic and story, a ticket per finding, one incident: each issue once.
  const expected = 2 + findingCount + 1;
  expect(creates()).toHaveLength(expected);
  expect(new Set(creates().map((r) => (JSON.parse(r.body) as { fields: { labels: string[] } }).fields.labels.at(-1))).size).toBe(expected);
  expect((await missions.effects(missionId, { limit: 100, state: 'failed' })).items).toEqual([]);
  const findings = await untilFindings(missions, missionId, (fs) => fs.every((f) => f.ticket?.system === 'jira'), 'tickets on the findings');
  expect(findings.find((f) => f.category === 'suspicious-security-event')).toMatchObject({ status: 'escalated', escalation: { ticket: { system: 'jira' } } });
  // The closed mission's counts follow the log.
  expect((await missions.summary(missionId)).counts.effects.failed).toBe(0);
  // A second retry has nothing to do, and makes nothing.
  expect((await missions.retryEffects(missionId, manager)).retried).toEqual([]);
  expect(creates()).toHaveLength(expected);
}, 120_000);

/** The embedded ticketing folder of the Jira mission stays empty: a failing Jira does not fall back to local tickets. */
function existsTickets(): boolean {
  try {
    return readdirSync(join(dataDir, 'tickets')).some((f) => f.endsWith('.json') && readFileSync(join(dataDir, 'tickets', f), 'utf8').length > 0);
  } catch {
    return false;
  }
}

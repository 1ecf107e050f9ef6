import type { MissionService } from '../../api/services/missions';
import type { NewFinding } from '../../domain/findings';
import { overflowHeldHandOver, stillHandingOver } from '../support/hand-over';
import { startJiraDouble, type JiraDouble } from '../support/jira-double';
import { replayEveryRun } from '../support/replay';
import { missionHarness, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, platform, timeline, until, walkToExecute } from '../support/walk';

/**
 * A hand-over held open (a ticket Jira takes its time to create: running effects finish first)
 * while findings keep coming by signal, more than the inbox carries: the inbox and what does not fit
 * go to the store as kept batches, the hand-over does not wait for them to become findings, and the
 * next run stores them first, each once, and lets the batches go.
 */
let jira: JiraDouble;
let tw: TestWorker;
let missions: MissionService;
let release: (() => void) | undefined;

beforeAll(async () => {
  jira = await startJiraDouble();
  ({ tw, missions } = await missionHarness(jira.env));
});
afterAll(async () => {
  release?.();
  await tw?.close();
  await jira?.close();
});

test('past the inbox, findings signalled during a hand-over are kept in the store; the hand-over does not wait for them; the next run stores each once', async () => {
  const { missionId } = await missions.start({ ...eavdRequest, policy: { maxHistoryEvents: 500, effectConcurrency: 1 } }, platform);
  await walkToExecute(missions, missionId);
  const handle = tw.client.workflow.getHandle(missionId);
  const runsBefore = (await missions.summary(missionId)).runs;

  const { small, big, release: letGo } = await overflowHeldHandOver(handle, jira);
  release = letGo;
  // Still handing over (the ticket is still held): the kept batch was written without waiting for it.
  const kept = async () => (await tw.store.db.query<{ seq: number; entries: Array<{ findings: NewFinding[] }> }>(`select seq, entries from mission_inbox where mission_id = $1`, [missionId])).rows;
  const bigKept = async () => (await kept()).some((b) => b.entries.some((e) => e.findings.some((f) => f.sourceKey === 'big-0')));
  for (let i = 0; !(await bigKept()); i++) {
    if (i > 600) throw new Error('the batch was never kept');
    await new Promise((r) => setTimeout(r, 50));
  }
  // The big signal is a batch of its own; before it, if the hand-over held small signals already, the inbox as it was.
  const batches = await kept();
  const keysOf = (b: (typeof batches)[number]) => b.entries.flatMap((e) => e.findings.map((f) => f.sourceKey));
  expect(batches.map((b) => b.seq)).toEqual(batches.length === 2 ? [1, 2] : [1]);
  expect(keysOf(batches.at(-1)!)).toEqual(big.map((f) => f.sourceKey));
  if (batches.length === 2) expect(keysOf(batches[0]!).every((k) => /^small-\d+$/.test(k ?? ''))).toBe(true);
  expect(await stillHandingOver(handle)).toBe(true);

  letGo();
  const total = 1 + small + big.length + 1;
  await until(missions, missionId, (s) => s.runs > runsBefore && s.counts.findings.total >= total && s.counts.effects.pending + s.counts.effects.running === 0, 'every finding stored and ticketed', 2400);

  // Each finding once; the kept batch went once its findings were stored.
  const findings = await allFindings(missions, missionId);
  const keys = findings.map((f) => f.sourceKey).filter((k): k is string => Boolean(k && /^(first|small-|big-|last)/.test(k)));
  expect(keys.sort()).toEqual(['first', ...Array.from({ length: small }, (_, i) => `small-${i}`), ...big.map((f) => f.sourceKey!), 'last'].sort());
  expect(findings.find((f) => f.sourceKey === 'big-3')?.description).toBe(big[3]!.description);
  expect(await kept()).toEqual([]);
  // The run after that hand-over said what it stored first (later runs may have handed over again, with nothing held).
  const continued = (await timeline(missions, missionId)).filter((e) => e.action === 'mission.continued' && /kept in the store/.test(e.detail ?? ''));
  const n = batches.length;
  expect(continued.map((e) => e.detail!.replace(/^run \d+; /, ''))).toEqual([`1 finding and ${n} batch${n === 1 ? '' : 'es'} of findings kept in the store that came during the hand-over stored first`]);

  // The runs replay against the code.
  expect(await replayEveryRun(tw.client, missionId)).toBeGreaterThan(runsBefore);
}, 300_000);

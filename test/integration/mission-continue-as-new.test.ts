import type { MissionService } from '../../api/services/missions';
import type { NewFinding } from '../../domain/findings';
import * as msg from '../../domain/messages';
import type { MissionOutcome } from '../../domain/mission-start';
import { missionDiagnosis } from '../support/diagnosis';
import { replayEveryRun } from '../support/replay';
import { missionHarness, outbox, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, everyPage, hunter, hunter2, lead, platform, timeline, until, walkFromExecute, walkToExecute, seconds, inLanes } from '../support/walk';

let tw: TestWorker;
let missions: MissionService;
let dataDir: string;

beforeAll(async () => {
  ({ tw, missions, dataDir } = await missionHarness());
});
afterAll(async () => tw?.close());

/**
 * A step that must end within `ms`: if it does not, the test fails naming the step, with what the
 * mission was doing (its summary counts, latest audit entries, pending activities and the runs),
 * instead of running into jest's timeout with nothing to go on.
 */
async function within<T>(label: string, missionId: string, ms: number, step: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void missionDiagnosis(missions, tw.client, missionId).then((d) => reject(new Error(`${label}: not done within ${ms / 1000} s\n${d}`)));
    }, ms);
  });
  try {
    return await Promise.race([step, late]);
  } finally {
    clearTimeout(timer);
  }
}


test('a mission continues as new as its history grows: the open gate, squad, clocks, queued effects and every finding survive; clocks fire after it', async () => {
  const policy = { maxHistoryEvents: 600, effectConcurrency: 2 };
  const { missionId } = await missions.start({ ...eavdRequest, policy }, platform);
  // Execution Phase Duration of 40 s: it expires well after the first hand-overs.
  await walkToExecute(missions, missionId, { totalHuntHours: seconds(300), executionPhaseHours: seconds(40) });
  const executeStarted = Date.parse((await missions.summary(missionId)).clocks.execution.startedAt!);

  // Findings from hunters through Updates (some land while the mission hands over) and from a sweep's signals.
  const viaApi = 120;
  await within('120 findings through Updates', missionId, 240_000, inLanes(viaApi, 4, (i) =>
    missions.update(missionId, msg.addFindingUpdate, {
      finding: { category: 'hunt-opportunity', title: `hunt lead ${i}`, severity: 'low', observables: [{ type: 'domain', value: `lead-${i}.example` }], sourceKey: `api:${i}` },
      actor: i % 2 ? hunter : hunter2,
    }),
  ));
  const batch = (b: number): NewFinding[] =>
    Array.from({ length: 100 }, (_, i) => ({ category: 'ti-event-of-interest', title: `lookalike ${b}-${i}`, description: '', severity: 'low', evidence: [], observables: [], flags: [], sourceKey: `sweep:${b}:${i}` }));
  const handle = tw.client.workflow.getHandle(missionId);
  for (let b = 0; b < 3; b++) await handle.signal(msg.sweepFindingsSignal, { sweep: 1, findings: batch(b) });
  // The same batch again (a retried sweep): nothing new.
  await handle.signal(msg.sweepFindingsSignal, { sweep: 1, findings: batch(0) });

  const total = viaApi + 300;
  const settled = await until(
    missions,
    missionId,
    (s) => s.counts.findings.total >= total && s.counts.effects.pending + s.counts.effects.running === 0 && s.clocks.execution.overrun,
    'every finding documented and the execution clock expired',
    1200,
  );
  expect(settled.runs).toBeGreaterThanOrEqual(3);
  expect(settled).toMatchObject({ phase: 'execute', openGate: 'execute', lead: lead.id, squad: { [hunter.id]: { status: 'accepted' }, [hunter2.id]: { status: 'accepted' } } });
  expect(settled.counts.effects.failed).toBe(0);

  // Every finding once, with its ticket; the retried batch added nothing.
  const findings = await allFindings(missions, missionId);
  const keyed = findings.filter((f) => f.sourceKey?.startsWith('api:') || f.sourceKey?.startsWith('sweep:'));
  expect(keyed).toHaveLength(total);
  expect(new Set(keyed.map((f) => f.sourceKey)).size).toBe(total);
  expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  const effects = await everyPage((p) => missions.effects(missionId, p));
  expect(effects.filter((e) => e.kind === 'finding-ticket')).toHaveLength(findings.length);
  expect(new Set(effects.map((e) => e.key)).size).toBe(effects.length);
  expect(effects.every((e) => e.state === 'done')).toBe(true);

  // The clock set before the hand-overs fired after them, at its time, once.
  const audit = await timeline(missions, missionId);
  const continued = audit.filter((e) => e.action === 'mission.continued');
  expect(continued.length).toBeGreaterThanOrEqual(2);
  const expired = audit.filter((e) => e.action === 'clock.execution.expired');
  expect(expired).toHaveLength(1);
  expect(Date.parse(expired[0]!.at)).toBeGreaterThan(Date.parse(continued[0]!.at));
  expect(Date.parse(expired[0]!.at)).toBeGreaterThanOrEqual(executeStarted + 40_000);
  expect(outbox(dataDir).filter((n) => n.missionId === missionId && n.kind === 'execution-expired')).toHaveLength(1);
  expect(new Set(audit.map((e) => e.seq)).size).toBe(audit.length);

  // Temporal saw the runs: each closed as continued-as-new, the mission's id unchanged.
  const runs = [];
  for await (const w of tw.client.workflow.list({ query: `WorkflowId = '${missionId}'` })) runs.push(w);
  expect(runs.filter((r) => r.status.name === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(2);

  await within('the walk from Execute to the end', missionId, 180_000, walkFromExecute(missions, missionId));
  const outcome: MissionOutcome = await within('the mission result', missionId, 120_000, handle.result());
  expect(outcome.status).toBe('completed');
  // Each run's history replays against the code.
  expect(await replayEveryRun(tw.client, missionId)).toBeGreaterThanOrEqual(runs.length);
}, 600_000); // alone it takes under a minute; beside the suite's heaviest files (schemathesis) it took five

test('a steady stream of sweep signals does not hold up the hand-over: each run stays near its bound, every finding once', async () => {
  const policy = { maxHistoryEvents: 600, effectConcurrency: 8 };
  const { missionId } = await missions.start({ ...eavdRequest, policy }, platform);
  await walkToExecute(missions, missionId);
  const handle = tw.client.workflow.getHandle(missionId);
  // A signal of 10 findings every 40 ms for ten seconds: signals cannot be refused, so some arrive
  // during every hand-over, and the hand-over must not wait for them to be stored. (More than the
  // inbox holds during one hand-over: mission-hand-over-keeps.test.ts.)
  const SIGNALS = 250;
  for (let b = 0; b < SIGNALS; b++) {
    const findings: NewFinding[] = Array.from({ length: 10 }, (_, i) => ({
      category: 'ti-event-of-interest', title: `stream ${b}-${i}`, description: '', severity: 'low', evidence: [], observables: [], flags: [], sourceKey: `stream:${b}:${i}`,
    }));
    await handle.signal(msg.sweepFindingsSignal, { sweep: 1, findings });
    await new Promise((r) => setTimeout(r, 40));
  }
  const total = SIGNALS * 10;
  const settled = await within('every streamed finding stored and ticketed', missionId, 300_000, until(
    missions, missionId, (s) => s.counts.findings.total >= total && s.counts.effects.pending + s.counts.effects.running === 0, 'every streamed finding stored', 6000,
  ));
  expect(settled.counts.effects.failed).toBe(0);
  const rows = await tw.store.db.query(
    `select count(*)::int as n, count(distinct source_key)::int as keys, count(*) filter (where ticket is not null)::int as ticketed from findings where mission_id = $1 and source_key like 'stream:%'`,
    [missionId],
  );
  expect(rows.rows[0]).toEqual({ n: total, keys: total, ticketed: total });

  // 2,500 tickets are far more history than one run may hold: it handed over again and again, and
  // no run went far past its bound while the stream kept coming (before, the hand-over waited for
  // a quiet moment that never came, and the run grew until Temporal's limit ended the mission).
  const runs = [];
  for await (const w of tw.client.workflow.list({ query: `WorkflowId = '${missionId}' AND ExecutionStatus = 'ContinuedAsNew'` })) runs.push(w);
  expect(runs.length).toBeGreaterThanOrEqual(5);
  const longest = Math.max(...runs.map((r) => r.historyLength));
  expect(longest).toBeLessThan(policy.maxHistoryEvents * 2);
  const held = (await timeline(missions, missionId)).filter((e) => e.action === 'mission.continued' && /stored first/.test(e.detail ?? ''));
  const kept = held.filter((e) => /kept in the store/.test(e.detail ?? '')).length;
  console.log(`${runs.length} hand-overs under the stream, longest run ${longest} events; ${held.length} of them carried findings that came during the hand-over, ${kept} with batches kept in the store`);
}, 600_000);

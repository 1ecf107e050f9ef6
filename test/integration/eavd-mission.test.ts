import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActivityDeps } from '../../activities';
import { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import type { MissionOutcome } from '../../domain/mission-start';
import { startEavdFakes, type EavdFakes } from '../support/eavd-fakes';
import { missionHarness, realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, endMission, lead, manager, platform, until, untilFindings, walkFromExecute, walkToExecute } from '../support/walk';

/**
 * The brand's lookalike policy: no TLD family or combosquatting dictionary, about 2,600 candidates a
 * sweep (the defaults would be 6,800: the sweeps would take three times as long, for no more insight).
 */
const LOOKALIKES = { tldFamily: 'none', combosquattingDictionary: false } as const;

let fakes: EavdFakes;
beforeAll(async () => {
  fakes = await startEavdFakes();
});
afterAll(async () => {
  await fakes?.stop();
});

describe('an EAVD mission', () => {
  let tw: TestWorker;
  let missions: MissionService;
  let dataDir: string;
  beforeAll(async () => {
    ({ tw, missions, dataDir } = await missionHarness(fakes.env));
  }, 60_000);
  afterAll(async () => {
    await tw?.close();
  });

  test('a planted lookalike with MX and a fresh certificate ends as an escalated suspicious event in the report; an unregistered permutation does not', async () => {
    const { missionId } = await missions.start({ ...eavdRequest, brand: { domains: ['example.com'], lookalikes: LOOKALIKES }, policy: { sweepIntervalMinutes: 24 * 60 } }, platform);
    await walkToExecute(missions, missionId);
    await until(missions, missionId, (s) => s.sweeps.count > 0, 'sweep');
    const findings = await untilFindings(missions, missionId, (fs) => fs.some((f) => f.sourceKey === 'lookalike:examp1e.com' && f.status === 'escalated'), 'escalation');
    const sweep = (await missions.sweeps(missionId, { limit: 10 })).items[0]!;
    expect(sweep.candidates).toBeGreaterThan(500);
    expect(sweep.newDomains).toEqual(['examp1e.com']);
    const finding = findings.find((f) => f.sourceKey === 'lookalike:examp1e.com')!;
    expect(finding).toMatchObject({ category: 'suspicious-security-event', severity: 'high', author: 'capeo' });
    expect(finding.description).toMatch(/mail-ready: MX mail\.examp1e\.com/);
    expect(finding.description).toMatch(/certificate issued 2 days ago/);
    expect(finding.description).toMatch(/registered 5 days ago/);
    expect(findings.some((f) => f.observables.some((o) => o.value === 'exampel.com'))).toBe(false);
    // Findings are searched across missions by observable.
    expect((await missions.searchFindings({ limit: 10, observable: 'EXAMP1E.com' })).items.map((f) => f.missionId)).toContain(missionId);
    // Enrichment asked only about what resolves: its certificates, then the newest one itself (for its key; the fake has none to give).
    expect([...new Set(fakes.ct.requests.map((r) => r.url))]).toEqual(['/?q=examp1e.com&output=json', '/?d=9']);

    await walkFromExecute(missions, missionId);
    const done: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
    const report = readFileSync(join(dataDir, 'artifacts', done.artifacts['report.md']!.path), 'utf8');
    const row = report.split('\n').find((line) => line.includes('Lookalike examp1e.com'));
    expect(row).toMatch(/^\| F\d+ \| suspicious-security-event \| high \| .* \| escalated \| .* \| local-ticketing IR-\d+ \|/);
    expect(report).not.toContain('exampel.com');

    // The next iteration carries the brand: it runs its sweeps too.
    const next = await missions.newIteration(missionId, lead);
    await walkToExecute(missions, next.missionId);
    await until(missions, next.missionId, (s) => s.sweeps.count > 0, 'second iteration sweep');
    expect((await missions.sweeps(next.missionId, { limit: 10 })).items[0]).toMatchObject({ sweep: 1, registered: 1 });
    await endMission(tw, next.missionId);
  }, 180_000);
});

test('sweeps repeat through a worker restart: no finished batch is redone, each sweep continues-as-new, and a lookalike already reported is not new again', async () => {
  const real = realActivities(undefined, fakes.env);
  // Count every start of a resolve batch, per sweep and offset, across both workers.
  const starts = new Map<string, number>();
  let firstBatchDone!: () => void;
  const firstBatch = new Promise<void>((resolve) => (firstBatchDone = resolve));
  const counted = (deps: ActivityDeps) => {
    const a = real.activities(deps);
    return {
      ...a,
      async resolveSlice(args: Parameters<typeof a.resolveSlice>[0]) {
        const key = `${args.path}@${args.offset}`;
        starts.set(key, (starts.get(key) ?? 0) + 1);
        const out = await a.resolveSlice(args);
        if (args.offset === 0) firstBatchDone();
        return out;
      },
    };
  };

  let tw = await startTestWorker(counted);
  let missions = new MissionService(tw.client, tw.store, tw.taskQueue, join(real.dataDir, 'artifacts'));
  const { missionId } = await missions.start({ ...eavdRequest, brand: { domains: ['example.com'], lookalikes: LOOKALIKES }, policy: { sweepIntervalMinutes: 1 / 60 } }, platform);
  await walkToExecute(missions, missionId);
  await firstBatch;
  await tw.close();

  tw = await startTestWorker(counted);
  try {
    missions = new MissionService(tw.client, tw.store, tw.taskQueue, join(real.dataDir, 'artifacts'));
    await until(missions, missionId, (st) => st.sweeps.count >= 2, 'two sweeps');
    const sweeps = (await missions.sweeps(missionId, { limit: 10 })).items;
    const firstSweepBatch = [...starts.keys()].find((k) => k.endsWith('/sweeps/1/candidates.json@0'));
    expect(firstSweepBatch).toBeDefined();
    expect(starts.get(firstSweepBatch!)).toBe(1);
    expect(sweeps[0]).toMatchObject({ sweep: 1, registered: 1, newDomains: ['examp1e.com'] });
    expect(sweeps[1]).toMatchObject({ sweep: 2, registered: 1, newDomains: [] });
    expect((await allFindings(missions, missionId)).filter((f) => f.sourceKey === 'lookalike:examp1e.com')).toHaveLength(1);

    // Each sweep is a run of its own: the history of one run holds one sweep.
    const sweepRuns = [];
    for await (const w of tw.client.workflow.list({ query: `WorkflowId = '${missionId}-sweep'` })) sweepRuns.push(w);
    expect(sweepRuns.length).toBeGreaterThanOrEqual(2);
    await missions.update(missionId, msg.cancelMissionUpdate, { reason: 'test over', actor: manager });
  } finally {
    await tw.close();
  }
}, 120_000);

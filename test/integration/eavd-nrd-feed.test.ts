import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { feedLines } from '../../activities/eavd/nrd/feed-reader';
import { createNrdActivities, type NrdFeedReport } from '../../activities/eavd/nrd/nrd-activities';
import { MissionService } from '../../api/services/missions';
import type { NrdFeedOutcome } from '../../workflows/eavd/nrd-feed-workflow';
import { ensureNrdSchedule, NRD_SCHEDULE_ID } from '../../worker/nrd-schedule';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, endMission, platform, timeline, untilFindings } from '../support/walk';

/**
 * Newly-registered-domain feeds end to end: a gzip list on a loopback HTTP server, a real worker and
 * Temporal, an EAVD mission with a brand. The first download (20,000 names) is cut half-way, so the feed activity
 * fails and is retried, resuming from its heartbeat; each matching name still arrives once.
 */
const LINES = 20_000;
const CHECKPOINT = 1000;
const feed = Array.from({ length: LINES }, (_, i) => {
  const n = i + 1;
  if (n === 1) return '# newly registered domains, 2026-12-01';
  if (n === 500) return 'nrdmuffin-login.com';
  if (n === 3000) return 'www.nrdmuffin.com';
  if (n === 18_000) return 'nrdmufifn.com';
  if (n === 19_000) return 'quietotherbrnad.com';
  return `benign-${n}-qzx.org`;
}).join('\n');
const gz = gzipSync(Buffer.from(`${feed}\n`));

let tw: TestWorker;
let server: Server;
let url: string;
let requests = 0;
let missions: MissionService;
let missionId: string;
let otherMissionId: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/gzip' });
    if (requests === 1) {
      // The first download breaks half-way through the list.
      res.write(gz.subarray(0, Math.floor(gz.length * 0.5)), () => res.socket?.destroy());
      return;
    }
    res.end(gz);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nrd/2026-12-01.txt.gz?token=not-in-history`;
  const { config } = realActivities(undefined, { CAPEO_NRD_FEEDS: url });
  tw = await startTestWorker((deps) => ({
    ...createActivities(config, deps),
    // The real feed activities, with checkpoints every 1,000 lines.
    ...createNrdActivities({ feeds: [url], reads: deps.store.reads, client: deps.client, checkpointLines: CHECKPOINT }),
  }));
  missions = new MissionService(tw.client, tw.store, tw.taskQueue);
  ({ missionId } = await missions.start({ ...eavdRequest, codeName: 'Nrd Muffin', brand: { domains: ['nrdmuffin.com'], keywords: ['login'] } }, platform));
  ({ missionId: otherMissionId } = await missions.start({ ...eavdRequest, codeName: 'Nrd Other', brand: { domains: ['quietotherbrand.com'], keywords: [] } }, platform));
});
afterAll(async () => {
  await tw?.client.schedule.getHandle(NRD_SCHEDULE_ID).delete().catch(() => undefined);
  for (const id of [missionId, otherMissionId]) if (id) await endMission(tw, id);
  await tw?.close();
  await new Promise((r) => server?.close(r));
});

const runDay = (day: string) =>
  tw.client.workflow.execute('nrdFeedWorkflow', { taskQueue: tw.taskQueue, workflowId: `nrd-test-${day}-${Date.now()}`, args: [{ day }] }) as Promise<NrdFeedOutcome>;

/** The source keys of the findings the mission was sent (sweepFindings signals in its history), in order, repeats kept. */
async function sentKeys(): Promise<string[]> {
  const history = await tw.client.workflow.getHandle(missionId).fetchHistory();
  return history.events!.flatMap((e) => {
    const a = e.workflowExecutionSignaledEventAttributes;
    if (a?.signalName !== 'sweepFindings') return [];
    const { findings } = JSON.parse(Buffer.from(a.input!.payloads![0]!.data!).toString('utf8')) as { findings: Array<{ sourceKey: string }> };
    return findings.map((f) => f.sourceKey);
  });
}

test("a match of the day's list arrives once per name, as a finding with the feed as evidence, though the download broke and the activity was retried", async () => {
  // A mission whose workflow ended while its row still says active: its match has nowhere to go, and the feed goes on.
  await tw.client.workflow.getHandle(otherMissionId).terminate('ended outside capeo');
  expect((await tw.store.reads.activeBrands()).map((b) => b.id)).toEqual(expect.arrayContaining(['nrdmuffin.com', 'quietotherbrand.com']));
  const outcome = await runDay('2026-12-01');
  expect(requests).toBe(2);
  const report = outcome.feeds[0] as NrdFeedReport;
  // The token of the URL is not in the outcome (nor anywhere in history: the workflow only has the label).
  expect(report.feed).toBe(`http://127.0.0.1:${(server.address() as AddressInfo).port}/nrd/2026-12-01.txt.gz`);
  expect(report).toMatchObject({ line: LINES, names: LINES - 1, matches: 3 });
  // Resumed from the heartbeat: the name delivered before the break (line 500, checkpoint 1,000) was not sent
  // again, the one after it (line 18,000) was sent by the retry.
  expect(await sentKeys()).toEqual(['nrd:nrdmuffin-login.com', 'nrd:nrdmufifn.com']);

  const found = await untilFindings(missions, missionId, (f) => f.length >= 2, 'the NRD findings');
  expect(found.map((f) => f.sourceKey).sort()).toEqual(['nrd:nrdmuffin-login.com', 'nrd:nrdmufifn.com']);
  const combo = found.find((f) => f.sourceKey === 'nrd:nrdmuffin-login.com')!;
  expect(combo).toMatchObject({ category: 'ti-event-of-interest', observables: [{ type: 'domain', value: 'nrdmuffin-login.com' }] });
  expect(combo.evidence[0]!.summary).toBe(`listed in the newly-registered-domain feed ${report.feed} of 2026-12-01`);
  expect(combo.evidence.map((e) => e.summary)).toContain('a permutation of nrdmuffin.com (combosquatting) (+5)');
  expect(found.find((f) => f.sourceKey === 'nrd:nrdmufifn.com')!.title).toBe('Lookalike nrdmufifn.com of nrdmuffin.com (transposition), score 5');
  expect(await allFindings(missions, otherMissionId)).toEqual([]);

  // The next run reads the list again (the schedule fires twice, an operator reruns it): nothing new.
  const again = await runDay('2026-12-01');
  expect(again.feeds[0]).toMatchObject({ matches: 3, delivered: 2 });
  expect(await sentKeys()).toEqual(['nrd:nrdmuffin-login.com', 'nrd:nrdmufifn.com', 'nrd:nrdmuffin-login.com', 'nrd:nrdmufifn.com']);
  // The mission has handled the second run's findings: each audited as repeated, nothing added.
  for (let i = 0; i < 200; i++) {
    const repeated = (await timeline(missions, missionId)).filter((e) => e.action === 'finding.repeated');
    if (repeated.length >= 2) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((await timeline(missions, missionId)).filter((e) => e.action === 'finding.repeated').map((e) => e.detail?.split(':')[0] + ':' + e.detail?.split(':')[1])).toEqual(
    expect.arrayContaining(['nrd:nrdmuffin-login.com', 'nrd:nrdmufifn.com']),
  );
  expect((await allFindings(missions, missionId)).map((f) => f.sourceKey).sort()).toEqual(['nrd:nrdmuffin-login.com', 'nrd:nrdmufifn.com']);
});

test('the schedule: created at CAPEO_NRD_FEED_TIME, brought up to a new time on the next start, none without feeds', async () => {
  const base = { CAPEO_NRD_FEEDS: url, CAPEO_TASK_QUEUE: tw.taskQueue };
  expect(await ensureNrdSchedule(tw.client, { ...base, CAPEO_NRD_FEED_TIME: '05:30' })).toBe(NRD_SCHEDULE_ID);
  const first = await tw.client.schedule.getHandle(NRD_SCHEDULE_ID).describe();
  expect(first.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 5, end: 5, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
  expect(first.action).toMatchObject({ type: 'startWorkflow', workflowType: 'nrdFeedWorkflow', taskQueue: tw.taskQueue });
  expect(first.policies.overlap).toBe('SKIP');
  await ensureNrdSchedule(tw.client, { ...base, CAPEO_NRD_FEED_TIME: '07:15' });
  const second = await tw.client.schedule.getHandle(NRD_SCHEDULE_ID).describe();
  expect(second.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 15, end: 15, step: 1 }] });
  expect(await ensureNrdSchedule(tw.client, { CAPEO_NRD_FEEDS: undefined, CAPEO_NRD_FEED_TIME: '06:00', CAPEO_TASK_QUEUE: tw.taskQueue })).toBeNull();
});

test('file feeds: plain or gzip (by content, whatever the name), CRLF, no final newline; a missing file fails for good', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-nrd-'));
  const text = '# list\r\npayapl.com\r\n\r\nexamp1e.com';
  writeFileSync(join(dir, 'plain.txt'), text);
  writeFileSync(join(dir, 'packed.txt'), gzipSync(text));
  const read = async (file: string) => {
    const out: string[] = [];
    for await (const { line, text: t } of feedLines(file)) out.push(`${line}:${t}`);
    return out;
  };
  const expected = ['1:# list', '2:payapl.com', '3:', '4:examp1e.com'];
  expect(await read(join(dir, 'plain.txt'))).toEqual(expected);
  expect(await read(join(dir, 'packed.txt'))).toEqual(expected);
  const missing = await read(join(dir, 'none.txt')).catch((err: unknown) => err);
  expect(missing).toBeInstanceOf(ApplicationFailure);
  expect(missing).toMatchObject({ type: 'INTEGRATION_NOT_CONFIGURED', nonRetryable: true });
});

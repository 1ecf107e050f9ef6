import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection, defaultPayloadConverter } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { MissionService } from '../../api/services/missions';
import { ctLogsSchema } from '../../config/ct-logs';
import { startCtMonitor } from '../../launch/ct-monitor';
import type { MissionStore } from '../../store';
import { backgroundCerts, makeCa, makeCert, makeKey, serialOf } from '../support/ct-certificates';
import { monitorProgress, startCtLogDouble, type CtLogDouble, type CtRequest } from '../support/ct-log-double';
import { startEavdFakes, type EavdFakes } from '../support/eavd-fakes';
import { startWorkerProcess, type Killable } from '../support/killable';
import { testNamespace } from '../support/namespaces';
import { copySampleIntel, SAMPLE_LOGS } from '../support/sample-intel';
import { testDatabaseUrl, testStore } from '../support/postgres';
import { testEnv } from '../support/temporal';
import { allFindings, eavdRequest, endMission, platform, timeline, walkToExecute } from '../support/walk';

/**
 * The CT monitor's worker SIGKILLed in the middle of a batch: the batch is retried from its last
 * heartbeated checkpoint, so after the restart the log is read from exactly that position on (no entry
 * before it read again, none after it skipped), every entry is counted processed once, and every
 * matching certificate reaches the mission exactly once per sighting (one finding per certificate).
 */
const SIZE = 3000;
const taskQueue = `ct-kill-${process.pid}`;
const dataDir = mkdtempSync(join(testEnv().dir, 'ct-kill-'));
const intelDir = copySampleIntel(dataDir);
const ca = makeCa();
const phishKey = makeKey();
// index → names; 1300 and 1303 are the precertificate and the certificate of one issuance.
const PLANTED: Array<[number, string[], number, boolean]> = [
  [100, ['paypal-secure-login.xyz'], 1, false],
  [700, ['paypa1.net', 'www.paypa1.net'], 2, false],
  [1300, ['login-paypal.verify-account.top'], 3, true],
  [1303, ['login-paypal.verify-account.top'], 3, false],
  [1900, ['paypall.com'], 4, false],
  [2500, ['secure-paypal-verify.online'], 5, true],
  [2990, ['paypal-billing-update.club'], 6, false],
];

/** The double's short pages: at most this many entries an answer. */
const PAGE_MAX = 7;
let fakes: EavdFakes;
let ct: CtLogDouble;
let store: MissionStore;
let connection: Connection;
let client: Client;
let missions: MissionService;
let worker: Killable | undefined;

const startWorker = async () => {
  worker = await startWorkerProcess({
    CAPEO_TEST_NAMESPACE: testNamespace(),
    CAPEO_TEST_TASK_QUEUE: taskQueue,
    CAPEO_TEST_DATABASE_URL: await testDatabaseUrl(),
    CAPEO_DATA_DIR: dataDir,
    CAPEO_INTEL_DIR: intelDir,
    CAPEO_LOG_DIR: SAMPLE_LOGS,
    ...fakes.env,
  });
};

beforeAll(async () => {
  fakes = await startEavdFakes();
  const certs = backgroundCerts(ca, SIZE, [makeKey(), makeKey()]);
  for (const [i, names, serial, precert] of PLANTED) certs[i] = makeCert(ca, { names, serial: serialOf(serial), key: phishKey, precert });
  ct = await startCtLogDouble(ca, certs, { pageMax: PAGE_MAX });
  store = await testStore();
  connection = await Connection.connect({ address: testEnv().address });
  client = new Client({ connection, namespace: testNamespace() });
  missions = new MissionService(client, store, taskQueue);
  await startWorker();
}, 60_000);
afterAll(async () => {
  await worker?.kill();
  await connection?.close();
  await store?.close();
  await ct?.close();
  await fakes?.stop();
});

const rfc = (requests: CtRequest[]) => requests.filter((r) => r.api === 'rfc6962');
function expectContiguous(ranges: CtRequest[], from: number, to: number): void {
  expect(ranges[0]?.start).toBe(from);
  for (let i = 1; i < ranges.length; i++) expect([i, ranges[i]!.start]).toEqual([i, ranges[i - 1]!.end]);
  expect(ranges.at(-1)?.end).toBe(to);
}

test('a worker SIGKILLed mid-batch: the batch resumes at its last checkpointed page, only the page in flight is read again, none skipped, each certificate is raised once', async () => {
  const { missionId } = await missions.start({ ...eavdRequest, codeName: 'Killed Otter', brand: { domains: ['paypal.com'], keywords: [] }, policy: { sweepIntervalMinutes: 24 * 60 } }, platform);
  await walkToExecute(missions, missionId);
  const workflowId = `ct-monitor-kill-${process.pid}`;
  const monitor = client.workflow.getHandle(workflowId);
  // Slow pages: the batch of 3,000 entries takes long enough for a heartbeat to land mid-way.
  ct.delayMs = 40;
  await startCtMonitor(client, taskQueue, { logs: ctLogsSchema.parse(`rfc6962:${ct.rfc6962Url},static:${ct.staticUrl}`), backfill: SIZE, pollSeconds: 1 }, workflowId);
  try {
    const heartbeat = async (): Promise<{ log: string; next: number; hits: unknown[] } | undefined> => {
      const d = await monitor.describe();
      // The logs are read side by side: the RFC 6962 log's batch.
      for (const a of d.raw.pendingActivities ?? []) {
        const payload = a.activityType?.name === 'followCtLog' ? a.heartbeatDetails?.payloads?.[0] : undefined;
        const details = payload ? defaultPayloadConverter.fromPayload<{ log: string; next: number; hits: unknown[] }>(payload) : undefined;
        if (details?.log.includes('rfc6962')) return details;
      }
      return undefined;
    };
    let seen: Awaited<ReturnType<typeof heartbeat>>;
    for (let i = 0; i < 600 && !(seen && seen.next >= 300); i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await heartbeat();
    }
    expect(seen?.next).toBeGreaterThanOrEqual(300);
    await worker!.kill();
    await new Promise((r) => setTimeout(r, 500));
    // The last checkpoint the server has: the worker is gone, nothing changes it now.
    const last = (await heartbeat())!;
    const beforeKill = rfc(ct.requests);
    expect(last.log).toContain('rfc6962');
    expect(last.next).toBeLessThan(SIZE);
    expect(last.next).toBeLessThanOrEqual(beforeKill.at(-1)!.end);
    await startWorker();
    ct.delayMs = 0;

    for (let i = 0; ; i++) {
      const q = await monitorProgress(monitor);
      if (q.logs.every((l) => l.position === SIZE)) {
        // Every entry of each log counted processed once: the retry carried the killed attempt's count from its checkpoint.
        expect(q.logs.map((l) => [l.kind, l.processed, l.lastError])).toEqual([['rfc6962', SIZE, null], ['static', SIZE, null]]);
        break;
      }
      if (i > 1200) throw new Error(`the monitor did not catch up: ${JSON.stringify(q)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = rfc(ct.requests);
    const after = all.slice(beforeKill.length);
    // The retry goes on from its store checkpoint, at or past the heartbeat the server had (heartbeats are throttled).
    const resumedAt = after[0]!.start;
    expect(resumedAt).toBeGreaterThanOrEqual(last.next);
    // Only the page in flight when the worker died is read again (it resumes at that page's start, or after
    // it when the worker died between pages): every page it finished was checkpointed.
    expect([beforeKill.at(-1)!.start, beforeKill.at(-1)!.end]).toContain(resumedAt);
    expect(beforeKill.at(-1)!.end - resumedAt).toBeLessThanOrEqual(PAGE_MAX);
    expectContiguous(beforeKill, 0, beforeKill.at(-1)!.end);
    expectContiguous(after, resumedAt, SIZE);
    console.log(`CT monitor SIGKILL: killed after entry ${beforeKill.at(-1)!.end}, the server's heartbeat at ${last.next}, resumed at ${resumedAt} (${beforeKill.at(-1)!.end - resumedAt} entries read again: the page in flight)`);

    // Six certificates (1300 and 1303 are one), each seen in two logs: six findings, 7 × 2 - 6 repeats.
    const distinct = new Set(PLANTED.map(([, , serial]) => serial)).size;
    let repeats = 0;
    for (let i = 0; i < 200; i++) {
      repeats = (await timeline(missions, missionId)).filter((e) => e.action === 'finding.repeated' && /^ct:/.test(e.detail ?? '')).length;
      if (repeats >= PLANTED.length * 2 - distinct) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const findings = (await allFindings(missions, missionId)).filter((f) => f.sourceKey?.startsWith('ct:'));
    expect(findings.map((f) => f.observables[0]!.value).sort()).toEqual([...new Set(PLANTED.map(([, names]) => names[0]!))].sort());
    expect((await timeline(missions, missionId)).filter((e) => e.action === 'finding.repeated' && /^ct:/.test(e.detail ?? ''))).toHaveLength(PLANTED.length * 2 - distinct);
    // The batch was retried: an attempt after the first started.
    const history = await monitor.fetchHistory();
    expect(history.events?.some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 0) >= 2)).toBe(true);
    await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, workflowId);
  } finally {
    await monitor.terminate('test done').catch(() => undefined);
    await endMission({ client }, missionId);
  }
}, 300_000);

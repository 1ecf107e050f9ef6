import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateNames, namesOfDer } from '../../activities/eavd/ct/certificate';
import { derNames } from '../../activities/eavd/ct/der-names';
import { Worker } from '@temporalio/worker';
import { generatePermutations } from '../../activities/eavd/permutations';
import type { MissionService } from '../../api/services/missions';
import type { CtMonitorSettings } from '../../domain/ct-monitor';
import { ctLogsSchema } from '../../config/ct-logs';
import { loadConfig } from '../../config';
import { startConfiguredCtMonitor, startCtMonitor } from '../../launch/ct-monitor';
import { backgroundCerts, makeCa, makeCert, makeKey, serialOf, type TestCert } from '../support/ct-certificates';
import { monitorProgress, startCtLogDouble, type CtLogDouble, type CtRequest } from '../support/ct-log-double';
import { startEavdFakes, type EavdFakes } from '../support/eavd-fakes';
import { missionHarness, testEnv, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, endMission, platform, timeline, untilFindings, walkToExecute } from '../support/walk';

/**
 * The certificate-transparency monitor against a CT log double on loopback serving real certificates
 * through both APIs (RFC 6962 with short pages, static-CT tiles with a partial last tile): a lookalike
 * no permutation generator produces is raised in the brand's mission with its certificate as evidence,
 * each certificate once (a precertificate and its certificate, one certificate in two logs: one
 * finding), and every entry is read once, in order.
 */
const LOOKALIKE = 'secure-login-paypal-verify.xyz';
const ca = makeCa();
const keys = [makeKey(), makeKey(), makeKey()];
const phishKey = makeKey();
const plant = (names: string[], serial: number, precert = false): TestCert => makeCert(ca, { names, serial: serialOf(serial), key: phishKey, precert });

let fakes: EavdFakes;
let ct: CtLogDouble;
let tw: TestWorker;
let missions: MissionService;
let dataDir: string;
beforeAll(async () => {
  fakes = await startEavdFakes();
  const certs = backgroundCerts(ca, 300, keys);
  // The phishing certificate: its precertificate, and the certificate issued from it, logged a bit later.
  certs[150] = plant([LOOKALIKE], 7, true);
  certs[153] = plant([LOOKALIKE], 7);
  certs[40] = plant(['paypa1.com', 'www.paypa1.com'], 8);
  certs[260] = plant(['www.paypal.com', 'paypal.com'], 9);
  ct = await startCtLogDouble(ca, certs, { pageMax: 7 });
  ({ tw, missions, dataDir } = await missionHarness(fakes.env));
}, 60_000);
afterAll(async () => {
  await tw?.close();
  await ct?.close();
  await fakes?.stop();
});

/** The entries ranges one API served, in order: each starts where the one before ended. */
function expectContiguous(requests: CtRequest[], api: CtRequest['api'], from: number, to: number): void {
  const ranges = requests.filter((r) => r.api === api);
  expect(ranges[0]?.start).toBe(from);
  for (let i = 1; i < ranges.length; i++) expect([ranges[i]!.start, i]).toEqual([ranges[i - 1]!.end, i]);
  expect(ranges.at(-1)?.end).toBe(to);
}

/** The mission's audited CT repeats once there are `expected` of them (or after 10 s), and a moment later. */
async function ctRepeats(missionId: string, expected: number): Promise<number> {
  const count = async () => (await timeline(missions, missionId)).filter((e) => e.action === 'finding.repeated' && /^ct:/.test(e.detail ?? '')).length;
  for (let i = 0; i < 100 && (await count()) < expected; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  return count();
}

test('the generated certificates are real: OpenSSL verifies one against the CA and refuses a precertificate for its poison', () => {
  const dir = testEnv().dir;
  const pem = (der: Buffer) => new X509Certificate(der).toString();
  writeFileSync(join(dir, 'ct-ca.pem'), pem(ca.der));
  writeFileSync(join(dir, 'ct-leaf.pem'), pem(plant(['shop.example.net'], 11).der));
  writeFileSync(join(dir, 'ct-pre.pem'), pem(plant(['shop.example.net'], 12, true).der));
  expect(execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ct-ca.pem'), join(dir, 'ct-leaf.pem')]).toString()).toMatch(/: OK/);
  expect(execFileSync('openssl', ['x509', '-in', join(dir, 'ct-pre.pem'), '-noout', '-text']).toString()).toMatch(/CT Precertificate Poison: critical/);
  expect(() => execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ct-ca.pem'), join(dir, 'ct-pre.pem')], { stdio: 'pipe' })).toThrow(/unhandled critical extension/);
});

test("the monitor's DER walk reads the names of a certificate OpenSSL made as X509Certificate does", () => {
  const dir = testEnv().dir;
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'ossl.key'), '-out', join(dir, 'ossl.pem'), '-days', '30',
    '-subj', '/C=US/O=Lookalike Inc/CN=Login.PayPal-Verify.top', '-addext', 'subjectAltName=DNS:login.paypal-verify.top,DNS:*.paypal-verify.top,IP:192.0.2.7,email:x@paypal-verify.top',
  ], { stdio: 'pipe' });
  const cert = new X509Certificate(readFileSync(join(dir, 'ossl.pem')));
  expect(namesOfDer(cert.raw)).toEqual(['login.paypal-verify.top', 'paypal-verify.top']);
  expect(namesOfDer(cert.raw)).toEqual(certificateNames(cert));
  expect(derNames(cert.raw).cn).toEqual(['Login.PayPal-Verify.top']);
});

test('a lookalike certificate no generator produces is raised once in the brand mission, with the certificate as evidence; every entry is read once, in order', async () => {
  expect(generatePermutations('paypal.com', { keywords: ['login', 'secure', 'verify'] }).map((c) => c.domain)).not.toContain(LOOKALIKE);
  const { missionId } = await missions.start({ ...eavdRequest, codeName: 'Certificate Otter', brand: { domains: ['paypal.com'], keywords: [] }, policy: { sweepIntervalMinutes: 24 * 60 } }, platform);
  await walkToExecute(missions, missionId);
  const workflowId = `ct-monitor-${process.pid}`;
  const settings: CtMonitorSettings = { logs: ctLogsSchema.parse(`rfc6962:${ct.rfc6962Url},static:${ct.staticUrl}`), backfill: 1_000_000, pollSeconds: 1 };
  await startCtMonitor(tw.client, tw.taskQueue, settings, workflowId);
  const monitor = tw.client.workflow.getHandle(workflowId);
  try {
    const caughtUp = async (size: number) => {
      for (let i = 0; i < 600; i++) {
        const q = await monitorProgress(monitor);
        if (q.logs.length === 2 && q.logs.every((l) => l.position === size)) return q;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the monitor did not reach ${size}: ${JSON.stringify(await monitorProgress(monitor))}`);
    };
    const q = await caughtUp(300);
    expect(q.logs.map((l) => [l.kind, l.processed, l.lastError])).toEqual([['rfc6962', 300, null], ['static', 300, null]]);
    // Two certificates seen three times each in each log (or twice): two findings.
    const findings = await untilFindings(missions, missionId, (fs) => fs.filter((f) => f.sourceKey?.startsWith('ct:')).length >= 2, 'CT findings');
    const ctFindings = findings.filter((f) => f.sourceKey?.startsWith('ct:'));
    expect(ctFindings.map((f) => f.title).sort()).toEqual([
      'Certificate for paypa1.com imitates paypal.com (and 1 more names)',
      `Certificate for ${LOOKALIKE} imitates paypal.com`,
    ]);
    const phish = ctFindings.find((f) => f.title.includes(LOOKALIKE))!;
    expect(phish).toMatchObject({ category: 'suspicious-security-event', severity: 'high', author: 'capeo' });
    expect(phish.observables).toContainEqual({ type: 'domain', value: LOOKALIKE });
    const evidence = phish.evidence[0]!;
    expect(evidence.kind).toBe('certificate');
    expect(evidence.summary).toMatch(/serial: 07\n/);
    expect(evidence.summary).toMatch(/issuer: O=Capeo Test, CN=Capeo Test CA/);
    expect(evidence.summary).toMatch(/public key \(sha256 of SPKI\): [0-9a-f]{64}/);
    // The certificate itself is in the artifact store, as PEM.
    const stored = new X509Certificate(readFileSync(join(dataDir, 'artifacts', evidence.artifact!.path)));
    expect(stored.subjectAltName).toBe(`DNS:${LOOKALIKE}`);
    expect(evidence.summary).toContain(`names: ${LOOKALIKE}`);
    // The brand's own certificate is no finding; the repeats (the final certificate, the other log) were recognised.
    expect(findings.some((f) => f.observables.some((o) => o.value === 'www.paypal.com'))).toBe(false);
    // Sightings: the phishing certificate 2 entries × 2 logs, paypa1.com 1 × 2; distinct: 2. Each sighting
    // reached the mission once: 4 repeats, no more (the audit is written a moment after the finding).
    expect(await ctRepeats(missionId, 4)).toBe(4);

    expectContiguous(ct.requests, 'rfc6962', 0, 300);
    expect(ct.requests.filter((r) => r.api === 'rfc6962').every((r) => r.end - r.start <= 7)).toBe(true);
    expect(ct.requests.filter((r) => r.api === 'static').map((r) => r.path)).toEqual(['/static/tile/data/000', '/static/tile/data/001.p/44']);

    // The log grows past the partial tile: the monitor follows from where it was.
    ct.append([...backgroundCerts(ca, 240, keys, 2_000_000), plant(['paypal-account-update.top'], 10), ...backgroundCerts(ca, 9, keys, 3_000_000)]);
    await caughtUp(550);
    expectContiguous(ct.requests, 'rfc6962', 0, 550);
    expect(ct.requests.filter((r) => r.api === 'static').map((r) => r.path)).toEqual(['/static/tile/data/000', '/static/tile/data/001.p/44', '/static/tile/data/001', '/static/tile/data/002.p/38']);
    const after = await untilFindings(missions, missionId, (fs) => fs.some((f) => f.title.includes('paypal-account-update.top')), 'the finding of the grown log');
    expect(after.filter((f) => f.sourceKey?.startsWith('ct:'))).toHaveLength(3);
    expect(await ctRepeats(missionId, 5)).toBe(5);
    await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, await monitor.fetchHistory(), workflowId);
  } finally {
    await monitor.terminate('test done').catch(() => undefined);
    await endMission(tw, missionId);
  }
  expect((await allFindings(missions, missionId)).filter((f) => f.sourceKey?.startsWith('ct:'))).toHaveLength(3);
}, 180_000);

test('the monitor continues-as-new every few batches and goes on from the positions it carried: every entry once, in order, batch by batch', async () => {
  const size = ct.size();
  const first = ct.requests.length;
  const workflowId = `ct-monitor-can-${process.pid}`;
  await startCtMonitor(tw.client, tw.taskQueue, { logs: ctLogsSchema.parse(`rfc6962:${ct.rfc6962Url}`), backfill: size, pollSeconds: 1, batchEntries: 40, batchesPerRun: 3 }, workflowId);
  const monitor = tw.client.workflow.getHandle(workflowId);
  try {
    let p = await monitorProgress(monitor);
    for (let i = 0; i < 600 && p.logs[0]?.position !== size; i++) {
      await new Promise((r) => setTimeout(r, 100));
      p = await monitorProgress(monitor);
    }
    // 550 entries in batches of 40 is 14 batches: at least four runs of three.
    expect(p.run).toBeGreaterThanOrEqual(5);
    expect(p.logs).toEqual([expect.objectContaining({ kind: 'rfc6962', position: size, processed: size, lastError: null })]);
    const served = ct.requests.slice(first);
    expectContiguous(served, 'rfc6962', 0, size);
    // No page crosses a batch boundary: each batch stops at its last entry.
    expect(served.filter((r) => Math.floor(r.start / 40) !== Math.floor((r.end - 1) / 40))).toEqual([]);
    // Each run's history replays against the code (its log loops run side by side: the order must be the same).
    let runs = 0;
    for await (const run of tw.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
      const history = await tw.client.workflow.getHandle(workflowId, run.runId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().bundlePath } }, history, run.runId);
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(5);
  } finally {
    await monitor.terminate('test done').catch(() => undefined);
  }
}, 120_000);

test('a log that cannot be reached is noted in the progress and does not hold the others back', async () => {
  const size = ct.size();
  const workflowId = `ct-monitor-dead-${process.pid}`;
  const logs = ctLogsSchema.parse(`rfc6962:http://127.0.0.1:9/dead/,static:${ct.staticUrl}`);
  await startCtMonitor(tw.client, tw.taskQueue, { logs, backfill: size, pollSeconds: 1 }, workflowId);
  const monitor = tw.client.workflow.getHandle(workflowId);
  try {
    let p = await monitorProgress(monitor);
    // The static log is read to its end while the dead one's first batch is still being retried.
    for (let i = 0; i < 300 && p.logs[1]?.position !== size; i++) {
      await new Promise((r) => setTimeout(r, 100));
      p = await monitorProgress(monitor);
    }
    expect(p.logs[1]).toMatchObject({ kind: 'static', position: size, processed: size, lastError: null });
    expect(p.logs[0]).toMatchObject({ id: '127.0.0.1:9/dead', position: null, lastError: null });
    for (let i = 0; i < 600 && !p.logs[0]?.lastError; i++) {
      await new Promise((r) => setTimeout(r, 100));
      p = await monitorProgress(monitor);
    }
    expect(p.logs[0]!.lastError).toMatch(/^EXTERNAL_UNAVAILABLE: CT log 127\.0\.0\.1:9\/dead: unreachable/);
  } finally {
    await monitor.terminate('test done').catch(() => undefined);
  }
}, 120_000);

test('the worker starts the monitor of its configuration (a new log from its head by default), and a later start hands it the logs configured then', async () => {
  const workflowId = `ct-monitor-config-${process.pid}`;
  const monitor = tw.client.workflow.getHandle(workflowId);
  const env = { CAPEO_TASK_QUEUE: tw.taskQueue, CAPEO_CT_POLL_SECONDS: '1' };
  expect(await startConfiguredCtMonitor(tw.client, loadConfig(env), workflowId)).toEqual([]);
  await expect(monitor.describe()).rejects.toThrow(/not found/i);
  const both = loadConfig({ ...env, CAPEO_CT_LOGS: `rfc6962:${ct.rfc6962Url},static:${ct.staticUrl}` });
  expect(await startConfiguredCtMonitor(tw.client, both, workflowId)).toHaveLength(2);
  try {
    const size = ct.size();
    const progress = async (ok: (p: Awaited<ReturnType<typeof monitorProgress>>) => boolean) => {
      let p = await monitorProgress(monitor);
      for (let i = 0; i < 300 && !ok(p); i++) {
        await new Promise((r) => setTimeout(r, 100));
        p = await monitorProgress(monitor);
      }
      return p;
    };
    const started = await progress((p) => p.logs.length === 2 && p.logs.every((l) => l.position === size));
    // CAPEO_CT_BACKFILL 0: what is logged from now on, nothing before.
    expect(started.logs.map((l) => [l.kind, l.position, l.processed])).toEqual([['rfc6962', size, 0], ['static', size, 0]]);
    // The next deployment configures the static log only: the other is dropped, the static one keeps its place.
    await startConfiguredCtMonitor(tw.client, loadConfig({ ...env, CAPEO_CT_LOGS: `static:${ct.staticUrl}` }), workflowId);
    const after = await progress((p) => p.logs.length === 1);
    expect(after.logs).toEqual([expect.objectContaining({ kind: 'static', position: size })]);
    expect((await monitor.describe()).status.name).toBe('RUNNING');
  } finally {
    await monitor.terminate('test done').catch(() => undefined);
  }
}, 60_000);

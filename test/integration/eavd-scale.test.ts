import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePermutations } from '../../activities/eavd/permutations';
import { MissionService } from '../../api/services/missions';
import type { NewFinding } from '../../domain/findings';
import type { MissionOutcome } from '../../domain/mission-start';
import type { MissionSummary } from '../../domain/mission-summary';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { startDnsServer, type DnsServer } from '../support/dns-server';
import { missionHarness, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, platform, timeline, untilFindings, walkFromExecute, walkToExecute } from '../support/walk';

/**
 * A brand whose every .com permutation is registered: the first sweep
 * finds two thousand lookalikes of interest (and its .org domain sits under a wildcard zone,
 * where nothing counts as registered). Every one must reach the mission once, no signal may
 * carry a payload that grows with the brand, one shared address must not make them one cluster, and the mission's state (which every read and the
 * report go through) must stay far from Temporal's 2 MB payload limit.
 */
let dns: DnsServer;
let ct: ContractServer;
let bootstrap: ContractServer;
let tw: TestWorker;
let missions: MissionService;
let dataDir: string;
beforeAll(async () => {
  // Every .com permutation registered, each with a record of its own.
  const registered = candidates().filter((d) => d.endsWith('.com'));
  dns = await startDnsServer({
    com: [
      '$TTL 300',
      '@ IN SOA ns.capeo.test. hostmaster.capeo.test. 1 3600 600 86400 300',
      '@ IN NS ns.capeo.test.',
      ...registered.map((d) => `${d.slice(0, -'.com'.length)} IN A 203.0.113.66`),
    ].join('\n'),
    // The brand's other domain lives under a zone that answers every name.
    org: ['$TTL 300', '@ IN SOA ns.capeo.test. hostmaster.capeo.test. 1 3600 600 86400 300', '@ IN NS ns.capeo.test.', '* IN A 203.0.113.250'].join('\n'),
  });
  // No certificate and no registration date anywhere: each lookalike scores registered + resolves.
  ct = await startContractServer({});
  bootstrap = await startContractServer({ 'GET /dns.json': { status: 200, body: { services: [] } } });
  ({ tw, missions, dataDir } = await missionHarness({ CAPEO_DNS_SERVERS: dns.address, CAPEO_CT_URL: ct.baseUrl, CAPEO_RDAP_BOOTSTRAP_URL: `${bootstrap.baseUrl}/dns.json` }));
}, 60_000);
afterAll(async () => {
  await tw?.close();
  await Promise.all([dns?.stop(), ct?.close(), bootstrap?.close()]);
});

/**
 * The brand's lookalike policy: no TLD family and no combosquatting dictionary, so every candidate stays
 * under .com or .org and the mission has its couple of thousand findings (the default families would
 * triple it).
 */
const LOOKALIKES = { tldFamily: 'none', combosquattingDictionary: false } as const;
/** The sweep's candidates: the permutations of both brand domains, once each. */
const candidates = (): string[] => [...new Set(['example.com', 'brand.org'].flatMap((d) => generatePermutations(d, LOOKALIKES).map((c) => c.domain)))];

async function waitFor(id: string, ok: (s: MissionSummary) => boolean): Promise<MissionSummary> {
  for (let i = 0; i < 600; i++) {
    const s = await missions.summary(id);
    if (ok(s)) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${id}: the sweep never reported`);
}

test('two thousand registered lookalikes: every one reaches the mission once, grouped, in small signals, and the mission runs to its report', async () => {
  const { missionId } = await missions.start({ ...eavdRequest, brand: { domains: ['example.com', 'brand.org'], lookalikes: LOOKALIKES }, policy: { sweepIntervalMinutes: 24 * 60 } }, platform);
  await walkToExecute(missions, missionId);
  await waitFor(missionId, (st) => st.sweeps.count > 0);
  const sweep = (await missions.sweeps(missionId, { limit: 5 })).items[0]!;
  const audit = await timeline(missions, missionId);
  const findings = await allFindings(missions, missionId);
  const comCount = candidates().filter((d) => d.endsWith('.com')).length;
  const orgCount = candidates().filter((d) => d.endsWith('.org')).length;
  expect(comCount).toBeGreaterThan(1500);
  expect(sweep.candidates).toBe(comCount + orgCount);
  expect(sweep.registered).toBe(comCount);
  // Every brand.org permutation resolved, through the wildcard: none is registered, all are counted.
  expect(sweep.wildcard).toBe(orgCount);
  expect(audit.find((e) => e.action === 'sweep.completed')?.detail).toContain(`${orgCount} answered only by a wildcard`);

  // Each lookalike is an observable of exactly one group finding of at most 50.
  const groups = findings.filter((f) => f.sourceKey?.startsWith('lookalikes:'));
  // Two thousand names on one hosting address are common infrastructure, not one operator.
  expect(findings.filter((f) => f.sourceKey?.startsWith('lookalike-cluster:'))).toEqual([]);
  const grouped = groups.flatMap((f) => f.observables.filter((o) => o.type === 'domain').map((o) => o.value));
  expect(grouped).toHaveLength(sweep.registered);
  expect(new Set(grouped)).toEqual(new Set(sweep.newDomains));
  expect(Math.max(...groups.map((f) => f.observables.filter((o) => o.type === 'domain').length))).toBeLessThanOrEqual(50);
  expect(groups.every((f) => f.category === 'ti-event-of-interest' && f.severity === 'low')).toBe(true);
  expect(groups[0]!.title).toMatch(/ of example\.com \(and 1 more\) of interest \(sweep 1, group 1\)$/);
  expect(new Set(groups.map((f) => f.sourceKey)).size).toBe(groups.length);
  // The first candidates are dnstwist's first fuzzer's: a typo earns its point.
  expect(groups[0]!.description.split('\n')[0]).toMatch(/^- \S+ \(addition\), score 5: registered; resolves to 203\.0\.113\.66; addition: a likely typing mistake$/);
  expect(groups[0]!.evidence).toContainEqual({ kind: 'dns', summary: `${groups[0]!.description.split('\n').length} of ${groups[0]!.description.split('\n').length}: resolves` });
  expect(audit.find((e) => e.action === 'sweep.completed')?.detail).toContain(`${groups.length} findings`);

  // What the sweep run sent its mission: one signal per enrichment batch, then the summary without findings.
  const history = await tw.client.workflow.getHandle(`${missionId}-sweep`).fetchHistory();
  const sent = (history.events ?? [])
    .map((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)
    .filter((a): a is NonNullable<typeof a> => Boolean(a))
    .map((a) => ({ name: a.signalName, payload: JSON.parse(Buffer.from(a.input!.payloads![0]!.data!).toString()) as { findings: NewFinding[] }, bytes: a.input!.payloads![0]!.data!.length }));
  const batches = sent.filter((x) => x.name === 'sweepFindings');
  expect(batches).toHaveLength(Math.ceil(sweep.registered / 100));
  expect(batches.flatMap((b) => b.payload.findings.map((f) => f.sourceKey))).toEqual(groups.map((f) => f.sourceKey));
  const summary = sent.filter((x) => x.name === 'sweepResults');
  expect(summary.map((x) => x.payload)).toMatchObject([{ findingCount: groups.length }]);
  expect(summary[0]!.payload).not.toHaveProperty('findings');
  // Temporal warns from 512 KiB and refuses from 2 MiB: signals and the mission's state stay far below.
  expect(Math.max(...sent.map((x) => x.bytes))).toBeLessThan(128 * 1024);

  await untilFindings(missions, missionId, (fs) => fs.every((f) => f.ticket && (f.category !== 'ti-event-of-interest' || f.tip)), 'tickets and TIP pushes');
  // The mission's summary stays small whatever it found.
  expect(JSON.stringify(await missions.get(missionId)).length).toBeLessThan(16 * 1024);
  await walkFromExecute(missions, missionId);
  const done: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(done.status).toBe('completed');
  const report = readFileSync(join(dataDir, 'artifacts', done.artifacts['report.md']!.path), 'utf8');
  for (const f of groups) expect(report).toContain(f.title);
}, 300_000);

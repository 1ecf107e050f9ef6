/**
 * EAVD resolution against a real DNS server: nsd on loopback (test/support/dns-server.ts), authoritative
 * for `com.` (where the lookalikes of example.com are planted; every other .com name is NXDOMAIN) and
 * for one lookalike's own zone. No Temporal worker: the activity runs directly and in
 * MockActivityEnvironment (heartbeats, heartbeat details of a previous attempt, cancellation).
 */
import { createSocket, type Socket } from 'node:dgram';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { generatePermutations } from '../../activities/eavd/permutations';
import {
  checkpoint,
  createResolveActivities,
  MAX_RESOLVE_BATCH,
  RESUMABLE_BATCH_LIMIT,
  ResolveBatchTooLarge,
  resolveDomains,
  ResolveOptionsInvalid,
  ResolveOptionsInvalidType,
  resumeFrom,
  type Resolution,
  type ResolveDefaults,
} from '../../activities/eavd/resolve';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileArtifactStore } from '../../activities/artifacts/artifact-store';
import { createSweepActivities } from '../../activities/eavd/sweep-activities';
import { startDnsServer, type DnsServer } from '../support/dns-server';

const SOA = '@ SOA ns.registry.test. hostmaster.registry.test. 1 3600 600 86400 60';

/** The TLD: a few planted lookalikes of example.com; any other name under com. is NXDOMAIN. */
const COM_ZONE = `$TTL 60
${SOA}
@ NS ns.registry.test.
examp1e NS ns1.examp1e.com.
examp1e NS ns2.examp1e.com.
ns1.examp1e A 192.0.2.53
ns2.examp1e A 192.0.2.54
exampel MX 10 mx.mail-host.test.
exampie A 198.51.100.7
example-login NS ns.parking.test.
`;

/** The zone of the fully set-up lookalike, as its own name servers would serve it. */
const EXAMP1E_ZONE = `$TTL 60
${SOA}
@ NS ns1.examp1e.com.
@ NS ns2.examp1e.com.
@ A 192.0.2.10
@ A 192.0.2.11
@ AAAA 2001:db8::10
@ MX 20 backup.examp1e.com.
@ MX 10 mail.examp1e.com.
ns1 A 192.0.2.53
ns2 A 192.0.2.54
`;

/** Names a lookalike sweep of example.com must report as registered. */
const PLANTED = ['examp1e.com', 'exampel.com', 'exampie.com', 'example-login.com'];

let dns: DnsServer;
/** A UDP socket that reads queries and never answers: a resolver that drops packets. */
let blackhole: Socket;
let blackholeAddress: string;

beforeAll(async () => {
  dns = await startDnsServer({ 'com.': COM_ZONE, 'examp1e.com.': EXAMP1E_ZONE });
  blackhole = createSocket('udp4');
  await new Promise<void>((resolve) => blackhole.bind(0, '127.0.0.1', resolve));
  blackholeAddress = `127.0.0.1:${blackhole.address().port}`;
});

afterAll(async () => {
  await dns?.stop();
  await new Promise<void>((resolve) => (blackhole ? blackhole.close(() => resolve()) : resolve()));
});

const opts = () => ({ servers: [dns.address], concurrency: 8, timeoutMs: 1000 });

/** resolveCandidates run as an activity (MockActivityEnvironment cannot infer its result type). */
const resolveIn = (env: MockActivityEnvironment, defaults: ResolveDefaults, domains: string[]): Promise<Resolution[]> =>
  env.run(createResolveActivities(defaults).resolveCandidates, { domains }) as Promise<Resolution[]>;
const nothing = { a: [], aaaa: [], mx: [], ns: [] };

describe('resolveDomains against nsd', () => {
  it('returns the A, AAAA, MX and NS records of a planted lookalike, sorted', async () => {
    const [r] = await resolveDomains(['examp1e.com'], opts());
    expect(r).toEqual({
      domain: 'examp1e.com',
      a: ['192.0.2.10', '192.0.2.11'],
      aaaa: ['2001:db8::10'],
      mx: [
        { exchange: 'mail.examp1e.com', priority: 10 },
        { exchange: 'backup.examp1e.com', priority: 20 },
      ],
      ns: ['ns1.examp1e.com', 'ns2.examp1e.com'],
      registered: true,
    });
  });

  it('tells NXDOMAIN (unregistered) from names that exist with only some records', async () => {
    const results = await resolveDomains(['exampel.com', 'exampie.com', 'example-login.com', 'exanple.com'], opts());
    expect(results).toEqual([
      { domain: 'exampel.com', ...nothing, mx: [{ exchange: 'mx.mail-host.test', priority: 10 }], registered: true },
      { domain: 'exampie.com', ...nothing, a: ['198.51.100.7'], registered: true },
      // A delegation: the TLD server refers to the domain's own servers, NOERROR without an answer.
      { domain: 'example-login.com', ...nothing, registered: true },
      { domain: 'exanple.com', ...nothing, registered: false },
    ]);
  });

  it('records a REFUSED answer as an error with unknown registration, not as unregistered', async () => {
    const [r] = await resolveDomains(['example.org'], opts());
    expect(r).toEqual({ domain: 'example.org', ...nothing, registered: null, error: 'A: EREFUSED' });
  });

  it('never has more names in flight than the concurrency, and fills the pool', async () => {
    const domains = generatePermutations('example.com').slice(0, 120).map((p) => p.domain);
    for (const concurrency of [1, 4, 16]) {
      let inFlight = 0;
      let maxInFlight = 0;
      const progress: number[] = [];
      const results = await resolveDomains(domains, {
        ...opts(),
        concurrency,
        onStart: () => (maxInFlight = Math.max(maxInFlight, ++inFlight)),
        onResult: () => inFlight--,
        onProgress: (done) => progress.push(done),
      });
      expect(maxInFlight).toBe(concurrency);
      expect(inFlight).toBe(0);
      expect(progress).toEqual(domains.map((_, i) => i + 1));
      expect(results.map((r) => r.domain)).toEqual(domains);
    }
  });

  it('gives error entries, not a hang, when the resolver drops every packet', async () => {
    const domains = ['examp1e.com', 'exanple.com', 'exampel.com'];
    const results = await resolveDomains(domains, { servers: [blackholeAddress], concurrency: 3, timeoutMs: 100, tries: 1 });
    expect(results).toEqual(domains.map((domain) => ({ domain, ...nothing, registered: null, error: 'A: ETIMEOUT' })));
  });

  it('gives error entries when nothing listens on the resolver port', async () => {
    const closed = createSocket('udp4');
    await new Promise<void>((resolve) => closed.bind(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${closed.address().port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const [r] = await resolveDomains(['examp1e.com'], { servers: [address], concurrency: 1, timeoutMs: 500, tries: 1 });
    expect(r).toEqual({ domain: 'examp1e.com', ...nothing, registered: null, error: 'A: ECONNREFUSED' });
  });

  it('falls over to the next resolver when the first one drops packets', async () => {
    const results = await resolveDomains(['examp1e.com', 'exanple.com'], { servers: [blackholeAddress, dns.address], concurrency: 2, timeoutMs: 200 });
    expect(results.map((r) => [r.domain, r.registered, r.error])).toEqual([
      ['examp1e.com', true, undefined],
      ['exanple.com', false, undefined],
    ]);
  });

  it('stops and rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('sweep cancelled');
    const started: string[] = [];
    const run = resolveDomains(['a.com', 'b.com', 'c.com', 'd.com'], {
      servers: [blackholeAddress],
      concurrency: 2,
      timeoutMs: 30_000,
      onStart: (d) => {
        started.push(d);
        if (started.length === 2) setImmediate(() => controller.abort(reason));
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toBe(reason);
    expect(started).toEqual(['a.com', 'b.com']);
  });

  it('refuses settings that can never work', async () => {
    const base = opts();
    await expect(resolveDomains(['a.com'], { ...base, servers: [] })).rejects.toBeInstanceOf(ResolveOptionsInvalid);
    await expect(resolveDomains(['a.com'], { ...base, servers: ['not-an-ip'] })).rejects.toBeInstanceOf(ResolveOptionsInvalid);
    await expect(resolveDomains(['a.com'], { ...base, concurrency: 0 })).rejects.toBeInstanceOf(ResolveOptionsInvalid);
    await expect(resolveDomains(['a.com'], { ...base, timeoutMs: 0 })).rejects.toBeInstanceOf(ResolveOptionsInvalid);
  });
});

describe('resolveCandidates', () => {
  it('resolves every permutation of example.com and finds exactly the planted lookalikes', async () => {
    // One call takes at most 5,000 names: the permutations without the TLD family and the combosquatting
    // dictionary (about 2,600), the lure keyword of the planted combosquat kept.
    const domains = generatePermutations('example.com', { tldFamily: 'none', combosquattingDictionary: false, keywords: ['login'] }).map((p) => p.domain);
    expect(domains).toEqual(expect.arrayContaining(PLANTED));
    const { resolveCandidates } = createResolveActivities({ servers: [dns.address], concurrency: 32, timeoutMs: 2000 });
    const results = await resolveCandidates({ domains });
    expect(results.map((r) => r.domain)).toEqual(domains);
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(results.filter((r) => r.registered).map((r) => r.domain).sort()).toEqual([...PLANTED].sort());
    expect(results.find((r) => r.domain === 'examp1e.com')?.a).toEqual(['192.0.2.10', '192.0.2.11']);
  });

  it('takes servers, concurrency and timeout from the call over the defaults', async () => {
    const { resolveCandidates } = createResolveActivities({ servers: [blackholeAddress], concurrency: 1, timeoutMs: 100 });
    const [r] = await resolveCandidates({ domains: ['exampie.com'], servers: [dns.address], timeoutMs: 2000, concurrency: 4 });
    expect(r).toMatchObject({ domain: 'exampie.com', a: ['198.51.100.7'], registered: true });
  });

  it('refuses more than MAX_RESOLVE_BATCH names with a non-retryable failure', async () => {
    const { resolveCandidates } = createResolveActivities(opts());
    const domains = Array.from({ length: MAX_RESOLVE_BATCH + 1 }, (_, i) => `n${i}.com`);
    const failure = await resolveCandidates({ domains }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: ResolveBatchTooLarge, nonRetryable: true });
  });

  it('turns unusable resolver settings into a non-retryable failure', async () => {
    const { resolveCandidates } = createResolveActivities(opts());
    const failure = await resolveCandidates({ domains: ['a.com'], servers: ['999.1.1.1'] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: ResolveOptionsInvalidType, nonRetryable: true });
  });

  it('heartbeats checkpoints whose last one holds every result', async () => {
    const domains = ['examp1e.com', 'exanple.com', 'exampel.com', 'exampie.com', 'exampla.com'];
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const results = await resolveIn(env, { ...opts(), concurrency: 2 }, domains);
    expect(beats.length).toBeGreaterThan(0);
    const dones = beats.map((b) => (b as { done: number }).done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
    expect(beats.at(-1)).toEqual({ done: domains.length, total: domains.length, results });
  });

  it('on a retry keeps the results its previous attempt checkpointed and resolves the rest', async () => {
    const domains = ['examp1e.com', 'exanple.com', 'exampel.com', 'exampie.com'];
    // Not what the server says: a kept result is visibly not asked again.
    const earlier: Resolution[] = [
      { domain: 'examp1e.com', ...nothing, a: ['203.0.113.1'], registered: true },
      { domain: 'exanple.com', ...nothing, a: ['203.0.113.2'], registered: true },
    ];
    const env = new MockActivityEnvironment({ heartbeatDetails: checkpoint(domains, earlier) });
    const dones: number[] = [];
    env.on('heartbeat', (d: unknown) => dones.push((d as { done: number }).done));
    const results = await resolveIn(env, opts(), domains);
    expect(results.slice(0, 2)).toEqual(earlier);
    expect(results.slice(2).map((r) => [r.domain, r.registered])).toEqual([
      ['exampel.com', true],
      ['exampie.com', true],
    ]);
    expect(dones.at(-1)).toBe(4);
    expect(Math.min(...dones)).toBeGreaterThanOrEqual(3);
  });

  it('ignores heartbeat details that are not a checkpoint of the same batch', async () => {
    const domains = ['examp1e.com', 'exanple.com'];
    const foreign = checkpoint(['other.com', 'exanple.com'], [{ domain: 'other.com', ...nothing, registered: true }]);
    const env = new MockActivityEnvironment({ heartbeatDetails: foreign });
    const results = await resolveIn(env, opts(), domains);
    expect(results.map((r) => [r.domain, r.registered])).toEqual([
      ['examp1e.com', true],
      ['exanple.com', false],
    ]);
  });

  it('stops when the activity is cancelled', async () => {
    const env = new MockActivityEnvironment();
    const { resolveCandidates } = createResolveActivities({ servers: [blackholeAddress], concurrency: 2, timeoutMs: 30_000 });
    const run = env.run(resolveCandidates, { domains: ['a.com', 'b.com', 'c.com'] });
    setTimeout(() => env.cancel(), 50);
    await expect(run).rejects.toBeInstanceOf(CancelledFailure);
  });
});

describe('resume checkpoints', () => {
  const domains = ['a.com', 'b.com', 'c.com'];
  const a: Resolution = { domain: 'a.com', ...nothing, registered: false };
  const b: Resolution = { domain: 'b.com', ...nothing, a: ['192.0.2.1'], registered: true };

  it('keeps the checkpointed prefix of the same batch', () => {
    expect(resumeFrom(domains, checkpoint(domains, [a, b]))).toEqual([a, b]);
    expect(resumeFrom(domains, checkpoint(domains, []))).toEqual([]);
  });

  it('survives the JSON round trip a heartbeat goes through', () => {
    expect(resumeFrom(domains, JSON.parse(JSON.stringify(checkpoint(domains, [a, b]))))).toEqual([a, b]);
  });

  it('keeps results only up to the first failed lookup, so a retry asks the failed names again', () => {
    const failed: Resolution = { domain: 'b.com', ...nothing, registered: null, error: 'A: ETIMEOUT' };
    const c: Resolution = { domain: 'c.com', ...nothing, registered: false };
    expect(resumeFrom(domains, JSON.parse(JSON.stringify(checkpoint(domains, [a, failed, c]))))).toEqual([a]);
  });

  it('keeps nothing from details of another batch or of another shape', () => {
    expect(resumeFrom(domains, undefined)).toEqual([]);
    expect(resumeFrom(domains, 2)).toEqual([]);
    expect(resumeFrom(domains, { done: 2 })).toEqual([]);
    expect(resumeFrom(domains, checkpoint(['b.com', 'a.com', 'c.com'], [b]))).toEqual([]);
    expect(resumeFrom(domains, checkpoint(['a.com', 'b.com'], [a]))).toEqual([]);
    expect(resumeFrom(domains, { ...checkpoint(domains, [a, b]), done: 1 })).toEqual([]);
    expect(resumeFrom(domains, { done: 1, total: 3, results: [{ domain: 'a.com' }] })).toEqual([]);
  });

  it('carries results only for batches of at most RESUMABLE_BATCH_LIMIT names', () => {
    const big = Array.from({ length: RESUMABLE_BATCH_LIMIT + 1 }, (_, i) => `n${i}.com`);
    const first: Resolution = { domain: 'n0.com', ...nothing, registered: false };
    expect(checkpoint(big, [first])).toEqual({ done: 1, total: big.length });
    expect(resumeFrom(big, checkpoint(big, [first]))).toEqual([]);
    expect(checkpoint(big.slice(0, RESUMABLE_BATCH_LIMIT), [first])).toEqual({ done: 1, total: RESUMABLE_BATCH_LIMIT, results: [first] });
  });
});

describe('the sweep resolveSlice activity', () => {
  async function sweepOver(servers: string[]) {
    const store = new FileArtifactStore(mkdtempSync(join(tmpdir(), 'capeo-sweep-')));
    const candidates = generatePermutations('example.com').filter((c) => c.domain.endsWith('.com'));
    const { path } = await store.put('m/sweeps/1/candidates.json', 'candidates.json', JSON.stringify(candidates));
    const unusedEnrichment = { certificates: () => Promise.reject(new Error('not called')), registeredAt: () => Promise.reject(new Error('not called')) };
    const sweep = createSweepActivities({ store, dns: { servers, concurrency: 16, timeoutMs: 300 }, ct: unusedEnrichment as never, rdap: unusedEnrichment as never });
    return { sweep, path, candidates };
  }

  test('returns the facts of the registered names of its slice, and none of the others', async () => {
    const { sweep, path, candidates } = await sweepOver([dns.address]);
    const found: string[] = [];
    for (let offset = 0; offset < candidates.length; offset += 500) {
      const { registered, unresolved } = await sweep.resolveSlice({ path, offset, limit: 500 });
      expect(unresolved).toEqual([]);
      found.push(...registered.map((r) => r.domain));
    }
    expect(found.sort()).toEqual([...PLANTED].sort());
  });

  test('a zone that answers every name (a wildcard) registers none of them; a name with records of its own still counts', async () => {
    const wild = await startDnsServer({
      'com.': `$TTL 60
${SOA}
@ NS ns.registry.test.
* A 203.0.113.250
* MX 10 catch-all.registry.test.
examp1e A 192.0.2.10
examp1e MX 10 mail.examp1e.com.
exampie A 203.0.113.250
exampie A 198.51.100.7
`,
    });
    try {
      const { sweep, path, candidates } = await sweepOver([wild.address]);
      const found: string[] = [];
      let wildcard = 0;
      for (let offset = 0; offset < candidates.length; offset += 500) {
        const batch = await sweep.resolveSlice({ path, offset, limit: 500 });
        expect(batch.unresolved).toEqual([]);
        found.push(...batch.registered.map((r) => r.domain));
        wildcard += batch.wildcard;
      }
      // exampie.com shares the wildcard's address but has one of its own: registered.
      expect(found.sort()).toEqual(['examp1e.com', 'exampie.com']);
      expect(wildcard).toBe(candidates.length - 2);
    } finally {
      await wild.stop();
    }
  });

  test('without a wildcard nothing is discounted', async () => {
    const { sweep, path } = await sweepOver([dns.address]);
    expect((await sweep.resolveSlice({ path, offset: 0, limit: 500 })).wildcard).toBe(0);
  });

  test('fails retryably when the resolvers answer nothing, instead of reporting nothing found', async () => {
    const { sweep, path } = await sweepOver([blackholeAddress]);
    const err = await sweep.resolveSlice({ path, offset: 0, limit: 40 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'EAVD_RESOLVERS_FAILING', nonRetryable: false });
  });
});

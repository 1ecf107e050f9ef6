import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newMissionCore } from '../../domain/mission-start';
import { summarise } from '../../domain/mission-summary';
import { missionPolicySchema } from '../../domain/policy';
import type { StoreBatch, StoreOp } from '../../domain/store-ops';
import { openStore, type MissionStore } from '../../store';
import { migrate } from '../../store/migrate';
import { applyBatch } from '../../store/mission-writes';
import { reserveIteration, reserveMission } from '../../store/mission-registry';
import { IdentityTakenError } from '../../store/identities';
import { embeddedPostgresBinDir, ensureDatabase, startPostgresServer, type PostgresServer } from '../../store/postgres-server';
import { freePort } from '../../scripts/dev-server';
import { testDatabaseUrl } from '../support/postgres';
import { testEnv } from '../support/temporal';

/**
 * The mission store's own behaviour, on both servers capeo runs it on: Debian's PostgreSQL (the test
 * suite's server, as production's) and the npm-packaged PostgreSQL of the embedded mode.
 */
let embedded: PostgresServer | undefined;
afterAll(async () => embedded?.stop());

const servers: Array<[string, () => Promise<string>]> = [
  ['Debian PostgreSQL', () => testDatabaseUrl('_store')],
  [
    'embedded PostgreSQL',
    async () => {
      embedded ??= await startPostgresServer({ binDir: embeddedPostgresBinDir(), dataDir: join(mkdtempSync(join(testEnv().dir, 'embedded-')), 'pg'), port: await freePort(), database: 'capeo' });
      return embedded.url;
    },
  ],
];

const policy = missionPolicySchema.parse({});
const request = { type: 'EAVD' as const, codeName: 'Store Test', topic: 'store', trigger: 'intel' as const, keywords: [], stakeholders: [], audience: [], policy };
const summaryOf = (missionId: string, code: string, iteration: number) => summarise(newMissionCore({ ...request, missionId, code, iteration, requester: { id: 'soc', role: 'platform' } }));

async function newMission(store: MissionStore, requestId = `r-${Math.random()}`) {
  return reserveMission(store.db, { requestId, requestHash: 'h', row: { type: 'EAVD', codeName: 'Store Test', startRequest: request, requester: 'soc', previousMissionId: null } });
}

const finding = (seq: number, over: Partial<Extract<StoreOp, { op: 'finding.add' }>['finding']> = {}): StoreOp => ({
  op: 'finding.add',
  seq,
  finding: {
    id: `F${seq}`, category: 'ti-event-of-interest', severity: 'medium', status: 'open', title: `finding ${seq}`, description: '',
    evidence: [], observables: [{ type: 'domain', value: `lookalike-${seq}.example` }], flags: [], author: 'hana', at: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString(), ...over,
  },
  onCreated: [],
  onKnown: [],
});

describe.each(servers)('the mission store on %s', (_name, url) => {
  let store: MissionStore;
  beforeAll(async () => {
    const u = await url();
    await ensureDatabase(u.replace(/\/[^/]+$/, '/postgres'), u.split('/').pop()!);
    // Two processes starting at once migrate once (node-pg-migrate's advisory lock).
    await Promise.all([migrate(u), migrate(u)]);
    store = await openStore(u);
    const ran = await store.db.query(`select name from capeo_migrations`);
    expect(ran.rows.map((r: { name: string }) => r.name)).toEqual(readdirSync(join(__dirname, '..', '..', 'store', 'migrations')).map((f) => f.replace(/\.sql$/, '')).sort());
  });
  afterAll(async () => store?.close());

  test('codes are race free per type, idempotent by request id; iterations take the next number', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, () => newMission(store)));
    expect(new Set(many.map((m) => m.code)).size).toBe(12);
    const first = await newMission(store, 'same-request');
    const again = await newMission(store, 'same-request');
    expect(again).toMatchObject({ missionId: first.missionId, created: false, requestHash: 'h' });
    const row = { type: 'EAVD', codeName: 'Store Test', startRequest: request, requester: 'soc', previousMissionId: first.missionId };
    const [i2, i3] = await Promise.all([
      reserveIteration(store.db, { requestId: `it-a-${first.code}`, requestHash: 'h', code: first.code, row }),
      reserveIteration(store.db, { requestId: `it-b-${first.code}`, requestHash: 'h', code: first.code, row }),
    ]);
    expect([i2.iteration, i3.iteration].sort()).toEqual([2, 3]);
    expect((await store.reads.summary(first.missionId))?.summary).toMatchObject({ code: first.code, phase: 'collect', status: 'active' });
  });

  test('starts without a request id that come together share statements: codes stay gapless per type, in arrival order; a row the store refuses fails alone', async () => {
    // Types of this test's own, so that the numbers start at 01 whatever else the suite reserved.
    const types = [`T${Date.now().toString(36).toUpperCase()}A`, `T${Date.now().toString(36).toUpperCase()}B`];
    const rowOf = (i: number) => ({ type: types[i % 2]!, codeName: `Together ${i}`, startRequest: request, requester: 'soc', previousMissionId: null });
    // 150 at once: more than one statement takes (64), so batches follow each other on the same rows.
    const rows = Array.from({ length: 150 }, (_, i) => rowOf(i));
    // One row PostgreSQL refuses (a NUL in text): its batch fails, then each of that batch goes alone.
    const bad = { ...rowOf(151), codeName: 'broken \u0000 name' };
    const settled = await Promise.allSettled([...rows, bad].map((row) => reserveMission(store.db, { requestHash: '', row })));
    expect(settled.slice(0, 150).every((s) => s.status === 'fulfilled')).toBe(true);
    expect(settled[150]!.status).toBe('rejected');
    const made = settled.slice(0, 150).map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof reserveMission>>>).value);
    for (const [t, type] of types.entries()) {
      const mine = made.filter((_, i) => i % 2 === t);
      // Asked in this order, numbered in this order, with no gap and no repeat.
      expect(mine.map((m) => m.code)).toEqual(mine.map((_, n) => `${type}${String(n + 1).padStart(2, '0')}`));
      const stored = await store.db.query<{ code: string; code_name: string }>(`select code, code_name from missions where type = $1 order by code`, [type]);
      expect(stored.rows).toHaveLength(75);
      // Each row is the request it answered.
      for (const [n, m] of mine.entries()) expect(stored.rows.find((r) => r.code === m.code)?.code_name).toBe(rows[n * 2 + t]!.codeName);
    }
  });

  test('a batch applied twice (a retried activity) changes nothing twice and answers the same', async () => {
    const { missionId } = await newMission(store);
    const batch: StoreBatch = {
      missionId,
      ops: [
        { op: 'audit', seq: 1, at: '2026-11-01T00:00:00.000Z', actor: 'soc', action: 'mission.started' },
        finding(1, { sourceKey: 'sweep:a' }),
        finding(2),
        { op: 'effect.add', id: 'E1', seq: 1, kind: 'finding-ticket', key: 'finding:F1', subject: 'F1', spec: { kind: 'finding-ticket', findingId: 'F1', code: 'X' }, at: '2026-11-01T00:00:00.000Z' },
      ],
      summary: { version: 3, summary: { ...summaryOf(missionId, 'EAVD99', 1), phase: 'execute' } },
    };
    const first = await applyBatch(store.db, batch);
    const second = await applyBatch(store.db, batch);
    expect(second).toEqual(first);
    expect(first.results.slice(1, 3)).toEqual([{ id: 'F1', created: true }, { id: 'F2', created: true }]);
    // A later finding with a known source key is the earlier finding: what it would have called for is not
    // written, what a repeat calls for is.
    const ticket = (id: string, seq: number): StoreOp => ({ op: 'effect.add', id, seq, kind: 'finding-ticket', key: `finding:F3:${id}`, subject: 'F3', spec: { kind: 'finding-ticket', findingId: 'F3', code: 'X' }, at: '2026-11-01T00:00:00.000Z' });
    const repeated: StoreOp = { op: 'audit', seq: 2, at: '2026-11-01T00:00:00.000Z', actor: 'capeo', action: 'finding.repeated' };
    const dup = await applyBatch(store.db, { missionId, ops: [{ ...finding(3, { sourceKey: 'sweep:a' }), onCreated: [ticket('E2', 2)], onKnown: [repeated] } as StoreOp] });
    expect(dup.results).toEqual([{ id: 'F1', created: false }]);
    expect((await store.reads.effects(missionId, { limit: 10 })).items.map((e) => e.id)).toEqual(['E1']);
    expect((await store.reads.timeline(missionId, { limit: 10 })).items.map((e) => e.action)).toEqual(['mission.started', 'finding.repeated']);
    const fresh = await applyBatch(store.db, { missionId, ops: [{ ...finding(4), onCreated: [ticket('E3', 3)], onKnown: [] } as StoreOp] });
    expect(fresh.results).toEqual([{ id: 'F4', created: true }]);
    expect((await store.reads.effects(missionId, { limit: 10 })).items.map((e) => e.id)).toEqual(['E1', 'E3']);
    const page = await store.reads.findings(missionId, { limit: 10 });
    expect(page.items.map((f) => f.id)).toEqual(['F1', 'F2', 'F4']);
    // An older summary never overwrites a newer one.
    await applyBatch(store.db, { missionId, ops: [], summary: { version: 2, summary: { ...summaryOf(missionId, 'EAVD99', 1), phase: 'plan' } } });
    expect((await store.reads.summary(missionId))?.summary.phase).toBe('execute');
    // Withdrawal answers once as withdrawn, then as already withdrawn with another reason.
    const w = await applyBatch(store.db, { missionId, ops: [{ op: 'finding.withdraw', findingId: 'F2', reason: 'benign', by: 'hana', at: '2026-11-01T00:00:00Z' }] });
    expect(w.results[0]).toEqual({ withdrawn: true, category: 'ti-event-of-interest', status: 'open' });
    const w2 = await applyBatch(store.db, { missionId, ops: [{ op: 'finding.withdraw', findingId: 'F2', reason: 'other', by: 'hana', at: '2026-11-01T00:00:00Z' }] });
    expect(w2.results[0]).toMatchObject({ withdrawn: false, status: 'withdrawn' });
  });

  test("a hand-over's kept batches: kept once under a retry, taken by number, gone once stored, per mission", async () => {
    const { missionId } = await newMission(store);
    const other = await newMission(store);
    const entries = [{ author: 'capeo', findings: [{ category: 'ti-event-of-interest' as const, title: 'kept', description: 'd', severity: 'low' as const, evidence: [], observables: [], flags: [], sourceKey: 'sweep:1:1' }] }];
    const keep: StoreBatch = { missionId, ops: [{ op: 'inbox.keep', seq: 1, entries }] };
    await applyBatch(store.db, keep);
    // A retried write keeps the first.
    await applyBatch(store.db, { missionId, ops: [{ op: 'inbox.keep', seq: 1, entries: [{ author: 'other', findings: [] }] }] });
    await applyBatch(store.db, { missionId: other.missionId, ops: [{ op: 'inbox.keep', seq: 1, entries: [] }] });
    expect(await applyBatch(store.db, { missionId, ops: [{ op: 'inbox.take', seq: 1 }, { op: 'inbox.take', seq: 2 }] })).toEqual({ results: [{ entries }, { entries: [] }] });
    await applyBatch(store.db, { missionId, ops: [{ op: 'inbox.drop', seq: 1 }, { op: 'inbox.drop', seq: 1 }] });
    expect(await applyBatch(store.db, { missionId, ops: [{ op: 'inbox.take', seq: 1 }] })).toEqual({ results: [{ entries: [] }] });
    // Another mission's batch of the same number is its own.
    const left = await store.db.query(`select mission_id from mission_inbox where mission_id = any($1::text[])`, [[missionId, other.missionId]]);
    expect(left.rows).toEqual([{ mission_id: other.missionId }]);
  });

  test('pages are keyed, filtered, and a cursor that is not ours is refused', async () => {
    const { missionId } = await newMission(store);
    await applyBatch(store.db, { missionId, ops: Array.from({ length: 25 }, (_, i) => finding(i + 1, i % 5 === 0 ? { category: 'suspicious-security-event', observables: [{ type: 'domain', value: 'Shared.Example' }] } : {})) });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await store.reads.findings(missionId, { limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((f) => f.id));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `F${i + 1}`));
    // Newest first, page by page.
    const newest = await store.reads.findings(missionId, { limit: 3, order: 'desc' });
    expect(newest.items.map((f) => f.id)).toEqual(['F25', 'F24', 'F23']);
    expect((await store.reads.findings(missionId, { limit: 3, order: 'desc', cursor: newest.nextCursor! })).items.map((f) => f.id)).toEqual(['F22', 'F21', 'F20']);
    // A cursor is a position: the same one read oldest first goes on after it.
    expect((await store.reads.findings(missionId, { limit: 3, cursor: newest.nextCursor! })).items.map((f) => f.id)).toEqual(['F24', 'F25']);
    expect((await store.reads.findings(missionId, { limit: 50, category: 'suspicious-security-event' })).items).toHaveLength(5);
    expect((await store.reads.findings(missionId, { limit: 50, observable: 'shared.example' })).items).toHaveLength(5);
    await expect(store.reads.findings(missionId, { limit: 5, cursor: 'bm90LW91cnM' })).rejects.toThrow(/not a cursor/);
    await expect(store.reads.findings(missionId, { limit: 5, cursor: '-1' })).rejects.toThrow(/not a cursor/);
    await applyBatch(store.db, { missionId, ops: [1, 2, 3].map((seq) => ({ op: 'audit', seq, at: '2026-11-01T00:00:00Z', actor: 'a', action: 'b' }) as StoreOp) });
    expect((await store.reads.timeline(missionId, { limit: 1 })).nextCursor).toBe('1');

    // Across missions: every finding on this domain, newest first.
    const other = await newMission(store);
    await applyBatch(store.db, { missionId: other.missionId, ops: [finding(1, { observables: [{ type: 'domain', value: 'shared.example' }], at: '2026-12-01T00:00:00.000Z' })] });
    const across = await store.reads.searchFindings({ limit: 100, observable: 'SHARED.example' });
    // Paged two at a time, the same findings in the same order.
    const paged: string[] = [];
    for (let cursor: string | undefined, i = 0; i < 10; i++) {
      const page = await store.reads.searchFindings({ limit: 2, observable: 'shared.example', ...(cursor ? { cursor } : {}) });
      paged.push(...page.items.map((f) => `${f.missionId}/${f.id}`));
      if (!page.nextCursor) break;
      expect(page.nextCursor).toMatch(/^\d+\.\d+\.mission-[A-Z]+\d+-\d+$/);
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(across.items.map((f) => `${f.missionId}/${f.id}`));
    expect(across.items.filter((f) => f.missionId === missionId)).toHaveLength(5);
    expect(across.items[0]).toMatchObject({ missionId: other.missionId, id: 'F1' });
    expect((await store.reads.searchFindings({ limit: 100, observable: 'shared.example', since: '2026-11-30T00:00:00Z' })).items).toHaveLength(1);
  });

  test('failed effects are taken for a retry once, whoever asks at the same time', async () => {
    const { missionId } = await newMission(store);
    await applyBatch(store.db, {
      missionId,
      ops: [1, 2, 3].flatMap((n): StoreOp[] => [
        { op: 'effect.add', id: `E${n}`, seq: n, kind: 'push-tip', key: `tip:F${n}`, spec: { kind: 'push-tip', findingId: `F${n}` }, at: '2026-11-01T00:00:00Z' },
        { op: 'effect.state', id: `E${n}`, state: 'failed', error: 'down', errorType: 'X' },
      ]),
    });
    const [a, b] = await Promise.all([store.effects.claimFailed(missionId), store.effects.claimFailed(missionId)]);
    expect([...a, ...b].map((e) => e.id).sort()).toEqual(['E1', 'E2', 'E3']);
  });

  test('identities are one namespace: a key name is one person, an OIDC subject cannot take it (and the other way round)', async () => {
    const name = `lucas-${Date.now()}`;
    const { key } = await store.identities.createKey(name, 'lead');
    expect(await store.identities.verifyKey(key)).toEqual({ id: name, role: 'lead' });
    await expect(store.identities.createKey(name, 'hunter')).rejects.toBeInstanceOf(IdentityTakenError);
    expect(await store.identities.claimOidcSubject(name)).toBe(false);
    const sub = `oidc-${Date.now()}`;
    expect(await store.identities.claimOidcSubject(sub)).toBe(true);
    await expect(store.identities.createKey(sub, 'admin')).rejects.toBeInstanceOf(IdentityTakenError);
  });
});

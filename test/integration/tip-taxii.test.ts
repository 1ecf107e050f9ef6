import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../domain/findings';
import { ExternalError } from '../../activities/http/http-client';
import { LocalStixTip } from '../../activities/tip/local-stix-tip';
import { findingBundle } from '../../activities/tip/stix-export';
import { TaxiiTip, type TaxiiSettings } from '../../activities/tip/taxii';
import { startContractServer } from '../support/contract-server';
import { failure } from '../support/failures';
import { startMedallion, type Medallion } from '../support/medallion';

const TAXII = 'application/taxii+json;version=2.1';
const MISSION = 'mission-EAVD07-1';

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: 'f-1',
  category: 'suspicious-security-event',
  title: 'Lookalike login page',
  description: 'A lookalike of the corporate SSO page answers on a fresh domain.',
  severity: 'high',
  evidence: [{ kind: 'dns', summary: 'A record 198.51.100.7 since 2026-11-20' }],
  observables: [
    { type: 'domain', value: 'examp1e-login.com' },
    { type: 'ipv4', value: '198.51.100.7' },
    { type: 'url', value: 'https://examp1e-login.com/sso' },
  ],
  flags: [],
  status: 'open',
  author: 'hunter@example.org',
  at: '2026-11-21T09:30:00.000Z',
  ...over,
});

const settingsOf = (m: Medallion, over: Partial<TaxiiSettings> = {}): TaxiiSettings => ({
  CAPEO_TAXII_API_ROOT: m.apiRoot,
  CAPEO_TAXII_COLLECTION: m.collectionId,
  CAPEO_TAXII_USER: m.user,
  CAPEO_TAXII_PASSWORD: m.password,
  ...over,
});

/** Reads the collection straight from medallion, not through the adapter. */
async function collectionObjects(m: Medallion): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${m.apiRoot}collections/${m.collectionId}/objects/?limit=1000`, {
    headers: { accept: TAXII, authorization: `Basic ${Buffer.from(`${m.user}:${m.password}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  const envelope = (await res.json()) as { objects?: Array<Record<string, unknown>>; more?: boolean };
  expect(envelope.more ?? false).toBe(false);
  return envelope.objects ?? [];
}

describe('against a writable collection', () => {
  let m: Medallion;
  beforeAll(async () => {
    m = await startMedallion();
  });
  afterAll(() => m.stop());

  test('check() reports the API root, the collection and its rights', async () => {
    const r = await new TaxiiTip(settingsOf(m), 5000).check();
    expect(r).toEqual({
      ok: true,
      detail: `taxii: API root "capeo test API root", collection "capeo hunt intel" (${m.collectionId}), user capeo: can_read=true, can_write=true`,
    });
    expect((await m.requests()).slice(-2)).toEqual([
      { method: 'GET', url: '/api1/', status: 200 },
      { method: 'GET', url: `/api1/collections/${m.collectionId}/`, status: 200 },
    ]);
  });

  test('a pushed finding lands in the collection as its STIX bundle; pushing it again adds nothing', async () => {
    const tip = new TaxiiTip(settingsOf(m), 5000);
    const f = finding();
    const bundle = findingBundle(MISSION, f) as { objects: Array<Record<string, unknown>> };
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    expect(indicators).toHaveLength(3);

    const ref = await tip.pushFinding(MISSION, f);
    const id = indicators[0]!.id as string;
    expect(ref).toEqual({ system: 'taxii', id, url: `${m.apiRoot}collections/${m.collectionId}/objects/${id}/` });

    const stored = await collectionObjects(m);
    expect(stored.map((o) => o.id).sort()).toEqual(bundle.objects.map((o) => o.id).sort());
    for (const o of bundle.objects) expect(stored.find((s) => s.id === o.id)).toEqual(o);
    const patterns = stored.filter((o) => o.type === 'indicator').map((o) => o.pattern).sort();
    expect(patterns).toEqual([
      "[domain-name:value = 'examp1e-login.com']",
      "[ipv4-addr:value = '198.51.100.7']",
      "[url:value = 'https://examp1e-login.com/sso']",
    ]);
    const note = stored.find((o) => o.type === 'note')!;
    expect(note.object_refs).toEqual(indicators.map((i) => i.id));

    // The ref's URL is the indicator's object endpoint.
    const one = await fetch(ref.url!, { headers: { accept: TAXII, authorization: `Basic ${Buffer.from(`${m.user}:${m.password}`).toString('base64')}` } });
    expect(((await one.json()) as { objects: Array<{ id: string }> }).objects.map((o) => o.id)).toEqual([id]);

    const before = (await m.requests()).length;
    expect(await tip.pushFinding(MISSION, f)).toEqual(ref);
    const again = await collectionObjects(m);
    expect(again).toHaveLength(stored.length);
    expect(new Set(again.map((o) => o.id)).size).toBe(again.length);
    // The retry posted once and then confirmed each object the server reported as already held.
    const retry = (await m.requests()).slice(before);
    expect(retry[0]).toEqual({ method: 'POST', url: `/api1/collections/${m.collectionId}/objects/`, status: 202 });
    expect(retry.slice(1, 1 + bundle.objects.length).map((r) => r.url.split('?')[0]).sort()).toEqual(
      bundle.objects.map((o) => `/api1/collections/${m.collectionId}/objects/${o.id as string}/`).sort(),
    );
  });

  test('a second finding adds only its own objects', async () => {
    const tip = new TaxiiTip(settingsOf(m), 5000);
    const before = await collectionObjects(m);
    const f = finding({ id: 'f-2', category: 'ti-event-of-interest', observables: [{ type: 'email', value: 'billing@examp1e-login.com' }] });
    const ref = await tip.pushFinding(MISSION, f);
    const after = await collectionObjects(m);
    expect(after).toHaveLength(before.length + 2);
    expect(after.find((o) => o.id === ref.id)?.pattern).toBe("[email-addr:value = 'billing@examp1e-login.com']");
  });

  test('a wrong password: check() says authentication failed, a push is refused for good, the password is never shown', async () => {
    const wrong = 'not-the-password-42';
    const tip = new TaxiiTip(settingsOf(m, { CAPEO_TAXII_PASSWORD: wrong }), 5000);
    const r = await tip.check();
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/authentication failed for user capeo/);
    expect(r.detail).toMatch(/CAPEO_TAXII_PASSWORD/);
    expect(r.detail).not.toContain(wrong);

    const before = (await collectionObjects(m)).length;
    const err = await failure(tip.pushFinding(MISSION, finding({ id: 'f-3' })));
    expect(err.type).toBe(ExternalError.AuthRejected);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).not.toContain(wrong);
    expect((await m.requests()).at(-1)).toEqual({ method: 'POST', url: `/api1/collections/${m.collectionId}/objects/`, status: 401 });
    expect(await collectionObjects(m)).toHaveLength(before);
  });

  test('an unknown collection or incomplete settings: check() says what to fix and never throws', async () => {
    const missing = await new TaxiiTip(settingsOf(m, { CAPEO_TAXII_COLLECTION: 'no-such-collection' }), 5000).check();
    expect(missing).toEqual({ ok: false, detail: expect.stringMatching(/collection no-such-collection not found .*CAPEO_TAXII_COLLECTION/) });
    const noPassword = await new TaxiiTip(settingsOf(m, { CAPEO_TAXII_PASSWORD: undefined }), 5000).check();
    expect(noPassword).toEqual({ ok: false, detail: 'taxii: CAPEO_TAXII_USER is set but CAPEO_TAXII_PASSWORD is not' });
    const err = await failure(new TaxiiTip(settingsOf(m, { CAPEO_TAXII_API_ROOT: 'not a url' }), 5000).pullIntel({ topic: 'x', keywords: [] }));
    expect(err.type).toBe(ExternalError.NotConfigured);
  });
});

describe('pulling intel from a read-only collection, page by page', () => {
  const at = '2026-10-01T00:00:00.000Z';
  const indicator = (i: number, name: string) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--6ba7b810-9dad-41d1-80b4-00c04fd430${String(i).padStart(2, '0')}`,
    created: at,
    modified: at,
    name,
    pattern: `[domain-name:value = 'host${i}.example.net']`,
    pattern_type: 'stix',
    valid_from: at,
    labels: ['phishing'],
  });
  const seeded = [
    ...Array.from({ length: 8 }, (_, i) => indicator(i, `Barracuda phishing kit ${i}`)),
    indicator(8, 'Unrelated scanner'),
    indicator(9, 'Unrelated botnet'),
    { type: 'report', spec_version: '2.1', id: 'report--6ba7b810-9dad-41d1-80b4-00c04fd43100', created: at, modified: at, name: 'Barracuda campaign report', published: at, object_refs: ['indicator--6ba7b810-9dad-41d1-80b4-00c04fd43000'] },
    { type: 'domain-name', spec_version: '2.1', id: 'domain-name--6ba7b810-9dad-51d1-80b4-00c04fd43200', value: 'barracuda-muffin.example' },
  ];
  let m: Medallion;
  beforeAll(async () => {
    m = await startMedallion({ objects: seeded, maxPageSize: 3, canWrite: false });
  });
  afterAll(() => m.stop());

  test('every page is followed through `next`, and each matching object is summarised as LocalStixTip would', async () => {
    const tip = new TaxiiTip(settingsOf(m), 5000);
    const before = (await m.requests()).length;
    const query = { topic: 'Barracuda lookalikes', keywords: [] };
    const summary = await tip.pullIntel(query);

    const pages = (await m.requests()).slice(before);
    // 12 objects, 3 a page: a first request, then three with the `next` the server handed out.
    expect(pages).toHaveLength(4);
    const base = `/api1/collections/${m.collectionId}/objects/`;
    expect(pages[0]).toEqual({ method: 'GET', url: `${base}?limit=100`, status: 200 });
    const next = /[?&]next=([^&]+)/.exec(pages[1]!.url)?.[1];
    expect(next).toBeDefined();
    for (const p of pages.slice(1)) expect(p).toEqual({ method: 'GET', url: `${base}?limit=100&next=${next}`, status: 200 });

    expect(summary.source).toBe('taxii');
    expect(summary.indicators).toBe(8);
    expect(summary.reports).toBe(1);
    expect(summary.observables).toBe(1);
    expect(summary.matched.map((o) => o.name).sort()).toEqual(
      [...Array.from({ length: 8 }, (_, i) => `Barracuda phishing kit ${i}`), 'Barracuda campaign report', 'barracuda-muffin.example'].sort(),
    );

    const dir = mkdtempSync(join(tmpdir(), 'capeo-stix-'));
    try {
      writeFileSync(join(dir, 'seed.json'), JSON.stringify({ type: 'bundle', id: 'bundle--6ba7b810-9dad-41d1-80b4-00c04fd43300', objects: seeded }));
      const local = await new LocalStixTip(dir).pullIntel(query);
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      expect({ ...summary, source: 'x', matched: [...summary.matched].sort(byId) }).toEqual({ ...local, source: 'x', matched: [...local.matched].sort(byId) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('added_after is sent and honoured', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const summary = await new TaxiiTip(settingsOf(m), 5000, { addedAfter: later, pageLimit: 2 }).pullIntel({ topic: 'barracuda', keywords: [] });
    expect(summary.matched).toEqual([]);
    expect(decodeURIComponent((await m.requests()).at(-1)!.url)).toBe(`/api1/collections/${m.collectionId}/objects/?limit=2&added_after=${later}`);
  });

  test('check() refuses a collection capeo cannot write to', async () => {
    const r = await new TaxiiTip(settingsOf(m), 5000).check();
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/cannot be written \(can_read=true, can_write=false\): capeo pushes findings to it/);
  });
});

test('objects the server refuses (and does not hold) fail the push for good, with its reason', async () => {
  const f = finding({ observables: [{ type: 'domain', value: 'examp1e-login.com' }] });
  const objects = (findingBundle(MISSION, f) as { objects: Array<{ id: string; modified: string }> }).objects;
  const [, note] = objects;
  const coll = '/api1/collections/c1/';
  const srv = await startContractServer({
    [`POST ${coll}objects/`]: {
      status: 202,
      body: { id: 's-1', status: 'pending', total_count: 2, success_count: 0, failure_count: 0, pending_count: 2 },
    },
    'GET /api1/status/s-1/': {
      status: 200,
      body: { id: 's-1', status: 'complete', total_count: 2, success_count: 1, failure_count: 1, pending_count: 0, failures: [{ id: note!.id, version: note!.modified, message: 'note rejected by policy' }] },
    },
  });
  try {
    const tip = new TaxiiTip({ CAPEO_TAXII_API_ROOT: `${srv.baseUrl}/api1`, CAPEO_TAXII_COLLECTION: 'c1', CAPEO_TAXII_USER: 'u', CAPEO_TAXII_PASSWORD: 'p-secret' }, 5000, { statusPollDelayMs: 1 });
    const err = await failure(tip.pushFinding(MISSION, f));
    expect(err.type).toBe(ExternalError.RequestRejected);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toBe(`taxii refused 1 of 2 objects of finding f-1 (${note!.id}: note rejected by policy)`);
    expect(srv.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      `POST ${coll}objects/`,
      'GET /api1/status/s-1/',
      `GET ${coll}objects/${note!.id}/`,
    ]);
    const post = srv.requests[0]!;
    expect(post.headers['content-type']).toBe(TAXII);
    expect(post.headers.accept).toBe(TAXII);
    expect(post.headers.authorization).toBe(`Basic ${Buffer.from('u:p-secret').toString('base64')}`);
    expect(JSON.parse(post.body)).toEqual({ objects });
  } finally {
    await srv.close();
  }
});

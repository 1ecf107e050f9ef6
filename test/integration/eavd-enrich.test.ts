import { ApplicationFailure } from '@temporalio/common';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { CertificateTransparency } from '../../activities/eavd/enrich/certificate-transparency';
import { Rdap } from '../../activities/eavd/enrich/rdap';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileArtifactStore } from '../../activities/artifacts/artifact-store';
import { fetchPage, PageSimilarity } from '../../activities/eavd/enrich/page-similarity';
import { createSweepActivities } from '../../activities/eavd/sweep-activities';
import type { CandidateFacts } from '../../domain/eavd-scoring';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { startDnsServer } from '../support/dns-server';
import { failure } from '../support/failures';

let ct: ContractServer;
let rdap: ContractServer;
let pem: string;
let keySha: string;

beforeAll(async () => {
  // A real certificate (openssl) for the newest entry; its key's hash computed from the key file.
  const dir = mkdtempSync(join(tmpdir(), 'capeo-ct-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-subj', '/CN=examp1e-login.com', '-days', '90', '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  pem = readFileSync(join(dir, 'c.pem'), 'utf8');
  keySha = createHash('sha256').update(createPublicKey(readFileSync(join(dir, 'k.pem'))).export({ type: 'spki', format: 'der' })).digest('hex');
  // Shapes recorded from crt.sh's JSON output and from IANA's RDAP bootstrap and a registry's RDAP answer.
  ct = await startContractServer({
    'GET /?q=examp1e-login.com&output=json': {
      status: 200,
      body: [
        { issuer_name: "C=US, O=Let's Encrypt, CN=R11", name_value: 'examp1e-login.com\nwww.examp1e-login.com', not_before: '2026-11-20T08:12:00', not_after: '2027-02-18T08:11:59', id: 1 },
        { issuer_name: 'C=US, O=Old CA', name_value: 'examp1e-login.com', not_before: '2025-01-01T00:00:00', not_after: '2025-04-01T00:00:00', id: 2 },
      ],
    },
    'GET /?d=1': { status: 200, text: pem, headers: { 'content-type': 'application/x-pem-file' } },
    'GET /?q=garbled.com&output=json': { status: 200, body: [{ issuer_name: 'C=US, O=X', name_value: 'garbled.com', not_before: '2026-11-20T08:12:00', not_after: '2027-02-18T08:11:59', id: 3 }] },
    'GET /?d=3': { status: 200, text: 'not a certificate' },
    'GET /?q=busy.com&output=json': { status: 429, headers: { 'retry-after': '7' } },
    'GET /?q=refused.com&output=json': { status: 400, body: { error: 'bad query' } },
  });
  rdap = await startContractServer({
    'GET /dns.json': { status: 200, body: { services: [] } },
    'GET /rdap/domain/refused.com': { status: 403, body: { errorCode: 403, title: 'Forbidden' } },
    'GET /rdap/domain/examp1e-login.com': {
      status: 200,
      body: {
        objectClassName: 'domain',
        ldhName: 'EXAMP1E-LOGIN.COM',
        events: [{ eventAction: 'registration', eventDate: '2026-11-18T10:00:00Z' }, { eventAction: 'expiration', eventDate: '2027-11-18T10:00:00Z' }],
        entities: [
          { objectClassName: 'entity', roles: ['abuse'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'Abuse Desk']]] },
          { objectClassName: 'entity', handle: '1068', roles: ['registrar'], publicIds: [{ type: 'IANA Registrar ID', identifier: '1068' }], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'NameCheap, Inc.']]] },
        ],
      },
    },
    'GET /rdap/domain/idonly.com': { status: 200, body: { objectClassName: 'domain', events: [], entities: [{ roles: ['registrar'], publicIds: [{ type: 'IANA Registrar ID', identifier: '146' }] }] } },
  });
  rdap.requests.length = 0;
});
afterAll(async () => {
  await ct?.close();
  await rdap?.close();
});

test('certificate transparency: the exact crt.sh query, newest certificate first, with the hashes of those it can download', async () => {
  const certs = await new CertificateTransparency(ct.baseUrl).certificates('examp1e-login.com');
  expect(ct.requests.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /?d=1', 'GET /?d=2', 'GET /?q=examp1e-login.com&output=json']);
  expect(ct.requests[0]!.headers.accept).toContain('application/json');
  expect(certs[0]).toEqual({
    notBefore: '2026-11-20T08:12:00.000Z', notAfter: '2027-02-18T08:11:59.000Z', issuer: "C=US, O=Let's Encrypt, CN=R11", names: ['examp1e-login.com', 'www.examp1e-login.com'],
    sha256: new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase(), publicKeySha256: keySha,
  });
  // The older certificate's download is a 404: its hashes stay unknown, its other facts stand.
  expect(certs[1]).toEqual({ notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2025-04-01T00:00:00.000Z', issuer: 'C=US, O=Old CA', names: ['examp1e-login.com'] });
  expect(await new CertificateTransparency(ct.baseUrl).certificates('never-seen.com')).toEqual([]);
  // A download that is not a certificate: unknown hashes, not a failure.
  expect(await new CertificateTransparency(ct.baseUrl).certificates('garbled.com')).toEqual([{ notBefore: '2026-11-20T08:12:00.000Z', notAfter: '2027-02-18T08:11:59.000Z', issuer: 'C=US, O=X', names: ['garbled.com'] }]);
});

test('certificate transparency: 429 is retryable and honours Retry-After', async () => {
  const err = await new CertificateTransparency(ct.baseUrl).certificates('busy.com').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect((err as ApplicationFailure).nonRetryable).toBe(false);
  expect((err as ApplicationFailure).nextRetryDelay).toBe(7000);
});

test('RDAP: bootstrap once, then the registry for the TLD; unknown domains and TLDs are null', async () => {
  const server = await startContractServer({
    'GET /dns.json': { status: 200, body: { version: '1.0', services: [[['com', 'net'], [`${rdap.baseUrl}/rdap/`]], [['co.uk'], ['http://127.0.0.1:9/none/']]] } },
  });
  const client = new Rdap(`${server.baseUrl}/dns.json`);
  expect(await client.registeredAt('examp1e-login.com')).toBe('2026-11-18T10:00:00.000Z');
  expect(await client.registeredAt('free-name.com')).toBeNull();
  expect(await client.registeredAt('example.invalidtld')).toBeNull();
  // The registrar: the entity with role registrar (not the abuse contact), by its vCard name, else its IANA id.
  expect(await client.registration('examp1e-login.com')).toEqual({ registeredAt: '2026-11-18T10:00:00.000Z', registrar: 'NameCheap, Inc.' });
  expect(await client.registration('idonly.com')).toEqual({ registeredAt: null, registrar: 'IANA 146' });
  expect(await client.registration('free-name.com')).toEqual({ registeredAt: null, registrar: null });
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /dns.json']);
  expect(rdap.requests.map((r) => `${r.method} ${r.url}`).slice(0, 2)).toEqual(['GET /rdap/domain/examp1e-login.com', 'GET /rdap/domain/free-name.com']);
  expect(rdap.requests[0]!.headers.accept).toContain('application/rdap+json');
  await server.close();
});

describe('the sweep activities', () => {
  const sweepOver = (bootstrap: string, store = new FileArtifactStore(mkdtempSync(join(tmpdir(), 'capeo-sweep-')))) =>
    createSweepActivities({
      store,
      ct: new CertificateTransparency(ct.baseUrl),
      rdap: new Rdap(bootstrap),
      dns: { servers: ['127.0.0.1:1'], concurrency: 1, timeoutMs: 100 },
    });
  const facts = (domain: string): CandidateFacts => ({ domain, fuzzer: 'homoglyph', registered: true, a: ['192.0.2.1'], aaaa: [], mx: [], ns: [], certificates: [], registeredAt: null, pageSimilarity: null });

  test('a source that refuses one name for good leaves its facts unknown; the others are enriched; an unavailable source fails the batch retryably', async () => {
    const bootstrap = await startContractServer({ 'GET /dns.json': { status: 200, body: { services: [[['com'], [`${rdap.baseUrl}/rdap/`]]] } } });
    try {
      const sweep = sweepOver(`${bootstrap.baseUrl}/dns.json`);
      const now = '2026-11-22T00:00:00Z';
      const [refused, known] = await sweep.enrichAndScore({ candidates: [facts('refused.com'), facts('examp1e-login.com')], now });
      expect(refused!.facts).toMatchObject({ certificates: [], registeredAt: null });
      expect(known!.facts.registeredAt).toBe('2026-11-18T10:00:00.000Z');
      expect(known!.facts.registrar).toBe('NameCheap, Inc.');
      expect(known!.facts.certificates[0]).toMatchObject({ publicKeySha256: keySha, names: ['examp1e-login.com', 'www.examp1e-login.com'] });
      expect(known!.facts.certificates[0]).toMatchObject({ notBefore: '2026-11-20T08:12:00.000Z' });
      const busy = await failure(sweep.enrichAndScore({ candidates: [facts('busy.com')], now }));
      expect(busy).toMatchObject({ nonRetryable: false, nextRetryDelay: 7000 });
    } finally {
      await bootstrap.close();
    }
  });

  test("the brand's own domains are never candidates, even when one is a permutation of another", async () => {
    const store = new FileArtifactStore(mkdtempSync(join(tmpdir(), 'capeo-sweep-')));
    const { path, count } = await sweepOver(`${rdap.baseUrl}/dns.json`, store).generateCandidates({ path: 'm/sweeps/1/candidates.json', domains: ['example.com', 'examples.com'], keywords: [] });
    const names = (JSON.parse((await store.get(path)).toString('utf8')) as Array<{ domain: string }>).map((c) => c.domain);
    expect(names).toHaveLength(count);
    expect(names).not.toContain('examples.com');
    expect(names).not.toContain('example.com');
    expect(names).toContain('exampels.com');
  });
});

describe('cloned-site detection', () => {
  const page = (title: string, body: string) => `<html><head><title>${title}</title></head><body>${body}</body></html>`;
  const loginBody = (brand: string) =>
    `<h1>Sign in to your ${brand} account</h1><form action="/s"><input type="email" name="e"><input type="password" name="p"><button>Sign in</button></form>
     <p>Forgot your password? Reset it from the account recovery page. New to ${brand}? Create an account in minutes.</p>`;
  const sites: Record<string, string> = {
    'example.com': page('Example – Sign in', loginBody('Example')),
    'examp1e.com': page('Example – Sign in', loginBody('Example')),
    'exampel.com': page('exampel.com is for sale', '<h2>This domain may be for sale</h2><a href="/buy">Make an offer</a>'),
  };
  let web: Server;
  let webPort: number;
  let closedPort: number;
  const hosts: string[] = [];
  beforeAll(async () => {
    web = createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      const html = sites[req.headers.host ?? ''];
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webPort = (web.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => new Promise((r) => web.close(r)));

  test('fetches each page from the resolved address with the name as Host, HTTPS refused then HTTP', async () => {
    const pages = new PageSimilarity({ httpPort: webPort, httpsPort: closedPort, timeoutMs: 2000 });
    const brands = [{ domain: 'example.com', ips: ['127.0.0.1'] }];
    expect(await pages.compare({ domain: 'examp1e.com', ips: ['127.0.0.1'] }, brands)).toBe(1);
    expect(await pages.compare({ domain: 'exampel.com', ips: ['127.0.0.1'] }, brands)).toBeLessThan(0.2);
    expect(await pages.compare({ domain: 'unknown.com', ips: ['127.0.0.1'] }, brands)).toBeNull();
    expect(await pages.compare({ domain: 'examp1e.com', ips: [] }, brands)).toBeNull();
    // The brand page was fetched once and kept.
    expect(hosts.filter((h) => h === 'example.com')).toHaveLength(1);
  });

  test('a page dripped slowly ends at the time limit as no page, not read for as long as the site likes', async () => {
    const drip = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><title>first</title>');
      let n = 0;
      const timer = setInterval(() => {
        n += 1;
        if (n < 50) res.write(`<p>${n}</p>`);
        else {
          clearInterval(timer);
          res.end('<p>last</p></html>');
        }
      }, 100);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((r) => drip.listen(0, '127.0.0.1', r));
    try {
      const page = await fetchPage('slow.example', ['127.0.0.1'], { httpPort: (drip.address() as { port: number }).port, httpsPort: closedPort, timeoutMs: 500 });
      // The socket was never idle for 500 ms, yet the fetch ends at the limit: no page, the similarity stays unknown.
      expect(page).toBeNull();
    } finally {
      await new Promise((r) => drip.close(r));
    }
  });

  test('the sweep scores a cloned page as evidence, resolving the brand through the configured resolvers', async () => {
    const dns = await startDnsServer({
      com: ['$TTL 60', '@ SOA ns.t. h.t. 1 3600 600 86400 60', '@ NS ns.t.', 'example A 127.0.0.1', 'examp1e A 127.0.0.1', 'exampel A 127.0.0.1'].join('\n'),
    });
    try {
      const sweep = createSweepActivities({
        store: new FileArtifactStore(mkdtempSync(join(tmpdir(), 'capeo-pages-'))),
        ct: new CertificateTransparency(ct.baseUrl),
        rdap: new Rdap(`${rdap.baseUrl}/dns.json`),
        dns: { servers: [dns.address], concurrency: 4, timeoutMs: 1000 },
        pages: new PageSimilarity({ httpPort: webPort, httpsPort: closedPort, timeoutMs: 2000 }),
      });
      const facts = (domain: string): CandidateFacts => ({ domain, fuzzer: 'homoglyph', registered: true, a: ['127.0.0.1'], aaaa: [], mx: [], ns: [], certificates: [], registeredAt: null, pageSimilarity: null });
      const [clone, parked] = await sweep.enrichAndScore({ candidates: [facts('examp1e.com'), facts('exampel.com')], brands: ['example.com'], now: new Date().toISOString() });
      expect(clone!.facts.pageSimilarity).toBe(1);
      expect(clone!.scored.reasons).toContainEqual({ reason: "page 100% similar to the brand's", points: 4, kind: 'web' });
      expect(parked!.facts.pageSimilarity).toBeLessThan(0.2);
      expect(parked!.scored.reasons.some((r) => r.kind === 'web')).toBe(false);
    } finally {
      await dns.stop();
    }
  });
});

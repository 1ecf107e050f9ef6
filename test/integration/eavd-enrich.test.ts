import { ApplicationFailure } from '@temporalio/common';
import { CertificateTransparency } from '../../activities/eavd/enrich/certificate-transparency';
import { Rdap } from '../../activities/eavd/enrich/rdap';
import { startContractServer, type ContractServer } from '../support/contract-server';

let ct: ContractServer;
let rdap: ContractServer;

beforeAll(async () => {
  // Shapes recorded from crt.sh's JSON output and from IANA's RDAP bootstrap and a registry's RDAP answer.
  ct = await startContractServer({
    'GET /?q=examp1e-login.com&output=json': {
      status: 200,
      body: [
        { issuer_name: "C=US, O=Let's Encrypt, CN=R11", name_value: 'examp1e-login.com\nwww.examp1e-login.com', not_before: '2026-11-20T08:12:00', not_after: '2027-02-18T08:11:59', id: 1 },
        { issuer_name: 'C=US, O=Old CA', name_value: 'examp1e-login.com', not_before: '2025-01-01T00:00:00', not_after: '2025-04-01T00:00:00', id: 2 },
      ],
    },
    'GET /?q=busy.com&output=json': { status: 429, headers: { 'retry-after': '7' } },
  });
  rdap = await startContractServer({
    'GET /dns.json': { status: 200, body: { services: [] } },
    'GET /rdap/domain/examp1e-login.com': {
      status: 200,
      body: { objectClassName: 'domain', ldhName: 'EXAMP1E-LOGIN.COM', events: [{ eventAction: 'registration', eventDate: '2026-11-18T10:00:00Z' }, { eventAction: 'expiration', eventDate: '2027-11-18T10:00:00Z' }] },
    },
  });
  rdap.requests.length = 0;
});
afterAll(async () => {
  await ct?.close();
  await rdap?.close();
});

test('certificate transparency: the exact crt.sh query, newest certificate first', async () => {
  const certs = await new CertificateTransparency(ct.baseUrl).certificates('examp1e-login.com');
  expect(ct.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /?q=examp1e-login.com&output=json']);
  expect(ct.requests[0]!.headers.accept).toContain('application/json');
  expect(certs[0]).toEqual({ notBefore: '2026-11-20T08:12:00.000Z', notAfter: '2027-02-18T08:11:59.000Z', issuer: "C=US, O=Let's Encrypt, CN=R11", names: ['examp1e-login.com', 'www.examp1e-login.com'] });
  expect(certs).toHaveLength(2);
  expect(await new CertificateTransparency(ct.baseUrl).certificates('never-seen.com')).toEqual([]);
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
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /dns.json']);
  expect(rdap.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /rdap/domain/examp1e-login.com', 'GET /rdap/domain/free-name.com']);
  expect(rdap.requests[0]!.headers.accept).toContain('application/rdap+json');
  await server.close();
});

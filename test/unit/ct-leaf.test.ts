import { X509Certificate } from 'node:crypto';
import { certificateFacts, certificateNames, issuerSerialKey, namesOfDer } from '../../activities/eavd/ct/certificate';
import { derNames, UnexpectedDerError } from '../../activities/eavd/ct/der-names';
import { MalformedEntryError, parseDataTile, parseRfc6962Entry, tilePath } from '../../activities/eavd/ct/leaf';
import { lookalikeMatcher } from '../../activities/eavd/ct/matcher';
import { loadConfig } from '../../config';
import { ctFinding } from '../../domain/ct-monitor';
import { backgroundCerts, makeCa, makeCert, makeKey } from '../support/ct-certificates';
import { encodeEntry } from '../support/ct-log-double';

const ca = makeCa();
const key = makeKey();
const leaf = makeCert(ca, { names: ['shop.example.net', '*.cdn.example.net'], cn: 'shop.example.net', serial: Buffer.from([0x42, 0x01]), key });
const pre = makeCert(ca, { names: ['secure-login-paypal-verify.xyz'], serial: Buffer.from([0x99, 0x02]), key, precert: true });

test('tile paths group the index by three digits, x before all but the last, .p/W for a partial tile', () => {
  expect(tilePath(0)).toBe('tile/data/000');
  expect(tilePath(67)).toBe('tile/data/067');
  expect(tilePath(1000)).toBe('tile/data/x001/000');
  expect(tilePath(1234067)).toBe('tile/data/x001/x234/067');
  expect(tilePath(5, 17)).toBe('tile/data/005.p/17');
});

test('an RFC 6962 x509 entry gives its certificate; a precert entry gives the full pre_certificate of its extra data', () => {
  const x = encodeEntry(5, leaf, ca, 1_700_000_000_123);
  const e = parseRfc6962Entry(5, Buffer.from(x.leafInput, 'base64'), Buffer.from(x.extraData, 'base64'));
  expect(e).toMatchObject({ index: 5, type: 'x509', timestamp: 1_700_000_000_123 });
  expect(e.der.equals(leaf.der)).toBe(true);
  const p = encodeEntry(6, pre, ca, 1_700_000_000_124);
  const pe = parseRfc6962Entry(6, Buffer.from(p.leafInput, 'base64'), Buffer.from(p.extraData, 'base64'));
  expect(pe.type).toBe('precert');
  expect(pe.der.equals(pre.der)).toBe(true);
  expect(() => parseRfc6962Entry(7, Buffer.from(x.leafInput, 'base64').subarray(0, 20), Buffer.alloc(0))).toThrow(MalformedEntryError);
});

test('a data tile is a run of TileLeafs: each entry in order, precerts with their pre_certificate, chains skipped', () => {
  const tile = Buffer.concat([encodeEntry(256, leaf, ca, 1).tileLeaf, encodeEntry(257, pre, ca, 2).tileLeaf, encodeEntry(258, leaf, ca, 3).tileLeaf]);
  const entries = parseDataTile(256, tile);
  expect(entries.map((e) => [e.index, e.type, e.timestamp])).toEqual([[256, 'x509', 1], [257, 'precert', 2], [258, 'x509', 3]]);
  expect(entries[1]!.der.equals(pre.der)).toBe(true);
  expect(() => parseDataTile(0, tile.subarray(0, tile.length - 5))).toThrow(MalformedEntryError);
});

test('names are the dNSName SANs and the CN, lower-cased, wildcards as their base; a precertificate parses', () => {
  expect(certificateNames(new X509Certificate(leaf.der))).toEqual(['shop.example.net', 'cdn.example.net']);
  const cert = new X509Certificate(pre.der);
  expect(certificateNames(cert)).toEqual(['secure-login-paypal-verify.xyz']);
  const facts = certificateFacts(cert, pre.der);
  expect(facts.serial).toBe('9902');
  expect(facts.issuer).toBe('O=Capeo Test, CN=Capeo Test CA');
  expect(facts.publicKeySha256).toMatch(/^[0-9a-f]{64}$/);
  expect(Date.parse(facts.notAfter) - Date.parse(facts.notBefore)).toBe(90 * 86_400_000);
});

test('the DER walk reads the names X509Certificate reads, for certificates and precertificates; what it cannot read goes to X509Certificate', () => {
  for (const c of [leaf, pre, ...backgroundCerts(ca, 60, [key])]) expect([c.names[0], namesOfDer(c.der)]).toEqual([c.names[0], certificateNames(new X509Certificate(c.der))]);
  expect(derNames(pre.der)).toEqual({ dns: ['secure-login-paypal-verify.xyz'], cn: ['secure-login-paypal-verify.xyz'] });
  expect(() => derNames(leaf.der.subarray(0, 100))).toThrow(UnexpectedDerError);
  expect(() => namesOfDer(leaf.der.subarray(0, 100))).toThrow(); // and X509Certificate refuses it too
});

test('the monitor asks the lookalike matcher about each certificate name: every brand imitated, how, and why; a brand it refuses is left out', () => {
  const match = lookalikeMatcher([
    { id: 'paypal.com', domains: ['paypal.com'], keywords: [], missionIds: ['M1'] },
    { id: 'bad', domains: ['not a domain'], keywords: [], missionIds: ['M2'] },
  ]);
  const [m, ...more] = match('secure-login-paypal-verify.xyz');
  expect(more).toEqual([]);
  expect(m).toMatchObject({ brandId: 'paypal.com', brand: 'paypal.com', how: 'brand-containment (brand-containment)', level: 'high' });
  expect(m!.signals.join('\n')).toMatch(/xyz/);
  expect(match('paypa1.com')[0]).toMatchObject({ brandId: 'paypal.com' });
  expect(match('www.paypal.com')).toEqual([]);
  expect(match('shop.example.net')).toEqual([]);
});

test('a hit is a finding keyed by issuer and serial, with the certificate as evidence', () => {
  const cert = new X509Certificate(pre.der);
  const facts = certificateFacts(cert, pre.der);
  const artifact = { name: 'x.pem', path: 'ct/certificates/x.pem', bytes: 1, sha256: 'a' };
  const hit = { key: issuerSerialKey(facts.issuer, facts.serial), certificate: { log: 'ct.test/log', index: 9, entryType: 'precert' as const, loggedAt: '2026-12-01T00:00:00.000Z', names: ['secure-login-paypal-verify.xyz'], artifact, ...facts }, missions: [] };
  const f = ctFinding(hit, [{ name: 'secure-login-paypal-verify.xyz', brand: 'paypal.com', how: 'containment of paypal', score: 12, level: 'high', signals: ['suspicious TLD .xyz (+2)'] }]);
  expect(f).toMatchObject({ category: 'suspicious-security-event', severity: 'high', sourceKey: `ct:${hit.key}`, title: 'Certificate for secure-login-paypal-verify.xyz imitates paypal.com' });
  expect(f.evidence[0]).toMatchObject({ kind: 'certificate', artifact });
  expect(f.evidence[0]!.summary).toContain(`public key (sha256 of SPKI): ${facts.publicKeySha256}`);
  expect(f.observables).toEqual([{ type: 'domain', value: 'secure-login-paypal-verify.xyz' }, { type: 'hash', value: facts.fingerprint }]);
  expect(ctFinding(hit, [{ name: 'paypa1.com', brand: 'paypal.com', how: 'typo', score: 5, level: 'medium', signals: [] }]).category).toBe('ti-event-of-interest');
});

test('CAPEO_CT_LOGS: kind:url items, each a log with a stable id; anything else refused naming the variable', () => {
  expect(loadConfig({ CAPEO_CT_LOGS: 'rfc6962:https://ct.example/2026h1, static:https://tiles.example/log/' }).CAPEO_CT_LOGS).toEqual([
    { id: 'ct.example/2026h1', kind: 'rfc6962', url: 'https://ct.example/2026h1/' },
    { id: 'tiles.example/log', kind: 'static', url: 'https://tiles.example/log/' },
  ]);
  expect(() => loadConfig({ CAPEO_CT_LOGS: 'https://ct.example/' })).toThrow(/CAPEO_CT_LOGS.*kind:url/);
  expect(() => loadConfig({ CAPEO_CT_LOGS: 'tiles:https://ct.example/' })).toThrow(/CAPEO_CT_LOGS/);
  expect(loadConfig({}).CAPEO_CT_LOGS).toBeUndefined();
});

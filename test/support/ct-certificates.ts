/**
 * Real X.509 certificates for the CT log double and the benchmark: DER written here, signed with
 * node's crypto (ECDSA P-256, SHA-256) by a test CA, parseable by OpenSSL (test/unit/ct-leaf.test.ts
 * checks it with `openssl verify`). Precertificates carry the CT poison extension
 * (1.3.6.1.4.1.11129.2.4.3, critical); their log entry holds the TBS without it, as RFC 6962 says.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...x: Buffer[]) => tlv(0x30, ...x);
const set = (...x: Buffer[]) => tlv(0x31, ...x);
/** A positive INTEGER in its minimal encoding (DER forbids leading zero bytes; OpenSSL refuses them). */
const integer = (raw: Buffer) => {
  let b = raw;
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  return tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
};
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const groups: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
};
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const time = (d: Date) => tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const CT_POISON = '1.3.6.1.4.1.11129.2.4.3';

const name = (cn: string, org?: string) =>
  seq(...(org ? [set(seq(oid('2.5.4.10'), utf8(org)))] : []), set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), tlv(0x04, value));

export interface TestCa {
  der: Buffer;
  key: KeyObject;
  name: Buffer;
  /** SHA-256 of the CA's SubjectPublicKeyInfo: a precertificate entry's issuer_key_hash. */
  keyHash: Buffer;
}

export interface CertOptions {
  names: string[];
  /** The subject CN (default: the first name). */
  cn?: string;
  serial: Buffer;
  precert?: boolean;
  notBefore?: Date;
  days?: number;
  /** The subject's key pair (a few are shared: generating one per certificate is the slow part). */
  key: KeyObject;
}

export interface TestCert {
  /** The certificate, or for a precertificate the pre_certificate (with its poison). */
  der: Buffer;
  /** For a precertificate: the TBSCertificate without the poison, as the log's leaf holds it. */
  tbsForLog?: Buffer;
  names: string[];
  precert: boolean;
}

function signed(tbs: Buffer, key: KeyObject): Buffer {
  return seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.from([0]), sign('sha256', tbs, key)));
}

export function makeCa(cn = 'Capeo Test CA'): TestCa {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const subject = name(cn, 'Capeo Test');
  const now = new Date();
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(Buffer.from([1])),
    ECDSA_SHA256,
    subject,
    seq(time(new Date(now.getTime() - 86_400_000)), time(new Date(now.getTime() + 3650 * 86_400_000))),
    subject,
    spki,
    tlv(0xa3, seq(extension('2.5.29.19', true, seq(bool(true))), extension('2.5.29.15', true, tlv(0x03, Buffer.from([1, 0x06]))))),
  );
  return { der: signed(tbs, privateKey), key: privateKey, name: subject, keyHash: createHash('sha256').update(spki).digest() };
}

export function makeCert(ca: TestCa, o: CertOptions): TestCert {
  const notBefore = o.notBefore ?? new Date(Date.now() - 3_600_000);
  const notAfter = new Date(notBefore.getTime() + (o.days ?? 90) * 86_400_000);
  const spki = Buffer.from(o.key.export({ type: 'spki', format: 'der' }) as Buffer);
  const san = extension('2.5.29.17', false, seq(...o.names.map((n) => tlv(0x82, Buffer.from(n, 'ascii')))));
  const tbs = (poison: boolean) =>
    seq(
      tlv(0xa0, integer(Buffer.from([2]))),
      integer(o.serial),
      ECDSA_SHA256,
      ca.name,
      seq(time(notBefore), time(notAfter)),
      name(o.cn ?? o.names[0]!),
      spki,
      tlv(0xa3, seq(san, extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), ...(poison ? [extension(CT_POISON, true, Buffer.from([0x05, 0x00]))] : []))),
    );
  if (!o.precert) return { der: signed(tbs(false), ca.key), names: o.names, precert: false };
  return { der: signed(tbs(true), ca.key), tbsForLog: tbs(false), names: o.names, precert: true };
}

/** A subject key pair (public half only matters: the test CA signs). */
export const makeKey = (): KeyObject => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;

const WORDS = ['acme', 'shop', 'mail', 'cloud', 'blog', 'news', 'cdn', 'api', 'portal', 'data', 'media', 'store', 'north', 'river', 'garden'];
const TLDS = ['com', 'net', 'org', 'io', 'de', 'fr', 'co.uk'];

/** `count` certificates for names no brand of the tests imitates (SANs of one to three names, some precertificates). */
export function backgroundCerts(ca: TestCa, count: number, keys: KeyObject[], firstSerial = 1_000_000): TestCert[] {
  return Array.from({ length: count }, (_, i) => {
    const base = `${WORDS[i % WORDS.length]}-${WORDS[(i * 7) % WORDS.length]}${i}.${TLDS[i % TLDS.length]}`;
    const names = [base, `www.${base}`, `*.${base}`].slice(0, 1 + (i % 3));
    return makeCert(ca, { names, serial: serialOf(firstSerial + i), key: keys[i % keys.length]!, precert: i % 5 === 0 });
  });
}

export const serialOf = (n: number): Buffer => Buffer.from(n.toString(16).padStart(16, '0'), 'hex');

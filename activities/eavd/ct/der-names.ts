/**
 * The names of a certificate read straight from its DER: the dNSName entries of subjectAltName and
 * the subject's CN. The monitor's hot path (every entry of a log, most of them no lookalike): building
 * an X509Certificate costs far more than the walk, and only a matching certificate needs one (for its
 * evidence). Anything unexpected (a non-DER length, a CN in BMPString…) throws, and the caller parses
 * that certificate with X509Certificate instead, so a name is never silently missed.
 */

export class UnexpectedDerError extends Error {}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function tlv(b: Buffer, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new UnexpectedDerError('truncated');
  const tag = b[at]!;
  let len = b[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) throw new UnexpectedDerError('length');
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | b[p + i]!;
    p += n;
  }
  if (p + len > limit) throw new UnexpectedDerError('overrun');
  return { tag, start: p, end: p + len };
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID_CN = Buffer.from([0x55, 0x04, 0x03]);
const OID_SAN = Buffer.from([0x55, 0x1d, 0x11]);
const same = (b: Buffer, t: Tlv, oid: Buffer) => t.end - t.start === oid.length && b.compare(oid, 0, oid.length, t.start, t.end) === 0;

function expect(t: Tlv, tag: number): Tlv {
  if (t.tag !== tag) throw new UnexpectedDerError(`tag ${t.tag.toString(16)}, not ${tag.toString(16)}`);
  return t;
}

/** dNSName SANs and subject CNs, as written (not yet normalised). */
export function derNames(der: Buffer): { dns: string[]; cn: string[] } {
  const cert = expect(tlv(der, 0, der.length), SEQUENCE);
  const tbs = expect(tlv(der, cert.start, cert.end), SEQUENCE);
  let p = tbs.start;
  const next = () => {
    const t = tlv(der, p, tbs.end);
    p = t.end;
    return t;
  };
  let t = next();
  if (t.tag === 0xa0) t = next(); // version
  expect(t, 0x02); // serialNumber
  expect(next(), SEQUENCE); // signature
  expect(next(), SEQUENCE); // issuer
  expect(next(), SEQUENCE); // validity
  const subject = expect(next(), SEQUENCE);
  expect(next(), SEQUENCE); // subjectPublicKeyInfo
  const cn: string[] = [];
  for (let q = subject.start; q < subject.end; ) {
    const rdn = expect(tlv(der, q, subject.end), SET);
    q = rdn.end;
    for (let r = rdn.start; r < rdn.end; ) {
      const atv = expect(tlv(der, r, rdn.end), SEQUENCE);
      r = atv.end;
      const type = expect(tlv(der, atv.start, atv.end), 0x06);
      if (!same(der, type, OID_CN)) continue;
      const value = tlv(der, type.end, atv.end);
      // UTF8String, PrintableString, IA5String, TeletexString (read as Latin-1 by OpenSSL too).
      if (value.tag === 0x0c) cn.push(der.toString('utf8', value.start, value.end));
      else if (value.tag === 0x13 || value.tag === 0x16 || value.tag === 0x14) cn.push(der.toString('latin1', value.start, value.end));
      else throw new UnexpectedDerError('CN string type');
    }
  }
  const dns: string[] = [];
  while (p < tbs.end) {
    const field = next();
    if (field.tag !== 0xa3) continue; // issuerUniqueID, subjectUniqueID
    const exts = expect(tlv(der, field.start, field.end), SEQUENCE);
    for (let q = exts.start; q < exts.end; ) {
      const ext = expect(tlv(der, q, exts.end), SEQUENCE);
      q = ext.end;
      const id = expect(tlv(der, ext.start, ext.end), 0x06);
      if (!same(der, id, OID_SAN)) continue;
      let v = tlv(der, id.end, ext.end);
      if (v.tag === 0x01) v = tlv(der, v.end, ext.end); // critical
      const names = expect(tlv(der, expect(v, 0x04).start, v.end), SEQUENCE);
      for (let r = names.start; r < names.end; ) {
        const g = tlv(der, r, names.end);
        r = g.end;
        if (g.tag === 0x82) dns.push(der.toString('latin1', g.start, g.end));
      }
    }
  }
  return { dns, cn };
}

import { createHash, X509Certificate } from 'node:crypto';
import { MAX_CERT_NAMES } from '../../../domain/ct-monitor';
import { derNames } from './der-names';

/** The names a certificate is for: its dNSName SANs and its subject CN, lower-cased, wildcards as their base. */
export function certificateNames(cert: X509Certificate): string[] {
  const dns: string[] = [];
  const san = cert.subjectAltName;
  if (san) {
    // Node quotes (JSON) a value that holds a separator or a non-printable character.
    for (const m of san.matchAll(/(?:^|, )DNS:("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
      const v = m[1]!;
      dns.push(v.startsWith('"') ? (JSON.parse(v) as string) : v);
    }
  }
  const cn = [...cert.subject.matchAll(/(?:^|\n)CN=([^\n]*)/g)].map((m) => m[1]!);
  return normalisedNames(dns, cn);
}

/**
 * The names of a certificate's DER: read by a walk of the DER when it can (der-names.ts, the fast
 * path), else from an X509Certificate. Throws when the DER is no certificate at all.
 */
export function namesOfDer(der: Buffer): string[] {
  let found: { dns: string[]; cn: string[] };
  try {
    found = derNames(der);
  } catch {
    return certificateNames(new X509Certificate(der));
  }
  return normalisedNames(found.dns, found.cn);
}

function normalisedNames(dns: string[], cns: string[]): string[] {
  const names = new Set<string>();
  const add = (n: string) => {
    const name = n.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    if (name && names.size < MAX_CERT_NAMES) names.add(name);
  };
  for (const n of dns) add(n);
  // A CN that is no host name (a person, an organisation) is not matched.
  for (const cn of cns) if (/^[*a-z0-9.-]+$/i.test(cn.trim())) add(cn);
  return [...names];
}

/** The facts kept as evidence of a certificate (computed for matching certificates only: the key hash costs). */
export function certificateFacts(cert: X509Certificate, der: Buffer) {
  const date = (s: string) => {
    const t = Date.parse(s);
    return Number.isNaN(t) ? s : new Date(t).toISOString();
  };
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return {
    fingerprint: createHash('sha256').update(der).digest('hex'),
    serial: cert.serialNumber.toLowerCase(),
    issuer: cert.issuer.split('\n').join(', '),
    subject: cert.subject.split('\n').join(', '),
    notBefore: date(cert.validFrom),
    notAfter: date(cert.validTo),
    publicKeySha256: createHash('sha256').update(spki).digest('hex'),
  };
}

/** Issuer and serial number: what a precertificate and its final certificate share. */
export const issuerSerialKey = (issuer: string, serial: string): string =>
  createHash('sha256').update(`${issuer}\u0000${serial}`).digest('hex').slice(0, 40);

export function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

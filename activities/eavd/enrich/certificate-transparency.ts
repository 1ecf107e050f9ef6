import { createHash, X509Certificate } from 'node:crypto';
import { httpCall } from '../../http/http-client';
import { getJson } from './http';

interface CrtShEntry {
  id?: number;
  issuer_name: string;
  name_value: string;
  not_before: string;
  not_after: string;
}

export interface CertificateSeen {
  notBefore: string;
  notAfter: string;
  issuer: string;
  names: string[];
  /** SHA-256 of the certificate (DER), when its PEM could be had. */
  sha256?: string;
  /** SHA-256 of its SubjectPublicKeyInfo (DER): the key, whichever certificate carries it. */
  publicKeySha256?: string;
}

/** The hashes of a PEM certificate; null when it is not one. */
export function certificateHashes(pem: string): { sha256: string; publicKeySha256: string } | null {
  try {
    const cert = new X509Certificate(pem);
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    return { sha256: createHash('sha256').update(cert.raw).digest('hex'), publicKeySha256: createHash('sha256').update(spki).digest('hex') };
  } catch {
    return null;
  }
}

/**
 * Certificate transparency search in crt.sh's JSON shape: `GET {base}/?q={domain}&output=json`; then,
 * for the newest `keysOf` certificates that have an `id`, the certificate itself (`GET {base}/?d={id}`,
 * PEM) for its hashes, which infrastructure clustering pivots on. A certificate that cannot be
 * downloaded or parsed keeps its hashes unknown: the search's facts stand without them.
 */
export class CertificateTransparency {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
    private readonly keysOf = 3,
  ) {}

  private get base(): string {
    return this.baseUrl.replace(/\/$/, '');
  }

  async certificates(domain: string): Promise<CertificateSeen[]> {
    const url = `${this.base}/?q=${encodeURIComponent(domain)}&output=json`;
    const entries = (await getJson<CrtShEntry[]>(url, this.timeoutMs)) ?? [];
    const iso = (t: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`).toISOString();
    const seen = entries
      .map((e) => ({ id: e.id, cert: { notBefore: iso(e.not_before), notAfter: iso(e.not_after), issuer: e.issuer_name, names: e.name_value.split('\n') } as CertificateSeen }))
      .sort((a, b) => b.cert.notBefore.localeCompare(a.cert.notBefore));
    await Promise.all(
      seen.slice(0, this.keysOf).map(async ({ id, cert }) => {
        if (typeof id !== 'number') return;
        const hashes = await this.hashesOf(id);
        if (hashes) Object.assign(cert, hashes);
      }),
    );
    return seen.map((s) => s.cert);
  }

  private async hashesOf(id: number): Promise<{ sha256: string; publicKeySha256: string } | null> {
    try {
      const url = `${this.base}/?d=${id}`;
      const { body } = await httpCall<string>({ system: new URL(url).host, url, timeoutMs: this.timeoutMs, headers: { accept: 'application/x-pem-file, text/plain', 'user-agent': 'capeo-eavd' }, nullOn: [404], read: 'text' });
      return body ? certificateHashes(body) : null;
    } catch {
      return null;
    }
  }
}

import { getJson } from './http';

interface CrtShEntry {
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
}

/** Certificate transparency search in crt.sh's JSON shape: `GET {base}/?q={domain}&output=json`. */
export class CertificateTransparency {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async certificates(domain: string): Promise<CertificateSeen[]> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/?q=${encodeURIComponent(domain)}&output=json`;
    const entries = (await getJson<CrtShEntry[]>(url, this.timeoutMs)) ?? [];
    const iso = (t: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`).toISOString();
    return entries
      .map((e) => ({ notBefore: iso(e.not_before), notAfter: iso(e.not_after), issuer: e.issuer_name, names: e.name_value.split('\n') }))
      .sort((a, b) => b.notBefore.localeCompare(a.notBefore));
  }
}

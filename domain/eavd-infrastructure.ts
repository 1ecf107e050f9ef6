/**
 * What a lookalike's infrastructure is made of, whoever saw it: a sweep (resolved and enriched), the
 * certificate-transparency monitor (a certificate for a lookalike name) or a newly-registered-domains
 * feed. Clustering (eavd-clusters.ts) groups domains on these facts; each source fills what it knows
 * and leaves the rest empty or undefined (unknown is never "nothing shared").
 */
export type InfrastructureSource = 'sweep' | 'ct' | 'nrd';

export interface CertificateFacts {
  /** SHA-256 of the certificate (DER), lower-case hex. */
  sha256?: string;
  /** SHA-256 of the certificate's SubjectPublicKeyInfo (DER), lower-case hex: the key, whatever certificate carries it. */
  publicKeySha256?: string;
  issuer: string;
  /** The names the certificate covers (subject alternative names), lower-case. */
  sans: string[];
}

export interface InfrastructureFacts {
  domain: string;
  source: InfrastructureSource;
  a: string[];
  aaaa: string[];
  ns: string[];
  mx: string[];
  certificates: CertificateFacts[];
  /** The registrar's name from RDAP (the entity with role registrar), when known. */
  registrar?: string | null;
  /** Registration date from RDAP, when known. */
  registeredAt?: string | null;
}

const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase().replace(/\.$/, ''));

/** The infrastructure facts of a candidate the sweep (or a match) knows. */
export function infrastructureOf(c: {
  domain: string;
  source?: InfrastructureSource;
  a: string[];
  aaaa: string[];
  ns: string[];
  mx: string[];
  certificates: Array<{ issuer: string; names?: string[]; sha256?: string; publicKeySha256?: string }>;
  registrar?: string | null;
  registeredAt: string | null;
}): InfrastructureFacts {
  return {
    domain: c.domain.toLowerCase(),
    source: c.source ?? 'sweep',
    a: [...c.a],
    aaaa: [...c.aaaa],
    ns: lower(c.ns),
    mx: lower(c.mx),
    certificates: c.certificates.map((x) => ({
      issuer: x.issuer,
      sans: lower(x.names ?? []),
      ...(x.sha256 ? { sha256: x.sha256.toLowerCase() } : {}),
      ...(x.publicKeySha256 ? { publicKeySha256: x.publicKeySha256.toLowerCase() } : {}),
    })),
    registrar: c.registrar ?? null,
    registeredAt: c.registeredAt,
  };
}

type Mergeable = {
  a: string[];
  aaaa: string[];
  ns: string[];
  mx: string[];
  certificates: Array<{ notBefore: string; issuer: string; sha256?: string }>;
};

/**
 * Two observations of one domain as one (a CT match and then a sweep): the lists are united
 * (certificates once each, by hash, else by date and issuer, newest first), every other fact is the
 * newer observation's when it knows it, else the older's.
 */
export function mergeObservations<T extends Mergeable>(older: T, newer: T): T {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])].sort();
  const certs = new Map<string, T['certificates'][number]>();
  for (const c of [...older.certificates, ...newer.certificates]) certs.set(c.sha256 ?? `${c.notBefore}|${c.issuer}`, { ...certs.get(c.sha256 ?? `${c.notBefore}|${c.issuer}`), ...c });
  const merged: Record<string, unknown> = { ...older };
  for (const [k, v] of Object.entries(newer)) if (v !== null && v !== undefined) merged[k] = v;
  return {
    ...(merged as T),
    a: union(older.a, newer.a),
    aaaa: union(older.aaaa, newer.aaaa),
    ns: union(older.ns, newer.ns),
    mx: union(older.mx, newer.mx),
    certificates: [...certs.values()].sort((x, y) => y.notBefore.localeCompare(x.notBefore)),
  };
}

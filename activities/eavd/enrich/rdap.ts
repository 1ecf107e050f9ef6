import { getJson } from './http';

interface Bootstrap {
  services: Array<[string[], string[]]>;
}
interface RdapEntity {
  roles?: string[];
  /** jCard (RFC 7095): ['vcard', [[name, params, type, value], ...]]. */
  vcardArray?: [string, Array<[string, unknown, string, unknown]>];
  publicIds?: Array<{ type: string; identifier: string }>;
  handle?: string;
}
interface RdapDomain {
  events?: Array<{ eventAction: string; eventDate: string }>;
  entities?: RdapEntity[];
}

export interface Registration {
  registeredAt: string | null;
  /** The entity with role registrar: its vCard `fn`, else its IANA id or handle. */
  registrar: string | null;
}

/** The registrar's name from a domain's RDAP entities (RFC 9083 §5.1); null when none says. */
function registrarOf(answer: RdapDomain | null): string | null {
  const entity = answer?.entities?.find((e) => Array.isArray(e.roles) && e.roles.includes('registrar'));
  if (!entity) return null;
  const fn = entity.vcardArray?.[1]?.find((p) => Array.isArray(p) && p[0] === 'fn')?.[3];
  if (typeof fn === 'string' && fn.trim()) return fn.trim();
  const ianaId = entity.publicIds?.find((p) => /iana/i.test(p.type))?.identifier;
  if (ianaId) return `IANA ${ianaId}`;
  return entity.handle?.trim() || null;
}

/** RDAP registration date and registrar: the IANA bootstrap names the registry's RDAP server for the TLD, which then answers. */
export class Rdap {
  private bootstrap?: Promise<Map<string, string>>;
  constructor(
    private readonly bootstrapUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  private servers(): Promise<Map<string, string>> {
    this.bootstrap ??= getJson<Bootstrap>(this.bootstrapUrl, this.timeoutMs).then((b) => {
      const map = new Map<string, string>();
      for (const [tlds, urls] of b?.services ?? []) for (const tld of tlds) if (urls[0]) map.set(tld.toLowerCase(), urls[0]);
      return map;
    });
    this.bootstrap.catch(() => (this.bootstrap = undefined));
    return this.bootstrap;
  }

  /** The registration date, or null when the registry does not know the domain (or has no RDAP). */
  async registeredAt(domain: string): Promise<string | null> {
    return (await this.registration(domain)).registeredAt;
  }

  /** Registration date and registrar, each null when unknown (the registry does not know the domain, has no RDAP, or does not say). */
  async registration(domain: string): Promise<Registration> {
    const none = { registeredAt: null, registrar: null };
    const labels = domain.toLowerCase().split('.');
    const servers = await this.servers();
    // The longest matching suffix: co.uk before uk.
    const tld = labels.map((_, i) => labels.slice(i).join('.')).find((suffix) => servers.has(suffix));
    if (!tld) return none;
    const base = servers.get(tld)!.replace(/\/?$/, '/');
    const answer = await getJson<RdapDomain>(`${base}domain/${encodeURIComponent(domain)}`, this.timeoutMs);
    const event = answer?.events?.find((e) => e.eventAction === 'registration');
    const at = event ? new Date(event.eventDate) : null;
    return { registeredAt: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null, registrar: registrarOf(answer) };
  }
}

import { getJson } from './http';

interface Bootstrap {
  services: Array<[string[], string[]]>;
}
interface RdapDomain {
  events?: Array<{ eventAction: string; eventDate: string }>;
}

/** RDAP registration date: the IANA bootstrap names the registry's RDAP server for the TLD, which then answers. */
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
    const labels = domain.toLowerCase().split('.');
    const servers = await this.servers();
    // The longest matching suffix: co.uk before uk.
    const tld = labels.map((_, i) => labels.slice(i).join('.')).find((suffix) => servers.has(suffix));
    if (!tld) return null;
    const base = servers.get(tld)!.replace(/\/?$/, '/');
    const answer = await getJson<RdapDomain>(`${base}domain/${encodeURIComponent(domain)}`, this.timeoutMs);
    const event = answer?.events?.find((e) => e.eventAction === 'registration');
    return event ? new Date(event.eventDate).toISOString() : null;
  }
}

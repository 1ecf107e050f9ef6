import { startContractServer, type ContractServer } from './contract-server';
import { startDnsServer, type DnsServer } from './dns-server';

const DAY = 86_400_000;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

export interface EavdFakes {
  dns: DnsServer;
  ct: ContractServer;
  rdap: ContractServer;
  /** Settings that point capeo's resolver, CT search and RDAP bootstrap at the fakes. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The outside world of an EAVD mission for example.com, on loopback: nsd serves a
 * `com` zone where only the planted lookalike examp1e.com exists (with an MX), the
 * CT fake knows a certificate issued for it two days ago, and RDAP says it was
 * registered five days ago. Every other permutation is NXDOMAIN.
 */
export async function startEavdFakes(): Promise<EavdFakes> {
  const dns = await startDnsServer({
    com: [
      '$TTL 300',
      '@ IN SOA ns.capeo.test. hostmaster.capeo.test. 1 3600 600 86400 300',
      '@ IN NS ns.capeo.test.',
      'examp1e IN A 203.0.113.66',
      'examp1e IN MX 10 mail.examp1e.com.',
      'mail.examp1e IN A 203.0.113.67',
    ].join('\n'),
  });
  const ct = await startContractServer({
    'GET /?q=examp1e.com&output=json': {
      status: 200,
      body: [{ issuer_name: "C=US, O=Let's Encrypt, CN=R11", name_value: 'examp1e.com', not_before: iso(2 * DAY).slice(0, 19), not_after: iso(-88 * DAY).slice(0, 19), id: 9 }],
    },
  });
  const rdap = await startContractServer({
    'GET /domain/examp1e.com': { status: 200, body: { events: [{ eventAction: 'registration', eventDate: iso(5 * DAY) }] } },
  });
  const bootstrap: ContractServer = await startContractServer({ 'GET /dns.json': { status: 200, body: { services: [[['com'], [`${rdap.baseUrl}/`]]] } } });
  return {
    dns,
    ct,
    rdap,
    env: { CAPEO_DNS_SERVERS: dns.address, CAPEO_CT_URL: ct.baseUrl, CAPEO_RDAP_BOOTSTRAP_URL: `${bootstrap.baseUrl}/dns.json` },
    async stop() {
      await Promise.all([dns.stop(), ct.close(), rdap.close(), bootstrap.close()]);
    },
  };
}

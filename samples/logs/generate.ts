import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Regenerates the sample log lake (deterministic): `npx tsx samples/logs/generate.ts`.
 * DNS, proxy and mail logs from 2026-11-01 to 2026-11-20 with lookalike-domain
 * traffic among normal traffic; the EDR source stops on 2026-11-05 (a visibility gap).
 */
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const start = Date.UTC(2026, 10, 1);
const end = Date.UTC(2026, 10, 20, 23, 0);
const at = (i: number, n: number, until = end) => new Date(start + Math.floor(((until - start) * i) / n + rnd() * 60_000)).toISOString();

const normal = ['example.com', 'www.example.com', 'mail.example.com', 'github.com', 'office.com', 'slack.com', 'cdn.jsdelivr.net'];
const lookalikes = ['examp1e-login.com', 'example-secure-login.com', 'exampie.com'];
const clients = ['10.0.0.11', '10.0.0.12', '10.0.0.23', '10.0.1.7'];
const dir = __dirname;

const dns = Array.from({ length: 200 }, (_, i) => {
  const query = i % 17 === 5 ? pick(lookalikes) : pick(normal);
  return { ts: at(i, 200), client_ip: pick(clients), query, qtype: pick(['A', 'AAAA', 'MX']), answer: query.startsWith('exam') && query !== 'example.com' ? '203.0.113.66' : '192.0.2.10' };
});
writeFileSync(join(dir, 'dns.ndjson'), dns.map((r) => JSON.stringify(r)).join('\n') + '\n');

const users = ['alice', 'bob', 'carol', 'dave'];
const proxy = Array.from({ length: 120 }, (_, i) => {
  const host = i % 23 === 7 ? pick(lookalikes) : pick(normal);
  return [at(i, 120), pick(users), `https://${host}/${i % 23 === 7 ? 'login' : 'index.html'}`, host, pick([200, 200, 200, 304, 404]), Math.floor(rnd() * 50_000)];
});
writeFileSync(join(dir, 'proxy.csv'), ['ts,user,url,host,status,bytes', ...proxy.map((r) => r.join(','))].join('\n') + '\n');

const mail = Array.from({ length: 80 }, (_, i) => {
  const bad = i % 13 === 3;
  const domain = bad ? pick(lookalikes) : pick(['partner.example.net', 'example.com', 'vendor.example.org']);
  return { ts: at(i, 80), sender: `${bad ? 'security' : pick(users)}@${domain}`, sender_domain: domain, recipient: `${pick(users)}@example.com`, subject: bad ? 'Verify your account now' : 'Weekly update', verdict: bad ? 'delivered' : 'clean' };
});
writeFileSync(join(dir, 'mail.ndjson'), mail.map((r) => JSON.stringify(r)).join('\n') + '\n');

const edrUntil = Date.UTC(2026, 10, 5);
const edr = Array.from({ length: 40 }, (_, i) => ({ ts: at(i, 40, edrUntil), host: pick(['ws-01', 'ws-02', 'srv-db']), event: pick(['process_start', 'network_connect']), image: pick(['chrome.exe', 'outlook.exe', 'svchost.exe']) }));
writeFileSync(join(dir, 'edr.ndjson'), edr.map((r) => JSON.stringify(r)).join('\n') + '\n');

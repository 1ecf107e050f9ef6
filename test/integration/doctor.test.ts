import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { runDoctor, type DoctorLine } from '../../worker/doctor';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { startDnsServer, type DnsServer } from '../support/dns-server';
import { testEnv } from '../support/temporal';

let dns: DnsServer;
let web: ContractServer;
beforeAll(async () => {
  dns = await startDnsServer({ test: '$TTL 60\n@ SOA ns.test. h.test. 1 3600 600 86400 60\n@ NS ns.test.\n' });
  web = await startContractServer({ 'GET /': { status: 200, body: {} }, 'GET /dns.json': { status: 200, body: { services: [] } } });
});
afterAll(async () => {
  await dns?.stop();
  await web?.close();
});

const line = (lines: DoctorLine[], part: string) => lines.filter((l) => l.part === part);

test('a healthy embedded setup: every part checked and fine', async () => {
  const dir = mkdtempSync(join(testEnv().dir, 'doctor-'));
  const logs = join(dir, 'logs');
  const intel = join(dir, 'intel');
  for (const d of [logs, intel]) mkdirSync(d);
  writeFileSync(join(logs, 'dns.ndjson'), '{"ts":"2026-11-23T00:00:00Z","query":"example.com"}\n');
  writeFileSync(join(intel, 'bundle.json'), JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [] }));
  const lines = await runDoctor(
    loadConfig({
      TEMPORAL_ADDRESS: testEnv().address,
      CAPEO_DATA_DIR: join(dir, 'data'),
      CAPEO_LOG_DIR: logs,
      CAPEO_INTEL_DIR: intel,
      CAPEO_DNS_SERVERS: dns.address,
      CAPEO_CT_URL: web.baseUrl,
      CAPEO_RDAP_BOOTSTRAP_URL: `${web.baseUrl}/dns.json`,
    }),
  );
  expect(lines.filter((l) => !l.ok)).toEqual([]);
  expect(lines.map((l) => l.part).sort()).toEqual(['chat', 'ct', 'dns', 'notify', 'rdap', 'siem', 'temporal', 'ticketing', 'tip']);
  expect(line(lines, 'siem')[0]!.detail).toContain('1 log sources');
  expect(line(lines, 'temporal')[0]!.detail).toContain('namespace default reachable');
});

test('says what is wrong: unreachable Temporal, resolvers and endpoints; missing settings; empty log folder', async () => {
  const dir = mkdtempSync(join(testEnv().dir, 'doctor-'));
  const lines = await runDoctor(
    loadConfig({
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      CAPEO_DATA_DIR: join(dir, 'data'),
      CAPEO_LOG_DIR: dir,
      CAPEO_DNS_SERVERS: '127.0.0.1:1',
      CAPEO_DNS_TIMEOUT_MS: '300',
      CAPEO_CT_URL: 'http://127.0.0.1:1',
      CAPEO_RDAP_BOOTSTRAP_URL: 'http://127.0.0.1:1/dns.json',
      CAPEO_TICKETING: 'jira',
    }),
  );
  const failing = Object.fromEntries(lines.filter((l) => !l.ok).map((l) => [l.part, l.detail]));
  expect(Object.keys(failing).sort()).toEqual(['ct', 'dns', 'rdap', 'siem', 'temporal', 'ticketing']);
  expect(failing.ticketing).toBe('CAPEO_TICKETING=jira needs CAPEO_JIRA_URL, CAPEO_JIRA_EMAIL, CAPEO_JIRA_API_TOKEN, CAPEO_JIRA_PROJECT');
  expect(failing.siem).toMatch(/^no log files/);
  expect(failing.temporal).toMatch(/^cannot reach namespace default/);
  expect(failing.dns).toMatch(/no answer/);
  expect(failing.ct).toMatch(/^ct: unreachable/);
}, 30_000);

test('checks SaaS credentials without writing anything: a refused Jira token and a valid Slack bot are told apart', async () => {
  const saas = await startContractServer({
    'GET /rest/api/3/myself': { status: 401, body: { errorMessages: ['Client must be authenticated'] } },
    'POST /api/auth.test': { status: 200, body: { ok: true, user: 'capeo', team: 'Acme SOC', team_id: 'T1', user_id: 'U1' } },
  });
  try {
    const dir = mkdtempSync(join(testEnv().dir, 'doctor-'));
    const lines = await runDoctor(
      loadConfig({
        CAPEO_DATA_DIR: join(dir, 'data'),
        CAPEO_TICKETING: 'jira',
        CAPEO_JIRA_URL: saas.baseUrl,
        CAPEO_JIRA_EMAIL: 'bot@acme.test',
        CAPEO_JIRA_API_TOKEN: 'jira-token-value',
        CAPEO_JIRA_PROJECT: 'HUNT',
        CAPEO_CHAT: 'slack',
        CAPEO_SLACK_API_URL: `${saas.baseUrl}/api`,
        CAPEO_SLACK_BOT_TOKEN: 'xoxb-slack-token-value',
        CAPEO_DNS_SERVERS: dns.address,
        CAPEO_CT_URL: web.baseUrl,
        CAPEO_RDAP_BOOTSTRAP_URL: `${web.baseUrl}/dns.json`,
      }),
    );
    const [jira] = line(lines, 'ticketing');
    expect(jira).toMatchObject({ ok: false });
    expect(jira!.detail).toMatch(/401/);
    expect(line(lines, 'chat')[0]).toMatchObject({ ok: true });
    expect(JSON.stringify(lines)).not.toMatch(/jira-token-value|xoxb-slack-token-value/);
    const writes = saas.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/auth.test'));
    expect(writes).toEqual([]);
  } finally {
    await saas.close();
  }
});

test('newly-registered-domain feeds: a URL that answers, a file that is there, and what is wrong with the others, never a token', async () => {
  const dir = mkdtempSync(join(testEnv().dir, 'doctor-'));
  writeFileSync(join(dir, 'nrd.txt'), 'example.com\n');
  const feeds = await startContractServer({ 'GET /nrd.txt?token=s3cret': { status: 200, body: 'example.com\n' } });
  const lines = await runDoctor(
    loadConfig({
      CAPEO_DATA_DIR: join(dir, 'data'),
      CAPEO_DNS_SERVERS: dns.address,
      CAPEO_CT_URL: web.baseUrl,
      CAPEO_RDAP_BOOTSTRAP_URL: `${web.baseUrl}/dns.json`,
      CAPEO_NRD_FEEDS: [`${feeds.baseUrl}/nrd.txt?token=s3cret`, 'http://127.0.0.1:1/nrd.txt?token=s3cret', join(dir, 'nrd.txt'), join(dir, 'none.txt'), dir].join(','),
    }),
  ).finally(() => feeds.close());
  const nrd = line(lines, 'nrd').map((l) => [l.subject, l.ok, l.detail]);
  expect(nrd.slice(0, 1)).toEqual([[`${feeds.baseUrl}/nrd.txt`, true, 'reachable']]);
  expect(nrd[1]!.slice(0, 2)).toEqual(['http://127.0.0.1:1/nrd.txt', false]);
  expect(nrd.slice(2)).toEqual([
    [join(dir, 'nrd.txt'), true, 'readable'],
    [join(dir, 'none.txt'), false, 'ENOENT'],
    [dir, false, 'not a file'],
  ]);
  expect(JSON.stringify(lines)).not.toContain('s3cret');
});

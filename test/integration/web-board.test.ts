import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { as, buildTestApp } from '../support/api';
import { missionHarness, type TestWorker } from '../support/temporal';
import { endMission, hunter, hunter2, lead, manager, platform } from '../support/walk';

/**
 * The web board in a real browser (Debian's chromium, driven by playwright-core) against the API on
 * loopback, a real Temporal server and the real mission store: the README's mission walked by four
 * people (a hunt manager, the lead, two hunters), each in a browser context of their own, while a
 * fifth context keeps the board open and sees the card move without a reload.
 */
const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CAPEO_CHROMIUM ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** `CAPEO_WRITE_SCREENSHOTS=1` (npm run screenshots) writes the README's screenshots to docs/screenshots. */
const SHOTS = process.env.CAPEO_WRITE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;

let tw: TestWorker;
let api: FastifyInstance;
let base: string;
let browser: Browser;
let missionId: string | undefined;

beforeAll(async () => {
  const h = await missionHarness();
  tw = h.tw;
  api = await buildTestApp(tw, [platform, manager, lead, hunter, hunter2], 0, undefined, join(h.dataDir, 'artifacts'));
  base = await api.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}, 120_000);
afterAll(async () => {
  if (missionId) await endMission(tw, missionId).catch(() => undefined);
  await browser?.close();
  await api?.close();
  await tw?.close();
}, 60_000);

const keyOf = (a: typeof manager) => as(a).authorization!.slice('Bearer '.length);

/** A browser context of its own (its own session storage), signed in with the person's key. */
async function signedIn(a: typeof manager, path = '/ui'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}${path}`);
  await page.fill('#api-key', keyOf(a));
  await page.click('button:has-text("Sign in")');
  await page.waitForSelector(`text=${a.id} (${a.role})`);
  return page;
}

/** axe-core's serious and critical violations on the page as it stands. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate('axe.run(document)')) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function approve(page: Page, gate: string): Promise<void> {
  const button = page.locator(`button:has-text("Approve ${gate}"):enabled`);
  // A click the page moved away from (a section above re-rendering as the mission changes) is clicked again.
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && (await page.locator(`button:has-text("Approve ${gate}")`).count()) === 0) break;
    await button.waitFor();
    const answered = page.waitForResponse((r) => r.url().endsWith(`/gates/${gate}/decision`), { timeout: 15_000 });
    await button.click();
    const res = await answered.catch(() => undefined);
    if (res) {
      if (res.status() !== 200) throw new Error(`gate ${gate}: ${res.status()} ${await res.text()}`);
      break;
    }
    if (attempt >= 3) throw new Error(`gate ${gate}: the approval was clicked ${attempt} times and never sent`);
  }
  // Decided: the buttons go (the next gate's come when its phase's work is done).
  await page.locator(`button:has-text("Approve ${gate}")`).waitFor({ state: 'detached', timeout: 20_000 }).catch(async (err) => {
    throw new Error(`${(err as Error).message}\n${await page.textContent('main')}`);
  });
}

const record = (page: Page, item: string) => page.click(`[data-form="item-${item}"] button[type=submit]`);

test('the README mission in the browser: four people, a refused gate, forms, squad, an escalated finding, the report; the board follows live', async () => {
  // The sign-in page, before anyone is signed in.
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`${base}/`);
  await anonymous.waitForSelector('#api-key');
  expect(await accessibilityProblems(anonymous)).toEqual([]);
  const headers = (await anonymous.request.get(`${base}/ui`)).headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');

  // The hunt manager starts the mission from the board's form.
  const ann = await signedIn(manager, '/ui/start');
  await ann.selectOption('#start-type', 'EAVD');
  await ann.fill('#start-codeName', 'Browser Barracuda');
  await ann.fill('#start-topic', 'Lookalike domains phishing our customers');
  await ann.selectOption('#start-trigger', 'intel');
  await ann.fill('#start-keywords', 'lookalike');
  await ann.fill('#start-stakeholders', 'fraud-team');
  await ann.fill('#start-audience', 'security-newsletter@example.org');
  await ann.click('button:has-text("Start mission")');
  await ann.waitForURL(/\/ui\/missions\/mission-EAVD\d+-1$/);
  const id = decodeURIComponent(new URL(ann.url()).pathname.split('/').pop()!);
  missionId = id;

  // A second context keeps the board open; a marker in its window tells a reload from a live update.
  const board = await signedIn(manager, '/ui');
  const card = board.locator(`[data-mission="${id}"]`);
  await card.waitFor();
  await board.evaluate('window.marker = 42');

  // Collect: the gate opens once intel is in and the stakeholders are told; the manager approves.
  await approve(ann, 'collect');
  await board.locator(`[data-phase="analyze"] [data-mission="${id}"]`).waitFor();
  expect(await board.evaluate('window.marker')).toBe(42);

  // Analyze: approval would be refused, and the page says what is missing before any click.
  await ann.waitForSelector('text=Approval would be refused');
  for (const item of ['analyze.initial-research', 'analyze.feasibility', 'analyze.owners', 'analyze.team-engagement']) await ann.waitForSelector(`.missing li:has-text("${item}")`);
  expect(await ann.isDisabled('button:has-text("Approve analyze")')).toBe(true);
  expect(await ann.textContent('#approve-why')).toContain('approval needs: analyze.initial-research');
  expect(await accessibilityProblems(ann)).toEqual([]);
  await ann.fill('#lead-lead', lead.id);
  await ann.click('button:has-text("Designate lead")');
  await ann.waitForSelector(`text=The lead is ${lead.id}`);

  const lucas = await signedIn(lead, `/ui/missions/${id}`);
  // The manager is no longer who decides: the buttons say why.
  await ann.waitForSelector(`#approve-why:has-text("only the mission lead (${lead.id}) may")`);
  await lucas.fill('#invite-hunters', `${hunter.id}\n${hunter2.id}`);
  await lucas.click('button:has-text("Invite hunters")');
  const hana = await signedIn(hunter, `/ui/missions/${id}`);
  const hugo = await signedIn(hunter2, `/ui/missions/${id}`);
  for (const p of [hana, hugo]) await p.click('button:has-text("Accept the invitation")');
  await lucas.waitForSelector(`text=${hunter2.id}: accepted`);

  // A payload that breaks the schema is refused at the field, before it is sent.
  await hana.fill('#item-initial-research-references-0-title', 'dnstwist');
  await hana.fill('#item-initial-research-references-0-link', 'not a link');
  await hana.selectOption('#item-initial-research-references-0-kind', 'code');
  await record(hana, 'initial-research');
  await hana.waitForSelector('#item-initial-research-references-0-link-err');
  await hana.fill('#item-initial-research-references-0-link', 'https://github.com/elceef/dnstwist');
  await record(hana, 'initial-research');
  await hana.waitForSelector('[data-item="initial-research"] .ok:has-text("done by hana.hunter")');

  for (const [field, value] of Object.entries({ dataAvailability: '4', informationQuality: '3', skillsets: '4', resourceConstraints: '3', timelines: '4' })) {
    await lucas.fill(`#item-feasibility-${field}`, value);
  }
  await lucas.check('#item-feasibility-crownJewelsImpacted');
  await lucas.check('#item-feasibility-emergentThreat');
  await record(lucas, 'feasibility');
  await hugo.fill('#item-owners-owners-0-name', 'Web team');
  await hugo.fill('#item-owners-owners-0-contact', 'web@example.org');
  await hugo.selectOption('#item-owners-owners-0-kind', 'technical');
  await record(hugo, 'owners');
  await lucas.fill('#item-team-engagement-statement', 'No other team needed');
  await record(lucas, 'team-engagement');
  await approve(lucas, 'analyze');

  // Plan: allocation and objectives; the channel and the action plan are capeo's own steps.
  await lucas.fill('#allocation-allocation-totalHuntHours', '40');
  await lucas.fill('#allocation-allocation-executionPhaseHours', '30');
  await lucas.click('button:has-text("Set allocation")');
  await lucas.fill('#item-objectives-objectives', 'lookalike domains with MX records');
  await record(lucas, 'objectives');
  await approve(lucas, 'plan');
  await board.locator(`[data-phase="execute"] [data-mission="${id}"]`).waitFor();

  // Execute: data sources, a hunt query, and a finding whose title and domain are hunter-supplied text.
  await hana.fill('#item-data-sources-sources-0-name', 'dns');
  await hana.fill('#item-data-sources-sources-0-location', 'samples/logs/dns.ndjson');
  await hana.fill('#item-data-sources-sources-0-model', 'DNS query log');
  await record(hana, 'data-sources');
  await hana.click('summary:has-text("Run a hunt query")');
  await hana.fill('#query-title', 'Lookups of lookalikes');
  await hana.fill('#query-query', "select query, count(*) as n from dns where query like '%examp1e%' group by query");
  await hana.fill('#query-from', '2026-11-01T00:00:00Z');
  await hana.fill('#query-to', '2026-11-21T00:00:00Z');
  await hana.click('button:has-text("Run query")');
  await hana.waitForSelector('text=/Lookups of lookalikes — [1-9]\\d* rows/');

  const title = '<script>window.pwned=1</script> <img src=x onerror="window.pwned=2"> examp1e-login.com has MX';
  await hana.click('summary:has-text("Record a finding")');
  await hana.selectOption('#finding-category', 'suspicious-security-event');
  await hana.fill('#finding-title', title);
  await hana.selectOption('#finding-severity', 'high');
  await hana.click('[data-form="finding"] button:has-text("Add to observables")');
  await hana.selectOption('#finding-observables-0-type', 'domain');
  await hana.fill('#finding-observables-0-value', 'xn--exmple-cua.com');
  await hana.click('button:has-text("Record finding")');
  const row = hana.locator('table.findings tbody tr', { hasText: 'examp1e-login.com' });
  await row.locator('td', { hasText: /^escalated$/ }).waitFor();
  // Shown as text: the title as typed, no script run; the IDN domain as Unicode and as punycode.
  expect(await row.locator('td.title').textContent()).toBe(title);
  expect(await row.locator('td.title script, td.title img').count()).toBe(0);
  expect(await hana.evaluate('window.pwned')).toBeUndefined();
  expect(await row.locator('.observable').textContent()).toBe('domain: exämple.com (xn--exmple-cua.com)');
  await hana.waitForSelector('text=No side effect has failed.');
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await hana.screenshot({ path: join(SHOTS, 'mission.png'), fullPage: true });
    await board.screenshot({ path: join(SHOTS, 'board.png') });
  }
  expect(await accessibilityProblems(board)).toEqual([]);
  await approve(lucas, 'execute');

  // Outcomes: the lead releases the report and reads it; the last gate completes the mission.
  await lucas.click('button:has-text("Release the report")');
  const report = lucas.frameLocator('iframe.report');
  await report.locator('h1', { hasText: 'Threat Hunt Report' }).waitFor();
  expect(await report.locator('body').textContent()).toContain('Browser Barracuda');
  await approve(lucas, 'outcomes');
  await lucas.waitForSelector('text=Completed · phase outcomes');
  // The board drops the completed mission from the active columns, still without a reload.
  await card.waitFor({ state: 'detached' });
  expect(await board.evaluate('window.marker')).toBe(42);
  missionId = undefined;
}, 600_000);

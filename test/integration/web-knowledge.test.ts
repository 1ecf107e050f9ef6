import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { as, buildTestApp } from '../support/api';
import { missionHarness, type TestWorker } from '../support/temporal';
import { endMission, hunter, manager } from '../support/walk';

/**
 * The hunt backlog and the program page in a real browser: a hunter proposes a topic with the form
 * the proposal schema generates, a hunt manager sees it ranked and starts it as a mission, whose page
 * links back to the entry and shows its ATT&CK coverage; the program page counts the mission.
 */
const CHROMIUM = process.env.CAPEO_CHROMIUM ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let tw: TestWorker;
let api: FastifyInstance;
let base: string;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const h = await missionHarness();
  tw = h.tw;
  api = await buildTestApp(tw, [manager, hunter], 0, undefined, join(h.dataDir, 'artifacts'));
  base = await api.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}, 120_000);
afterAll(async () => {
  for (const id of started) await endMission(tw, id).catch(() => undefined);
  await browser?.close();
  await api?.close();
  await tw?.close();
}, 60_000);

async function signedIn(a: typeof manager, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}${path}`);
  await page.fill('#api-key', as(a).authorization!.slice('Bearer '.length));
  await page.click('button:has-text("Sign in")');
  await page.waitForSelector(`text=${a.id} (${a.role})`);
  return page;
}

async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate('axe.run(document)')) as { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('propose in the backlog, start it as a manager, follow the mission back to its entry, count it on the program page', async () => {
  const topic = `Certificates for lookalikes before campaigns ${process.pid}`;
  const hana = await signedIn(hunter, '/ui/backlog');
  await hana.fill('#propose-topic', topic);
  await hana.selectOption('#propose-trigger', 'intel');
  await hana.fill('#propose-motivation', 'A sector report: lookalikes got certificates days before each campaign');
  await hana.selectOption('#propose-huntType', 'hypothesis-driven');
  for (const [field, value] of [['dataAvailability', '5'], ['informationQuality', '4'], ['skillsets', '4'], ['resourceConstraints', '4'], ['timelines', '4']] as const) {
    await hana.fill(`#propose-feasibility-${field}`, value);
  }
  await hana.check('#propose-feasibility-emergentThreat');
  await hana.click('[data-form="propose"] button[type=submit]');
  await hana.waitForSelector(`text=${topic}`);
  expect(await accessibilityProblems(hana)).toEqual([]);
  // A hunter is not offered the start.
  expect(await hana.locator('button:has-text("Start mission")').count()).toBe(0);

  const maria = await signedIn(manager, '/ui/backlog');
  const row = maria.locator('tr', { hasText: topic });
  await row.waitFor();
  const entryId = await row.getAttribute('data-entry');
  await row.locator('input').fill('Backlog Browser');
  await row.locator('button:has-text("Start mission")').click();
  await maria.waitForURL(/\/ui\/missions\/mission-/);
  const missionId = decodeURIComponent(maria.url().split('/ui/missions/')[1]!);
  started.push(missionId);
  await maria.waitForSelector(`[data-fact="origin"]:has-text("${entryId}")`);
  expect(await maria.textContent('.mission-head')).toMatch(/hypothesis-driven hunt/);
  await maria.waitForSelector('#attack-h');
  await maria.waitForSelector('text=Download the Navigator layer');
  expect(await accessibilityProblems(maria)).toEqual([]);

  await maria.goto(`${base}/ui/program`);
  await maria.waitForSelector('[data-fact="missions"]');
  expect(Number(await maria.textContent('[data-fact="missions"]'))).toBeGreaterThanOrEqual(1);
  expect(await accessibilityProblems(maria)).toEqual([]);
  // The entry is started: it left the proposed list and links to its mission.
  await maria.goto(`${base}/ui/backlog`);
  await maria.waitForSelector(`section[aria-labelledby="backlog-closed-h"] a[href$="${encodeURIComponent(missionId)}"]`);
}, 240_000);

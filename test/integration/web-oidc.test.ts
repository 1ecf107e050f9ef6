import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { app, FASTIFY_OPTIONS } from '../../api/app';
import { createAuthenticators, webSettings } from '../../api/server';
import { MissionService } from '../../api/services/missions';
import { loadConfig } from '../../config';
import { freePort } from '../../scripts/dev-server';
import { startTestWorker, realActivities, type TestWorker } from '../support/temporal';

/**
 * The web board's single sign-on against a real OpenID Provider on loopback (panva's oidc-provider,
 * test/support/oidc-provider.mjs): authorization code with PKCE from the browser, the provider's
 * login and consent pages, the code exchanged by the board, the access token verified by the API
 * (issuer, audience, signature from the provider's JWKS) with the role from its claim.
 */
const CHROMIUM = process.env.CAPEO_CHROMIUM ?? '/usr/bin/chromium';

let tw: TestWorker;
let api: FastifyInstance;
let base: string;
let provider: ChildProcess;
let browser: Browser;
let issuer: string;

beforeAll(async () => {
  const [apiPort, idpPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${apiPort}`;
  provider = spawn(process.execPath, [join(__dirname, '..', 'support', 'oidc-provider.mjs')], {
    env: { ...process.env, PORT: String(idpPort), REDIRECT_URI: `${base}/ui/callback`, ROLES: JSON.stringify({ 'olivia.oidc': 'manager' }) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  issuer = await new Promise<string>((resolve, reject) => {
    provider.stdout!.on('data', (d: Buffer) => {
      const m = /oidc provider ready (\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    provider.once('exit', (code) => reject(new Error(`the OpenID Provider exited (${code})`)));
  });
  const config = loadConfig({
    CAPEO_DATA_DIR: mkdtempSync(join(tmpdir(), 'capeo-web-oidc-')),
    CAPEO_OIDC_ISSUER: issuer,
    CAPEO_OIDC_AUDIENCE: 'capeo',
    CAPEO_OIDC_JWKS_URL: `${issuer}/jwks`,
    CAPEO_OIDC_CLIENT_ID: 'capeo-web',
  });
  tw = await startTestWorker(realActivities().activities);
  api = Fastify({ ...FASTIFY_OPTIONS, logger: false });
  const { auth } = await createAuthenticators(config, tw.store, pino({ level: 'silent' }));
  await api.register(app, { missions: new MissionService(tw.client, tw.store, tw.taskQueue), auth, web: webSettings(config) });
  await api.listen({ host: '127.0.0.1', port: apiPort });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await tw?.close();
  provider?.kill();
});

test('single sign-on: authorization code with PKCE at a real provider, back to the page asked for, signed in with the role of the token', async () => {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(30_000);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}/ui/ops`);
  expect((await page.request.get(`${base}/ui`)).headers()['content-security-policy']).toContain(`connect-src 'self' ${issuer}`);
  await page.click('button:has-text("Sign in with single sign-on")');

  // The provider's own pages: its login form, then its consent.
  await page.waitForURL(new RegExp(`^${issuer}/`)).catch(async (err) => {
    throw new Error(`${(err as Error).message}\n${await page.textContent('body')}`);
  });
  const authorize = new URL(requests.find((u) => u.startsWith(`${issuer}/auth?`))!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(authorize.searchParams.get('client_id')).toBe('capeo-web');
  await page.fill('input[name="login"]', 'olivia.oidc');
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.click('button[type="submit"]:has-text("Continue")');

  // Back on the board, on the page first asked for, as the token's identity and role.
  await page.waitForSelector('text=olivia.oidc (manager)');
  expect(new URL(page.url()).pathname).toBe('/ui/ops');
  await page.waitForSelector('h1:has-text("Ops")');
  // The code never stays in the address bar or history; the token is not in a URL either.
  expect(page.url()).not.toContain('code=');
  const token = (await page.evaluate("sessionStorage.getItem('capeo.key')")) as string;
  expect(token.split('.')).toHaveLength(3);
  expect(requests.some((u) => u.includes(token))).toBe(false);
  // The API takes it like any bearer token, with the role the provider put in it.
  const me = await fetch(`${base}/identity`, { headers: { authorization: `Bearer ${token}` } });
  expect(await me.json()).toEqual({ id: 'olivia.oidc', role: 'manager' });

  // A callback that this tab did not start (a forged or replayed one) is refused, with nothing signed in.
  const other = await (await browser.newContext()).newPage();
  await other.goto(`${base}/ui/callback?code=stolen&state=forged`);
  await other.waitForSelector('text=state mismatch');
  expect(await other.evaluate("sessionStorage.getItem('capeo.key')")).toBeNull();
}, 180_000);

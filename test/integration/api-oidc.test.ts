import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { app } from '../../api/app';
import pino from 'pino';
import { createAuthenticators } from '../../api/server';
import { MissionService } from '../../api/services/missions';
import { loadConfig } from '../../config';
import { realActivities, startTestWorker, type TestWorker } from '../support/temporal';

let tw: TestWorker;
let api: FastifyInstance;
let jwks: Server;
let sign: (claims: Record<string, unknown>, opts?: { audience?: string; expiresIn?: string }) => Promise<string>;
const issuer = 'https://idp.example.org/';

beforeAll(async () => {
  // A real JWKS endpoint on loopback, serving the public half of a key pair the test signs with.
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
  sign = (claims, opts = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(opts.audience ?? 'capeo')
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '5m')
      .sign(privateKey);

  const config = loadConfig({
    CAPEO_DATA_DIR: mkdtempSync(join(tmpdir(), 'capeo-oidc-')),
    CAPEO_OIDC_ISSUER: issuer,
    CAPEO_OIDC_AUDIENCE: 'capeo',
    CAPEO_OIDC_JWKS_URL: jwksUrl,
    CAPEO_OIDC_ROLE_CLAIM: 'roles',
  });
  tw = await startTestWorker(realActivities().activities);
  api = Fastify({ logger: false });
  const { auth } = await createAuthenticators(config, tw.store, pino({ level: 'silent' }));
  await api.register(app, { missions: new MissionService(tw.client, tw.store, tw.taskQueue), auth });
  await api.ready();
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
  jwks?.close();
});

const call = async (token: string) => api.inject({ url: '/missions', headers: { authorization: `Bearer ${token}` } });

test('a valid OIDC token is accepted, with the role from its claim', async () => {
  expect((await call(await sign({ sub: 'vera', roles: ['viewer'] }))).statusCode).toBe(200);
  const start = await api.inject({
    method: 'POST',
    url: '/missions',
    headers: { authorization: `Bearer ${await sign({ sub: 'vera', roles: ['viewer'] })}` },
    payload: { type: 'EAVD', codeName: 'Oidc Owl', topic: 'lookalikes' },
  });
  expect(start.statusCode).toBe(403);
});

test('wrong audience, expired, foreign signature or no role: 401', async () => {
  expect((await call(await sign({ sub: 'vera', roles: ['viewer'] }, { audience: 'other' }))).statusCode).toBe(401);
  expect((await call(await sign({ sub: 'vera', roles: ['viewer'] }, { expiresIn: '-1m' }))).statusCode).toBe(401);
  expect((await call(await sign({ sub: 'vera', roles: ['superuser'] }))).statusCode).toBe(401);
  const { privateKey: other } = await generateKeyPair('RS256');
  const forged = await new SignJWT({ sub: 'mallory', roles: ['admin'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience('capeo').setExpirationTime('5m').sign(other);
  expect((await call(forged)).statusCode).toBe(401);
});

test('OIDC subjects and API key names are one namespace: a token cannot act as a key owner', async () => {
  const name = `kim-${Date.now()}`;
  await tw.store.identities.createKey(name, 'lead');
  const asKeyOwner = await call(await sign({ sub: name, roles: ['lead'] }));
  expect(asKeyOwner.statusCode).toBe(401);
  expect(asKeyOwner.json().detail).toMatch(/identity of an API key/);
  // An OIDC user who came first keeps the name: no key can be made for it.
  const sub = `noor-${Date.now()}`;
  expect((await call(await sign({ sub, roles: ['viewer'] }))).statusCode).toBe(200);
  await expect(tw.store.identities.createKey(sub, 'admin')).rejects.toThrow(/OIDC user/);
});

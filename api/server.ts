import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { temporalConnectionOptions } from '../config/temporal';
import { ROLES, type Role } from '../domain/identity';
import type { MissionStore } from '../store';
import { IdentityTakenError } from '../store/identities';
import { app, FASTIFY_OPTIONS } from './app';
import type { WebSettings } from './web';
import { OidcVerifier } from './auth/oidc';
import type { Authenticators } from './identity';
import { purgeExpiredKeys } from './idempotency';
import { MissionService } from './services/missions';

export interface RunningApi {
  url: string;
  /** An admin key generated at first start (embedded mode), to print once. */
  generatedAdminKey?: string;
  fastify: FastifyInstance;
  stop(): Promise<void>;
}

/**
 * Keys of an API key file (earlier capeo kept them there, hashed): taken into the store once, then the
 * file is renamed `.imported`. The hash is what both keep, so the keys go on working.
 */
async function importKeyFile(store: MissionStore, file: string, log: Logger): Promise<void> {
  if (!existsSync(file)) return;
  const keys = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; name: string; role: Role; sha256: string }>;
  let imported = 0;
  for (const k of keys) {
    if (!ROLES.includes(k.role) || !/^[0-9a-f]{64}$/.test(k.sha256)) continue;
    const taken = await store.db.query(`select 1 from api_keys where name = $1 or sha256 = $2`, [k.name, k.sha256]);
    if (taken.rowCount) continue;
    await store.db.query(`insert into identities (id, kind) values ($1, 'api-key') on conflict do nothing`, [k.name]);
    await store.db.query(`insert into api_keys (key_id, name, role, sha256) values ($1, $2, $3, $4) on conflict do nothing`, [k.id, k.name, k.role, k.sha256]);
    imported++;
  }
  renameSync(file, `${file}.imported`);
  log.info({ imported, of: keys.length }, 'API keys imported from the key file into the mission store');
}

/** API keys from the store (and the bootstrap admin key), and OIDC when configured. */
export async function createAuthenticators(config: Config, store: MissionStore, log: Logger, generateAdminKey = false): Promise<{ auth: Authenticators; generatedAdminKey?: string }> {
  await importKeyFile(store, config.CAPEO_API_KEYS_FILE ?? join(config.CAPEO_DATA_DIR, 'api-keys.json'), log);
  const identities = store.identities;
  if (config.CAPEO_BOOTSTRAP_ADMIN_KEY) {
    try {
      await identities.createKey('bootstrap-admin', 'admin', config.CAPEO_BOOTSTRAP_ADMIN_KEY);
    } catch (err) {
      if (!(err instanceof IdentityTakenError)) throw err;
      log.warn('CAPEO_BOOTSTRAP_ADMIN_KEY is not the key of bootstrap-admin in the store: it is not accepted');
    }
  }
  const generatedAdminKey = generateAdminKey && (await identities.count()) === 0 ? (await identities.createKey('admin', 'admin')).key : undefined;
  const { CAPEO_OIDC_ISSUER: issuer, CAPEO_OIDC_AUDIENCE: audience, CAPEO_OIDC_JWKS_URL: jwksUrl } = config;
  const oidc =
    issuer && audience && jwksUrl
      ? new OidcVerifier({ issuer, audience, jwksUrl, roleClaim: config.CAPEO_OIDC_ROLE_CLAIM, subjectClaim: config.CAPEO_OIDC_SUBJECT_CLAIM })
      : undefined;
  return { auth: { identities, ...(oidc ? { oidc } : {}) }, ...(generatedAdminKey ? { generatedAdminKey } : {}) };
}

export async function startApi(config: Config, temporalAddress: string, log: Logger, store: MissionStore, generateAdminKey = false): Promise<RunningApi> {
  const { auth, generatedAdminKey } = await createAuthenticators(config, store, log, generateAdminKey);
  const connection = await Connection.connect(temporalConnectionOptions(config, temporalAddress));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const fastify = Fastify({ ...FASTIFY_OPTIONS, loggerInstance: log as FastifyBaseLogger });
  const missions = new MissionService(client, store, config.CAPEO_TASK_QUEUE, join(config.CAPEO_DATA_DIR, 'artifacts'));
  await fastify.register(app, {
    missions,
    auth,
    rateLimitPerMinute: config.CAPEO_RATE_LIMIT_PER_MINUTE,
    web: webSettings(config),
  });
  await fastify.listen({ host: config.CAPEO_API_HOST, port: config.CAPEO_API_PORT });
  const stopPurging = purgeExpiredKeys(store.idempotency, log);
  const { port } = fastify.server.address() as { port: number };
  return {
    url: `http://${config.CAPEO_API_HOST}:${port}`,
    ...(generatedAdminKey ? { generatedAdminKey } : {}),
    fastify,
    async stop() {
      stopPurging();
      await fastify.close();
      await connection.close();
    },
  };
}

/** What the web board is told of the deployment: the Temporal UI it links to, and single sign-on when configured. */
export function webSettings(config: Config): WebSettings {
  const ui = temporalUiUrl(config);
  return {
    namespace: config.TEMPORAL_NAMESPACE,
    ...(ui && { temporalUiUrl: ui }),
    ...(config.CAPEO_OIDC_ISSUER && config.CAPEO_OIDC_CLIENT_ID && { oidc: { issuer: config.CAPEO_OIDC_ISSUER, clientId: config.CAPEO_OIDC_CLIENT_ID, scope: config.CAPEO_OIDC_SCOPE } }),
  };
}

/** The Temporal Web UI the board links to: CAPEO_TEMPORAL_UI_URL, else the embedded dev server's on loopback. */
function temporalUiUrl(config: Config): string | undefined {
  if (config.CAPEO_TEMPORAL_UI_URL) return config.CAPEO_TEMPORAL_UI_URL.replace(/\/$/, '');
  return config.TEMPORAL_ADDRESS ? undefined : `http://127.0.0.1:${config.CAPEO_TEMPORAL_UI_PORT}`;
}

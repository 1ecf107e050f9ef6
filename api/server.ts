import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { temporalConnectionOptions } from '../config/temporal';
import { app } from './app';
import { ApiKeyStore } from './auth/api-keys';
import { OidcVerifier } from './auth/oidc';
import type { Authenticators } from './identity';
import { MissionService } from './services/missions';

export interface RunningApi {
  url: string;
  /** An admin key generated at first start (embedded mode), to print once. */
  generatedAdminKey?: string;
  fastify: FastifyInstance;
  stop(): Promise<void>;
}

/** API keys from the key file, the bootstrap admin key, and OIDC when configured. */
export function createAuthenticators(config: Config, generateAdminKey = false): { auth: Authenticators; generatedAdminKey?: string } {
  const keys = new ApiKeyStore(config.CAPEO_API_KEYS_FILE ?? join(config.CAPEO_DATA_DIR, 'api-keys.json'));
  if (config.CAPEO_BOOTSTRAP_ADMIN_KEY) keys.create('bootstrap-admin', 'admin', config.CAPEO_BOOTSTRAP_ADMIN_KEY);
  const generatedAdminKey = generateAdminKey && keys.size === 0 ? keys.create('admin', 'admin').key : undefined;
  const { CAPEO_OIDC_ISSUER: issuer, CAPEO_OIDC_AUDIENCE: audience, CAPEO_OIDC_JWKS_URL: jwksUrl } = config;
  const oidc =
    issuer && audience && jwksUrl
      ? new OidcVerifier({ issuer, audience, jwksUrl, roleClaim: config.CAPEO_OIDC_ROLE_CLAIM, subjectClaim: config.CAPEO_OIDC_SUBJECT_CLAIM })
      : undefined;
  return { auth: { keys, ...(oidc ? { oidc } : {}) }, ...(generatedAdminKey ? { generatedAdminKey } : {}) };
}

export async function startApi(config: Config, temporalAddress: string, log: Logger, generateAdminKey = false): Promise<RunningApi> {
  const { auth, generatedAdminKey } = createAuthenticators(config, generateAdminKey);
  const connection = await Connection.connect(temporalConnectionOptions(config, temporalAddress));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const fastify = Fastify({ loggerInstance: log as FastifyBaseLogger, bodyLimit: 1024 * 1024 });
  await fastify.register(app, { missions: new MissionService(client, config.CAPEO_TASK_QUEUE, join(config.CAPEO_DATA_DIR, 'artifacts')), auth, rateLimitPerMinute: config.CAPEO_RATE_LIMIT_PER_MINUTE });
  await fastify.listen({ host: config.CAPEO_API_HOST, port: config.CAPEO_API_PORT });
  const { port } = fastify.server.address() as { port: number };
  return {
    url: `http://${config.CAPEO_API_HOST}:${port}`,
    ...(generatedAdminKey ? { generatedAdminKey } : {}),
    fastify,
    async stop() {
      await fastify.close();
      await connection.close();
    },
  };
}

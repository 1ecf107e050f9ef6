import swagger from '@fastify/swagger';
import rateLimit from '@fastify/rate-limit';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { refuseNulCharacters, registerErrorHandler } from './errors';
import { contractDocument, documentProblems } from './openapi';
import { registerIdempotency } from './idempotency';
import { registerAuthentication, type Authenticators } from './identity';
import { apiKeyRoutes } from './routes/api-keys';
import { lookalikeRoutes } from './routes/lookalikes';
import { missionRoutes } from './routes/missions';
import { opsRoutes } from './routes/ops';
import { watchRoutes } from './routes/missions/watch';
import { LookalikeService } from './services/lookalikes';
import type { MissionService } from './services/missions';
import { webRoutes, type WebSettings } from './web';

/**
 * The server options the app is built for (the server, the tests and the document build use them):
 * a 1 MiB body; path parameters longer than the router's default of 100 characters still reach their
 * route (whose schema answers 400 naming the parameter); a `__proto__` or `constructor` key in a body
 * is dropped, not a 400 for JSON that is valid.
 */
export const FASTIFY_OPTIONS = { bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 2000 }, onProtoPoisoning: 'remove', onConstructorPoisoning: 'remove' } as const;

export interface AppDeps {
  missions: MissionService;
  auth: Authenticators;
  /** Requests per minute per caller (API key or token, else address); 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** The web board (at `/` and `/ui/`); off where only the API is wanted (the document build). */
  web?: WebSettings | false;
}

/** The API as a plugin: external plugins, then the error handler, then routes. Built by tests and by the server. */
export async function app(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key or an OIDC access token' } } },
      security: [{ bearer: [] }],
      info: { title: 'capeo', version: '0.1.0', description: 'Threat-hunt missions as durable Temporal workflows' },
    },
    transform: jsonSchemaTransform,
    // Schemas with an id (`.meta({ id })`) are components, referred to where they are used.
    transformObject: jsonSchemaTransformObject,
  });
  // The UI shows the document as /openapi.json serves it.
  await fastify.register(swaggerUi, { routePrefix: '/docs', transformSpecification: (spec) => contractDocument(spec) });
  documentProblems(fastify);
  registerErrorHandler(fastify);
  refuseNulCharacters(fastify);
  registerAuthentication(fastify, deps.auth);
  registerIdempotency(fastify, () => deps.missions.store.idempotency);
  if (deps.rateLimitPerMinute) {
    await fastify.register(rateLimit, {
      max: deps.rateLimitPerMinute,
      timeWindow: 60_000,
      // Per caller: the bearer token's identity once authenticated, else the address.
      keyGenerator: (req) => (req.actor ? `actor:${req.actor.id}` : `ip:${req.ip}`),
      allowList: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url),
    });
  }

  let served: unknown;
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => (served ??= contractDocument(fastify.swagger())));
  // Not encapsulated: its request-metrics hook must see every route.
  await opsRoutes(fastify, { missions: deps.missions });
  await fastify.register(apiKeyRoutes, { keys: deps.auth.identities });
  await fastify.register(watchRoutes, { missions: deps.missions });
  await fastify.register(missionRoutes, { missions: deps.missions });
  await fastify.register(lookalikeRoutes, { lookalikes: new LookalikeService(() => deps.missions.store.reads) });
  if (deps.web !== false) await fastify.register(webRoutes, deps.web ?? {});
}

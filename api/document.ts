import Fastify from 'fastify';
import { app, FASTIFY_OPTIONS } from './app';
import type { Authenticators } from './identity';
import type { MissionService } from './services/missions';

/**
 * The OpenAPI document the API serves at /openapi.json, built from its routes without any server
 * behind them (no route is called).
 */
export async function openApiDocument(): Promise<unknown> {
  const fastify = Fastify({ ...FASTIFY_OPTIONS, logger: false });
  const unused = new Proxy({}, { get: () => { throw new Error('the document build calls no service'); } });
  await fastify.register(app, { missions: unused as MissionService, auth: { identities: unused } as Authenticators });
  await fastify.ready();
  const res = await fastify.inject({ method: 'GET', url: '/openapi.json' });
  await fastify.close();
  return res.json();
}

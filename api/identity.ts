import type { FastifyRequest } from 'fastify';
import { actorSchema, type Actor } from '../domain/identity';
import { UnauthenticatedError } from './errors';

/**
 * The acting identity. Interim: taken from the `X-Capeo-Actor` and `X-Capeo-Role`
 * headers, with the API bound to loopback; API keys and OIDC replace this (issue 4).
 */
export function actorOf(req: FastifyRequest): Actor {
  const parsed = actorSchema.safeParse({ id: req.headers['x-capeo-actor'], role: req.headers['x-capeo-role'] });
  if (!parsed.success) {
    throw new UnauthenticatedError(
      'X-Capeo-Actor (an id) and X-Capeo-Role (platform, manager, lead, hunter, viewer or admin) headers are required',
    );
  }
  return parsed.data;
}

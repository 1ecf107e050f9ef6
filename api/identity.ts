import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../domain/identity';
import type { IdentityStore } from '../store/identities';
import type { OidcVerifier } from './auth/oidc';
import { isTransientDbError } from '../store/db';
import { ForbiddenError, NotReadyError, UnauthenticatedError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export interface Authenticators {
  identities: IdentityStore;
  oidc?: OidcVerifier;
}

/**
 * Who is calling: `Authorization: Bearer <token>`, an API key or (when OIDC is
 * configured) a JWT from the identity provider. Routes ask with `actorOf`.
 */
export function registerAuthentication(app: FastifyInstance, auth: Authenticators): void {
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) return;
    try {
      await authenticate(req, token);
    } catch (err) {
      if (err instanceof UnauthenticatedError || !isTransientDbError(err)) throw err;
      throw new NotReadyError('the identity store is not answering; retry shortly', 'STORE_UNAVAILABLE');
    }
  });

  async function authenticate(req: FastifyRequest, token: string): Promise<void> {
    const looksLikeJwt = token.split('.').length === 3;
    if (!(looksLikeJwt && auth.oidc)) {
      req.actor = await auth.identities.verifyKey(token);
      return;
    }
    const actor = await auth.oidc.verify(token);
    // Key names and OIDC subjects are one namespace: a subject that names an API key's identity is not that person.
    if (actor && !(await auth.identities.claimOidcSubject(actor.id))) {
      throw new UnauthenticatedError(`the token's subject '${actor.id}' is the identity of an API key: configure the identity provider's subject claim (CAPEO_OIDC_SUBJECT_CLAIM) to give unique ids`);
    }
    req.actor = actor;
  }
}

/** The authenticated caller, who must hold one of `roles` when any are given. */
export function actorOf(req: FastifyRequest, ...roles: Role[]): Actor {
  const actor = req.actor;
  if (!actor) throw new UnauthenticatedError('a valid API key or OIDC token is required: Authorization: Bearer <token>');
  if (roles.length > 0 && !roles.includes(actor.role)) {
    throw new ForbiddenError(`role '${actor.role}' may not do this; it takes: ${roles.join(', ')}`);
  }
  return actor;
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/identity';
import { IdentityTakenError, type IdentityStore } from '../../store/identities';
import { ConflictError, NotFoundError } from '../errors';
import { actorOf } from '../identity';

/** API key management, for admins: a key is shown once, at creation. */
export const apiKeyRoutes: FastifyPluginAsyncZod<{ keys: IdentityStore }> = async (app, { keys }) => {
  const keyInfo = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.string() });
  // Who the caller is: what a client (the web board) shows and offers.
  app.get(
    '/identity',
    { schema: { summary: 'Who the caller is: the identity and role of its key or token', response: { 200: z.object({ id: z.string(), role: z.enum(ROLES) }) } } },
    async (req) => {
      const { id, role } = actorOf(req);
      return { id, role };
    },
  );
  app.post(
    '/api-keys',
    {
      // A key's secret is shown once and never kept: a retry with the same name is a 409 (the name is taken).
      config: { ownIdempotency: true },
      schema: {
        summary: 'Create an API key (admin)',
        body: z.object({ name: z.string().trim().regex(/^[\w.@+-]{1,120}$/, 'an identity: letters, digits and . @ + - _'), role: z.enum(ROLES) }),
        response: { 201: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), key: z.string() }) },
        description: 'Names are identities, unique across API keys and OIDC subjects: a name that is taken is refused with 409.',
      },
    },
    async (req, reply) => {
      actorOf(req, 'admin');
      try {
        const { id, key } = await keys.createKey(req.body.name, req.body.role);
        return reply.status(201).send({ id, name: req.body.name, role: req.body.role, key });
      } catch (err) {
        if (err instanceof IdentityTakenError) throw new ConflictError(err.code, err.message);
        throw err;
      }
    },
  );
  app.get('/api-keys', { schema: { summary: 'List API keys (admin)', response: { 200: z.object({ keys: z.array(keyInfo) }) } } }, async (req) => {
    actorOf(req, 'admin');
    return { keys: await keys.listKeys() };
  });
  app.delete('/api-keys/:id', { schema: { summary: 'Revoke an API key (admin)', params: z.object({ id: z.string().uuid() }), response: { 204: z.null().describe('revoked: the key no longer authenticates') } } }, async (req, reply) => {
    actorOf(req, 'admin');
    if (!(await keys.revokeKey(req.params.id))) throw new NotFoundError(`no API key ${req.params.id}`);
    return reply.status(204).send();
  });
};

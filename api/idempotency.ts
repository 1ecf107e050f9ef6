import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isTransientDbError } from '../store/db';
import type { IdempotentRequests } from '../store/idempotent-requests';
import { ConflictError, NotReadyError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The write's request id, from its Idempotency-Key (scoped to the caller). */
    requestId?: string;
  }
  interface FastifyContextConfig {
    /** The route keeps its own Idempotency-Key semantics (starting a mission, an iteration). */
    ownIdempotency?: boolean;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The Idempotency-Key header on every POST and PUT (IETF draft "The Idempotency-Key HTTP Header
 * Field"): the first request with a key is carried out and its answer kept; a retry with the same key
 * and body answers that again (`Idempotent-Replayed: true`) and changes nothing; the same key with
 * another request is 409 IDEMPOTENCY_KEY_REUSED. The key also becomes the request id the route
 * hands to the mission's Update (its Update id, and what the mission remembers across
 * continue-as-new), so a retry whose first attempt was applied but never answered, on any replica or
 * after a restart, is the same write. Only successful answers are kept: a refused write changed
 * nothing, and its retry is decided again.
 */
export function registerIdempotency(app: FastifyInstance, registerOf: () => IdempotentRequests): void {
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' && req.method !== 'PUT') return;
    const key = req.headers['idempotency-key'];
    // Not on an unmatched route (its answer is a 404 or 405), nor where the route keeps its own.
    if (typeof key !== 'string' || !req.actor || !req.routeOptions.url || req.routeOptions.config.ownIdempotency) return;
    const hash = sha256(JSON.stringify([req.method, req.url, req.body ?? null]));
    let claimed: Awaited<ReturnType<IdempotentRequests['claim']>>;
    try {
      claimed = await registerOf().claim(req.actor.id, key, hash);
    } catch (err) {
      // The store restarting under the claim is a 503 the client retries with its key, not a 500.
      if (isTransientDbError(err)) throw new NotReadyError('the mission store is not answering; retry shortly', 'STORE_UNAVAILABLE');
      throw err;
    }
    if (claimed.kind === 'reused') {
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key '${key}' was used for another request; use a new key for a new request`);
    }
    if (claimed.kind === 'answered') {
      if (claimed.location) void reply.header('location', claimed.location);
      return reply.header('idempotent-replayed', 'true').status(claimed.status).send(claimed.response);
    }
    req.requestId = `k-${sha256(`${req.actor.id}\n${key}`).slice(0, 40)}`;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.requestId || reply.statusCode >= 300 || reply.getHeader('idempotent-replayed')) return payload;
    const location = reply.getHeader('location');
    const body = typeof payload === 'string' && payload.length ? (JSON.parse(payload) as unknown) : null;
    try {
      await registerOf().answered(req.actor!.id, req.headers['idempotency-key'] as string, reply.statusCode, typeof location === 'string' ? location : null, body);
    } catch (err) {
      // The write is done; a retry with its key is recognised by the mission all the same.
      req.log.warn({ err }, 'the answer to an idempotent write was not kept');
    }
    return payload;
  });
}

/** The write's request id for its Update, when the caller sent an Idempotency-Key. */
export const requestIdOf = (req: FastifyRequest): { requestId?: string } => (req.requestId ? { requestId: req.requestId } : {});

/**
 * Forgets Idempotency-Keys past their TTL, now and then every `everyMs` (an hour by default), so the
 * register does not grow for ever: a key past its TTL is free again anyway. Every API replica runs
 * it; the delete is the same whoever runs it. A store that does not answer is tried again at the
 * next turn. Answers the function that stops it.
 */
export function purgeExpiredKeys(register: IdempotentRequests, log: { info(o: object, m: string): void; warn(o: object, m: string): void }, everyMs = 3_600_000): () => void {
  let running = false;
  const turn = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const purged = await register.purge();
      if (purged > 0) log.info({ purged }, 'expired Idempotency-Keys forgotten');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'Idempotency-Key purge failed; tried again later');
    } finally {
      running = false;
    }
  };
  void turn();
  const timer = setInterval(() => void turn(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

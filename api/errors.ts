import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** Bad input found past schema validation, named by field and rule like a schema error. */
export class BadRequestError extends Error {
  readonly status = 400;
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly code: string = 'VALIDATION_FAILED',
    /** More fields that break a rule (a refused work item names each). */
    readonly fields: string[] = [field],
    message = `${field}: ${rule}`,
  ) {
    super(message);
  }
}
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(
    message: string,
    readonly code: string = 'NOT_FOUND',
  ) {
    super(message);
  }
}
export class UnauthenticatedError extends Error {
  readonly status = 401;
  readonly code = 'UNAUTHENTICATED';
}
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(
    message: string,
    readonly code: string = 'FORBIDDEN',
  ) {
    super(message);
  }
}
/** Something the answer needs is busy or down for a moment (the mission handing over to its next run, the store, the SIEM); retry shortly. */
export class NotReadyError extends Error {
  readonly status = 503;
  constructor(
    message: string,
    readonly code: string = 'MISSION_NOT_READY',
  ) {
    super(message);
  }
}
/** A refused Update or another conflict with the mission's state; carries the validator's list. */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    readonly code: string,
    message: string,
    readonly missing: string[] = [],
  ) {
    super(message);
  }
}

/** gRPC DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE: Temporal is busy or out of reach for now. */
const TRANSIENT_GRPC = new Set([4, 8, 14]);
function isTransientTemporalError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && TRANSIENT_GRPC.has(code)) return true;
  }
  return false;
}

type Known = BadRequestError | NotFoundError | UnauthenticatedError | ForbiddenError | ConflictError | NotReadyError;
const isKnown = (e: unknown): e is Known =>
  e instanceof BadRequestError || e instanceof NotFoundError || e instanceof UnauthenticatedError || e instanceof ForbiddenError || e instanceof ConflictError || e instanceof NotReadyError;

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  405: 'Method Not Allowed', 413: 'Content Too Large', 503: 'Service Unavailable', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
};

/** The codes of the 4xx answers Fastify and its plugins make, by status. */
const CLIENT_ERROR_CODES: Record<number, string> = {
  400: 'MALFORMED_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** One error handler: every error leaves as RFC 9457 application/problem+json. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const send = (status: number, body: Record<string, unknown>) =>
      reply
        .status(status)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, instance: req.url, ...body });

    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        field: `${where}${v.instancePath === '/' ? '' : v.instancePath.replace(/\//g, '.')}`,
        rule: v.keyword,
        message: v.message,
      }));
      return send(400, {
        code: 'VALIDATION_FAILED',
        detail: errors.map((e) => `${e.field}: ${e.message} (${e.rule})`).join('; '),
        errors,
      });
    }
    if (isKnown(err)) {
      if (err instanceof NotReadyError) void reply.header('retry-after', '1');
      return send(err.status, {
        code: err.code,
        detail: err.message,
        ...(err instanceof ConflictError && err.missing.length ? { missing: err.missing } : {}),
        ...(err instanceof BadRequestError ? { errors: err.fields.map((field) => ({ field, rule: err.rule, message: err.message })) } : {}),
      });
    }
    // Fastify's own client errors (malformed JSON, wrong content type, body too large) and the rate
    // limit carry a 4xx status; their codes are capeo's, one per kind.
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
      return send(err.statusCode, { code: CLIENT_ERROR_CODES[err.statusCode] ?? 'BAD_REQUEST', detail: err.message });
    }
    if (isTransientTemporalError(err)) {
      req.log.warn({ err }, 'Temporal busy or unreachable');
      void reply.header('retry-after', '2');
      return send(503, { code: 'TEMPORAL_UNAVAILABLE', detail: 'the workflow engine is busy or unreachable; retry shortly' });
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, { code: 'INTERNAL', detail: 'internal error; see the server log' });
  });

  // The routes' paths, to tell a path that exists with other methods (405, with Allow) from one that does not (404).
  const routes: Array<{ path: RegExp; methods: string[] }> = [];
  app.addHook('onRoute', (r) => {
    const path = new RegExp(`^${r.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`);
    routes.push({ path, methods: Array.isArray(r.method) ? r.method : [r.method] });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = [...new Set(routes.filter((r) => r.path.test(path)).flatMap((r) => r.methods))];
    if (allowed.length && !allowed.includes(req.method)) {
      return reply.status(405).header('allow', allowed.join(', ')).type('application/problem+json').send({
        type: 'about:blank', title: 'Method Not Allowed', status: 405, instance: req.url, code: 'METHOD_NOT_ALLOWED',
        detail: `${req.method} is not a method of ${path}; it takes ${allowed.join(', ')}`,
      });
    }
    return reply.status(404).type('application/problem+json').send({
      type: 'about:blank', title: 'Not Found', status: 404, instance: req.url, code: 'NOT_FOUND',
      detail: `no route ${req.method} ${req.url}`,
    });
  });
}

/** The first string in a value that holds a NUL character (U+0000), as a field path; undefined if none. */
function nulField(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const at = nulField(v, `${path}.${k}`);
    if (at) return at;
  }
  return undefined;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and no field of capeo's needs it: a request that carries
 * one in a field it takes (body, query, path, as validated: unknown fields are dropped first) is refused
 * with 400 naming the field, before a store could fail on it. The document says so of every string.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    for (const [where, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
      const field = nulField(value, where);
      if (field) throw new BadRequestError(field, 'no NUL characters (U+0000)');
    }
  });
}

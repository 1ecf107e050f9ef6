import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';

/** Every error answers RFC 9457 problem details with this media type. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional().describe('what went wrong, for programs: one row per code in the README refusal table'),
    instance: z.string().optional(),
    missing: z.array(z.string()).optional().describe('what a refused gate decision still needs'),
    errors: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional().describe('each field that broke a rule, and the rule'),
  })
  .describe('RFC 9457 problem details');

/** The Idempotency-Key request header (IETF draft "The Idempotency-Key HTTP Header Field"), on every write. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, '8 to 200 visible ASCII characters')
  .optional()
  .describe('Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours.');

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes anyone may call: no 401 or 403 from them. */
const PUBLIC = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json']);

const methodsOf = (r: RouteOptions): string[] => (Array.isArray(r.method) ? r.method : [r.method]);

/**
 * The error statuses a route can answer, added to its response schema (so they are documented and
 * their bodies checked as problem details): 400 when it takes input, 401/403 unless it is public,
 * 404 when it names a resource, 409 on writes, 413/415 when it takes a body, 429 (the rate limit)
 * and 503 (the store or Temporal down for a moment) everywhere. Writes also get the Idempotency-Key
 * header. Registered before the routes.
 */
export function documentProblems(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ??= {}) as Record<string, unknown> & { hide?: boolean; response?: Record<string, unknown> };
    if (schema.hide) return;
    const methods = methodsOf(route);
    const write = methods.some((m) => WRITES.has(m));
    const statuses = new Set<number>([429, 503]);
    if (schema.params || schema.querystring || schema.body || schema.headers || write) statuses.add(400);
    if (!PUBLIC.has(route.url)) statuses.add(401).add(403);
    if (schema.params) statuses.add(404);
    if (write) statuses.add(409);
    if (schema.body) statuses.add(413).add(415);
    const response = (schema.response ??= {});
    for (const s of statuses) response[s] ??= problemSchema;
    if (write && methods.some((m) => m !== 'DELETE')) {
      const headers = schema.headers as z.ZodObject | undefined;
      if (!headers) schema.headers = z.object({ 'idempotency-key': idempotencyKeyHeader });
      else if (!('idempotency-key' in headers.shape)) schema.headers = headers.extend({ 'idempotency-key': idempotencyKeyHeader });
    }
  });
}

const NO_NUL = '^[^\\u0000]*$';
/** The strings the API takes hold no NUL character (see errors.ts refuseNulCharacters): said by a pattern where a string has none. */
function noNulInStrings(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(noNulInStrings);
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (o.type === 'string' && o.format === undefined && o.enum === undefined && o.const === undefined) {
    // A pattern of its own joins the string's others; the NUL rule is the string's pattern.
    if (typeof o.pattern === 'string' && o.pattern !== NO_NUL) o.allOf = [...((o.allOf as unknown[]) ?? []), { pattern: o.pattern }];
    o.pattern = NO_NUL;
  }
  for (const v of Object.values(o)) noNulInStrings(v);
}

type Doc = {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>; requestBody?: { required?: boolean; content?: Record<string, { schema?: { type?: unknown; anyOf?: Array<{ type?: unknown }> } }> } }>>;
  components?: { schemas?: Record<string, unknown> };
};

/**
 * The document as the API answers: error bodies under application/problem+json, Location on
 * creations, Retry-After on 429 and 503. Applied to what @fastify/swagger generates.
 */
export function contractDocument<T>(generated: T): T {
  const doc = structuredClone(generated) as Doc;
  noNulInStrings(doc);
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      // A body is required unless its schema takes null (every field optional: no body at all is fine).
      if (op.requestBody) {
        const schema = op.requestBody.content?.['application/json']?.schema;
        op.requestBody.required = !(schema?.type === 'null' || schema?.anyOf?.some((s) => s.type === 'null'));
      }
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const code = Number(status);
        const media = Object.keys(res.content ?? {});
        if (code >= 400 && media.length) {
          // Documented under the route's own media type (text/event-stream for a watch) or JSON: problem details all the same.
          const { schema } = res.content![media.includes('application/json') ? 'application/json' : media[0]!] as { schema: unknown };
          // One problem schema for all: a component, referred to.
          (doc.components ??= {}).schemas = { ...doc.components.schemas, Problem: schema };
          res.content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
        }
        if (code === 201) res.headers = { ...res.headers, Location: { description: 'where the created resource is read', schema: { type: 'string' } } };
        if (code === 429 || code === 503) res.headers = { ...res.headers, 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'string' } } };
      }
    }
  }
  return doc as T;
}

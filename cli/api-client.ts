import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/capeo-api';

/** Exit codes of every command (docs/cli.md). */
export const EXIT = { ok: 0, other: 1, usage: 2, auth: 3, notFound: 4, conflict: 5, busy: 6 } as const;

/** A failure to show the user as one clear line, with the exit code that classifies it. */
export class CliError extends Error {
  /** Set on a 503 or 429: how long the API asked to wait before the same request again. */
  retryAfterMs?: number;
  /** Set when the API could not be reached at all. */
  unreachable?: boolean;
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

type Problem = Partial<components['schemas']['Problem']>;

/** An API problem+json as one line: title, detail, each field and its rule, what a refused gate misses. */
export function problemLine(status: number, p: Problem): string {
  const parts = [`${status} ${p.title ?? 'Error'}`];
  if (p.code) parts[0] += ` (${p.code})`;
  if (p.detail) parts.push(p.detail);
  if (p.errors?.length) parts.push(p.errors.map((e) => `${e.field}: ${e.message} [${e.rule}]`).join('; '));
  if (p.missing?.length) parts.push(`missing: ${p.missing.join(', ')}`);
  return parts.join(' — ');
}

export function exitCodeFor(status: number): number {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.conflict;
  if (status === 400) return EXIT.usage;
  // The same request may succeed shortly (a mission handing over to its next run, a store or engine busy): scripts retry on this code.
  if (status === 503 || status === 429) return EXIT.busy;
  return EXIT.other;
}

/** What the user can do about a refusal: give a key, or wait as long as the API asked. */
export function refusalHint(status: number, hasKey: boolean, retryAfter: string | null): string {
  if (status === 401 && !hasKey) return ' (no API key: set CAPEO_API_KEY or pass --key-file FILE)';
  if (exitCodeFor(status) === EXIT.busy && retryAfter && /^\d+$/.test(retryAfter)) return ` (retry after ${retryAfter} s)`;
  return '';
}

/** The URL without any user:password part, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

export interface ApiOptions {
  url: string;
  key?: string;
  /** Attempts of a write that met a lost connection, a 503 or a 429 (default 3); reads are not retried. */
  writeAttempts?: number;
  /** The longest wait between two attempts, in ms (default 5,000: what Retry-After asks, up to that). */
  maxRetryWaitMs?: number;
}

const WRITES = new Set(['POST', 'PUT']);

/** The API key: the file given, else CAPEO_API_KEY. Never printed. */
export function readKey(keyFile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (keyFile) {
    try {
      return readFileSync(keyFile, 'utf8').trim();
    } catch (err) {
      throw new CliError(`cannot read the key file ${keyFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, EXIT.usage);
    }
  }
  return env.CAPEO_API_KEY?.trim() || undefined;
}

/**
 * capeo's REST API through a client generated from its OpenAPI document (openapi-typescript types,
 * openapi-fetch calls): `api.call.GET('/missions/{id}', { params: { path: { id } } })`. Every call
 * carries the Bearer key; a refusal (problem+json) is thrown as a CliError, so `answer()` gives the
 * data of a success.
 */
export class Api {
  readonly call: Client<paths>;

  constructor(private readonly o: ApiOptions) {
    this.call = createClient<paths>({ baseUrl: o.url.replace(/\/$/, ''), fetch: (request) => this.send(request) });
  }

  /**
   * A write carries an Idempotency-Key, the same on each of its attempts: a write that met a lost
   * connection, a 503 or a 429 is tried again (as Retry-After asks, a few times), and the API
   * applies it once whatever happened to the earlier attempts. Reads are sent once.
   */
  private async send(request: Request): Promise<Response> {
    if (this.o.key) request.headers.set('authorization', `Bearer ${this.o.key}`);
    if (!request.headers.has('accept') || request.headers.get('accept') === '*/*') request.headers.set('accept', 'application/json');
    if (!WRITES.has(request.method)) return this.once(request);
    if (!request.headers.has('idempotency-key')) request.headers.set('idempotency-key', `capeo-cli-${randomUUID()}`);
    const attempts = this.o.writeAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(request.clone());
      } catch (err) {
        const retryable = err instanceof CliError && (err.retryAfterMs !== undefined || err.unreachable);
        if (!retryable || attempt >= attempts || request.signal.aborted) throw err;
        await new Promise((r) => setTimeout(r, Math.min(err.retryAfterMs ?? 500 * attempt, this.o.maxRetryWaitMs ?? 5000)));
      }
    }
  }

  private async once(request: Request): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(request);
    } catch (err) {
      if (request.signal.aborted) throw err;
      const cause = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
      throw Object.assign(new CliError(`cannot reach the capeo API at ${safeUrl(this.o.url)}: ${cause}`, EXIT.other), { unreachable: true });
    }
    if (!res.ok) {
      const text = await res.text();
      let problem: Problem = {};
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        problem = { detail: text.slice(0, 300) };
      }
      const retryAfter = res.headers.get('retry-after');
      const error = new CliError(problemLine(res.status, problem) + refusalHint(res.status, Boolean(this.o.key), retryAfter), exitCodeFor(res.status));
      if (res.status === 503 || res.status === 429) error.retryAfterMs = /^\d+$/.test(retryAfter ?? '') ? Number(retryAfter) * 1000 : 1000;
      throw error;
    }
    return res;
  }
}

/** The data of a call's success (its refusals were thrown as CliError by the client). */
export async function answer<D>(call: Promise<{ data?: D; response: Response }>): Promise<D> {
  return (await call).data as D;
}

import { ApplicationFailure } from '@temporalio/activity';

/**
 * Error types of calls to external systems. Authentication and validation refusals
 * are permanent (non-retryable): retrying a wrong token or a rejected payload only
 * repeats the refusal. Unavailability (network, timeout, 408, 429, 5xx) is retried,
 * and a 429 or 503 with Retry-After sets the delay of the next attempt.
 */
export const ExternalError = {
  Unavailable: 'EXTERNAL_UNAVAILABLE',
  AuthRejected: 'EXTERNAL_AUTH_REJECTED',
  RequestRejected: 'EXTERNAL_REQUEST_REJECTED',
  BadAnswer: 'EXTERNAL_BAD_ANSWER',
  /** A setting the adapter needs is missing: only a configuration change helps. */
  NotConfigured: 'INTEGRATION_NOT_CONFIGURED',
} as const;

export interface HttpRequest {
  /** Names the system in errors ("jira", "misp"); URLs are never put in messages (webhook URLs are secrets). */
  system: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as it is (set content-type yourself). */
  body?: unknown;
  timeoutMs?: number;
  /** Statuses answered with `null` instead of an error (404 for lookups). */
  nullOn?: number[];
  /** How to read a successful body: JSON (default), text, or not at all. */
  read?: 'json' | 'text' | 'none';
}

/**
 * Only reads follow redirects (an RDAP service hands over to the registry's). A write that is
 * redirected is refused: fetch would replay a 301/302/303 as a GET without its body and answer
 * 200, so a webhook, a ticket or a push would be reported as sent while nothing arrived.
 */
const followsRedirects = (method: string): boolean => method === 'GET';

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Seconds or an HTTP date, as RFC 9110 allows; milliseconds, capped at an hour. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 3_600_000) : undefined;
}

const snippet = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 300);

/** Why a configured URL cannot be called, without quoting it (it can carry a token in its path or query). */
function urlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'the configured URL is not a URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'the configured URL must be http(s)';
  // fetch refuses these, quoting the whole URL, password included, in its error.
  if (u.username || u.password) return 'the configured URL must not carry a user or password: set the credentials in their own settings';
  return undefined;
}

/**
 * One HTTP call to an external system with a timeout, answering the body or
 * throwing an ApplicationFailure classified by `ExternalError`.
 */
export async function httpCall<T = unknown>(req: HttpRequest): Promise<HttpResponse<T | null>> {
  const headers: Record<string, string> = { 'user-agent': 'capeo', accept: 'application/json', ...req.headers };
  let body: string | Buffer | undefined;
  if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) body = req.body;
  else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const method = req.method ?? (body === undefined ? 'GET' : 'POST');
  const unusable = urlProblem(req.url);
  if (unusable) throw ApplicationFailure.create({ type: ExternalError.NotConfigured, nonRetryable: true, message: `${req.system}: ${unusable}` });
  let res: Response;
  try {
    res = await fetch(req.url, { method, headers, body, redirect: followsRedirects(method) ? 'follow' : 'manual', signal: AbortSignal.timeout(req.timeoutMs ?? 15_000) });
  } catch (err) {
    // The network error's own cause (ECONNREFUSED host:port, a TLS failure); fetch's own message can quote the URL.
    const e = err as Error;
    const cause = e.name === 'TimeoutError' ? 'timed out' : ((e.cause as Error | undefined)?.message ?? 'the request could not be sent');
    throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `${req.system}: unreachable (${cause})` });
  }
  if (req.nullOn?.includes(res.status)) {
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, body: null };
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw ApplicationFailure.create({
      type: ExternalError.RequestRejected,
      message: `${req.system} answered ${res.status} (a redirect) to a ${method}: capeo does not follow redirects for writes, so nothing was sent; configure the final URL`,
      nonRetryable: true,
    });
  }
  if (!res.ok) {
    const text = snippet(await res.text().catch(() => ''));
    const said = `${req.system} answered ${res.status}${text ? `: ${text}` : ''}`;
    if (res.status === 408 || res.status === 429 || res.status >= 500) {
      const delay = retryAfterMs(res.headers.get('retry-after'));
      throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: said, ...(delay !== undefined && { nextRetryDelay: delay }) });
    }
    if (res.status === 401 || res.status === 403) {
      throw ApplicationFailure.create({ type: ExternalError.AuthRejected, message: `${said} (check the credentials in the configuration)`, nonRetryable: true });
    }
    throw ApplicationFailure.create({ type: ExternalError.RequestRejected, message: said, nonRetryable: true });
  }
  const read = req.read ?? 'json';
  if (read === 'none' || res.status === 204) {
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, body: null };
  }
  const text = await res.text();
  if (read === 'text') return { status: res.status, headers: res.headers, body: text as T };
  try {
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  } catch {
    throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `${req.system} did not answer JSON`, nonRetryable: true });
  }
}

/** The host of a configured URL, for check() details and messages (never the whole URL, which can carry a token). */
export function safeHost(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return 'the configured URL';
  }
}

/** A URL without its trailing slashes, so paths can be appended. */
export const baseUrl = (url: string): string => url.replace(/\/+$/, '');

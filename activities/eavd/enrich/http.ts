import { ApplicationFailure } from '@temporalio/activity';

export const EnrichError = { Unavailable: 'ENRICH_UNAVAILABLE', BadAnswer: 'ENRICH_BAD_ANSWER' } as const;

/** GET a JSON document with a timeout; 404 is `null`, 429/5xx are retryable, other failures are not. */
export async function getJson<T>(url: string, timeoutMs: number, userAgent = 'capeo-eavd'): Promise<T | null> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json, application/rdap+json', 'user-agent': userAgent }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw ApplicationFailure.create({ type: EnrichError.Unavailable, message: `${new URL(url).host}: ${(err as Error).message}` });
  }
  if (res.status === 404) return null;
  if (res.status === 429 || res.status >= 500) {
    const retryAfter = Number(res.headers.get('retry-after'));
    throw ApplicationFailure.create({
      type: EnrichError.Unavailable,
      message: `${new URL(url).host} answered ${res.status}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { nextRetryDelay: retryAfter * 1000 } : {}),
    });
  }
  if (!res.ok) throw ApplicationFailure.create({ type: EnrichError.BadAnswer, message: `${url} answered ${res.status}`, nonRetryable: true });
  try {
    return (await res.json()) as T;
  } catch {
    throw ApplicationFailure.create({ type: EnrichError.BadAnswer, message: `${url} did not answer JSON`, nonRetryable: true });
  }
}

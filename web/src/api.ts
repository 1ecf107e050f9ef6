import createClient from 'openapi-fetch';
import type { components, paths } from '../../cli/generated/capeo-api';

export type Problem = Partial<components['schemas']['Problem']>;
// The API's answers by the names the CLI gives the generated types: one set of aliases for both clients.
export type { AuditItem, EffectItem, Finding, Identity, Metrics, MissionEntry, MissionView, QueryItem } from '../../cli/api-types';

const KEY = 'capeo.key';

/** The API key of this tab: session storage only (gone with the tab), never in a URL. */
export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** A refusal of the API: its problem details, for the page to show at the form or field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The client generated from the OpenAPI document (the CLI's), with this tab's key on every call. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use({
  onRequest({ request }) {
    const key = session.key();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    if (request.method === 'POST' || request.method === 'PUT') request.headers.set('idempotency-key', `capeo-web-${crypto.randomUUID()}`);
    return request;
  },
});

/** The data of a call's success; a refusal is thrown as ApiError. */
export async function ok<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, (error ?? {}) as Problem);
  return data as D;
}

/** An artifact or report the API serves with the key: fetched, as a blob. */
export async function fetchArtifact(missionId: string, name: string): Promise<Blob> {
  const res = await fetch(`/missions/${encodeURIComponent(missionId)}/artifacts/${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${session.key() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as Problem);
  return res.blob();
}

/** Downloads what an API route answers (with this tab's key) as a file. */
export async function download(path: string, name: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.key() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as Problem);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

import { httpCall } from '../../http/http-client';

/** GET a JSON document for enrichment; 404 is `null`, other failures are classified by `httpCall`. */
export async function getJson<T>(url: string, timeoutMs: number): Promise<T | null> {
  const { body } = await httpCall<T>({
    system: new URL(url).host,
    url,
    timeoutMs,
    headers: { accept: 'application/json, application/rdap+json', 'user-agent': 'capeo-eavd' },
    nullOn: [404],
  });
  return body;
}

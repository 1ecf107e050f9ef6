import type { Api } from './api-client';
import { positiveInt, type Options } from './args';

/** The paging flags every listing takes. */
export const PAGE_OPTIONS = {
  limit: { type: 'string' },
  cursor: { type: 'string' },
  all: { type: 'boolean' },
} as const satisfies Options;

/** `limit` and `cursor` of a listing's query from the flags. */
export function setPaging(q: URLSearchParams, v: Record<string, unknown>): URLSearchParams {
  if (v.limit !== undefined) q.set('limit', String(positiveInt('--limit', v.limit as string, 500)));
  if (v.cursor !== undefined) q.set('cursor', v.cursor as string);
  return q;
}

export interface Listing<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of a listing, or with `all` every page from there on (then nothing is left: the cursor
 * is null). `key` names the array in the answer (`missions` for GET /missions, else `items`).
 */
export async function readPages<T>(api: Api, path: string, query: URLSearchParams, all: boolean, key = 'items'): Promise<Listing<T>> {
  const read = async () => {
    const page = await api.json<Record<string, unknown>>('GET', `${path}?${query}`);
    return { items: page[key] as T[], nextCursor: page.nextCursor as string | null };
  };
  const first = await read();
  if (!all) return first;
  const items = [...first.items];
  for (let cursor = first.nextCursor; cursor; ) {
    query.set('cursor', cursor);
    const page = await read();
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return { items, nextCursor: null };
}

export interface Tail<T> {
  items: T[];
  total: number;
}

/** The last `n` items of a listing (one request, newest first, given back oldest first), and how many it holds in all. */
export async function lastItems<T>(api: Api, path: string, n: number, total: number): Promise<Tail<T>> {
  const page = await api.json<Listing<T>>('GET', `${path}?${new URLSearchParams({ order: 'desc', limit: String(Math.min(n, 500)) })}`);
  return { items: [...page.items].reverse(), total };
}

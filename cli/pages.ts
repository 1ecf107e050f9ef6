import { positiveInt, type Options } from './args';

/** The paging flags every listing takes. */
export const PAGE_OPTIONS = {
  limit: { type: 'string' },
  cursor: { type: 'string' },
  all: { type: 'boolean' },
} as const satisfies Options;

export interface Paging {
  limit?: number;
  cursor?: string;
}

/** `limit` and `cursor` of a listing's query from the flags. */
export function paging(v: Record<string, unknown>): Paging {
  return {
    ...(v.limit !== undefined && { limit: positiveInt('--limit', v.limit as string, 500) }),
    ...(v.cursor !== undefined && { cursor: v.cursor as string }),
  };
}

export interface Listing<T> {
  items: T[];
  nextCursor: string | null;
}

/** Reads the page that starts at `cursor` (undefined: the one the flags ask for). */
export type PageReader<T> = (cursor: string | undefined) => Promise<Listing<T>>;

/** One page of a listing, or with `all` every page from there on (then nothing is left: the cursor is null). */
export async function readPages<T>(read: PageReader<T>, all: boolean): Promise<Listing<T>> {
  const first = await read(undefined);
  if (!all) return first;
  const items = [...first.items];
  for (let cursor = first.nextCursor; cursor; ) {
    const page = await read(cursor);
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
export async function lastItems<T>(read: (query: { order: 'desc'; limit: number }) => Promise<Listing<T>>, n: number, total: number): Promise<Tail<T>> {
  const page = await read({ order: 'desc', limit: Math.min(n, 500) });
  return { items: [...page.items].reverse(), total };
}

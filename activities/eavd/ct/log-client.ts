import { ApplicationFailure } from '@temporalio/activity';
import type { CtLog } from '../../../domain/ct-monitor';
import { ExternalError, httpCall } from '../../http/http-client';
import { MalformedEntryError, parseDataTile, parseRfc6962Entry, tilePath, type LogEntry } from './leaf';

/** A log as the monitor reads it: its size, and entries [start, end) — possibly fewer, never none. */
export interface CtLogClient {
  treeSize(): Promise<number>;
  /** At least one entry from `start` when start < end ≤ size; a log may answer fewer than asked. */
  entries(start: number, end: number, size: number): Promise<LogEntry[]>;
}

export const TILE_WIDTH = 256;

const badAnswer = (log: CtLog, what: string) =>
  ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `CT log ${log.id}: ${what}`, nonRetryable: true });

/** RFC 6962 §4.3 and §4.6: get-sth for the size, get-entries for the entries (inclusive end). */
export class Rfc6962Client implements CtLogClient {
  constructor(
    private readonly log: CtLog,
    private readonly timeoutMs: number,
    /** Largest range asked in one get-entries (logs cap it themselves, often at 256 or 1024). */
    private readonly pageSize = 1000,
  ) {}

  async treeSize(): Promise<number> {
    const { body } = await httpCall<{ tree_size?: unknown }>({ system: `CT log ${this.log.id}`, url: `${this.log.url}ct/v1/get-sth`, timeoutMs: this.timeoutMs });
    const size = body?.tree_size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw badAnswer(this.log, 'get-sth has no tree_size');
    return size;
  }

  async entries(start: number, end: number): Promise<LogEntry[]> {
    const last = Math.min(end, start + this.pageSize) - 1;
    const { body } = await httpCall<{ entries?: Array<{ leaf_input?: unknown; extra_data?: unknown }> }>({
      system: `CT log ${this.log.id}`,
      url: `${this.log.url}ct/v1/get-entries?start=${start}&end=${last}`,
      timeoutMs: this.timeoutMs,
    });
    const items = body?.entries;
    if (!Array.isArray(items)) throw badAnswer(this.log, `get-entries ${start}-${last} has no entries`);
    if (items.length > last - start + 1) throw badAnswer(this.log, `get-entries ${start}-${last} answered ${items.length} entries`);
    return items.map((e, i) => {
      if (typeof e.leaf_input !== 'string' || typeof e.extra_data !== 'string') throw badAnswer(this.log, `entry ${start + i} lacks leaf_input or extra_data`);
      try {
        return parseRfc6962Entry(start + i, Buffer.from(e.leaf_input, 'base64'), Buffer.from(e.extra_data, 'base64'));
      } catch (err) {
        // One malformed entry is counted as unparsed (no certificate), not a log stuck on it for ever.
        if (err instanceof MalformedEntryError) return { index: start + i, type: 'x509' as const, timestamp: 0, der: Buffer.alloc(0) };
        throw err;
      }
    });
  }
}

/** c2sp.org/static-ct-api: the checkpoint for the size, data tiles of 256 entries (the last one partial). */
export class StaticCtClient implements CtLogClient {
  constructor(
    private readonly log: CtLog,
    private readonly timeoutMs: number,
  ) {}

  async treeSize(): Promise<number> {
    const { body } = await httpCall<string>({ system: `CT log ${this.log.id}`, url: `${this.log.url}checkpoint`, timeoutMs: this.timeoutMs, read: 'text', headers: { accept: 'text/plain' } });
    // A signed note: origin, tree size, root hash, a blank line, signatures.
    const size = /^\d+$/.test(body?.split('\n')[1] ?? '') ? Number(body!.split('\n')[1]) : NaN;
    if (!Number.isSafeInteger(size)) throw badAnswer(this.log, 'the checkpoint has no tree size on its second line');
    return size;
  }

  async entries(start: number, end: number, size: number): Promise<LogEntry[]> {
    const n = Math.floor(start / TILE_WIDTH);
    const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH);
    const tile = await this.tile(n, width);
    let entries: LogEntry[];
    try {
      entries = parseDataTile(n * TILE_WIDTH, tile);
    } catch (err) {
      if (err instanceof MalformedEntryError) throw badAnswer(this.log, `data tile ${n}: ${err.message}`);
      throw err;
    }
    // A full tile read for a partial one holds more entries than the size read: only the first `width` count.
    if (entries.length !== width && entries.length !== TILE_WIDTH) throw badAnswer(this.log, `data tile ${n} holds ${entries.length} entries, not ${width}`);
    return entries.slice(start - n * TILE_WIDTH, Math.min(end, (n + 1) * TILE_WIDTH) - n * TILE_WIDTH);
  }

  private async tile(n: number, width: number): Promise<Buffer> {
    // A partial tile may already be gone for its full one (the log grew): then the full tile is read.
    for (const w of width < TILE_WIDTH ? [width, TILE_WIDTH] : [TILE_WIDTH]) {
      const url = `${this.log.url}${tilePath(n, w)}`;
      let res: Response;
      try {
        res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { 'user-agent': 'capeo' } });
      } catch (err) {
        const e = err as Error;
        throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `CT log ${this.log.id}: unreachable (${e.name === 'TimeoutError' ? 'timed out' : ((e.cause as Error | undefined)?.message ?? 'not sent')})` });
      }
      if (res.status === 404 && w < TILE_WIDTH) {
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `CT log ${this.log.id}: data tile ${n} answered ${res.status}` });
      }
      return Buffer.from(await res.arrayBuffer());
    }
    throw badAnswer(this.log, `data tile ${n} is missing`);
  }
}

export function logClient(log: CtLog, timeoutMs: number): CtLogClient {
  return log.kind === 'rfc6962' ? new Rfc6962Client(log, timeoutMs) : new StaticCtClient(log, timeoutMs);
}

import { answer, CliError, EXIT } from './api-client';
import { globals, parse } from './args';
import { apiFor, type Io } from './io';
import { help } from './help';
import { parseSse, renderEvent, type SseEvent } from './sse';

const RECONNECT_MS = 1000;

/**
 * Prints a mission's audit events (or every mission's phase, gate, lead, overrun and failed-effect changes)
 * as they come, until the mission ends or the user interrupts. A dropped stream is
 * reopened; for one mission, with Last-Event-ID so no event is printed twice.
 */
export async function missionsWatch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {}, { min: 0, max: 1, names: '' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'missions watch');
  const api = apiFor(g, io);
  const id = positionals[0];
  /** Opens the stream (one mission's, resumed after `lastId`, or every mission's). */
  const open: Opener = (lastId, signal) => {
    const init = { parseAs: 'stream' as const, headers: { accept: 'text/event-stream' }, ...(signal && { signal }) };
    return answer(
      id === undefined
        ? api.call.GET('/missions/events', init)
        : api.call.GET('/missions/{id}/events', { ...init, params: { path: { id }, header: lastId === undefined ? {} : { 'last-event-id': lastId } } }),
    );
  };
  const print = (e: SseEvent) => io.out(g.json ? JSON.stringify({ event: e.event, ...(e.id !== undefined && { id: e.id }), data: e.data }) : renderEvent(e));

  let lastId: string | undefined;
  let connected = false;
  while (!io.signal?.aborted) {
    try {
      const ended = await stream(open, lastId, io.signal, (e) => {
        if (e.id !== undefined) lastId = e.id;
        print(e);
      }, () => (connected = true));
      if (ended) return 0;
    } catch (err) {
      if (io.signal?.aborted) break;
      // Refusals (401, 403, 404) and a first connection that fails end the watch; later drops and busy answers (503) reconnect.
      const passing = err instanceof CliError && (err.exitCode === EXIT.busy || /^cannot reach/.test(err.message));
      if (err instanceof CliError && (!connected || !passing)) throw err;
      io.err(`connection lost (${(err as Error).message}); reconnecting`);
    }
    if (io.signal?.aborted) break;
    await sleep(RECONNECT_MS, io.signal);
  }
  return 0;
}

type Opener = (lastId: string | undefined, signal: AbortSignal | undefined) => Promise<ReadableStream<Uint8Array> | null>;

/** Reads one connection; true when the server said the mission ended. */
async function stream(open: Opener, lastId: string | undefined, signal: AbortSignal | undefined, onEvent: (e: SseEvent) => void, onOpen: () => void): Promise<boolean> {
  const body = await open(lastId, signal);
  onOpen();
  if (!body) return false;
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      const { events, rest } = parseSse(buffer);
      buffer = rest;
      for (const e of events) {
        onEvent(e);
        if (e.event === 'end') return true;
      }
    }
  } catch (err) {
    if (signal?.aborted) return true;
    throw new CliError(`cannot reach the capeo API: ${(err as Error).message}`, EXIT.other);
  }
  return false;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

import { parseSse, type SseEvent } from '../../cli/sse';
import { session } from './api';

/**
 * Follows a Server-Sent Events stream of the API with this tab's key (EventSource cannot send an
 * Authorization header, so it is read with fetch), reconnecting after a drop with Last-Event-ID (no
 * event twice) until `signal` aborts or the stream says `end` (the mission closed).
 */
export async function follow(path: string, onEvent: (e: SseEvent) => void, signal: AbortSignal, onState?: (live: boolean) => void): Promise<void> {
  let lastId: string | undefined;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${session.key() ?? ''}` };
      if (lastId !== undefined) headers['last-event-id'] = lastId;
      const res = await fetch(path, { headers, signal });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      onState?.(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const { events, rest } = parseSse(buffer);
        buffer = rest;
        for (const e of events) {
          if (e.id !== undefined) lastId = e.id;
          onEvent(e);
          if (e.event === 'end') return;
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    onState?.(false);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

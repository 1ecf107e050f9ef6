import { parseSse, type SseEvent } from '../../cli/sse';
import { session } from './api';

/**
 * Follows a Server-Sent Events stream of the API with this tab's key (EventSource cannot send an
 * Authorization header, so it is read with fetch), reconnecting after a drop until `signal` aborts.
 */
export async function follow(path: string, onEvent: (e: SseEvent) => void, signal: AbortSignal, onState?: (live: boolean) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const res = await fetch(path, { headers: { accept: 'text/event-stream', authorization: `Bearer ${session.key() ?? ''}` }, signal });
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
        events.forEach(onEvent);
      }
    } catch {
      if (signal.aborted) return;
    }
    onState?.(false);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

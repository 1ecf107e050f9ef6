export interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** Splits a text/event-stream into events; returns the events and the unfinished tail. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const [field, ...value] = line.split(':');
      const v = value.join(':').replace(/^ /, '');
      if (field === 'event') event = v;
      else if (field === 'id') id = v;
      else if (field === 'data') data.push(v);
    }
    if (data.length === 0) continue;
    let parsed: unknown = data.join('\n');
    try {
      parsed = JSON.parse(parsed as string);
    } catch {
      // plain text data
    }
    events.push({ event, ...(id !== undefined && { id }), data: parsed });
  }
  return { events, rest };
}

/** One line per watched event: an audit entry of one mission, or a change of a mission's list entry. */
export function renderEvent(e: SseEvent): string {
  const d = e.data as Record<string, unknown>;
  if (e.event === 'audit') return `${String(d.at)}  ${String(d.actor)}  ${String(d.action)}${d.detail ? `  ${String(d.detail)}` : ''}  [${String(d.phase)}]`;
  if (e.event === 'mission') {
    const failed = Number(d.failedEffects ?? 0);
    return (
      `${String(d.missionId)}  ${String(d.status)}  phase ${String(d.phase)}  lead ${String(d.lead ?? '—')}` +
      `${d.openGate ? `  gate ${String(d.openGate)} open` : ''}${d.overrun ? '  OVERRUN' : ''}${failed ? `  ${failed} failed effect${failed === 1 ? '' : 's'}` : ''}`
    );
  }
  if (e.event === 'end') return `mission closed: ${String(d.status)}`;
  if (e.event === 'ended') return `${String(d.missionId)}  no longer active`;
  return `${e.event}  ${JSON.stringify(e.data)}`;
}

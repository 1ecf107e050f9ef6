import { clockMetrics, type ClockMetrics } from '../domain/metrics';
import type { MissionSummary } from '../api/services/missions';
import type { MissionState } from '../domain/mission';

export type { MissionSummary };

type Cell = string | number | boolean | null | undefined;

/** Left-aligned columns separated by two spaces; `—` for empty cells. */
export function table(head: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (c === null || c === undefined || c === '' ? '—' : String(c));
  const all = [head, ...rows.map((r) => r.map(text))];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}


export function renderMissionList(missions: MissionSummary[]): string {
  if (missions.length === 0) return 'No missions.';
  return table(
    ['MISSION', 'STATUS', 'PHASE', 'LEAD', 'OVERRUN', 'DEADLINE', 'STARTED'],
    missions.map((m) => [m.missionId, m.status, m.phase, m.lead, m.overrun ? 'yes' : 'no', m.deadline, m.startedAt]),
  );
}

const clockLine = (name: string, c: ClockMetrics): string => {
  if (c.actualHours === null) return `${name}: not started${c.allocatedHours !== null ? ` (allocated ${c.allocatedHours} h)` : ''}`;
  const parts = [`elapsed ${c.actualHours} h`];
  if (c.allocatedHours !== null) parts.unshift(`allocated ${c.allocatedHours} h`);
  if (c.remainingHours !== null) parts.push(`remaining ${c.remainingHours} h`);
  if (c.percentUsed !== null) parts.push(`${c.percentUsed}%`);
  parts.push(c.running ? 'running' : 'stopped');
  if (c.overrun) parts.push('OVERRUN');
  return `${name}: ${parts.join(', ')}`;
};

/** Everything a lead looks at: phase, open gate and what it misses, clocks, work items, findings, the last audit events. */
export function renderMission(s: MissionState, missing: string[], now = Date.now(), auditTail = 10): string {
  const out: string[] = [];
  out.push(`${s.displayName}  (${s.missionId})`);
  out.push(`status ${s.status}, phase ${s.phase}${s.closedReason ? `, ${s.closedReason}` : ''}; lead ${s.lead ?? '—'}; iteration ${s.iteration}`);
  out.push(`topic: ${s.topic}`);
  if (s.openGate) out.push(`open gate: ${s.openGate}${missing.length ? ` — missing: ${missing.join(', ')}` : ' — ready for a decision'}`);
  out.push(clockLine('Total Hunt Duration', clockMetrics(s.clocks.total, now)));
  out.push(clockLine('Execution Phase Duration', clockMetrics(s.clocks.execution, now)));
  const squad = Object.entries(s.squad);
  if (squad.length) out.push(`squad: ${squad.map(([id, m]) => `${id} (${m.status})`).join(', ')}`);
  const items = Object.entries(s.workItems).flatMap(([phase, byItem]) => Object.entries(byItem).map(([item, r]) => [phase, item, r.by, r.at]));
  out.push('', 'Work items', items.length ? table(['PHASE', 'ITEM', 'BY', 'AT'], items) : 'none');
  out.push(
    '',
    'Findings',
    s.findings.length
      ? table(
          ['ID', 'CATEGORY', 'SEVERITY', 'STATUS', 'TITLE'],
          s.findings.map((f) => [f.id, f.category, f.severity, f.status, f.title]),
        )
      : 'none',
  );
  if (s.sweeps.length) {
    const last = s.sweeps.at(-1)!;
    out.push('', `Lookalike sweeps: ${s.sweeps.length}, last #${last.sweep} at ${last.at}: ${last.candidates} candidates, ${last.registered} registered, ${last.newDomains.length} new`);
  }
  out.push('', `Audit (last ${Math.min(auditTail, s.timeline.length)} of ${s.timeline.length})`);
  out.push(table(['AT', 'ACTOR', 'ACTION', 'DETAIL'], s.timeline.slice(-auditTail).map((e) => [e.at, e.actor, e.action, e.detail])));
  return out.join('\n');
}

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

/** One line per watched event. */
export function renderEvent(e: SseEvent): string {
  const d = e.data as Record<string, unknown>;
  if (e.event === 'audit') return `${String(d.at)}  ${String(d.actor)}  ${String(d.action)}${d.detail ? `  ${String(d.detail)}` : ''}  [${String(d.phase)}]`;
  if (e.event === 'mission') return `${String(d.missionId)}  ${String(d.status)}  phase ${String(d.phase)}  lead ${String(d.lead ?? '—')}${d.overrun ? '  OVERRUN' : ''}`;
  if (e.event === 'end') return `mission closed: ${String(d.status)}`;
  return `${e.event}  ${JSON.stringify(e.data)}`;
}

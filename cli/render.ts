import type { AuditItem, ClockProgress, EffectItem, Finding, FoundFinding, MissionEntry, MissionView, Retried } from './api-types';
import type { Tail } from './pages';

type Cell = string | number | boolean | null | undefined;

/** Left-aligned columns separated by two spaces; `—` for empty cells. */
export function table(head: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (c === null || c === undefined || c === '' ? '—' : String(c));
  const all = [head, ...rows.map((r) => r.map(text))];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** A long text (an error, a title) cut to one readable cell; --json keeps it whole. */
function cut(text: string | null | undefined, max = 100): string | null | undefined {
  const line = text?.replace(/\s+/g, ' ');
  return line && line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function renderMissionList(missions: MissionEntry[]): string {
  if (missions.length === 0) return 'No missions.';
  return table(
    ['MISSION', 'STATUS', 'PHASE', 'GATE', 'LEAD', 'OVERRUN', 'FAILED-EFFECTS', 'DEADLINE', 'CREATED'],
    missions.map((m) => [m.missionId, m.status, m.phase, m.openGate, m.lead, m.overrun ? 'yes' : 'no', m.failedEffects, m.deadline, m.createdAt]),
  );
}

const clockLine = (name: string, c: ClockProgress): string => {
  if (c.actualHours === null) return `${name}: not started${c.allocatedHours !== null ? ` (allocated ${c.allocatedHours} h)` : ''}`;
  const parts = [`elapsed ${c.actualHours} h`];
  if (c.allocatedHours !== null) parts.unshift(`allocated ${c.allocatedHours} h`);
  if (c.remainingHours !== null) parts.push(`remaining ${c.remainingHours} h`);
  if (c.percentUsed !== null) parts.push(`${c.percentUsed}%`);
  parts.push(c.running ? 'running' : 'stopped');
  if (c.overrun) parts.push('OVERRUN');
  return `${name}: ${parts.join(', ')}`;
};

/** The gate as a lead reads it: what blocks an approval, which system steps failed (they do not block), or the decision taken. */
function gateLines(m: MissionView): string[] {
  const g = m.gate;
  if (!g) return [];
  const where = `${g.phase} (round ${g.round}, opened ${g.openedAt})`;
  if (g.decided) return [`gate ${where}: ${g.decided.decision === 'approve' ? 'approved' : 'rejected'} by ${g.decided.by} at ${g.decided.at}`];
  const lines = [`open gate: ${where} — ${g.missing.length ? `missing: ${g.missing.join(', ')}` : 'ready for a decision'}`];
  if (g.failed.length) lines.push(`  failed system steps (not blocking; capeo effects retry ${m.missionId}): ${g.failed.join(', ')}`);
  return lines;
}

function countLines(m: MissionView): string[] {
  const c = m.counts;
  const categories = Object.entries(c.findings.byCategory).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  const e = c.effects;
  return [
    `findings: ${c.findings.total}${categories.length ? ` (${categories.join(', ')})` : ''}, ${c.findings.escalated} escalated, ${c.findings.withdrawn} withdrawn; ` +
      `queries: ${c.queries}; containments: ${c.containments.total} (${c.containments.pending} pending); sweeps: ${c.sweeps}`,
    `effects: ${e.pending} pending, ${e.running} running, ${e.done} done, ${e.failed} failed${e.failed ? ` — capeo effects list ${m.missionId} --state failed` : ''}`,
  ];
}

/** "Findings (3)", "Findings (last 10 of 42)", or "Findings: none". */
const tailHeading = (name: string, t: Tail<unknown>): string =>
  t.total === 0 ? `${name}: none` : t.items.length === t.total ? `${name} (${t.total})` : `${name} (last ${t.items.length} of ${t.total})`;

const findingRows = (items: Finding[]) => items.map((f) => [f.id, f.category, f.severity, f.status, f.title]);

/**
 * Everything a lead looks at: phase, the open gate and what it misses, the clocks as they stand,
 * counts, latest activity, work items, pending containments, and the latest findings and audit entries.
 */
export function renderMission(m: MissionView, findings: Tail<Finding>, audit: Tail<AuditItem>): string {
  const out: string[] = [];
  out.push(`${m.displayName}  (${m.missionId})`);
  out.push(`status ${m.status}, phase ${m.phase}${m.closedReason ? `, ${m.closedReason}` : ''}; lead ${m.lead ?? '—'}; iteration ${m.iteration}`);
  out.push(`topic: ${m.topic}`);
  out.push(...gateLines(m));
  out.push(clockLine('Total Hunt Duration', m.progress.totalHunt));
  out.push(clockLine('Execution Phase Duration', m.progress.executionPhase));
  const squad = Object.entries(m.squad);
  if (squad.length) out.push(`squad: ${squad.map(([id, s]) => `${id} (${s.status})`).join(', ')}`);
  out.push(...countLines(m));
  if (m.sweeps.count) out.push(`lookalike sweeps: ${m.sweeps.count}, last at ${m.sweeps.lastAt ?? '—'} with ${m.sweeps.lastNew} new`);
  out.push(`latest: ${m.latest ? `${m.latest.at}  ${m.latest.actor}  ${m.latest.action}` : '—'}; updated ${m.updatedAt}`);
  const items = Object.entries(m.workItems).flatMap(([phase, byItem]) => Object.entries(byItem).map(([item, r]) => [phase, item, r.status, r.by, r.at]));
  out.push('', 'Work items', items.length ? table(['PHASE', 'ITEM', 'STATUS', 'BY', 'AT'], items) : 'none');
  if (m.pendingContainments.length) {
    out.push('', 'Containments awaiting DFIR', table(['ID', 'TARGET', 'FINDING', 'REASON'], m.pendingContainments.map((c) => [c.id, `${c.target.kind} ${c.target.id}`, c.findingId, cut(c.reason)])));
  }
  out.push('', tailHeading('Findings', findings));
  if (findings.total) out.push(table(['ID', 'CATEGORY', 'SEVERITY', 'STATUS', 'TITLE'], findingRows(findings.items)));
  out.push('', tailHeading('Audit', audit));
  if (audit.total) out.push(table(['AT', 'ACTOR', 'ACTION', 'DETAIL'], audit.items.map((e) => [e.at, e.actor, e.action, e.detail])));
  return out.join('\n');
}

/** A mission's findings, or (with their mission) the findings a search found. */
export function renderFindings(items: Array<Finding | FoundFinding>): string {
  if (items.length === 0) return 'No findings.';
  const across = items.some((f) => 'missionId' in f);
  const rows = items.map((f) => [
    ...(across ? [(f as FoundFinding).missionId] : []),
    f.id, f.category, f.severity, f.status, f.author, f.at, cut(f.observables.map((o) => o.value).join(' '), 60), f.title,
  ]);
  return table([...(across ? ['MISSION'] : []), 'ID', 'CATEGORY', 'SEVERITY', 'STATUS', 'AUTHOR', 'AT', 'OBSERVABLES', 'TITLE'], rows);
}

export function renderEffects(items: EffectItem[]): string {
  if (items.length === 0) return 'No effects.';
  return table(
    ['ID', 'KIND', 'KEY', 'STATE', 'ATTEMPTS', 'UPDATED', 'ERROR'],
    items.map((e) => [e.id, e.kind, e.key, e.state, e.attempts, e.updatedAt, cut(e.errorType && e.error ? `${e.errorType}: ${e.error}` : e.error)]),
  );
}

/** What a retry did to each effect, and a closing count. */
export function renderRetried(missionId: string, retried: Retried[]): string {
  if (retried.length === 0) return `${missionId}: no failed effects to retry`;
  const failed = retried.filter((r) => r.state === 'failed').length;
  return [
    table(['ID', 'KIND', 'KEY', 'STATE', 'ERROR'], retried.map((r) => [r.id, r.kind, r.key, r.state, cut(r.error)])),
    `${missionId}: ${retried.length} retried, ${retried.length - failed} done${failed ? `, ${failed} failed again` : ''}`,
  ].join('\n');
}

import { toHtml, toMarkdown, type Block } from './document';
import { FINDING_CATEGORIES } from './findings';
import type { ClockMetrics, MissionMetrics } from './metrics';
import type { MissionState } from './mission';
import { PHASES } from './phases';

const clockRow = (name: string, c: ClockMetrics) => [
  name,
  c.allocatedHours,
  c.actualHours,
  c.percentUsed === null ? null : `${c.percentUsed}%`,
  c.overrun ? 'yes' : 'no',
];

/** The Threat Hunt Report: a snapshot of this iteration, the container of its metrics. */
export function reportBlocks(s: MissionState, m: MissionMetrics): Block[] {
  const live = s.findings.filter((f) => f.status !== 'withdrawn');
  return [
    { kind: 'heading', level: 1, text: `Threat Hunt Report — ${s.displayName} (iteration ${s.iteration})` },
    {
      kind: 'table',
      head: ['', ''],
      rows: [
        ['Type', s.type],
        ['Topic', s.topic],
        ['Trigger', s.trigger],
        ['Requester', s.requester],
        ['Mission lead', s.lead],
        ['Squad', Object.entries(s.squad).filter(([, x]) => x.status === 'accepted').map(([id]) => id).join(', ') || null],
        ['Status', s.status],
      ],
    },
    { kind: 'heading', level: 2, text: 'Metrics' },
    { kind: 'table', head: ['Clock', 'Allocated (h)', 'Actual (h)', 'Used', 'Overrun'], rows: [clockRow('Total Hunt Duration', m.totalHunt), clockRow('Execution Phase Duration', m.executionPhase)] },
    { kind: 'table', head: ['Phase', 'Time in phase (h)', 'Time waiting on gate (h)'], rows: PHASES.map((p) => [p, m.phaseHours[p], m.gateWaitHours[p]]) },
    { kind: 'table', head: ['Finding category', 'Findings'], rows: FINDING_CATEGORIES.map((c) => [c, m.findingsPerCategory[c]]) },
    {
      kind: 'table',
      head: ['Measure', 'Value'],
      rows: [
        ['Escalations', m.escalations.count],
        ['Mean time from finding to escalation (h)', m.escalations.meanHoursToEscalation],
        ['Max time from finding to escalation (h)', m.escalations.maxHoursToEscalation],
        ['Visibility gaps raised', m.visibilityGaps],
        ['Queries run', m.queriesRun],
        ['Squad size', m.squadSize],
        ['Iteration', m.iteration],
      ],
    },
    { kind: 'heading', level: 2, text: 'Findings' },
    live.length
      ? {
          kind: 'table',
          head: ['Id', 'Category', 'Severity', 'Title', 'Status', 'Ticket', 'Escalation'],
          rows: live.map((f) => [f.id, f.category, f.severity, f.title, f.status, f.ticket ? `${f.ticket.system} ${f.ticket.id}` : null, f.escalation ? `${f.escalation.ticket.system} ${f.escalation.ticket.id}` : null]),
        }
      : { kind: 'paragraph', text: 'No findings in this iteration.' },
    { kind: 'heading', level: 2, text: 'Data interrogated' },
    { kind: 'table', head: ['Id', 'Query', 'From', 'To', 'Rows'], rows: s.queries.map((q) => [q.id, q.title, q.from, q.to, q.rowCount]) },
    { kind: 'heading', level: 2, text: 'Containment' },
    {
      kind: 'table',
      head: ['Id', 'Target', 'Status', 'DFIR decision', 'Action'],
      rows: s.containments.map((c) => [c.id, `${c.target.kind} ${c.target.id}`, c.status, c.dfir ? `${c.dfir.decision} by ${c.dfir.by}` : null, c.action ? `${c.action.system} ${c.action.id}` : null]),
    },
    { kind: 'heading', level: 2, text: 'External records' },
    { kind: 'list', items: Object.entries(s.external).map(([k, r]) => `${k}: ${r.system} ${r.id}`) },
    { kind: 'heading', level: 2, text: 'Audit timeline' },
    { kind: 'table', head: ['When', 'Who', 'What', 'Detail'], rows: s.timeline.map((e) => [e.at, e.actor, e.action, e.detail ?? '']) },
  ];
}

export const renderReportMarkdown = (s: MissionState, m: MissionMetrics): string => toMarkdown(reportBlocks(s, m));
export const renderReportHtml = (s: MissionState, m: MissionMetrics): string =>
  toHtml(`Threat Hunt Report — ${s.displayName}`, reportBlocks(s, m));

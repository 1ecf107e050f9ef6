import { toHtml, toMarkdown, type Block } from './document';
import { FINDING_CATEGORIES, type Finding, type FindingCategory } from './findings';
import type { ClockMetrics, MissionMetrics } from './metrics';
import type { MissionRecord } from './mission';
import { MISSION_TYPES } from './mission-types';
import { PHASES } from './phases';
import { WORK_ITEM_PAYLOADS } from './work-items';

/** How people read the six finding categories (the codes stay next to them in the report). */
export const FINDING_CATEGORY_LABELS: Record<FindingCategory, string> = {
  'visibility-gap': 'Visibility gap',
  'security-control-issue': 'Security control issue',
  'detection-opportunity': 'Detection opportunity',
  'hunt-opportunity': 'Hunt opportunity',
  'suspicious-security-event': 'Suspicious security event',
  'ti-event-of-interest': 'Threat intelligence event of interest',
};

/** The labels of the report's metrics: one place, so tests and readers find the same words. */
export const METRIC_LABELS = {
  totalHunt: 'Total Hunt Duration',
  executionPhase: 'Execution Phase Duration',
  phaseHours: 'Time in phase (h)',
  gateWaitHours: 'Time waiting on gate (h)',
  findings: 'Findings',
  escalations: 'Escalations',
  meanToEscalation: 'Mean time from finding to escalation (h)',
  maxToEscalation: 'Max time from finding to escalation (h)',
  visibilityGaps: 'Visibility gaps raised',
  queriesRun: 'Queries run',
  squadSize: 'Squad size',
  iteration: 'Iteration',
} as const;

const HOUR = 3_600_000;
const round = (h: number) => Math.round(h * 1000) / 1000;
const sum = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0));
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const ref = (r: { system: string; id: string } | undefined) => (r ? `${r.system} ${r.id}` : null);

/** Text people typed: in Markdown, no raw HTML survives to a renderer; in HTML, document.ts escapes it. */
type Typed = (s: string) => string;
const forMarkdown: Typed = (s) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
const forHtml: Typed = (s) => s;

function clockRow(name: string, c: ClockMetrics): Array<string | number | null> {
  return [
    name,
    c.allocatedHours,
    c.actualHours,
    c.percentUsed === null ? null : `${c.percentUsed}%`,
    yesNo(c.overrun),
    c.remainingHours,
    c.running ? 'running' : c.actualHours === null ? 'not started' : 'stopped',
  ];
}

const when = (condition: boolean, ...blocks: Block[]): Block[] => (condition ? blocks : []);

const table = (head: string[], rows: Array<Array<string | number | null>>, empty: string): Block =>
  rows.length ? { kind: 'table', head, rows } : { kind: 'paragraph', text: empty };

/** When this snapshot was taken: the report's release stops the Total Hunt Duration clock. */
export const snapshotAt = (s: MissionRecord): string | null => s.clocks.total.stoppedAt ?? s.timeline.at(-1)?.at ?? null;

/** The Threat Hunt Report: a snapshot of this iteration, the container of its metrics. */
export function reportBlocks(s: MissionRecord, m: MissionMetrics, t: Typed = forHtml): Block[] {
  const live = s.findings.filter((f) => f.status !== 'withdrawn');
  const withdrawn = s.findings.filter((f) => f.status === 'withdrawn');
  const squad = Object.entries(s.squad)
    .filter(([, x]) => x.status === 'accepted')
    .map(([id]) => id);
  const objectives = WORK_ITEM_PAYLOADS.objectives.safeParse(s.workItems['plan']?.['objectives']?.data ?? {});
  const feedback = WORK_ITEM_PAYLOADS.feedback.safeParse(s.workItems['outcomes']?.['feedback']?.data ?? {});
  const toEscalation = (f: Finding) => (f.escalation ? round((Date.parse(f.escalation.at) - Date.parse(f.at)) / HOUR) : null);
  const totalFindings = FINDING_CATEGORIES.reduce((n, c) => n + m.findingsPerCategory[c], 0);
  const L = METRIC_LABELS;

  return [
    { kind: 'heading', level: 1, text: `Threat Hunt Report — ${t(s.displayName)} (iteration ${s.iteration})` },
    {
      kind: 'paragraph',
      text: `Snapshot of iteration ${s.iteration} of ${t(s.displayName)}${snapshotAt(s) ? ` taken at ${snapshotAt(s)}` : ''}: ${totalFindings} finding${
        totalFindings === 1 ? '' : 's'
      }, ${m.escalations.count} escalation${m.escalations.count === 1 ? '' : 's'}, ${m.queriesRun} quer${m.queriesRun === 1 ? 'y' : 'ies'} run.`,
    },
    {
      kind: 'table',
      head: ['Mission', ''],
      rows: [
        ['Code', s.code],
        ['Type', `${MISSION_TYPES[s.type].title} (${s.type})`],
        ['Topic', t(s.topic)],
        ['Trigger', s.trigger],
        ['Keywords', s.keywords.map(t).join(', ') || null],
        ['Requester', t(s.requester)],
        ['Mission lead', s.lead],
        ['Squad', squad.join(', ') || null],
        ['Stakeholders', s.stakeholders.map(t).join(', ') || null],
        ['Status', s.status],
        ['Phase', s.phase],
        ['Previous iteration', s.previous?.missionId ?? null],
        ...(s.closedReason ? [['Closed because', t(s.closedReason)]] : []),
      ],
    },
    ...when(objectives.success, { kind: 'heading', level: 3, text: 'Tactical objectives' }, { kind: 'list', items: objectives.data?.objectives.map(t) ?? [] }),

    { kind: 'heading', level: 2, text: 'Metrics' },
    { kind: 'heading', level: 3, text: 'Time allocated and spent' },
    {
      kind: 'table',
      head: ['Clock', 'Allocated (h)', 'Actual (h)', 'Used', 'Overrun', 'Remaining (h)', 'Clock state'],
      rows: [clockRow(L.totalHunt, m.totalHunt), clockRow(L.executionPhase, m.executionPhase)],
    },
    { kind: 'heading', level: 3, text: 'Phases and gates' },
    {
      kind: 'table',
      head: ['Phase', L.phaseHours, L.gateWaitHours],
      rows: [...PHASES.map((p) => [p, m.phaseHours[p], m.gateWaitHours[p]]), ['all phases', sum(PHASES.map((p) => m.phaseHours[p])), sum(PHASES.map((p) => m.gateWaitHours[p]))]],
    },
    { kind: 'heading', level: 3, text: 'Findings per category' },
    {
      kind: 'table',
      head: ['Category', 'Code', L.findings],
      rows: [...FINDING_CATEGORIES.map((c) => [FINDING_CATEGORY_LABELS[c], c, m.findingsPerCategory[c]]), ['All categories', '', totalFindings]],
    },
    { kind: 'heading', level: 3, text: 'Escalations, visibility and squad' },
    {
      kind: 'table',
      head: ['Measure', 'Value'],
      rows: [
        [L.escalations, m.escalations.count],
        [L.meanToEscalation, m.escalations.meanHoursToEscalation],
        [L.maxToEscalation, m.escalations.maxHoursToEscalation],
        [L.visibilityGaps, m.visibilityGaps],
        [L.queriesRun, m.queriesRun],
        [L.squadSize, m.squadSize],
        [L.iteration, m.iteration],
      ],
    },

    { kind: 'heading', level: 2, text: 'Findings' },
    table(
      ['Id', 'Category', 'Severity', 'Title', 'Status', 'Ticket', 'Escalation ticket', 'Hours to escalation'],
      live.map((f) => [f.id, f.category, f.severity, t(f.title), f.status, ref(f.ticket), ref(f.escalation?.ticket), toEscalation(f)]),
      'No findings in this iteration.',
    ),
    ...when(
      withdrawn.length > 0,
      { kind: 'heading', level: 3, text: 'Withdrawn findings' },
      { kind: 'table', head: ['Id', 'Category', 'Title', 'Reason'], rows: withdrawn.map((f) => [f.id, f.category, t(f.title), t(f.withdrawnReason ?? '')]) },
    ),

    { kind: 'heading', level: 2, text: 'Data interrogated' },
    table(
      ['Id', 'Query', 'From', 'To', 'Rows', 'Run by', 'Evidence'],
      s.queries.map((q) => [q.id, t(q.title), q.from, q.to, q.rowCount, q.by, q.evidence.path || null]),
      'No queries were run in this iteration.',
    ),

    { kind: 'heading', level: 2, text: 'Containment requests' },
    table(
      ['Id', 'Target', 'Reason', 'Finding', 'Requested by', 'Status', 'DFIR decision', 'Action'],
      s.containments.map((c) => [
        c.id,
        `${c.target.kind} ${t(c.target.id)}`,
        t(c.reason),
        c.findingId ?? null,
        c.requestedBy,
        c.status,
        c.dfir ? `${c.dfir.decision} by ${c.dfir.by}: ${t(c.dfir.reason)}` : null,
        ref(c.action),
      ]),
      'No containment was requested.',
    ),

    { kind: 'heading', level: 2, text: 'External records' },
    table(
      ['Record', 'System', 'Id', 'Link'],
      [
        ...Object.entries(s.external).map(([k, r]) => [k, r.system, r.id, r.url ?? null]),
        ...s.findings.flatMap((f) => [
          ...(f.ticket ? [[`${f.id} ticket`, f.ticket.system, f.ticket.id, f.ticket.url ?? null]] : []),
          ...(f.escalation
            ? [
                [`${f.id} incident`, f.escalation.ticket.system, f.escalation.ticket.id, f.escalation.ticket.url ?? null],
                [`${f.id} escalation notice`, f.escalation.channel ?? 'notification', f.escalation.notification, null],
              ]
            : []),
          ...(f.tip ? [[`${f.id} intel`, f.tip.system, f.tip.id, f.tip.url ?? null]] : []),
        ]),
      ],
      'No external records.',
    ),
    ...when(
      Object.keys(s.artifacts).length > 0,
      { kind: 'heading', level: 3, text: 'Artifacts' },
      { kind: 'list', items: Object.values(s.artifacts).map((a) => `${a.name}: ${a.path}`) },
    ),

    ...when(
      feedback.success,
      { kind: 'heading', level: 2, text: 'Feedback and improvement opportunities' },
      { kind: 'paragraph', text: t(feedback.data?.feedback ?? '') },
      { kind: 'list', items: feedback.data?.improvements.map(t) ?? [] },
    ),

    { kind: 'heading', level: 2, text: 'Audit timeline' },
    table(
      ['When', 'Who', 'What', 'Detail'],
      s.timeline.map((e) => [e.at, t(e.actor), e.action, t(e.detail ?? '')]),
      'No audit entries.',
    ),
  ];
}

export const renderReportMarkdown = (s: MissionRecord, m: MissionMetrics): string => toMarkdown(reportBlocks(s, m, forMarkdown));

export const renderReportHtml = (s: MissionRecord, m: MissionMetrics): string =>
  toHtml(`Threat Hunt Report — ${s.displayName} (iteration ${s.iteration})`, reportBlocks(s, m, forHtml));

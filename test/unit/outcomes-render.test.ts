import { renderComms } from '../../domain/comms';
import { escapeHtml } from '../../domain/document';
import { FINDING_CATEGORIES, type Finding } from '../../domain/findings';
import { computeMetrics as metricsOfInput, metricsInputOf, type MissionMetrics } from '../../domain/metrics';
import type { MissionRecord as Rec } from '../../domain/mission';

const computeMetrics = (r: Rec, now: string) => metricsOfInput(metricsInputOf(r), now);
import type { MissionRecord, QueryRun } from '../../domain/mission';
import { PHASES } from '../../domain/phases';
import { buildPlaybook, type CodeCell, type Notebook, type NotebookCell } from '../../domain/playbook';
import { missionPolicySchema } from '../../domain/policy';
import { FINDING_CATEGORY_LABELS, METRIC_LABELS, renderReportHtml, renderReportMarkdown } from '../../domain/report';

/* ---------- a realistic mission, released in Outcomes ---------- */

const t = (min: number) => new Date(Date.UTC(2026, 10, 2, 9, min)).toISOString();
const NOW = t(300);
const clock = { startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false };
const evidence = (name: string) => ({ name, path: `mission-EAVD01-1/queries/${name}`, bytes: 512, sha256: 'ab'.repeat(32) });

function query(id: string, title: string, sql: string, rowCount: number, at: number): QueryRun {
  return {
    id, title, query: sql, from: t(0), to: t(240), rowCount, columns: ['ts', 'query'], sample: [{ ts: t(10), query: 'examp1e-login.com' }],
    truncated: false, evidence: evidence(`${id}.json`), by: 'hana', at: t(at),
  };
}

function finding(id: string, category: Finding['category'], title: string, at: number, more: Partial<Finding> = {}): Finding {
  return {
    id, category, title, description: '', severity: 'medium', evidence: [], observables: [], flags: [],
    status: 'open', author: 'hana', at: t(at), ticket: { system: 'local-ticketing', id: `CAPEO-${id}` }, ...more,
  };
}

const Q1_SQL = "select query, count(*) as n from dns where query like '%examp1e%' group by query order by n desc";
const Q2_SQL = "select ts, url from proxy where regexp_matches(url, 'examp1e[-.]login\\.(com|net)')";

const FINDINGS: Finding[] = [
  finding('F1', 'suspicious-security-event', 'examp1e-login.com <script>alert(1)</script>', 120, {
    severity: 'high', description: 'MX record and a certificate issued yesterday.', status: 'escalated', flags: ['playbook'],
    evidence: [{ kind: 'certificate', summary: 'crt.sh entry issued 2026-11-01' }],
    observables: [{ type: 'domain', value: 'examp1e-login.com' }, { type: 'ipv4', value: '203.0.113.7' }],
    escalation: { at: t(150), ticket: { system: 'local-ticketing', id: 'IR-7' }, notification: 'ntf-7', channel: 'smtp' },
    tip: { system: 'taxii', id: 'indicator--0b6c1f4e-4d52-5b0e-9a8d-0c8d1e2f3a4b' },
  }),
  finding('F2', 'suspicious-security-event', 'examp1e-secure.net serves a cloned login page', 130, {
    severity: 'critical', status: 'escalated', observables: [{ type: 'domain', value: 'examp1e-secure.net' }],
    escalation: { at: t(190), ticket: { system: 'local-ticketing', id: 'IR-8' }, notification: 'ntf-8' },
  }),
  finding('F3', 'visibility-gap', 'Proxy logs silent since 02:00', 100, { author: 'capeo', severity: 'high' }),
  finding('F4', 'detection-opportunity', 'Alert on DNS lookups of freshly registered lookalikes', 160),
  finding('F5', 'ti-event-of-interest', 'examp1e.org registered and parked', 170, { tip: { system: 'local-stix', id: 'indicator--1' } }),
  finding('F6', 'hunt-opportunity', 'Duplicate of F4', 175, { status: 'withdrawn', withdrawnReason: 'duplicate' }),
];

const audit = (min: number, action: string, detail?: string, actor = 'capeo') => ({ at: t(min), actor, action, ...(detail ? { detail } : {}) });

/** A mission after its report was released: every work item, two queries, findings of most categories, a containment. */
function mission(overrides: Partial<MissionRecord> = {}): MissionRecord {
  return {
    missionId: 'mission-EAVD01-1', code: 'EAVD01', codeName: 'Barracuda Muffin', displayName: 'EAVD01 - Barracuda Muffin',
    channelName: 'eavd01-barracuda-muffin', type: 'EAVD', iteration: 1,
    topic: 'Lookalike domains of example.com used for credential phishing', trigger: 'intel', keywords: ['example', 'login'],
    requester: 'soc-platform', stakeholders: ['ciso'], audience: ['security-newsletter@example.com'], policy: missionPolicySchema.parse({}),
    status: 'active', phase: 'outcomes', openGate: 'outcomes', lead: 'lucas',
    squad: {
      hana: { status: 'accepted', invitedAt: t(55), respondedAt: t(60) },
      hugo: { status: 'accepted', invitedAt: t(55), respondedAt: t(62) },
      ines: { status: 'declined', invitedAt: t(55), respondedAt: t(70) },
    },
    squadFormedAt: t(62),
    allocation: { totalHuntHours: 6, executionPhaseHours: 2 },
    clocks: {
      total: { ...clock, startedAt: t(5), stoppedAt: t(270), allocatedHours: 6, deadline: t(365), warningsSent: [0.5] },
      execution: { ...clock, startedAt: t(90), stoppedAt: t(240), allocatedHours: 2, deadline: t(210), warningsSent: [0.5, 0.8, 1], overrun: true },
    },
    workItems: {
      collect: { intel: { by: 'capeo', at: t(1), data: { source: 'local-stix' } } },
      analyze: {
        'initial-research': {
          by: 'hana', at: t(10),
          data: {
            references: [
              { title: 'dnstwist', link: 'https://github.com/elceef/dnstwist', kind: 'code', notes: 'permutation engine' },
              { title: 'Phishing kits [2025]', link: 'https://example.org/kits(2025)', kind: 'article' },
            ],
          },
        },
        feasibility: {
          by: 'lucas', at: t(20),
          data: {
            dataAvailability: 4, informationQuality: 3, skillsets: 5, resourceConstraints: 4, timelines: 3,
            crownJewelsImpacted: true, majorVulnerabilities: false, emergentThreat: true, notes: 'DNS and proxy logs are kept 90 days.',
            prioritisation: { score: 9.8, maxScore: 13.5, proposal: 'qualify' },
          },
        },
        owners: { by: 'hana', at: t(25), data: { owners: [{ name: 'Marta Brand', contact: 'marta@example.com', kind: 'business', asset: 'example.com' }] } },
        'team-engagement': {
          by: 'lucas', at: t(30),
          data: { statement: 'Brand protection takes down confirmed domains.', teams: [{ team: 'Brand protection', involvement: 'supporting', deliverables: 'takedown requests' }] },
        },
      },
      plan: { objectives: { by: 'lucas', at: t(60), data: { objectives: ['Find lookalike domains with MX records', 'Check who resolved them'] } } },
      execute: {
        'data-sources': {
          by: 'hana', at: t(95),
          data: { sources: [{ name: 'dns', location: 'samples/logs/dns.ndjson', model: 'DNS query log' }, { name: 'proxy', location: 'samples/logs/proxy.csv', model: 'web proxy log' }] },
        },
        stakeholders: { by: 'hugo', at: t(96), data: { references: [{ title: 'Mail team runbook', link: 'https://wiki.example.com/mail', kind: 'documentation' }] } },
      },
    },
    intel: { source: 'local-stix', indicators: 12, reports: 2, observables: 30, matched: [{ id: 'report--1', type: 'report', name: 'Lookalike phishing wave' }] },
    findings: FINDINGS,
    queries: [query('Q1', 'Lookalike lookups in DNS', Q1_SQL, 42, 110), query('Q2', 'Proxy hits on lookalike logins', Q2_SQL, 3, 125)],
    brand: null,
    sweeps: [],
    containments: [
      {
        id: 'C1', target: { kind: 'endpoint', id: 'WS-0042' }, reason: 'visited examp1e-login.com', findingId: 'F1', requestedBy: 'hana', at: t(155),
        status: 'executed', dfir: { by: 'dora', at: t(160), decision: 'approve', reason: 'confirmed visit' }, action: { system: 'local-edr', id: 'ISO-1' },
      },
    ],
    external: { epic: { system: 'local-agile', id: 'EPIC-3' }, channel: { system: 'local-chat', id: 'eavd01-barracuda-muffin', url: 'https://chat.example.com/c/eavd01' } },
    artifacts: {},
    previous: null,
    closedReason: null,
    timeline: [
      audit(0, 'mission.started', 'EAVD01 - Barracuda Muffin: lookalikes', 'soc-platform'),
      audit(0, 'phase.entered', 'collect'), audit(2, 'gate.opened', 'collect'), audit(5, 'gate.approved', 'collect', 'ann'),
      audit(5, 'phase.entered', 'analyze'), audit(35, 'gate.opened', 'analyze'), audit(50, 'gate.approved', 'analyze', 'lucas'),
      audit(50, 'phase.entered', 'plan'), audit(80, 'gate.opened', 'plan'), audit(90, 'gate.approved', 'plan', 'lucas'),
      audit(90, 'phase.entered', 'execute'), audit(150, 'finding.escalated', 'F1 → local-ticketing IR-7'),
      audit(210, 'gate.opened', 'execute'), audit(240, 'gate.approved', 'execute', 'lucas'),
      audit(240, 'phase.entered', 'outcomes'), audit(270, 'report.released', 'report.md', 'lucas'), audit(275, 'gate.opened', 'outcomes'),
    ],
    ...overrides,
  };
}

const s = mission();
const m = computeMetrics(s, NOW);

/* ---------- the report ---------- */

const fmt = (v: number | string | null) => (v === null ? '—' : String(v));

/** Every metric of the spec, as the report must show it: a row label and its values. */
function metricRows(x: MissionMetrics): Array<[string, ...Array<number | string | null>]> {
  const clockRow = (label: string, c: MissionMetrics['totalHunt']): [string, ...Array<number | string | null>] => [
    label, c.allocatedHours, c.actualHours, c.percentUsed === null ? null : `${c.percentUsed}%`, c.overrun ? 'yes' : 'no',
  ];
  return [
    clockRow(METRIC_LABELS.totalHunt, x.totalHunt),
    clockRow(METRIC_LABELS.executionPhase, x.executionPhase),
    ...PHASES.map((p): [string, number, number] => [p, x.phaseHours[p], x.gateWaitHours[p]]),
    ...FINDING_CATEGORIES.map((c): [string, string, number] => [FINDING_CATEGORY_LABELS[c], c, x.findingsPerCategory[c]]),
    [METRIC_LABELS.escalations, x.escalations.count],
    [METRIC_LABELS.meanToEscalation, x.escalations.meanHoursToEscalation],
    [METRIC_LABELS.maxToEscalation, x.escalations.maxHoursToEscalation],
    [METRIC_LABELS.visibilityGaps, x.visibilityGaps],
    [METRIC_LABELS.squadSize, x.squadSize],
    [METRIC_LABELS.iteration, x.iteration],
  ];
}

const mdRow = (cells: Array<number | string | null>) => `| ${cells.map(fmt).join(' | ')} |`;
const htmlRow = (cells: Array<number | string | null>) => `<tr>${cells.map((c) => `<td>${escapeHtml(fmt(c))}</td>`).join('')}`;

test('the fixture is realistic: the metrics the report must show are all non-trivial', () => {
  expect(m.totalHunt).toMatchObject({ allocatedHours: 6, actualHours: 4.417, percentUsed: 73.6, overrun: false });
  expect(m.executionPhase).toMatchObject({ allocatedHours: 2, actualHours: 2.5, percentUsed: 125, overrun: true });
  expect(m.phaseHours).toEqual({ collect: 0.083, analyze: 0.75, plan: 0.667, execute: 2.5, outcomes: 1 });
  expect(m.gateWaitHours).toEqual({ collect: 0.05, analyze: 0.25, plan: 0.167, execute: 0.5, outcomes: 0.417 });
  expect(m.findingsPerCategory).toEqual({
    'visibility-gap': 1, 'security-control-issue': 0, 'detection-opportunity': 1, 'hunt-opportunity': 0, 'suspicious-security-event': 2, 'ti-event-of-interest': 1,
  });
  expect(m.escalations).toEqual({ count: 2, meanHoursToEscalation: 0.75, maxHoursToEscalation: 1 });
  expect(m).toMatchObject({ visibilityGaps: 1, squadSize: 3, iteration: 1, queriesRun: 2 });
});

test('the report shows every metric, label and value, in Markdown and in HTML', () => {
  const md = renderReportMarkdown(s, m);
  const html = renderReportHtml(s, m);
  for (const label of Object.values(METRIC_LABELS)) {
    expect(md).toContain(label);
    expect(html).toContain(escapeHtml(label));
  }
  for (const row of metricRows(m)) {
    expect(md).toContain(mdRow(row));
    expect(html).toContain(htmlRow(row));
  }
  // The same, pinned to the figures a reader sees.
  expect(md).toContain('| Total Hunt Duration | 6 | 4.417 | 73.6% | no | 1.583 | stopped |');
  expect(md).toContain('| Execution Phase Duration | 2 | 2.5 | 125% | yes | -0.5 | stopped |');
  expect(md).toContain('| execute | 2.5 | 0.5 |');
  expect(md).toContain('| Suspicious security event | suspicious-security-event | 2 |');
  expect(md).toContain('| Security control issue | security-control-issue | 0 |');
  expect(md).toContain('| Mean time from finding to escalation (h) | 0.75 |');
  expect(md).toContain('| Max time from finding to escalation (h) | 1 |');
  expect(md).toContain('| Squad size | 3 |');
  expect(md).toContain('| Iteration | 1 |');
  expect(md).toMatch(/^# Threat Hunt Report — EAVD01 - Barracuda Muffin \(iteration 1\)/);
});

test('the report lists findings with their escalation tickets, queries, containment, external records and the audit timeline', () => {
  const md = renderReportMarkdown(s, m);
  expect(md).toContain('| F1 | suspicious-security-event | high | examp1e-login.com &lt;script&gt;alert(1)&lt;/script&gt; | escalated | local-ticketing CAPEO-F1 | local-ticketing IR-7 | 0.5 |');
  expect(md).toContain('| F2 | suspicious-security-event | critical | examp1e-secure.net serves a cloned login page | escalated | local-ticketing CAPEO-F2 | local-ticketing IR-8 | 1 |');
  expect(md).toContain('| F3 | visibility-gap | high | Proxy logs silent since 02:00 | open | local-ticketing CAPEO-F3 | — | — |');
  expect(md).toMatch(/## Withdrawn findings|### Withdrawn findings/);
  expect(md).toContain('| F6 | hunt-opportunity | Duplicate of F4 | duplicate |');
  expect(md).toContain(`| Q1 | Lookalike lookups in DNS | ${t(0)} | ${t(240)} | 42 | hana |`);
  expect(md).toContain(`| Q2 | Proxy hits on lookalike logins | ${t(0)} | ${t(240)} | 3 | hana |`);
  expect(md).not.toContain(Q1_SQL);
  expect(md).toContain('| C1 | endpoint WS-0042 | visited examp1e-login.com | F1 | hana | executed | approve by dora: confirmed visit | local-edr ISO-1 |');
  expect(md).toContain('| epic | local-agile | EPIC-3 | — |');
  expect(md).toContain('| channel | local-chat | eavd01-barracuda-muffin | https://chat.example.com/c/eavd01 |');
  // Every external id a finding created is cited: its ticket, its incident, the escalation notice, the intel pushed.
  expect(md).toContain('| F1 ticket | local-ticketing | CAPEO-F1 | — |');
  expect(md).toContain('| F1 incident | local-ticketing | IR-7 | — |');
  expect(md).toContain('| F1 escalation notice | smtp | ntf-7 | — |');
  expect(md).toContain('| F2 escalation notice | notification | ntf-8 | — |');
  expect(md).toContain('| F1 intel | taxii | indicator--0b6c1f4e-4d52-5b0e-9a8d-0c8d1e2f3a4b | — |');
  expect(md).toContain(`| ${t(240)} | lucas | gate.approved | execute |`);
  expect(md).toContain(`| ${t(270)} | lucas | report.released | report.md |`);
  const empty = renderReportMarkdown(mission({ findings: [], queries: [], containments: [] }), m);
  expect(empty).toContain('No findings in this iteration.');
  expect(empty).toContain('No queries were run in this iteration.');
  expect(empty).toContain('No containment was requested.');
});

test('the HTML report is a standalone document that escapes what people typed', () => {
  const html = renderReportHtml(s, m);
  expect(html).toMatch(/^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/);
  expect(html).toContain('<style>');
  expect(html).toMatch(/<\/html>\n$/);
  expect(html).not.toContain('<script>');
  expect(html).toContain('examp1e-login.com &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(renderReportMarkdown(s, m)).not.toContain('<script>');
});

test('report rendering is deterministic', () => {
  expect(renderReportMarkdown(s, m)).toBe(renderReportMarkdown(mission(), computeMetrics(mission(), NOW)));
});

/* ---------- the comms ---------- */

test('comms with findings: why, what was done, the escalated findings by name, key numbers, what next; no SQL', () => {
  const c = renderComms(s, m, 'Intel reported a phishing wave against our clients.');
  expect(c.subject).toBe('EAVD01 - Barracuda Muffin: 2 suspicious events found and escalated — Lookalike domains of example.com used for credential phishing');
  expect(c.text).toContain('Prompted by new threat intelligence');
  expect(c.text).toContain('Lookalike domains of example.com used for credential phishing');
  expect(c.text).toContain('Intel reported a phishing wave against our clients.');
  expect(c.text).toContain('- Find lookalike domains with MX records');
  expect(c.text).toContain('A squad of 3 hunters led by lucas spent 4.4 hours on the hunt (6 hours were set aside), looking through 2 data sources (dns and proxy) with 2 systematic queries.');
  expect(c.text).toContain('Findings: 5 (1 visibility gap, 1 detection opportunity, 2 suspicious security events, 1 threat intelligence event of interest)');
  expect(c.text).toMatch(/all were escalated to incident response/);
  expect(c.text).toContain('examp1e-login.com <script>alert(1)</script> (severity high) — with incident response (IR-7)');
  expect(c.text).toContain('examp1e-secure.net serves a cloned login page (severity critical) — with incident response (IR-8)');
  expect(c.text).toContain('Proxy logs silent since 02:00');
  expect(c.text).not.toContain('Duplicate of F4');
  expect(c.text).toContain('Escalated to incident response: 2, on average 45 minutes after being found');
  expect(c.text).toContain('Visibility gaps raised: 1');
  expect(c.text).toContain('## What happens next');
  expect(c.text).not.toMatch(/Nothing malicious/);
  for (const doc of [c.text, c.html]) {
    for (const q of s.queries) expect(doc).not.toContain(q.query);
    expect(doc).not.toMatch(/\bselect\b.*\bfrom\b/i);
  }
  expect(c.html).toMatch(/^<!doctype html>/);
  expect(c.html).not.toContain('<script>');
  expect(c.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('comms without findings say, explicitly and positively, that nothing malicious was found', () => {
  const quiet = mission({ findings: [], containments: [] });
  const c = renderComms(quiet, computeMetrics(quiet, NOW), null);
  expect(c.subject).toContain('nothing malicious found');
  expect(c.text).toMatch(/Nothing malicious was found/);
  expect(c.text).toMatch(/good news/);
  expect(c.text).toContain('Findings: 0');
  expect(c.text).not.toMatch(/escalated to incident response at once/);
  expect(c.html).toContain('Nothing malicious was found');
});

test('comms with findings but nothing suspicious still say nothing malicious was found, and list what improves', () => {
  const improving = mission({ findings: FINDINGS.filter((f) => f.category !== 'suspicious-security-event'), containments: [] });
  const c = renderComms(improving, computeMetrics(improving, NOW), null);
  expect(c.subject).toContain('nothing malicious found, 3 findings to act on');
  expect(c.text).toMatch(/Nothing malicious was found in our environment/);
  expect(c.text).toContain('Alert on DNS lookups of freshly registered lookalikes');
  expect(c.text).toContain('Detection engineering will turn the 1 detection opportunity into alerts.');
});

/* ---------- the playbook ---------- */

const byId = (nb: Notebook, id: string): NotebookCell => {
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id} in ${nb.cells.map((c) => c.id).join(', ')}`);
  return cell;
};
const queryCells = (nb: Notebook) => nb.cells.filter((c): c is CodeCell => c.cell_type === 'code' && !!c.metadata.capeo?.sql);

test('the playbook: nbformat 4.5 with kernelspec, language_info and the mission in its metadata', () => {
  const nb = buildPlaybook(s, null);
  expect(nb).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
  expect(nb.metadata.kernelspec).toMatchObject({ name: 'python3', display_name: 'Python 3' });
  expect(nb.metadata.language_info.name).toBe('python');
  expect(nb.metadata.capeo).toMatchObject({ code: 'EAVD01', iteration: 1, missionId: 'mission-EAVD01-1', snapshotAt: t(270) });
  for (const c of nb.cells) expect(c.id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
  expect(buildPlaybook(mission(), null)).toEqual(nb);
});

test('the playbook: research as markdown cells, one code cell per query with its SQL, observables as a recipe, no metrics', () => {
  const nb = buildPlaybook(s, null);
  const md = (id: string) => {
    const c = byId(nb, id);
    expect(c.cell_type).toBe('markdown');
    return c.source;
  };
  expect(md('i1-title')).toContain('# Threat Hunt Playbook — EAVD01 - Barracuda Muffin, iteration 1');
  expect(md('i1-title')).toContain('Lookalike domains of example.com used for credential phishing');
  expect(md('i1-intel')).toContain('Lookalike phishing wave');
  expect(md('i1-research')).toContain('## Initial research — iteration 1');
  expect(md('i1-research')).toContain('- [dnstwist](https://github.com/elceef/dnstwist) — *code*: permutation engine');
  expect(md('i1-research')).toContain('[Phishing kits \\[2025\\]](https://example.org/kits%282025%29) — *article*');
  expect(md('i1-feasibility')).toContain('Prioritisation model: 9.8 of 13.5, proposal **qualify**.');
  expect(md('i1-feasibility')).toContain('| Data availability | 4 |');
  expect(md('i1-owners')).toContain('**Marta Brand** (business, example.com): marta@example.com');
  expect(md('i1-team-engagement')).toContain('| Brand protection | supporting | takedown requests |');
  expect(md('i1-objectives')).toContain('- Check who resolved them');
  expect(md('i1-data-sources')).toContain('| proxy | samples/logs/proxy.csv | web proxy log |');
  expect(md('i1-stakeholders')).toContain('[Mail team runbook](https://wiki.example.com/mail)');
  const found = md('i1-findings');
  expect(found).toContain('examp1e-login.com &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(found).toContain('escalated to incident response');
  expect(found).not.toContain('Duplicate of F4');

  const queries = queryCells(nb);
  expect(queries.map((c) => c.id)).toEqual(['i1-query-Q1', 'i1-query-Q2']);
  expect(queries[0]!.source).toContain(Q1_SQL);
  expect(queries[0]!.source).toContain(`# time range: ${t(0)} → ${t(240)}`);
  expect(queries[1]!.source).toContain(`r"""\n${Q2_SQL}\n"""`);
  expect(queries.every((c) => c.outputs.length === 0 && c.execution_count === null)).toBe(true);
  expect(md('i1-query-Q1-title')).toContain('### Lookalike lookups in DNS (Q1, iteration 1)');
  expect(nb.cells.indexOf(byId(nb, 'i1-query-Q1-title')) + 1).toBe(nb.cells.indexOf(byId(nb, 'i1-query-Q1')));
  expect(byId(nb, 'i1-setup').source).toContain('import duckdb');

  const observables = byId(nb, 'i1-observables');
  expect(observables.cell_type).toBe('code');
  expect(observables.source).toContain('"examp1e-login.com"');
  expect(observables.source).toContain('"203.0.113.7"');

  expect(JSON.stringify(nb)).not.toMatch(/Total Hunt Duration|Execution Phase Duration|Squad size|Time in phase|Mean time from finding/);
});

test('a query whose SQL holds triple quotes still yields one code cell with the SQL, as a JSON (Python) string', () => {
  const sql = 'select \'"""\' as odd from dns';
  const nb = buildPlaybook(mission({ queries: [query('Q9', 'odd', sql, 0, 200)] }), null);
  expect(queryCells(nb)).toHaveLength(1);
  expect(queryCells(nb)[0]!.source).toContain(JSON.stringify(sql));
});

test('the next iteration keeps the previous cells, except queries it ran again; the playbook grows', () => {
  const first = buildPlaybook(s, null);
  const nextState = mission({
    missionId: 'mission-EAVD01-2', iteration: 2, previous: { missionId: 'mission-EAVD01-1', playbook: null, objectives: ['Find lookalike domains with MX records'] },
    queries: [
      query('Q1', 'Lookalike lookups in DNS, again', `${Q1_SQL};`, 40, 110),
      query('Q2', 'Mail from lookalikes', "select sender from mail where sender like '%examp1e%'", 1, 120),
    ],
    findings: [],
  });
  const second = buildPlaybook(nextState, first);
  const ids = second.cells.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(byId(second, 'i2-title').source).toContain('iteration 2');
  expect(byId(second, 'i2-findings').source).toContain('Nothing suspicious was found');
  // This iteration's cells first, then the previous ones under one heading.
  expect(ids.indexOf('i2-previous')).toBeGreaterThan(ids.indexOf('i2-findings'));
  expect(ids.indexOf('i1-title')).toBeGreaterThan(ids.indexOf('i2-previous'));
  // Previous markdown and code cells are kept as they were...
  for (const id of ['i1-title', 'i1-research', 'i1-findings', 'i1-query-Q2-title', 'i1-query-Q2', 'i1-observables']) {
    expect(byId(second, id)).toEqual(byId(first, id));
  }
  // ...except the query this iteration ran again (and the identical setup cell).
  expect(ids).not.toContain('i1-query-Q1');
  expect(ids).not.toContain('i1-query-Q1-title');
  expect(ids).not.toContain('i1-setup');
  expect(byId(second, 'i2-previous').source).toContain('Q1 (iteration 1)');
  expect(queryCells(second).map((c) => c.id)).toEqual(['i2-query-Q1', 'i2-query-Q2', 'i1-query-Q2']);
  expect(second.metadata.capeo.iterations).toEqual([
    { iteration: 2, missionId: 'mission-EAVD01-2' },
    { iteration: 1, missionId: 'mission-EAVD01-1' },
  ]);

  // A third iteration: one "Previous iterations" heading, both earlier iterations kept.
  const third = buildPlaybook({ ...nextState, missionId: 'mission-EAVD01-3', iteration: 3, queries: [] }, second);
  expect(third.cells.filter((c) => c.metadata.capeo?.section === 'previous').map((c) => c.id)).toEqual(['i3-previous']);
  expect(queryCells(third).map((c) => c.id)).toEqual(['i2-query-Q1', 'i2-query-Q2', 'i1-query-Q2']);
  expect(byId(third, 'i2-setup').cell_type).toBe('code');
  expect(third.metadata.capeo.iterations.map((i) => i.iteration)).toEqual([3, 2, 1]);
});

test('a previous notebook from elsewhere (nbformat 4.4, list sources, no ids) is normalised, with unique valid ids; its cells of this iteration are replaced', () => {
  const foreign = {
    nbformat: 4, nbformat_minor: 4, metadata: {},
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Hand-written\n', 'notes'] },
      { cell_type: 'code', metadata: {}, source: ['x = 1\n', 'x'], execution_count: 3, outputs: [{ output_type: 'execute_result', data: { 'text/plain': '1' }, metadata: {}, execution_count: 3 }] },
      { cell_type: 'markdown', id: 'notes', metadata: {}, source: 'one' },
      { cell_type: 'markdown', id: 'notes', metadata: {}, source: 'two' },
      { cell_type: 'markdown', id: 'i2-title', metadata: {}, source: 'an earlier build of this iteration: replaced' },
      { cell_type: 'heading', metadata: {}, source: 'nbformat 3 leftover' },
    ],
  } as unknown as Notebook;
  const nb = buildPlaybook(mission({ iteration: 2 }), foreign);
  const kept = nb.cells.slice(nb.cells.findIndex((c) => c.id === 'i2-previous') + 1);
  expect(kept.map((c) => [c.id, c.cell_type, c.source])).toEqual([
    ['previous-0', 'markdown', '# Hand-written\nnotes'],
    ['previous-1', 'code', 'x = 1\nx'],
    ['notes', 'markdown', 'one'],
    ['notes-2', 'markdown', 'two'],
  ]);
  expect((kept[1] as CodeCell).execution_count).toBe(3);
  expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
});

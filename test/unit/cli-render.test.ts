import type { AuditItem, Finding, MissionView } from '../../cli/api-types';
import { lookalikes, renderLookalikes } from '../../cli/lookalikes';
import { renderEffects, renderFindings, renderMission, renderMissionList, renderRetried, table } from '../../cli/render';
import { parseSse, renderEvent } from '../../cli/sse';
import { FINDING_CATEGORIES } from '../../domain/findings';
import { clockMetrics } from '../../domain/metrics';
import type { MissionCore } from '../../domain/mission-core';
import { missionSummaryFixture } from '../support/mission-state';

const T = (hhmm: string) => `2026-11-02T${hhmm}:00.000Z`;

/** GET /missions/{id} for a core state, with the clocks as they stand at `now`. */
function view(overrides: Partial<MissionCore>, now = Date.parse(T('12:00'))): MissionView {
  const s = missionSummaryFixture(overrides);
  return { ...s, progress: { totalHunt: clockMetrics(s.clocks.total, now), executionPhase: clockMetrics(s.clocks.execution, now) }, updatedAt: T('11:59') };
}

const finding = (id: string, over: Partial<Finding> = {}): Finding => ({
  id, category: 'suspicious-security-event', title: `${id} examp1e-login.com`, description: '', severity: 'high', evidence: [],
  observables: [{ type: 'domain', value: 'examp1e-login.com' }], flags: [], status: 'open', author: 'hana', at: T('11:00'), ...over,
});
const entry = (seq: number, action: string, detail?: string): AuditItem => ({ seq, at: T(`10:${String(seq).padStart(2, '0')}`), actor: 'capeo', action, ...(detail && { detail }) });

test('tables align columns and show empty cells as a dash', () => {
  expect(table(['A', 'BB'], [['xxx', null], ['y', 'z']])).toBe('A    BB\nxxx  —\ny    z');
});

test('missions list as text: the open gate and the failed effects of each mission', () => {
  expect(renderMissionList([])).toBe('No missions.');
  const text = renderMissionList([
    {
      missionId: 'mission-EAVD01-1', code: 'EAVD01', iteration: 1, type: 'EAVD', codeName: 'Barracuda Muffin', displayName: 'EAVD01 - Barracuda Muffin',
      status: 'active', phase: 'execute', lead: 'lucas', openGate: 'execute', gateOpenedAt: T('11:00'), overrun: true, deadline: null,
      failedEffects: 2, createdAt: T('09:00'), updatedAt: T('11:00'), findings: 3, escalated: 1, clockWarnings: [0.5, 0.8, 1],
      clocks: { total: { startedAt: T('09:00'), stoppedAt: null, allocatedHours: 40, deadline: null, warningsSent: [], overrun: false }, execution: { startedAt: null, stoppedAt: null, allocatedHours: null, deadline: null, warningsSent: [], overrun: false } },
    },
  ]);
  expect(text.split('\n')).toEqual([
    'MISSION           STATUS  PHASE    GATE     LEAD   OVERRUN  FAILED-EFFECTS  DEADLINE  CREATED',
    'mission-EAVD01-1  active  execute  execute  lucas  yes      2               —         2026-11-02T09:00:00.000Z',
  ]);
});

test('missions show: the open gate with what it misses and what failed, clocks from progress, counts, latest activity, the tails fetched', () => {
  const byCategory = Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as MissionCore['findings']['byCategory'];
  const m = view({
    phase: 'plan',
    lead: 'lucas',
    squad: { hana: { status: 'accepted', invitedAt: T('09:10') } },
    gate: { phase: 'plan', round: 2, openedAt: T('10:00'), remindersSent: 0, verdict: null },
    items: { plan: { 'comms-channel': { status: 'done', by: 'capeo', at: T('09:30') }, 'action-plan': { status: 'failed', by: 'capeo', at: T('09:31') } } },
    // Total: 09:00 → 11:30 stopped with 4 h allocated; execution running since 10:30 with 3 h.
    clocks: {
      total: { startedAt: T('09:00'), stoppedAt: T('11:30'), allocatedHours: 4, deadline: null, warningsSent: [], overrun: false },
      execution: { startedAt: T('10:30'), stoppedAt: null, allocatedHours: 3, deadline: null, warningsSent: [], overrun: false },
    },
    findings: { total: 12, byCategory: { ...byCategory, 'suspicious-security-event': 10, 'hunt-opportunity': 2 }, escalated: 3, withdrawn: 1 },
    counters: { findings: 12, queries: 4, containments: 1, effects: 30, audit: 31 },
    effects: { queue: [], deferred: 0, running: 1, done: 27, failed: 2, alerted: true },
    containments: [{ id: 'C1', target: { kind: 'endpoint', id: 'ws-042' }, reason: 'beaconing', findingId: 'F3' }],
    latest: { at: T('11:58'), actor: 'hana', action: 'finding.added' },
  });
  const text = renderMission(m, { items: [finding('F11'), finding('F12', { status: 'withdrawn', category: 'hunt-opportunity', severity: 'low' })], total: 12 }, { items: [entry(30, 'gate.opened', 'plan'), entry(31, 'finding.added', 'F12')], total: 31 });
  const lines = text.split('\n');
  expect(lines.slice(0, 3)).toEqual(['EAVD01 - Barracuda Muffin  (mission-EAVD01-1)', 'status active, phase plan; lead lucas; iteration 1', 'topic: t']);
  expect(text).toContain(`open gate: plan (round 2, opened ${T('10:00')}) — missing: plan.lead, plan.objectives, plan.time-allocation, plan.squad`);
  expect(text).toContain('  failed system steps (not blocking; capeo effects retry mission-EAVD01-1): plan.action-plan');
  expect(text).toContain('Total Hunt Duration: allocated 4 h, elapsed 2.5 h, remaining 1.5 h, 62.5%, stopped');
  expect(text).toContain('Execution Phase Duration: allocated 3 h, elapsed 1.5 h, remaining 1.5 h, 50%, running');
  expect(text).toContain('squad: hana (accepted)');
  expect(text).toContain('findings: 12 (hunt-opportunity 2, suspicious-security-event 10), 3 escalated, 1 withdrawn; queries: 4; containments: 1 (1 pending); sweeps: 0');
  expect(text).toContain('effects: 0 pending, 1 running, 27 done, 2 failed — capeo effects list mission-EAVD01-1 --state failed');
  expect(text).toContain(`latest: ${T('11:58')}  hana  finding.added; updated ${T('11:59')}`);
  expect(text).toMatch(/^plan +action-plan +failed +capeo +2026-11-02T09:31:00\.000Z$/m);
  expect(text).toMatch(/^C1 +endpoint ws-042 +F3 +beaconing$/m);
  expect(text).toContain('Findings (last 2 of 12)');
  expect(text).toMatch(/^F12 +hunt-opportunity +low +withdrawn +F12 examp1e-login\.com$/m);
  expect(text).toContain('Audit (last 2 of 31)');
  expect(text).toMatch(/^2026-11-02T10:31:00\.000Z +capeo +finding\.added +F12$/m);

  const fresh = renderMission(view({}), { items: [], total: 0 }, { items: [entry(1, 'mission.started')], total: 1 });
  expect(fresh).toContain(`open gate: analyze (round 1, opened 2026-11-01T00:00:00.000Z) — missing: analyze.initial-research, analyze.feasibility, analyze.owners, analyze.team-engagement`);
  expect(fresh).not.toContain('failed system steps');
  expect(fresh).toContain('Total Hunt Duration: not started');
  expect(fresh).toContain('effects: 0 pending, 0 running, 0 done, 0 failed\n');
  expect(fresh).toContain('latest: —;');
  expect(fresh).toContain('Findings: none');
  expect(fresh).toContain('Audit (1)');
  expect(fresh).not.toContain('Containments');

  const decided = renderMission(view({ gate: { phase: 'analyze', round: 1, openedAt: T('09:00'), remindersSent: 0, verdict: { decision: 'reject', by: 'lucas', at: T('09:05') } } }), { items: [], total: 0 }, { items: [], total: 0 });
  expect(decided).toContain(`gate analyze (round 1, opened ${T('09:00')}): rejected by lucas at ${T('09:05')}`);
  expect(decided).not.toContain('open gate');
  expect(renderMission(view({ gate: null, phase: 'execute' }), { items: [], total: 0 }, { items: [], total: 0 })).not.toMatch(/gate/);
});

test('findings: a mission\'s without a mission column, a search\'s with one', () => {
  expect(renderFindings([])).toBe('No findings.');
  expect(renderFindings([finding('F1')]).split('\n')).toEqual([
    'ID  CATEGORY                   SEVERITY  STATUS  AUTHOR  AT                        OBSERVABLES        TITLE',
    `F1  suspicious-security-event  high      open    hana    ${T('11:00')}  examp1e-login.com  F1 examp1e-login.com`,
  ]);
  expect(renderFindings([{ ...finding('F2'), missionId: 'mission-EAVD02-1' }]).split('\n')[1]).toMatch(/^mission-EAVD02-1 +F2 +suspicious-security-event /);
});

test('effects: the error cut to one line; a retry lists each outcome and counts what failed again', () => {
  expect(renderEffects([])).toBe('No effects.');
  const long = `local ticketing refused:\n${'x'.repeat(300)}`;
  const text = renderEffects([
    { id: 'E7', kind: 'finding-ticket', key: 'finding:F1', subject: 'F1', state: 'failed', attempts: 1, error: long, errorType: 'Error', result: null, createdAt: T('11:00'), updatedAt: T('11:01') },
    { id: 'E8', kind: 'notify', key: 'effects-failed:8', subject: 'effects-failed', state: 'done', attempts: 1, error: null, errorType: null, result: {}, createdAt: T('11:01'), updatedAt: T('11:01') },
  ]);
  const [head, failed, done] = text.split('\n');
  expect(head).toMatch(/^ID +KIND +KEY +STATE +ATTEMPTS +UPDATED +ERROR$/);
  expect(failed).toMatch(/^E7 +finding-ticket +finding:F1 +failed +1 +2026-11-02T11:01:00\.000Z +Error: local ticketing refused: x+…$/);
  expect(failed!.length).toBeLessThan(200);
  expect(done).toMatch(/^E8 +notify +effects-failed:8 +done +1 +\S+ +—$/);

  expect(renderRetried('mission-EAVD01-1', [])).toBe('mission-EAVD01-1: no failed effects to retry');
  const retried = renderRetried('mission-EAVD01-1', [
    { id: 'E7', kind: 'finding-ticket', key: 'finding:F1', state: 'done' },
    { id: 'E9', kind: 'escalate', key: 'incident:F2', state: 'failed', error: 'EXTERNAL_AUTH_REJECTED: 401' },
  ]).split('\n');
  expect(retried.at(-1)).toBe('mission-EAVD01-1: 2 retried, 1 done, 1 failed again');
  expect(retried[2]).toMatch(/^E9 +escalate +incident:F2 +failed +EXTERNAL_AUTH_REJECTED: 401$/);
});

test('server-sent events: split across chunks, ids kept, comments skipped, JSON data parsed; mission entries show gate and failed effects', () => {
  const first = parseSse('event: audit\nid: 1\ndata: {"at":"t1","actor":"ann","action":"gate.approved","phase":"analyze"}\n\n: keep-alive\n\nevent: au');
  expect(first.events).toEqual([{ event: 'audit', id: '1', data: { at: 't1', actor: 'ann', action: 'gate.approved', phase: 'analyze' } }]);
  const second = parseSse(`${first.rest}dit\nid: 2\ndata: {"at":"t2","actor":"lucas","action":"finding.added","detail":"F1","phase":"execute"}\r\n\r\nevent: end\nid: 2\ndata: {"status":"completed"}\n\n`);
  expect(second.rest).toBe('');
  expect(second.events.map(renderEvent)).toEqual(['t2  lucas  finding.added  F1  [execute]', 'mission closed: completed']);
  expect(renderEvent({ event: 'ended', data: { missionId: 'm-2' } })).toBe('m-2  no longer active');
  expect(renderEvent({ event: 'mission', data: { missionId: 'm-1', status: 'active', phase: 'plan', lead: null, openGate: null, overrun: false, failedEffects: 0 } })).toBe(
    'm-1  active  phase plan  lead —',
  );
  expect(renderEvent({ event: 'mission', data: { missionId: 'm-1', status: 'active', phase: 'plan', lead: 'lucas', openGate: 'plan', overrun: true, failedEffects: 1 } })).toBe(
    'm-1  active  phase plan  lead lucas  gate plan open  OVERRUN  1 failed effect',
  );
});

test('lookalikes of example.com: a known homoglyph, the fuzzer filter, three formats', () => {
  const all = lookalikes({ domain: 'example.com' });
  expect(all).toContainEqual({ fuzzer: 'homoglyph', domain: 'examp1e.com', algorithms: ['homoglyph', 'replacement'] });
  const homoglyphs = lookalikes({ domain: 'example.com', fuzzers: 'homoglyph' });
  expect(new Set(homoglyphs.map((p) => p.fuzzer))).toEqual(new Set(['homoglyph']));
  expect(homoglyphs.every((p) => /^[\x21-\x7e]+$/.test(p.domain))).toBe(true);
  expect(homoglyphs.map((p) => p.domain)).toContain('xn--xample-9ua.com');

  const some = all.filter((p) => ['examp1e.com', 'xn--xample-9ua.com'].includes(p.domain));
  expect(JSON.parse(renderLookalikes(some, 'json'))).toEqual(some);
  expect(renderLookalikes(some, 'csv')).toBe('fuzzer,domain,algorithms\nhomoglyph,xn--xample-9ua.com,homoglyph\nhomoglyph,examp1e.com,homoglyph replacement');
  expect(renderLookalikes(some, 'text')).toBe(
    'FUZZER     DOMAIN              ALGORITHMS\nhomoglyph  xn--xample-9ua.com  homoglyph\nhomoglyph  examp1e.com         homoglyph,replacement',
  );
  expect(() => lookalikes({ domain: 'example.com', fuzzers: 'homoglyph,typo' })).toThrow(
    /^--fuzzers: unknown typo; valid: addition, bitsquatting, .*combosquatting, .*mixed-script, dynamic-dns$/,
  );
  // The families: all TLDs, opt-in; a bad family or two disagreeing flags are usage errors.
  const swaps = (a: Partial<Parameters<typeof lookalikes>[0]>) => lookalikes({ domain: 'example.com', fuzzers: 'tld-swap', ...a }).length;
  expect(swaps({ allTlds: true })).toBe(swaps({ tldFamily: 'all' }));
  expect(swaps({ allTlds: true })).toBeGreaterThan(swaps({}) + 1000);
  expect(swaps({ tldFamily: 'none' })).toBe(0);
  expect(() => lookalikes({ domain: 'example.com', tldFamily: 'every' })).toThrow(/^--tld-family: one of none, common, all$/);
  expect(() => lookalikes({ domain: 'example.com', tldFamily: 'none', allTlds: true })).toThrow(/--all-tlds and --tld-family disagree/);
  expect(lookalikes({ domain: 'example.com', fuzzers: 'combosquatting', keywords: 'zz', comboDictionary: false }).map((p) => p.domain)).toEqual([
    'example-zz.com',
    'zz-example.com',
    'examplezz.com',
    'zzexample.com',
  ]);
});

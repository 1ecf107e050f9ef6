import { lookalikes, renderLookalikes } from '../../cli/lookalikes';
import { parseSse, renderEvent, renderMission, renderMissionList, table } from '../../cli/render';
import { missingRequiredItems } from '../../domain/gates';
import { releasedMission } from '../support/outcomes-fixture';
import { missionStateFixture } from '../support/mission-state';

test('tables align columns and show empty cells as a dash', () => {
  expect(table(['A', 'BB'], [['xxx', null], ['y', 'z']])).toBe('A    BB\nxxx  —\ny    z');
});

test('missions list as text', () => {
  expect(renderMissionList([])).toBe('No missions.');
  const text = renderMissionList([
    { missionId: 'mission-EAVD01-1', status: 'active', phase: 'execute', type: 'EAVD', code: 'EAVD01', lead: 'lucas', overrun: true, deadline: null, startedAt: '2026-11-02T09:00:00.000Z' },
  ]);
  expect(text.split('\n')).toEqual([
    'MISSION           STATUS  PHASE    LEAD   OVERRUN  DEADLINE  STARTED',
    'mission-EAVD01-1  active  execute  lucas  yes      —         2026-11-02T09:00:00.000Z',
  ]);
});

test('missions show: open gate with its missing items, clocks with allocated, elapsed, remaining and percent, findings, audit tail', () => {
  const s = releasedMission();
  const text = renderMission(s, ['outcomes.report'], Date.parse('2026-11-02T12:00:00Z'), 2);
  const lines = text.split('\n');
  expect(lines[0]).toBe('EAVD01 - Barracuda Muffin  (mission-EAVD01-1)');
  expect(text).toContain('open gate: outcomes — missing: outcomes.report');
  // total: 09:00 → 11:30 stopped, 4 h allocated.
  expect(text).toContain('Total Hunt Duration: allocated 4 h, elapsed 2.5 h, remaining 1.5 h, 62.5%, stopped');
  expect(text).toContain('Execution Phase Duration: allocated 3 h, elapsed 1.5 h, remaining 1.5 h, 50%, stopped');
  expect(text).toMatch(/^F1 +suspicious-security-event +high +escalated +examp1e-login\.com/m);
  expect(text).toMatch(/^execute +data-sources +hana/m);
  expect(text).toContain('Audit (last 2 of 3)');
  expect(text).not.toContain('2026-11-02T09:00:00.000Z  capeo  phase.entered  analyze');
  expect(text).toContain('2026-11-02T11:00:00.000Z  capeo  phase.entered  outcomes');

  const fresh = missionStateFixture();
  const freshText = renderMission(fresh, missingRequiredItems(fresh));
  expect(freshText).toContain('open gate: analyze — missing: analyze.initial-research, analyze.feasibility, analyze.owners, analyze.team-engagement');
  expect(freshText).toContain('Total Hunt Duration: not started');
});

test('server-sent events: split across chunks, ids kept, comments skipped, JSON data parsed', () => {
  const first = parseSse('event: audit\nid: 1\ndata: {"at":"t1","actor":"ann","action":"gate.approved","phase":"analyze"}\n\n: keep-alive\n\nevent: au');
  expect(first.events).toEqual([{ event: 'audit', id: '1', data: { at: 't1', actor: 'ann', action: 'gate.approved', phase: 'analyze' } }]);
  const second = parseSse(`${first.rest}dit\nid: 2\ndata: {"at":"t2","actor":"lucas","action":"finding.added","detail":"F1","phase":"execute"}\r\n\r\nevent: end\nid: 2\ndata: {"status":"completed"}\n\n`);
  expect(second.rest).toBe('');
  expect(second.events.map(renderEvent)).toEqual(['t2  lucas  finding.added  F1  [execute]', 'mission closed: completed']);
  expect(renderEvent({ event: 'mission', data: { missionId: 'm-1', status: 'active', phase: 'plan', lead: null, overrun: false } })).toBe(
    'm-1  active  phase plan  lead —',
  );
});

test('lookalikes of example.com: a known homoglyph, the fuzzer filter, three formats', () => {
  const all = lookalikes({ domain: 'example.com' });
  expect(all).toContainEqual({ fuzzer: 'homoglyph', domain: 'examp1e.com' });
  const homoglyphs = lookalikes({ domain: 'example.com', fuzzers: 'homoglyph' });
  expect(new Set(homoglyphs.map((p) => p.fuzzer))).toEqual(new Set(['homoglyph']));
  expect(homoglyphs.every((p) => /^[\x21-\x7e]+$/.test(p.domain))).toBe(true);
  expect(homoglyphs.map((p) => p.domain)).toContain('xn--xample-9ua.com');

  const some = homoglyphs.filter((p) => ['examp1e.com', 'xn--xample-9ua.com'].includes(p.domain));
  expect(JSON.parse(renderLookalikes(some, 'json'))).toEqual(some);
  expect(renderLookalikes(some, 'csv')).toBe('fuzzer,domain\nhomoglyph,xn--xample-9ua.com\nhomoglyph,examp1e.com');
  expect(renderLookalikes(some, 'text')).toBe('FUZZER     DOMAIN\nhomoglyph  xn--xample-9ua.com\nhomoglyph  examp1e.com');
  expect(() => lookalikes({ domain: 'example.com', fuzzers: 'homoglyph,typo' })).toThrow(
    /^--fuzzers: unknown typo; valid: addition, bitsquatting, .*combosquatting$/,
  );
});

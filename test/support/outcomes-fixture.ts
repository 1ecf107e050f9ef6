import { computeMetrics, metricsInputOf } from '../../domain/metrics';
import type { MissionRecord } from '../../domain/mission';
import { missionRecordFixture } from './mission-state';

const t = (min: number) => new Date(Date.UTC(2026, 10, 2, 9, min)).toISOString();

/** A mission released in Outcomes: research, a query, an escalated finding, clocks stopped. */
export function releasedMission(overrides: Partial<MissionRecord> = {}): MissionRecord {
  return missionRecordFixture({
    phase: 'outcomes',
    openGate: 'outcomes',
    lead: 'lucas',
    squad: { hana: { status: 'accepted', invitedAt: t(0) }, hugo: { status: 'accepted', invitedAt: t(0) } },
    allocation: { totalHuntHours: 4, executionPhaseHours: 3 },
    clocks: {
      total: { startedAt: t(0), stoppedAt: t(150), allocatedHours: 4, deadline: t(240), warningsSent: [0.5], overrun: false },
      execution: { startedAt: t(30), stoppedAt: t(120), allocatedHours: 3, deadline: t(210), warningsSent: [], overrun: false },
    },
    workItems: {
      analyze: { 'initial-research': { by: 'hana', at: t(1), data: { references: [{ title: 'dnstwist', link: 'https://github.com/elceef/dnstwist', kind: 'code', notes: 'permutations' }] } } },
      plan: { objectives: { by: 'lucas', at: t(20), data: { objectives: ['lookalike domains with MX'] } } },
      execute: { 'data-sources': { by: 'hana', at: t(31), data: { sources: [{ name: 'dns', location: 'samples/logs', model: 'DNS log' }] } } },
    },
    queries: [
      {
        id: 'Q1', title: 'Lookalike lookups', query: "select query from dns where query like '%examp1e%'", from: t(0), to: t(60),
        rowCount: 3, columns: ['query'], sample: [{ query: 'examp1e-login.com' }], truncated: false,
        evidence: { name: 'Q1.json', path: 'm/queries/Q1.json', bytes: 10, sha256: 'x' }, by: 'hana', at: t(40),
      },
    ],
    findings: [
      {
        id: 'F1', category: 'suspicious-security-event', title: 'examp1e-login.com <script>alert(1)</script>', description: 'MX and fresh certificate',
        severity: 'high', evidence: [], observables: [{ type: 'domain', value: 'examp1e-login.com' }], flags: ['playbook'],
        status: 'escalated', author: 'hana', at: t(45), ticket: { system: 'local-ticketing', id: 'CAPEO-3' },
        escalation: { at: t(75), ticket: { system: 'local-ticketing', id: 'IR-1' }, notification: 'ntf-1' },
      },
    ],
    timeline: [
      { at: t(0), actor: 'capeo', action: 'phase.entered', detail: 'analyze' },
      { at: t(30), actor: 'capeo', action: 'phase.entered', detail: 'execute' },
      { at: t(120), actor: 'capeo', action: 'phase.entered', detail: 'outcomes' },
    ],
    ...overrides,
  });
}

export const metricsOf = (s: MissionRecord) => computeMetrics(metricsInputOf(s), t(150));

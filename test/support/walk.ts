import type { Client } from '@temporalio/client';
import { NotFoundError, NotReadyError } from '../../api/errors';
import type { MissionService } from '../../api/services/missions';
import type { Actor } from '../../domain/identity';
import * as msg from '../../domain/messages';
import type { MissionSummary } from '../../domain/mission-summary';

export const platform: Actor = { id: 'soc-platform', role: 'platform' };
export const manager: Actor = { id: 'maria.manager', role: 'manager' };
export const lead: Actor = { id: 'lucas.lead', role: 'lead' };
export const hunter: Actor = { id: 'hana.hunter', role: 'hunter' };
export const hunter2: Actor = { id: 'hugo.hunter', role: 'hunter' };
export const dfir: Actor = { id: 'dora.dfir', role: 'dfir' };

export const eavdRequest = {
  type: 'EAVD' as const,
  codeName: 'Barracuda Muffin',
  topic: 'Lookalike domains used for phishing our customers',
  trigger: 'intel' as const,
  keywords: ['lookalike'],
  stakeholders: ['fraud-team'],
  audience: ['security-newsletter@example.org'],
};

export const ref = { title: 'dnstwist', link: 'https://github.com/elceef/dnstwist', kind: 'code' as const };
export const feasibility = {
  dataAvailability: 4, informationQuality: 3, skillsets: 4, resourceConstraints: 3, timelines: 4,
  crownJewelsImpacted: true, majorVulnerabilities: false, emergentThreat: true,
};

/** Polls the mission's summary until `ok` holds (the workflow's own work runs after an Update returns). */
export async function until(missions: MissionService, id: string, ok: (s: MissionSummary) => boolean, what: string, tries = 1200): Promise<MissionSummary> {
  for (let i = 0; i < tries; i++) {
    // A mission being started by someone else may not exist yet.
    const s = await missions.summary(id).catch((err: unknown) => {
      if (err instanceof NotFoundError || err instanceof NotReadyError) return undefined;
      throw err;
    });
    if (s && ok(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${id}: ${what} never happened`);
}

/** Ends a mission a test is done with, and its watchers (which a mission abandons to outlive its continue-as-new). */
export async function endMission(tw: { client: Client }, missionId: string): Promise<void> {
  for (const id of [missionId, `${missionId}-visibility`, `${missionId}-sweep`]) {
    await tw.client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  }
}

/** Every item of a paged listing, page by page. */
export async function everyPage<T>(read: (page: { limit: number; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Every finding of a mission, from the store. */
export const allFindings = (missions: MissionService, id: string) => everyPage((p) => missions.findings(id, p));

/** Every audit entry of a mission, from the store. */
export const timeline = (missions: MissionService, id: string) => everyPage((p) => missions.timeline(id, p));

/** Polls the mission's findings until `ok` holds. */
export async function untilFindings(missions: MissionService, id: string, ok: (f: Awaited<ReturnType<typeof allFindings>>) => boolean, what: string) {
  for (let i = 0; i < 1200; i++) {
    const f = await allFindings(missions, id);
    if (ok(f)) return f;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${id}: ${what} never happened`);
}

export const openGate = (missions: MissionService, id: string, gate: string) =>
  until(missions, id, (s) => s.openGate === gate, `gate ${gate} opening`);

export const planReady = (missions: MissionService, id: string) =>
  until(missions, id, (s) => Boolean(s.workItems['plan']?.['comms-channel'] && s.workItems['plan']?.['action-plan']), 'channel and action plan');

/** Collect approved, a lead, a squad of two and every analysis item: the Analyze gate opens (answers the summary then). */
export async function walkToAnalyzeGate(missions: MissionService, id: string): Promise<MissionSummary> {
  await openGate(missions, id, 'collect');
  await missions.decideGate(id, { gate: 'collect', decision: 'approve' }, manager);
  await missions.assignLead(id, lead.id, manager);
  await missions.update(id, msg.inviteHuntersUpdate, { hunters: [hunter.id, hunter2.id], actor: lead });
  await missions.update(id, msg.squadResponseUpdate, { accept: true, actor: hunter });
  await missions.update(id, msg.squadResponseUpdate, { accept: true, actor: hunter2 });
  await missions.recordWorkItem(id, 'initial-research', { references: [ref] }, hunter);
  await missions.recordWorkItem(id, 'feasibility', feasibility, lead);
  await missions.recordWorkItem(id, 'owners', { owners: [{ name: 'Web team', contact: 'web@example.org', kind: 'technical' }] }, hunter2);
  await missions.recordWorkItem(id, 'team-engagement', { teams: [], statement: 'No other team needed for this iteration' }, lead);
  return openGate(missions, id, 'analyze');
}

/** Collect → Plan gate approved: lead, squad of two, analysis items, allocation, objectives. */
export async function walkToExecute(
  missions: MissionService,
  id: string,
  allocation = { totalHuntHours: 40, executionPhaseHours: 30 },
  objectives: Record<string, unknown> = { objectives: ['find lookalike domains with MX records'] },
): Promise<void> {
  await walkToAnalyzeGate(missions, id);
  await missions.decideGate(id, { gate: 'analyze', decision: 'approve' }, lead);
  await missions.setAllocation(id, allocation, undefined, lead);
  await missions.recordWorkItem(id, 'objectives', objectives, lead);
  await planReady(missions, id);
  await missions.decideGate(id, { gate: 'plan', decision: 'approve' }, lead);
}

/** Execute with one query and the given findings, then Outcomes to a released report and completion. */
export async function walkFromExecute(missions: MissionService, id: string): Promise<void> {
  await missions.recordWorkItem(id, 'data-sources', { sources: [{ name: 'dns', location: 'samples/logs', model: 'DNS query log' }] }, hunter);
  await missions.update(id, msg.runQueryUpdate, {
    title: 'Lookups of lookalike domains',
    query: "select query, count(*) as n from dns where query like '%examp1e%' group by query",
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-21T00:00:00Z',
    actor: hunter,
  });
  await missions.decideGate(id, { gate: 'execute', decision: 'approve' }, lead);
  await missions.update(id, msg.releaseReportUpdate, { actor: lead });
  await missions.decideGate(id, { gate: 'outcomes', decision: 'approve' }, lead);
}

export async function walkToCompletion(missions: MissionService, id: string): Promise<void> {
  await walkToExecute(missions, id);
  await walkFromExecute(missions, id);
}

/** Hours given in seconds (allocations and policies of a test run in seconds). */
export const seconds = (s: number): number => s / 3600;

/**
 * Runs `n` jobs, `lanes` at a time. The first failure stops every lane (no job starts after it), and
 * is thrown once they have stopped: nothing of a failed test goes on running into the next one.
 */
export async function inLanes(n: number, lanes: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed: { err: unknown } | undefined;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = next++; i < n && !failed; i = next++) {
        try {
          await job(i);
        } catch (err) {
          failed ??= { err };
        }
      }
    }),
  );
  if (failed) throw failed.err;
}

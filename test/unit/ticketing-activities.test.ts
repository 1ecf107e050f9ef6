import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTicketing, type TicketRecord } from '../../activities/ticketing/local-ticketing';
import { createTicketingActivities } from '../../activities/ticketing/ticketing-activities';
import { TicketingError, type TicketingPort } from '../../activities/ticketing/ticketing-port';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-plan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tickets = (): TicketRecord[] =>
  readdirSync(dir)
    .filter((f) => /^(CAPEO|IR)-\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TicketRecord);

const plan = {
  idempotencyKey: 'wf-1:action-plan',
  missionId: 'mission-1',
  title: 'EAVD01 - Barracuda Muffin',
  description: 'Lookalike domains of acme.example',
  objectives: ['Enumerate lookalike domains', 'Find mail-ready lookalikes', 'Detect cloned login pages'],
};

describe('createTicketingActivities', () => {
  it('an action plan is one epic and a story per objective, in order', async () => {
    const result = await createTicketingActivities(new LocalTicketing(dir)).createActionPlan(plan);

    expect(result.epic).toEqual({ system: 'local-ticketing', id: 'CAPEO-1' });
    expect(result.stories.map((s) => s.id)).toEqual(['CAPEO-2', 'CAPEO-3', 'CAPEO-4']);
    const all = tickets();
    expect(all.filter((t) => t.kind === 'epic')).toEqual([expect.objectContaining({ id: 'CAPEO-1', title: plan.title, missionId: 'mission-1' })]);
    const stories = all.filter((t) => t.kind === 'story').sort((a, b) => a.id.localeCompare(b.id));
    expect(stories.map((s) => [s.title, s.epic, s.idempotencyKey])).toEqual([
      ['Enumerate lookalike domains', 'CAPEO-1', 'wf-1:action-plan:story:0'],
      ['Find mail-ready lookalikes', 'CAPEO-1', 'wf-1:action-plan:story:1'],
      ['Detect cloned login pages', 'CAPEO-1', 'wf-1:action-plan:story:2'],
    ]);
  });

  it('a retried action plan returns the same tickets and makes none', async () => {
    const first = await createTicketingActivities(new LocalTicketing(dir)).createActionPlan(plan);
    const retried = await createTicketingActivities(new LocalTicketing(dir)).createActionPlan(plan);
    expect(retried).toEqual(first);
    expect(tickets()).toHaveLength(4);
  });

  it('a retry after a failure half-way makes only the missing stories', async () => {
    const local = new LocalTicketing(dir);
    let failOnce = true;
    const flaky: TicketingPort = {
      name: local.name,
      createEpic: (i) => local.createEpic(i),
      createStory: async (i) => {
        if (i.idempotencyKey.endsWith(':story:1') && failOnce) {
          failOnce = false;
          throw new Error('agile tool unavailable');
        }
        return local.createStory(i);
      },
      createIncident: (i) => local.createIncident(i),
      recordFinding: (i) => local.recordFinding(i),
    };
    const activities = createTicketingActivities(flaky);
    await expect(activities.createActionPlan(plan)).rejects.toThrow('agile tool unavailable');
    const result = await activities.createActionPlan(plan);

    expect(result.stories).toHaveLength(3);
    expect(tickets().map((t) => t.kind).sort()).toEqual(['epic', 'story', 'story', 'story']);
  });

  it('incident and finding tickets go through the port, idempotently', async () => {
    const activities = createTicketingActivities(new LocalTicketing(dir));
    const input = { idempotencyKey: 'wf-1:incident:f-1', missionId: 'mission-1', findingId: 'f-1', title: 'SEOI', description: 'd', severity: 'critical' as const };
    const ir = await activities.createIncidentTicket(input);
    expect(await activities.createIncidentTicket(input)).toEqual(ir);
    const finding = await activities.recordFindingTicket({
      idempotencyKey: 'wf-1:finding:f-1',
      missionId: 'mission-1',
      findingId: 'f-1',
      title: 'gap',
      description: '',
      category: 'visibility-gap',
    });
    expect([ir.id, finding.id]).toEqual(['IR-1', 'CAPEO-1']);
    expect(tickets()).toHaveLength(2);
  });

  it('refuses an empty objective permanently, before any ticket', async () => {
    await expect(createTicketingActivities(new LocalTicketing(dir)).createActionPlan({ ...plan, objectives: ['ok', ' '] })).rejects.toMatchObject({
      type: TicketingError.Invalid,
      nonRetryable: true,
    });
    expect(tickets()).toHaveLength(0);
  });
});

import { leaveDeadClaim } from '../support/claims';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyHash } from '../../activities/local-records/key-claims';
import { LocalTicketing, readTickets, type TicketRecord } from '../../activities/ticketing/local-ticketing';
import { TicketingError, type IncidentInput } from '../../activities/ticketing/ticketing-port';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-tickets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ticketFiles = (): string[] => readdirSync(dir).filter((f) => /^(CAPEO|IR)-\d+\.json$/.test(f)).sort();
const ticket = (id: string): TicketRecord => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as TicketRecord;

const incident = (key: string, findingId = 'f-1'): IncidentInput => ({
  idempotencyKey: key,
  missionId: 'mission-1',
  findingId,
  title: `SEOI EAVD01 ${findingId}`,
  description: 'domain: login-acme.example',
  severity: 'high',
});

describe('LocalTicketing', () => {
  it('a retried incident with the same key returns the same ticket and leaves one file', async () => {
    const t = new LocalTicketing(dir);
    const first = await t.createIncident(incident('wf-1:incident:f-1'));
    const again = await t.createIncident(incident('wf-1:incident:f-1'));

    expect(first).toEqual({ system: 'local-ticketing', id: 'IR-1' });
    expect(again).toEqual(first);
    expect(ticketFiles()).toEqual(['IR-1.json']);
    expect(ticket('IR-1')).toMatchObject({ kind: 'incident', idempotencyKey: 'wf-1:incident:f-1', findingId: 'f-1', severity: 'high', status: 'open' });
  });

  it('different keys make different tickets, numbered per project', async () => {
    const t = new LocalTicketing(dir);
    const epic = await t.createEpic({ idempotencyKey: 'wf-1:epic', missionId: 'mission-1', title: 'EAVD01 - Barracuda Muffin', description: 'lookalikes' });
    const finding = await t.recordFinding({
      idempotencyKey: 'wf-1:finding:f-1',
      missionId: 'mission-1',
      findingId: 'f-1',
      title: 'login-acme.example',
      description: '',
      category: 'suspicious-security-event',
    });
    const ir1 = await t.createIncident(incident('wf-1:incident:f-1'));
    const ir2 = await t.createIncident(incident('wf-1:incident:f-2', 'f-2'));

    expect([epic.id, finding.id, ir1.id, ir2.id]).toEqual(['CAPEO-1', 'CAPEO-2', 'IR-1', 'IR-2']);
    expect(ticketFiles()).toEqual(['CAPEO-1.json', 'CAPEO-2.json', 'IR-1.json', 'IR-2.json']);
    expect((await readTickets(dir)).map((x) => [x.id, x.kind])).toEqual([
      ['CAPEO-1', 'epic'],
      ['CAPEO-2', 'finding'],
      ['IR-1', 'incident'],
      ['IR-2', 'incident'],
    ]);
  });

  it('remembers keys across a restart, and numbering continues', async () => {
    const first = await new LocalTicketing(dir).createIncident(incident('wf-1:incident:f-1'));
    const restarted = new LocalTicketing(dir);
    expect(await restarted.createIncident(incident('wf-1:incident:f-1'))).toEqual(first);
    expect(await restarted.createIncident(incident('wf-1:incident:f-2', 'f-2'))).toMatchObject({ id: 'IR-2' });
    expect(ticketFiles()).toEqual(['IR-1.json', 'IR-2.json']);
  });

  it('concurrent calls: one ticket per key, no number used twice', async () => {
    const instances = [new LocalTicketing(dir), new LocalTicketing(dir)];
    const refs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 2]!.createIncident(incident(`wf-1:incident:f-${i % 4}`, `f-${i % 4}`))),
    );
    expect(ticketFiles()).toEqual(['IR-1.json', 'IR-2.json', 'IR-3.json', 'IR-4.json']);
    for (let i = 0; i < 12; i++) expect(refs[i]).toEqual(refs[i % 4]);
    expect(new Set((await readTickets(dir)).map((x) => x.idempotencyKey)).size).toBe(4);
  });

  it('recovers from a holder that died after writing the ticket: same ticket, no new file', async () => {
    const first = await new LocalTicketing(dir).createIncident(incident('wf-1:incident:f-1'));
    rmSync(join(dir, 'keys', `${keyHash('incident\nwf-1:incident:f-1')}.json`));
    leaveDeadClaim(join(dir, 'keys'), 'incident\nwf-1:incident:f-1');

    expect(await new LocalTicketing(dir).createIncident(incident('wf-1:incident:f-1'))).toEqual(first);
    expect(ticketFiles()).toEqual(['IR-1.json']);
  });

  it('skips a number another process already took', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'IR-1.json'), JSON.stringify({ id: 'IR-1', kind: 'incident', idempotencyKey: 'other' }));
    expect(await new LocalTicketing(dir).createIncident(incident('wf-1:incident:f-1'))).toMatchObject({ id: 'IR-2' });
  });

  it('a story needs an existing epic of this system', async () => {
    const t = new LocalTicketing(dir);
    const epic = await t.createEpic({ idempotencyKey: 'wf-1:plan', missionId: 'mission-1', title: 'EAVD01', description: '' });
    const story = await t.createStory({ idempotencyKey: 'wf-1:plan:story:0', epic, title: 'Find lookalikes', description: '' });
    expect(ticket(story.id)).toMatchObject({ kind: 'story', epic: epic.id, missionId: 'mission-1' });

    await expect(t.createStory({ idempotencyKey: 'k', epic: { system: 'local-ticketing', id: 'CAPEO-99' }, title: 'x', description: '' })).rejects.toMatchObject({
      type: TicketingError.EpicNotFound,
      nonRetryable: true,
    });
    await expect(t.createStory({ idempotencyKey: 'k', epic: { system: 'local-ticketing', id: '../IR-1' }, title: 'x', description: '' })).rejects.toMatchObject({
      type: TicketingError.EpicNotFound,
    });
    await expect(t.createStory({ idempotencyKey: 'k', epic: { system: 'jira', id: 'HUNT-1' }, title: 'x', description: '' })).rejects.toMatchObject({
      type: TicketingError.Invalid,
    });
  });

  it('refuses bad input permanently, before writing anything', async () => {
    const t = new LocalTicketing(dir);
    await expect(t.createIncident({ ...incident('k'), severity: 'apocalyptic' as never })).rejects.toMatchObject({ type: TicketingError.Invalid, nonRetryable: true });
    await expect(t.createIncident({ ...incident(''), severity: 'low' })).rejects.toMatchObject({ type: TicketingError.Invalid });
    await expect(
      t.recordFinding({ idempotencyKey: 'k', missionId: 'm', findingId: 'f', title: 't', description: '', category: 'nope' as never }),
    ).rejects.toMatchObject({ type: TicketingError.Invalid });
    expect(ticketFiles()).toEqual([]);
  });
});

import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { createExclusive, readJson } from '../local-records/atomic-files';
import { KeyClaims, type KeyClaimOptions } from '../local-records/key-claims';
import { serially } from '../local-records/serial';
import {
  assertValidTicket,
  invalidTicket,
  TicketingError,
  type EpicInput,
  type FindingTicketInput,
  type IncidentInput,
  type StoryInput,
  type TicketingPort,
  type TicketRef,
} from './ticketing-port';
import { writableDir, type CheckResult } from '../health-check';
import { ensureDir } from '../local-records/ensure-dir';

export type TicketKind = 'epic' | 'story' | 'finding' | 'incident';

/** The content of one `<dir>/<ID>.json`. */
export interface TicketRecord {
  system: string;
  id: string;
  kind: TicketKind;
  idempotencyKey: string;
  missionId: string;
  findingId?: string;
  epic?: string;
  title: string;
  description: string;
  severity?: string;
  category?: string;
  status: 'open';
  createdAt: string;
}

const SYSTEM = 'local-ticketing';
/** Incidents go to the IR queue; the agile project holds epics, stories and findings. */
const prefixOf = (kind: TicketKind): string => (kind === 'incident' ? 'IR' : 'CAPEO');
const TICKET_FILE = /^([A-Z]+)-(\d+)\.json$/;

/** Every ticket in `dir`, by project and number. */
export async function readTickets(dir: string): Promise<TicketRecord[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = names
    .map((name) => TICKET_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a[1]!.localeCompare(b[1]!) || Number(a[2]) - Number(b[2]));
  const tickets: TicketRecord[] = [];
  for (const m of files) {
    const t = await readJson<TicketRecord>(join(dir, m[0]));
    if (t) tickets.push(t);
  }
  return tickets;
}

/**
 * The embedded ticketing system: one JSON file per ticket, `<dir>/CAPEO-<n>.json` (epics, stories,
 * findings) and `<dir>/IR-<n>.json` (incidents). Numbers are allocated by exclusive file creation, so
 * processes sharing the directory never reuse one; each idempotency key makes at most one ticket.
 */
export class LocalTicketing implements TicketingPort {
  readonly name = SYSTEM;
  private readonly dir: string;
  private readonly claims: KeyClaims;

  constructor(dir: string, options?: KeyClaimOptions) {
    this.dir = resolve(dir);
    this.claims = new KeyClaims(join(this.dir, 'keys'), options);
  }

  check(): Promise<CheckResult> {
    return writableDir(this.dir, 'tickets written as JSON files');
  }

  async createEpic(i: EpicInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId']);
    return this.open('epic', i.idempotencyKey, { missionId: i.missionId, title: i.title, description: i.description });
  }

  async createStory(i: StoryInput): Promise<TicketRef> {
    assertValidTicket(i, ['epic']);
    if (i.epic.system !== SYSTEM) throw invalidTicket(`epic: a ${SYSTEM} ticket, not ${i.epic.system}`);
    const epic = TICKET_FILE.test(`${i.epic.id}.json`) ? await readJson<TicketRecord>(join(this.dir, `${i.epic.id}.json`)) : undefined;
    if (epic?.kind !== 'epic') {
      throw ApplicationFailure.create({ type: TicketingError.EpicNotFound, nonRetryable: true, message: `epic ${i.epic.id} does not exist` });
    }
    return this.open('story', i.idempotencyKey, { missionId: epic.missionId, epic: epic.id, title: i.title, description: i.description });
  }

  async createIncident(i: IncidentInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'severity']);
    const { missionId, findingId, title, description, severity } = i;
    return this.open('incident', i.idempotencyKey, { missionId, findingId, title, description, severity });
  }

  async recordFinding(i: FindingTicketInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'category']);
    const { missionId, findingId, title, description, category } = i;
    return this.open('finding', i.idempotencyKey, { missionId, findingId, title, description, category });
  }

  private async open(kind: TicketKind, key: string, fields: Pick<TicketRecord, 'missionId' | 'title' | 'description'> & Partial<TicketRecord>): Promise<TicketRef> {
    await ensureDir(this.dir);
    // Claims are per kind: the same key on an epic and on a story names two different tickets.
    const { value } = await this.claims.once(`${kind}\n${key}`, {
      create: () => this.allocate(kind, key, fields),
      find: async () => {
        const t = (await readTickets(this.dir)).find((x) => x.kind === kind && x.idempotencyKey === key);
        return t && { system: t.system, id: t.id };
      },
    });
    return value;
  }

  private allocate(kind: TicketKind, key: string, fields: Partial<TicketRecord>): Promise<TicketRef> {
    const prefix = prefixOf(kind);
    return serially(`${this.dir}\n${prefix}`, async () => {
      // Start after the highest number in use; another process may take it first, then try the next.
      for (let n = (await this.highest(prefix)) + 1; ; n++) {
        const id = `${prefix}-${n}`;
        const record = { system: SYSTEM, id, kind, idempotencyKey: key, ...fields, status: 'open', createdAt: new Date().toISOString() };
        if (await createExclusive(join(this.dir, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`)) return { system: SYSTEM, id };
      }
    });
  }

  private async highest(prefix: string): Promise<number> {
    let max = 0;
    for (const name of await readdir(this.dir)) {
      const m = TICKET_FILE.exec(name);
      if (m?.[1] === prefix) max = Math.max(max, Number(m[2]));
    }
    return max;
  }
}

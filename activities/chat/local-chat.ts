import { appendFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { createExclusive, parseJsonLines, readJson, readTextOrEmpty } from '../local-records/atomic-files';
import { KeyClaims, keyHash, type KeyClaimOptions } from '../local-records/key-claims';
import { serially } from '../local-records/serial';
import {
  assertValidChannel,
  assertValidInvite,
  CHANNEL_NAME,
  ChatError,
  validMembers,
  type ChannelRef,
  type ChatPort,
  type CreateChannelInput,
  type InviteInput,
} from './chat-port';
import { writableDir, type CheckResult } from '../health-check';
import { ensureDir } from '../local-records/ensure-dir';

/** The content of `<dir>/<name>.json`, with the members as they stand now. */
export interface ChannelRecord {
  system: string;
  id: string;
  name: string;
  topic: string;
  members: string[];
  idempotencyKey: string;
  createdAt: string;
}

const SYSTEM = 'local-chat';
const channelFile = (dir: string, name: string): string => join(dir, `${name}.json`);
/** Invitations are appended, never rewritten, so processes inviting at once cannot lose each other's members. */
const invitesFile = (dir: string, name: string): string => join(dir, `${name}.invites.jsonl`);
const refOf = (c: ChannelRecord): ChannelRef => ({ system: c.system, id: c.id, name: c.name });

/** The channel named `name` with its current members (creation plus invitations), if it exists. */
export async function readChannel(dir: string, name: string): Promise<ChannelRecord | undefined> {
  if (!CHANNEL_NAME.test(name)) return undefined;
  const channel = await readJson<ChannelRecord>(channelFile(dir, name));
  if (!channel) return undefined;
  const invited = parseJsonLines<{ member: string }>(await readTextOrEmpty(invitesFile(dir, name))).map((i) => i.member);
  return { ...channel, members: [...new Set([...channel.members, ...invited])] };
}

/** Every channel in `dir`, by name. */
export async function readChannels(dir: string): Promise<ChannelRecord[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const channels: ChannelRecord[] = [];
  for (const f of names.filter((n) => n.endsWith('.json')).sort()) {
    const c = await readChannel(dir, f.slice(0, -'.json'.length));
    if (c) channels.push(c);
  }
  return channels;
}

/**
 * The embedded chat system: one JSON file per channel, `<dir>/<name>.json`, created exclusively so a
 * name exists once; invitations in `<dir>/<name>.invites.jsonl`. Channel ids derive from the name.
 */
export class LocalChat implements ChatPort {
  readonly name = SYSTEM;
  private readonly dir: string;
  private readonly claims: KeyClaims;

  constructor(dir: string, options?: KeyClaimOptions) {
    this.dir = resolve(dir);
    this.claims = new KeyClaims(join(this.dir, 'keys'), options);
  }

  check(): Promise<CheckResult> {
    return writableDir(this.dir, 'channels written as JSON files');
  }

  async createChannel(i: CreateChannelInput): Promise<ChannelRef> {
    assertValidChannel(i);
    await ensureDir(this.dir);
    const { value } = await this.claims.once(i.idempotencyKey, {
      create: () => this.createOrGet(i),
      find: async () => {
        const c = (await readChannels(this.dir)).find((x) => x.idempotencyKey === i.idempotencyKey);
        return c && refOf(c);
      },
    });
    return value;
  }

  async invite(i: InviteInput): Promise<void> {
    assertValidInvite(i);
    const members = validMembers(i.members);
    const file = invitesFile(this.dir, i.channel.name);
    await serially(file, async () => {
      const channel = await readChannel(this.dir, i.channel.name);
      if (!channel || channel.id !== i.channel.id) {
        throw ApplicationFailure.create({ type: ChatError.ChannelNotFound, nonRetryable: true, message: `channel ${i.channel.name} does not exist` });
      }
      const present = new Set(channel.members);
      const added = members.filter((m) => !present.has(m));
      if (added.length === 0) return;
      const at = new Date().toISOString();
      // One write for all lines: O_APPEND keeps it whole next to another process's invitations.
      await appendFile(file, added.map((member) => `${JSON.stringify({ member, at })}\n`).join(''));
    });
  }

  private async createOrGet(i: CreateChannelInput): Promise<ChannelRef> {
    const record: ChannelRecord = {
      system: SYSTEM,
      id: `C${keyHash(i.name).slice(0, 10).toUpperCase()}`,
      name: i.name,
      topic: i.topic,
      members: validMembers(i.members),
      idempotencyKey: i.idempotencyKey,
      createdAt: new Date().toISOString(),
    };
    if (await createExclusive(channelFile(this.dir, i.name), `${JSON.stringify(record, null, 2)}\n`)) return refOf(record);
    const existing = await readJson<ChannelRecord>(channelFile(this.dir, i.name));
    return refOf(existing!);
  }
}

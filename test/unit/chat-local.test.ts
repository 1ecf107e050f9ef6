import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatActivities } from '../../activities/chat/chat-activities';
import { ChatError, type CreateChannelInput } from '../../activities/chat/chat-port';
import { LocalChat, readChannel, readChannels } from '../../activities/chat/local-chat';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-chat-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const channelFiles = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const inviteLines = (name: string): string[] => readFileSync(join(dir, `${name}.invites.jsonl`), 'utf8').split('\n').filter(Boolean);

const input = (key: string, name = 'eavd01-barracuda-muffin', members = ['lead-1', 'hunter-1']): CreateChannelInput => ({
  idempotencyKey: key,
  name,
  topic: 'EAVD01 - Barracuda Muffin: lookalikes of acme.example',
  members,
});

describe('LocalChat', () => {
  it('a retried creation with the same key returns the same channel and leaves one file', async () => {
    const chat = new LocalChat(dir);
    const first = await chat.createChannel(input('wf-1:channel'));
    const again = await chat.createChannel(input('wf-1:channel'));

    expect(first).toMatchObject({ system: 'local-chat', name: 'eavd01-barracuda-muffin', id: expect.stringMatching(/^C[0-9A-F]{10}$/) });
    expect(again).toEqual(first);
    expect(channelFiles()).toEqual(['eavd01-barracuda-muffin.json']);
    expect(await readChannel(dir, 'eavd01-barracuda-muffin')).toMatchObject({ id: first.id, members: ['lead-1', 'hunter-1'], idempotencyKey: 'wf-1:channel' });
  });

  it('the same name under another key returns the existing channel; another name is another channel', async () => {
    const chat = new LocalChat(dir);
    const first = await chat.createChannel(input('wf-1:channel'));
    expect(await chat.createChannel(input('wf-2:channel'))).toEqual(first);
    const other = await chat.createChannel(input('wf-3:channel', 'eavd02-salty-walrus'));
    expect(other.id).not.toBe(first.id);
    expect(channelFiles()).toEqual(['eavd01-barracuda-muffin.json', 'eavd02-salty-walrus.json']);
  });

  it('remembers keys across a restart', async () => {
    const first = await new LocalChat(dir).createChannel(input('wf-1:channel'));
    expect(await new LocalChat(dir).createChannel(input('wf-1:channel'))).toEqual(first);
    expect(channelFiles()).toHaveLength(1);
  });

  it('concurrent creations of one name make one channel', async () => {
    const instances = [new LocalChat(dir), new LocalChat(dir)];
    const refs = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2]!.createChannel(input(`wf-${i % 3}:channel`))));
    expect(new Set(refs.map((r) => r.id)).size).toBe(1);
    expect(channelFiles()).toEqual(['eavd01-barracuda-muffin.json']);
  });

  it('invite is a set union: repeats add nothing', async () => {
    const chat = new LocalChat(dir);
    const channel = await chat.createChannel(input('wf-1:channel'));
    await chat.invite({ channel, members: ['hunter-2', 'lead-1'] });
    await chat.invite({ channel, members: ['hunter-2', 'hunter-3'] });
    await Promise.all([chat.invite({ channel, members: ['hunter-4'] }), chat.invite({ channel, members: ['hunter-4'] })]);

    expect((await readChannel(dir, channel.name))!.members).toEqual(['lead-1', 'hunter-1', 'hunter-2', 'hunter-3', 'hunter-4']);
    expect(inviteLines(channel.name)).toHaveLength(3);
    expect(await readChannels(dir)).toHaveLength(1);
  });

  it('refuses bad names, bad members and unknown channels permanently', async () => {
    const chat = new LocalChat(dir);
    await expect(chat.createChannel(input('k', 'EAVD01 Barracuda'))).rejects.toMatchObject({ type: ChatError.Invalid, nonRetryable: true });
    await expect(chat.createChannel(input('k', '../escape'))).rejects.toMatchObject({ type: ChatError.Invalid });
    await expect(chat.createChannel(input('k', 'ok', ['']))).rejects.toMatchObject({ type: ChatError.Invalid });
    await expect(chat.invite({ channel: { system: 'local-chat', id: 'C0', name: 'nowhere' }, members: ['a'] })).rejects.toMatchObject({
      type: ChatError.ChannelNotFound,
      nonRetryable: true,
    });
    expect(channelFiles()).toEqual([]);
  });
});

describe('createChatActivities', () => {
  it('setupChannel is idempotent and brings the members into a channel that already existed', async () => {
    const activities = createChatActivities(new LocalChat(dir));
    const first = await activities.setupChannel(input('wf-1:channel', 'eavd01-barracuda-muffin', ['lead-1']));
    const next = await activities.setupChannel(input('wf-2:channel', 'eavd01-barracuda-muffin', ['lead-2', 'hunter-1']));
    expect(next).toEqual(first);
    expect(await activities.setupChannel(input('wf-1:channel', 'eavd01-barracuda-muffin', ['lead-1']))).toEqual(first);
    expect((await readChannel(dir, first.name))!.members).toEqual(['lead-1', 'lead-2', 'hunter-1']);

    await activities.inviteToChannel({ channel: first, members: ['hunter-9'] });
    expect((await readChannel(dir, first.name))!.members).toContain('hunter-9');
    expect(channelFiles()).toEqual(['eavd01-barracuda-muffin.json']);
  });
});

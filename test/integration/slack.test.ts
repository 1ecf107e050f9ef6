import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatError } from '../../activities/chat/chat-port';
import { ExternalError } from '../../activities/http/http-client';
import { keyHash } from '../../activities/local-records/key-claims';
import type { Notification } from '../../activities/notify/notify-port';
import { SlackApi, type SlackSettings } from '../../activities/slack/slack-api';
import { SlackChat } from '../../activities/slack/slack-chat';
import { SlackNotifier, slackKeyHash } from '../../activities/slack/slack-notifier';
import { startContractServer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { leaveDeadClaim } from '../support/claims';
import { failure } from '../support/failures';

const TOKEN = 'xoxb-1111-2222-s3cret';
const ok = (body: Record<string, unknown>) => ({ status: 200, body: { ok: true, ...body } });
const refused = (error: string) => ({ status: 200, body: { ok: false, error } });

let srv: ContractServer;
let dir: string;

beforeAll(async () => {
  srv = await startContractServer({
    'POST /api/auth.test': (r) => (r.headers.authorization === `Bearer ${TOKEN}` ? ok({ user: 'capeo', user_id: 'UBOT', team: 'Acme SOC', team_id: 'T1' }) : refused('invalid_auth')),
    'POST /api/conversations.create': (r) => {
      const { name } = JSON.parse(r.body) as { name: string };
      return name === 'eavd01-barracuda-muffin' ? ok({ channel: { id: 'C100', name, topic: { value: '' } } }) : refused('name_taken');
    },
    'POST /api/conversations.list': (r) =>
      new URLSearchParams(r.body).get('cursor') === 'page2'
        ? ok({ channels: [{ id: 'C200', name: 'eavd02-taken', topic: { value: 'old topic' } }], response_metadata: { next_cursor: '' } })
        : ok({ channels: [{ id: 'C1', name: 'general', topic: { value: '' } }], response_metadata: { next_cursor: 'page2' } }),
    'POST /api/conversations.setTopic': ok({ channel: { id: 'C100' } }),
    'POST /api/users.lookupByEmail': (r) => {
      const email = new URLSearchParams(r.body).get('email');
      return email === 'alice@acme.example' ? ok({ user: { id: 'UALICE' } }) : refused('users_not_found');
    },
    'POST /api/conversations.invite': (r) => {
      const { users } = JSON.parse(r.body) as { users: string };
      return users.includes('UBOB') ? refused('already_in_channel') : ok({ channel: { id: 'C100' } });
    },
    'POST /api/chat.postMessage': (r) => {
      const { channel } = JSON.parse(r.body) as { channel: string };
      if (channel === 'CLIMIT') return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '30' } };
      if (channel === 'CSCOPE') return refused('missing_scope');
      if (channel === 'CGONE') return refused('channel_not_found');
      return ok({ channel, ts: '1700000000.000100', message: {} });
    },
    'POST /api/conversations.info': (r) =>
      new URLSearchParams(r.body).get('channel') === 'CSOC' ? ok({ channel: { id: 'CSOC', name: 'soc-alerts', is_member: true, is_archived: false } }) : refused('channel_not_found'),
    'POST /api/conversations.history': ok({
      messages: [
        { ts: '1700000100.000200', text: 'other' },
        { ts: '1700000050.000300', metadata: { event_type: 'capeo_notification', event_payload: { key: slackKeyHash('wf-1:reminder:2'), kind: 'gate-reminder' } } },
      ],
    }),
    'POST /services/T0001/B0002/abcDEF123': { status: 200, body: 'ok' },
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-slack-'));
  srv.requests.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settings = (over: Partial<SlackSettings> = {}): SlackSettings => ({ CAPEO_SLACK_API_URL: `${srv.baseUrl}/api`, CAPEO_SLACK_BOT_TOKEN: TOKEN, ...over });
const calls = () => srv.requests.map((r) => `${r.method} ${r.url}`);
const json = (r: RecordedRequest): unknown => JSON.parse(r.body);
const form = (r: RecordedRequest): Record<string, string> => Object.fromEntries(new URLSearchParams(r.body));
const JSON_HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' };
const FORM_HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' };

describe('Slack Web API errors', () => {
  const api = (token = TOKEN) => new SlackApi(`${srv.baseUrl}/api`, token, 5000);

  it('auth errors are permanent and never show the token', async () => {
    const f = await failure(api('xoxb-wrong-s3cret').ok('auth.test', {}, { form: true }));
    expect(f).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true, message: 'slack auth.test: invalid_auth (check CAPEO_SLACK_BOT_TOKEN)' });
    expect(f.message).not.toContain('s3cret');
    expect(await failure(api().ok('chat.postMessage', { channel: 'CSCOPE', text: 'x' }))).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
  });

  it('ratelimited (HTTP 429) is retried after Retry-After; channel_not_found is a refused request', async () => {
    expect(await failure(api().ok('chat.postMessage', { channel: 'CLIMIT', text: 'x' }))).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false, nextRetryDelay: 30_000 });
    expect(await failure(api().ok('chat.postMessage', { channel: 'CGONE', text: 'x' }))).toMatchObject({
      type: ExternalError.RequestRejected,
      nonRetryable: true,
      message: 'slack chat.postMessage: channel_not_found',
    });
  });
});

describe('SlackChat', () => {
  it('creates the public channel by name, sets its topic and says so once per key', async () => {
    const chat = new SlackChat(settings(), 5000, dir);
    const input = { idempotencyKey: 'mission-EAVD01-1:channel', name: 'eavd01-barracuda-muffin', topic: 'EAVD01 - Barracuda Muffin', members: [] };
    const ref = await chat.createChannel(input);

    expect(ref).toEqual({ system: 'slack', id: 'C100', name: 'eavd01-barracuda-muffin' });
    expect(calls()).toEqual(['POST /api/conversations.create', 'POST /api/conversations.setTopic']);
    expect(srv.requests[0]!.headers).toMatchObject(JSON_HEADERS);
    expect(json(srv.requests[0]!)).toEqual({ name: 'eavd01-barracuda-muffin', is_private: false });
    expect(json(srv.requests[1]!)).toEqual({ channel: 'C100', topic: 'EAVD01 - Barracuda Muffin' });

    srv.requests.length = 0;
    expect(await chat.createChannel(input)).toEqual(ref);
    expect(srv.requests).toEqual([]);
  });

  it('a taken name is found through the paginated channel list and its topic updated', async () => {
    const ref = await new SlackChat(settings(), 5000, dir).createChannel({ idempotencyKey: 'k2', name: 'eavd02-taken', topic: 'EAVD02 - Taken', members: [] });
    expect(ref).toEqual({ system: 'slack', id: 'C200', name: 'eavd02-taken' });
    expect(calls()).toEqual(['POST /api/conversations.create', 'POST /api/conversations.list', 'POST /api/conversations.list', 'POST /api/conversations.setTopic']);
    expect(srv.requests[1]!.headers).toMatchObject(FORM_HEADERS);
    expect(form(srv.requests[1]!)).toEqual({ types: 'public_channel,private_channel', exclude_archived: 'true', limit: '200' });
    expect(form(srv.requests[2]!)).toEqual({ types: 'public_channel,private_channel', exclude_archived: 'true', limit: '200', cursor: 'page2' });
    expect(json(srv.requests[3]!)).toEqual({ channel: 'C200', topic: 'EAVD02 - Taken' });
  });

  it('a taken name the bot cannot see is ChannelNotFound', async () => {
    const f = await failure(new SlackChat(settings(), 5000, dir).createChannel({ idempotencyKey: 'k3', name: 'secret-room', topic: '', members: [] }));
    expect(f).toMatchObject({ type: ChatError.ChannelNotFound, nonRetryable: true });
  });

  it('after an attempt that died once Slack had the channel, the retry finds it by name', async () => {
    leaveDeadClaim(join(dir, 'keys'), 'channel\nk4');
    const ref = await new SlackChat(settings(), 5000, dir).createChannel({ idempotencyKey: 'k4', name: 'eavd02-taken', topic: 'old topic', members: [] });
    expect(ref.id).toBe('C200');
    // Found, and its topic already right: no create, no topic change.
    expect(calls()).toEqual(['POST /api/conversations.list', 'POST /api/conversations.list']);
  });

  it('invites user ids and emails (looked up); a member already in the channel is skipped', async () => {
    const chat = new SlackChat(settings(), 5000, dir);
    await chat.invite({ channel: { system: 'slack', id: 'C100', name: 'eavd01-barracuda-muffin' }, members: ['alice@acme.example', 'UBOB', 'UALICE'] });
    expect(calls()).toEqual(['POST /api/users.lookupByEmail', 'POST /api/conversations.invite', 'POST /api/conversations.invite', 'POST /api/conversations.invite']);
    expect(form(srv.requests[0]!)).toEqual({ email: 'alice@acme.example' });
    expect(srv.requests.slice(1).map(json)).toEqual([
      { channel: 'C100', users: 'UALICE,UBOB' },
      { channel: 'C100', users: 'UALICE' },
      { channel: 'C100', users: 'UBOB' },
    ]);
  });

  it('an email with no Slack user, or a member that is neither, is refused', async () => {
    const chat = new SlackChat(settings(), 5000, dir);
    const channel = { system: 'slack', id: 'C100', name: 'eavd01-barracuda-muffin' };
    expect(await failure(chat.invite({ channel, members: ['mallory@acme.example'] }))).toMatchObject({ type: ChatError.Invalid, nonRetryable: true });
    expect(await failure(chat.invite({ channel, members: ['bob'] }))).toMatchObject({ type: ChatError.Invalid });
    expect(calls()).toEqual(['POST /api/users.lookupByEmail']);
  });

  it('check: auth.test, or what to set', async () => {
    expect(await new SlackChat(settings(), 5000, dir).check()).toEqual({ ok: true, detail: 'authenticated as capeo in workspace Acme SOC' });
    expect(srv.requests[0]!.headers).toMatchObject(FORM_HEADERS);
    const bad = await new SlackChat(settings({ CAPEO_SLACK_BOT_TOKEN: 'xoxb-wrong-s3cret' }), 5000, dir).check();
    expect(bad.ok).toBe(false);
    expect(bad.detail).toContain('invalid_auth');
    expect(bad.detail).not.toContain('s3cret');
    expect(await new SlackChat(settings({ CAPEO_SLACK_BOT_TOKEN: undefined }), 5000, dir).check()).toEqual({ ok: false, detail: 'set CAPEO_SLACK_BOT_TOKEN (a bot token, xoxb-…)' });
  });
});

describe('SlackNotifier', () => {
  const n: Notification = {
    idempotencyKey: 'wf-1:reminder:1',
    kind: 'gate-reminder',
    to: ['lead@acme.example'],
    subject: 'Gate Analyze waiting for EAVD01',
    text: 'Decide the gate: <approve> & go',
    missionId: 'mission-EAVD01-1',
  };
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'Gate Analyze waiting for EAVD01', emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: 'Decide the gate: &lt;approve&gt; &amp; go' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Mission *mission-EAVD01-1* · gate-reminder' }] },
  ];

  it('posts Block Kit with fallback text and the key hash in metadata, once per key', async () => {
    const notifier = new SlackNotifier(settings({ CAPEO_SLACK_CHANNEL: 'CSOC' }), 5000, dir);
    const receipt = await notifier.send(n);
    expect(receipt).toMatchObject({ id: 'CSOC/1700000000.000100', channel: 'slack', deduplicated: false });
    expect(calls()).toEqual(['POST /api/chat.postMessage']);
    expect(srv.requests[0]!.headers).toMatchObject(JSON_HEADERS);
    expect(json(srv.requests[0]!)).toEqual({
      channel: 'CSOC',
      text: 'Gate Analyze waiting for EAVD01',
      blocks,
      unfurl_links: false,
      metadata: { event_type: 'capeo_notification', event_payload: { key: keyHash('wf-1:reminder:1').slice(0, 32), kind: 'gate-reminder' } },
    });
    srv.requests.length = 0;
    expect(await notifier.send(n)).toEqual({ ...receipt, deduplicated: true });
    expect(srv.requests).toEqual([]);
  });

  it('after an attempt that died once Slack had the message, the retry finds it in the history by metadata', async () => {
    leaveDeadClaim(join(dir, 'keys'), 'wf-1:reminder:2');
    const receipt = await new SlackNotifier(settings({ CAPEO_SLACK_CHANNEL: 'CSOC' }), 5000, dir).send({ ...n, idempotencyKey: 'wf-1:reminder:2' });
    expect(receipt).toMatchObject({ id: 'CSOC/1700000050.000300', deduplicated: true });
    expect(calls()).toEqual(['POST /api/conversations.history']);
    expect(form(srv.requests[0]!)).toEqual({ channel: 'CSOC', limit: '200', include_all_metadata: 'true' });
  });

  it('with only a webhook URL, posts the same blocks to it', async () => {
    const hook = `${srv.baseUrl}/services/T0001/B0002/abcDEF123`;
    const receipt = await new SlackNotifier({ CAPEO_SLACK_WEBHOOK_URL: hook }, 5000, dir).send(n);
    expect(receipt).toMatchObject({ id: `webhook/${slackKeyHash(n.idempotencyKey)}`, channel: 'slack', deduplicated: false });
    expect(calls()).toEqual(['POST /services/T0001/B0002/abcDEF123']);
    expect(srv.requests[0]!.headers.authorization).toBeUndefined();
    expect(json(srv.requests[0]!)).toEqual({ text: 'Gate Analyze waiting for EAVD01', blocks });
  });

  it('check: auth.test and the channel, or the webhook URL shape without calling it', async () => {
    expect(await new SlackNotifier(settings({ CAPEO_SLACK_CHANNEL: 'CSOC' }), 5000, dir).check()).toEqual({
      ok: true,
      detail: 'authenticated as capeo in workspace Acme SOC; notifications go to #soc-alerts (the bot is a member)',
    });
    expect(calls()).toEqual(['POST /api/auth.test', 'POST /api/conversations.info']);
    expect(form(srv.requests[1]!)).toEqual({ channel: 'CSOC' });
    const unknown = await new SlackNotifier(settings({ CAPEO_SLACK_CHANNEL: '#soc' }), 5000, dir).check();
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.detail).toContain('set CAPEO_SLACK_CHANNEL to a channel id');

    srv.requests.length = 0;
    const hook = await new SlackNotifier({ CAPEO_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0001/B0002/abcDEF123' }, 5000, dir).check();
    expect(hook.ok).toBe(true);
    expect(hook.detail).not.toContain('abcDEF123');
    expect(await new SlackNotifier({ CAPEO_SLACK_WEBHOOK_URL: 'https://example.com/hook' }, 5000, dir).check()).toMatchObject({ ok: false });
    expect(srv.requests).toEqual([]);
    expect(await new SlackNotifier({}, 5000, dir).check()).toEqual({ ok: false, detail: 'set CAPEO_SLACK_BOT_TOKEN and CAPEO_SLACK_CHANNEL, or CAPEO_SLACK_WEBHOOK_URL' });
  });
});

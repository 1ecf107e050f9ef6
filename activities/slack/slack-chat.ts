import { ApplicationFailure } from '@temporalio/activity';
import {
  assertValidChannel,
  assertValidInvite,
  ChatError,
  invalidChat,
  validMembers,
  type ChannelRef,
  type ChatPort,
  type CreateChannelInput,
  type InviteInput,
} from '../chat/chat-port';
import type { CheckResult } from '../health-check';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { DEFAULT_SLACK_API, NOT_CONFIGURED, SLACK_SYSTEM, SlackApi, type SlackSettings } from './slack-api';

interface SlackChannel {
  id: string;
  name: string;
  topic?: { value?: string };
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** Errors of one invitation that leave the member where we want them: in the channel. */
const HARMLESS_INVITE_ERRORS = ['already_in_channel', 'cant_invite_self'];

/**
 * Slack channels for missions (bot token, Web API). A channel is created public under the name the caller
 * gives; when the name is taken, the existing channel is returned (a retry, or a channel someone made by
 * hand). Members are Slack user ids or email addresses, looked up with users.lookupByEmail.
 */
export class SlackChat extends ClaimingAdapter<SlackSettings> implements ChatPort {
  readonly name = SLACK_SYSTEM;


  async check(): Promise<CheckResult> {
    if (!this.settings.CAPEO_SLACK_BOT_TOKEN) return { ok: false, detail: 'set CAPEO_SLACK_BOT_TOKEN (a bot token, xoxb-…)' };
    try {
      const me = await this.api().ok('auth.test', {}, { form: true });
      return { ok: true, detail: `authenticated as ${String(me.user ?? me.user_id)} in workspace ${String(me.team ?? me.team_id)}` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async createChannel(i: CreateChannelInput): Promise<ChannelRef> {
    assertValidChannel(i);
    const api = this.api();
    const { value } = await this.claims.once(`channel\n${i.idempotencyKey}`, {
      create: async () => {
        const created = await api.call('conversations.create', { name: i.name, is_private: false }, { allow: ['name_taken'] });
        const channel = created.ok ? (created.channel as SlackChannel) : await this.findByName(i.name);
        if (!channel) {
          throw ApplicationFailure.create({
            type: ChatError.ChannelNotFound,
            nonRetryable: true,
            message: `slack: the name ${i.name} is taken by a channel the bot cannot see (archived, or private without the bot)`,
          });
        }
        await this.setTopic(channel, i.topic);
        return refOf(channel);
      },
      find: async () => {
        const channel = await this.findByName(i.name);
        if (channel) await this.setTopic(channel, i.topic);
        return channel && refOf(channel);
      },
    });
    return value;
  }

  async invite(i: InviteInput): Promise<void> {
    assertValidInvite(i);
    const members = validMembers(i.members);
    const api = this.api();
    const users: string[] = [];
    for (const member of members) {
      if (USER_ID.test(member)) users.push(member);
      else if (EMAIL.test(member)) {
        const found = await api.call('users.lookupByEmail', { email: member }, { form: true, allow: ['users_not_found'] });
        if (!found.ok) throw invalidChat(`member ${member}: no Slack user has this email address`);
        users.push((found.user as { id: string }).id);
      } else throw invalidChat(`member ${member}: a Slack user id (U…) or an email address`);
    }
    const unique = [...new Set(users)];
    if (unique.length === 0) return;
    const all = await api.call('conversations.invite', { channel: i.channel.id, users: unique.join(',') }, { allow: HARMLESS_INVITE_ERRORS });
    if (all.ok || unique.length === 1) return;
    // One member already in the channel refuses the whole batch: invite one by one, skipping those.
    for (const user of unique) await api.call('conversations.invite', { channel: i.channel.id, users: user }, { allow: HARMLESS_INVITE_ERRORS });
  }

  /** The channel with this name among those the bot can see (public ones, and private ones it is in). */
  private async findByName(name: string): Promise<SlackChannel | undefined> {
    const api = this.api();
    let cursor = '';
    // Bounded: 200 pages of 200 is more channels than a workspace has, and a cursor that never ends cannot hang the activity.
    for (let page = 0; page < 200; page++) {
      const res = await api.ok(
        'conversations.list',
        { types: 'public_channel,private_channel', exclude_archived: 'true', limit: '200', ...(cursor && { cursor }) },
        { form: true },
      );
      const found = (res.channels as SlackChannel[] | undefined)?.find((c) => c.name === name);
      if (found) return found;
      cursor = (res.response_metadata as { next_cursor?: string } | undefined)?.next_cursor ?? '';
      if (!cursor) return undefined;
    }
    return undefined;
  }

  /** Sets the topic when it differs: Slack posts a line in the channel each time a topic is set. */
  private async setTopic(channel: SlackChannel, topic: string): Promise<void> {
    if (!topic || channel.topic?.value === topic) return;
    // Slack caps topics at 250 characters.
    await this.api().ok('conversations.setTopic', { channel: channel.id, topic: topic.slice(0, 250) });
  }

  private api(): SlackApi {
    if (!this.settings.CAPEO_SLACK_BOT_TOKEN) {
      throw ApplicationFailure.create({ type: NOT_CONFIGURED, nonRetryable: true, message: 'slack: set CAPEO_SLACK_BOT_TOKEN' });
    }
    return new SlackApi(this.settings.CAPEO_SLACK_API_URL ?? DEFAULT_SLACK_API, this.settings.CAPEO_SLACK_BOT_TOKEN, this.timeoutMs);
  }
}

const refOf = (c: SlackChannel): ChannelRef => ({ system: SLACK_SYSTEM, id: c.id, name: c.name });

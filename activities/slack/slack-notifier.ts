import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { httpCall } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { keyHash } from '../local-records/key-claims';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from '../notify/notify-port';
import { DEFAULT_SLACK_API, escapeMrkdwn, NOT_CONFIGURED, SLACK_SYSTEM, SlackApi, type SlackSettings } from './slack-api';

/** Slack's Block Kit limits: header text 150, section text 3000, 50 blocks per message. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const MAX_SECTIONS = 45;
/** Slack truncates a message's `text` beyond 40,000 characters; the fallback is the subject. */
const FALLBACK_MAX = 4000;

export const SLACK_EVENT_TYPE = 'capeo_notification';
/** The hash of an idempotency key carried in a message's metadata (and in webhook receipts). */
export const slackKeyHash = (key: string): string => keyHash(key).slice(0, 32);

type Block = Record<string, unknown>;

/** Block Kit for a notification: a header (the subject), sections (the text as mrkdwn) and a context line. */
export function notificationBlocks(n: Notification): Block[] {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(n.subject, HEADER_MAX), emoji: true } }];
  const sections = mrkdwnSections(n.text);
  for (const text of sections) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  const about = n.missionId ? `Mission *${escapeMrkdwn(n.missionId)}* · ${n.kind}` : n.kind;
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: about }] });
  return blocks;
}

/** The text escaped and cut into sections of at most 3000 characters, never inside an `&amp;`-style entity. */
function mrkdwnSections(text: string): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest && out.length < MAX_SECTIONS) {
    let take = Math.min(rest.length, SECTION_MAX);
    // Escaping lengthens the text; shorten the raw slice until the escaped one fits.
    while (escapeMrkdwn(rest.slice(0, take)).length > SECTION_MAX) take -= escapeMrkdwn(rest.slice(0, take)).length - SECTION_MAX;
    out.push(escapeMrkdwn(rest.slice(0, take)));
    rest = rest.slice(take);
  }
  if (rest) out[out.length - 1] = `${out.at(-1)!.slice(0, SECTION_MAX - 12)}\n(truncated)`;
  return out;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Notifications to Slack: with a bot token and `CAPEO_SLACK_CHANNEL`, `chat.postMessage` with Block Kit and
 * metadata carrying the key's hash (so a retry whose earlier attempt died after posting finds the message
 * in the channel history); with only `CAPEO_SLACK_WEBHOOK_URL`, the same blocks to the incoming webhook.
 * The recipients (`to`) are not used: the channel is the audience.
 */
export class SlackNotifier extends ClaimingAdapter<SlackSettings> implements NotifyPort {
  readonly name = SLACK_SYSTEM;


  async check(): Promise<CheckResult> {
    const { CAPEO_SLACK_BOT_TOKEN: token, CAPEO_SLACK_CHANNEL: channel, CAPEO_SLACK_WEBHOOK_URL: webhook } = this.settings;
    if (token && channel) {
      try {
        const api = this.api(token);
        const me = await api.ok('auth.test', {}, { form: true });
        const info = await api.call('conversations.info', { channel }, { form: true, allow: ['channel_not_found'] });
        const who = `authenticated as ${String(me.user ?? me.user_id)} in workspace ${String(me.team ?? me.team_id)}`;
        if (!info.ok) return { ok: false, detail: `${who}, but channel ${channel} is not visible to the bot: set CAPEO_SLACK_CHANNEL to a channel id (C…) the bot can see` };
        const c = info.channel as { name?: string; is_member?: boolean; is_archived?: boolean };
        if (c.is_archived) return { ok: false, detail: `${who}, but channel #${c.name} is archived` };
        const member = c.is_member ? 'the bot is a member' : 'the bot is not a member: invite it, or give the app chat:write.public';
        return { ok: c.is_member === true, detail: `${who}; notifications go to #${c.name} (${member})` };
      } catch (err) {
        return { ok: false, detail: (err as Error).message };
      }
    }
    if (webhook) {
      const shape = webhookShape(webhook);
      return shape
        ? { ok: true, detail: 'CAPEO_SLACK_WEBHOOK_URL has the shape of an incoming webhook (not called: every call to it posts a message)' }
        : { ok: false, detail: 'CAPEO_SLACK_WEBHOOK_URL is not an incoming webhook URL (https://hooks.slack.com/services/T…/B…/…)' };
    }
    return { ok: false, detail: 'set CAPEO_SLACK_BOT_TOKEN and CAPEO_SLACK_CHANNEL, or CAPEO_SLACK_WEBHOOK_URL' };
  }

  async send(input: Notification): Promise<NotificationReceipt> {
    const n = validNotification(input);
    const { CAPEO_SLACK_BOT_TOKEN: token, CAPEO_SLACK_CHANNEL: channel, CAPEO_SLACK_WEBHOOK_URL: webhook } = this.settings;
    if (!(token && channel) && !webhook) {
      throw ApplicationFailure.create({
        type: NOT_CONFIGURED,
        nonRetryable: true,
        message: 'slack: set CAPEO_SLACK_BOT_TOKEN and CAPEO_SLACK_CHANNEL, or CAPEO_SLACK_WEBHOOK_URL',
      });
    }
    const hash = slackKeyHash(n.idempotencyKey);
    const blocks = notificationBlocks(n);
    const text = clip(n.subject, FALLBACK_MAX);
    const { value, deduplicated } = await this.claims.once(n.idempotencyKey, {
      create: () => (token && channel ? this.post(this.api(token), channel, hash, n.kind, text, blocks) : this.postWebhook(webhook!, hash, text, blocks)),
      find: () => (token && channel ? this.find(this.api(token), channel, hash) : Promise.resolve(undefined)),
    });
    return { ...value, deduplicated };
  }

  private async post(api: SlackApi, channel: string, hash: string, kind: string, text: string, blocks: Block[]): Promise<Omit<NotificationReceipt, 'deduplicated'>> {
    const res = await api.ok('chat.postMessage', {
      channel,
      text,
      blocks,
      unfurl_links: false,
      metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { key: hash, kind } },
    });
    return { id: `${String(res.channel)}/${String(res.ts)}`, channel: SLACK_SYSTEM, at: new Date().toISOString() };
  }

  private async postWebhook(url: string, hash: string, text: string, blocks: Block[]): Promise<Omit<NotificationReceipt, 'deduplicated'>> {
    // The webhook answers the text "ok"; its refusals are 4xx with a reason, classified by httpCall.
    await httpCall({ system: 'slack webhook', url, method: 'POST', body: { text, blocks }, timeoutMs: this.timeoutMs, read: 'text' });
    return { id: `webhook/${hash}`, channel: SLACK_SYSTEM, at: new Date().toISOString() };
  }

  /** The message an earlier attempt posted, by the key hash in its metadata, among the channel's latest 200. */
  private async find(api: SlackApi, channel: string, hash: string): Promise<Omit<NotificationReceipt, 'deduplicated'> | undefined> {
    // Without channels:history the bot cannot look; it posts again rather than fail a notification for good.
    const res = await api.call('conversations.history', { channel, limit: '200', include_all_metadata: 'true' }, { form: true, allow: ['missing_scope', 'not_in_channel'] });
    if (!res.ok) return undefined;
    const messages = (res.messages ?? []) as Array<{ ts: string; metadata?: { event_type?: string; event_payload?: { key?: string } } }>;
    const found = messages.find((m) => m.metadata?.event_type === SLACK_EVENT_TYPE && m.metadata.event_payload?.key === hash);
    return found && { id: `${channel}/${found.ts}`, channel: SLACK_SYSTEM, at: new Date(Number(found.ts) * 1000).toISOString() };
  }

  private api(token: string): SlackApi {
    return new SlackApi(this.settings.CAPEO_SLACK_API_URL ?? DEFAULT_SLACK_API, token, this.timeoutMs);
  }
}

function webhookShape(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/.test(u.pathname);
  } catch {
    return false;
  }
}

import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { ExternalError, httpCall } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { keyHash } from '../local-records/key-claims';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from './notify-port';

const CHANNEL = 'teams';
/** Teams refuses messages over about 28 KB; the card's text is cut well below that, leaving room for the rest. */
const TEXT_MAX = 20_000;
const TITLE_MAX = 500;

/** Named as in config/, so the parsed configuration can be passed as it is. */
export interface TeamsSettings {
  CAPEO_TEAMS_WEBHOOK_URL: string;
}

type Card = Record<string, unknown>;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 12)}\n(truncated)` : text);

/**
 * The message a Teams Workflows webhook takes ("Send webhook alerts to a channel"): one Adaptive Card 1.4
 * attachment with the subject as title, the text, and the kind and mission as facts.
 */
export function teamsMessage(n: Notification): Card {
  const facts = [{ title: 'Kind', value: n.kind }, ...(n.missionId ? [{ title: 'Mission', value: n.missionId }] : [])];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: clip(n.subject, TITLE_MAX), weight: 'bolder', size: 'medium', wrap: true },
            { type: 'TextBlock', text: clip(n.text, TEXT_MAX), wrap: true },
            { type: 'FactSet', facts },
          ],
        },
      },
    ],
  };
}

/**
 * Notifications to a Microsoft Teams channel through a Workflows (Power Automate) webhook. The flow posts
 * the card; it answers 202 before doing so and keeps no id capeo could look up, so at most one POST per
 * idempotency key is made once one was accepted (KeyClaims), and the receipt id is derived from the key.
 * The recipients (`to`) are not used: the channel is the audience.
 */
export class TeamsNotifier extends ClaimingAdapter<TeamsSettings> implements NotifyPort {
  readonly name = CHANNEL;


  check(): Promise<CheckResult> {
    const problem = urlProblem(this.settings.CAPEO_TEAMS_WEBHOOK_URL);
    return Promise.resolve(
      problem
        ? { ok: false, detail: problem }
        : { ok: true, detail: 'CAPEO_TEAMS_WEBHOOK_URL has the shape of a Teams Workflows webhook (not called: every call to it posts a message)' },
    );
  }

  async send(input: Notification): Promise<NotificationReceipt> {
    const n = validNotification(input);
    const url = this.settings.CAPEO_TEAMS_WEBHOOK_URL;
    if (!url) throw ApplicationFailure.create({ type: ExternalError.NotConfigured, nonRetryable: true, message: 'teams: set CAPEO_TEAMS_WEBHOOK_URL' });
    const { value, deduplicated } = await this.claims.once(n.idempotencyKey, {
      create: () => this.post(url, n),
      // A Workflows webhook keeps nothing capeo can search; an attempt that died after posting is posted again.
      find: () => Promise.resolve(undefined),
    });
    return { ...value, deduplicated };
  }

  private async post(url: string, n: Notification): Promise<Omit<NotificationReceipt, 'deduplicated'>> {
    // Workflows answers 202 with no body; refusals (400 for a malformed card, 401/403 for a revoked URL) come back as errors.
    await httpCall({ system: CHANNEL, url, method: 'POST', body: teamsMessage(n), timeoutMs: this.timeoutMs, read: 'none' });
    return { id: `teams/${keyHash(n.idempotencyKey).slice(0, 32)}`, channel: CHANNEL, at: new Date().toISOString() };
  }
}

/** Hosts of Workflows (Power Automate / Logic Apps) HTTP triggers. */
const WORKFLOW_HOSTS = [/\.logic\.azure\.com$/, /\.api\.powerplatform\.com$/, /^api\.powerautomate\.com$/];

/** What is wrong with the webhook URL, never repeating it (its `sig` parameter is the credential). */
function urlProblem(url: string | undefined): string | undefined {
  if (!url) return 'set CAPEO_TEAMS_WEBHOOK_URL (the URL of a Teams Workflows webhook)';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'CAPEO_TEAMS_WEBHOOK_URL is not a URL';
  }
  if (/(^|\.)webhook\.office\.com$|^outlook\.office(365)?\.com$/.test(u.hostname)) {
    return 'CAPEO_TEAMS_WEBHOOK_URL is an Office 365 connector webhook, which Microsoft retired: create a Workflows webhook in the channel and use its URL';
  }
  if (u.protocol !== 'https:' || !WORKFLOW_HOSTS.some((h) => h.test(u.hostname)) || !/\/workflows\/[^/]+\/triggers\/[^/]+\/paths\/invoke$/.test(u.pathname)) {
    return 'CAPEO_TEAMS_WEBHOOK_URL is not a Workflows webhook URL (https://…logic.azure.com/workflows/…/triggers/manual/paths/invoke?… or https://…api.powerplatform.com/…/workflows/…/triggers/manual/paths/invoke?…)';
  }
  if (!u.searchParams.get('sig')) {
    return 'CAPEO_TEAMS_WEBHOOK_URL has no sig parameter: set the flow trigger to "Anyone" can trigger it and copy the whole URL';
  }
  return undefined;
}

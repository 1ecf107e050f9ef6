import { ApplicationFailure } from '@temporalio/activity';
import { baseUrl, ExternalError, httpCall, retryAfterMs } from '../http/http-client';

/** The configuration values the Slack adapters read (named as in config/, so the parsed config can be passed as it is). */
export interface SlackSettings {
  CAPEO_SLACK_API_URL?: string;
  CAPEO_SLACK_BOT_TOKEN?: string;
  CAPEO_SLACK_CHANNEL?: string;
  CAPEO_SLACK_WEBHOOK_URL?: string;
}

export const SLACK_SYSTEM = 'slack';
export const DEFAULT_SLACK_API = 'https://slack.com/api';
export const NOT_CONFIGURED = ExternalError.NotConfigured;

/** Errors that say the token is wrong or lacks a permission: retrying repeats the refusal. */
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'ekm_access_denied',
]);
/** Errors on Slack's side that pass. */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export interface SlackOk {
  ok: true;
  [field: string]: unknown;
}
export interface SlackRefusal {
  ok: false;
  error: string;
}

export interface SlackCallOptions {
  /** Errors answered to the caller instead of thrown (`name_taken`, `already_in_channel`...). */
  allow?: string[];
  /**
   * Read methods (auth.test, conversations.list, conversations.info, users.lookupByEmail) take form
   * parameters; Slack accepts JSON bodies only on write methods.
   */
  form?: boolean;
}

/** Turns a Slack `{ok:false, error}` into the failure it means: auth, transient or a refused request. */
export function slackFailure(method: string, error: string, retryAfter?: number): ApplicationFailure {
  const message = `${SLACK_SYSTEM} ${method}: ${error}`;
  if (AUTH_ERRORS.has(error)) {
    const hint = error === 'missing_scope' ? 'add the scope to the Slack app and reinstall it' : 'check CAPEO_SLACK_BOT_TOKEN';
    return ApplicationFailure.create({ type: ExternalError.AuthRejected, nonRetryable: true, message: `${message} (${hint})` });
  }
  if (TRANSIENT_ERRORS.has(error)) {
    return ApplicationFailure.create({ type: ExternalError.Unavailable, message, ...(retryAfter !== undefined && { nextRetryDelay: retryAfter }) });
  }
  return ApplicationFailure.create({ type: ExternalError.RequestRejected, nonRetryable: true, message });
}

/**
 * A small Slack Web API client: `POST <api>/<method>` with the bot token as a Bearer header. Slack answers
 * refusals with HTTP 200 and `{ok:false, error}`; those become failures classified like httpCall's (HTTP
 * 429 and 5xx are httpCall's own). The token is never put in a message.
 */
export class SlackApi {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  async call(method: string, args: Record<string, unknown>, options: SlackCallOptions = {}): Promise<SlackOk | SlackRefusal> {
    const url = `${baseUrl(this.apiUrl)}/${method}`;
    const body = options.form ? formBody(args) : args;
    const contentType = options.form ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8';
    const res = await httpCall<SlackOk | SlackRefusal>({
      system: SLACK_SYSTEM,
      url,
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': contentType },
      body,
      timeoutMs: this.timeoutMs,
    });
    const answer = res.body;
    if (!answer || typeof answer !== 'object' || typeof answer.ok !== 'boolean') {
      throw ApplicationFailure.create({ type: ExternalError.BadAnswer, nonRetryable: true, message: `${SLACK_SYSTEM} ${method}: not a Web API answer` });
    }
    if (answer.ok) return answer;
    const error = typeof answer.error === 'string' ? answer.error : 'unknown_error';
    if (options.allow?.includes(error)) return { ok: false, error };
    throw slackFailure(method, error, retryAfterMs(res.headers.get('retry-after')));
  }

  /** A call whose refusals are all failures. */
  async ok(method: string, args: Record<string, unknown>, options: Omit<SlackCallOptions, 'allow'> = {}): Promise<SlackOk> {
    return (await this.call(method, args, options)) as SlackOk;
  }
}

function formBody(args: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(args)) if (v !== undefined) params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return params.toString();
}

/** Slack's mrkdwn treats these three as control characters; everything else is shown as written. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

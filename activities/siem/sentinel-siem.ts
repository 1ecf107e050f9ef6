import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall, safeHost, type HttpRequest } from '../http/http-client';
import { asQueryRefusal, assertConfigured, configuredSources, heartbeatVerdict, invalidQuery, isoOrNull, isSilent, missingSettings, queryWindow, rowObjects, toQueryResult } from './remote-siem';
import type { HeartbeatQuery, HeartbeatResult, HuntQuery, QueryResult, SiemPort } from './siem-port';

/** The configuration values this adapter reads (named as in config/, so the parsed config can be passed as it is). */
export interface SentinelSettings {
  CAPEO_SENTINEL_WORKSPACE_ID?: string;
  CAPEO_SENTINEL_TENANT_ID?: string;
  CAPEO_SENTINEL_CLIENT_ID?: string;
  CAPEO_SENTINEL_CLIENT_SECRET?: string;
  CAPEO_SENTINEL_API_URL?: string;
  CAPEO_SENTINEL_LOGIN_URL?: string;
  CAPEO_SIEM_SOURCES?: string[];
}

const SYSTEM = 'sentinel';
const REQUIRED = ['CAPEO_SENTINEL_WORKSPACE_ID', 'CAPEO_SENTINEL_TENANT_ID', 'CAPEO_SENTINEL_CLIENT_ID', 'CAPEO_SENTINEL_CLIENT_SECRET'] as const;
export const LOG_ANALYTICS_SCOPE = 'https://api.loganalytics.io/.default';
/** A token is renewed this long before Entra ID says it expires. */
const EXPIRY_MARGIN_MS = 60_000;

interface TokenAnswer {
  access_token?: string;
  expires_in?: number | string;
}
interface QueryAnswer {
  tables?: Array<{ name?: string; columns?: Array<{ name: string; type?: string }>; rows?: unknown[][] }>;
}

/** A Log Analytics table name: letters, digits and underscores (custom tables end in `_CL`). */
const TABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Microsoft Sentinel through the Log Analytics query API: an app registration's client-credentials
 * token (cached until shortly before it expires), hunt queries in KQL over the workspace with the
 * time range as the request's timespan, and a heartbeat per table (`CAPEO_SIEM_SOURCES`).
 */
export class SentinelSiem implements SiemPort {
  readonly name = SYSTEM;
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly settings: SentinelSettings,
    private readonly timeoutMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async check(): Promise<CheckResult> {
    const missing = missingSettings(this.settings, REQUIRED);
    if (missing.length) return { ok: false, detail: `set ${missing.join(', ')}` };
    const ws = this.settings.CAPEO_SENTINEL_WORKSPACE_ID;
    try {
      await this.accessToken();
      const r = await this.query('print 1');
      if (r.tables?.[0]?.rows?.[0]?.[0] !== 1) return { ok: false, detail: `workspace ${ws} at ${safeHost(this.api())} did not answer print 1 as expected` };
      const who = `client ${this.settings.CAPEO_SENTINEL_CLIENT_ID} of tenant ${this.settings.CAPEO_SENTINEL_TENANT_ID}`;
      return heartbeatVerdict(this.settings, `workspace ${ws}, queried by ${who},`, 'tables', (sources) => `${who} queries workspace ${ws} at ${safeHost(this.api())}; heartbeat on ${sources}`);
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async sources(): Promise<string[]> {
    return configuredSources(this.settings);
  }

  async runQuery(q: HuntQuery): Promise<QueryResult> {
    const { from, to, limit } = queryWindow(q);
    const answer = await this.query(q.query.trim(), `${from.toISOString()}/${to.toISOString()}`);
    const table = answer.tables?.[0];
    const columns = (table?.columns ?? []).map((c) => c.name);
    return toQueryResult(columns, rowObjects(columns, table?.rows ?? []), limit);
  }

  async heartbeat(h: HeartbeatQuery): Promise<HeartbeatResult> {
    if (!TABLE.test(h.source)) throw invalidQuery(`${SYSTEM}: '${h.source}' is not a table name`);
    const minutes = Math.ceil(h.silentAfterMinutes);
    const answer = await this.query(`${h.source} | where TimeGenerated > ago(${minutes}m) | summarize events=count(), last=max(TimeGenerated)`);
    const table = answer.tables?.[0];
    const columns = (table?.columns ?? []).map((c) => c.name);
    const row = rowObjects(columns, table?.rows ?? [])[0] ?? {};
    const lastSeen = isoOrNull(row['last']);
    return { source: h.source, lastSeen, events: Number(row['events'] ?? 0), silent: isSilent(lastSeen, h.now, h.silentAfterMinutes) };
  }

  private async query(query: string, timespan?: string, freshToken = false): Promise<QueryAnswer> {
    assertConfigured(SYSTEM, this.settings, REQUIRED);
    const token = await this.accessToken();
    try {
      const res = await this.call<QueryAnswer>({
        url: `${this.api()}/v1/workspaces/${encodeURIComponent(this.settings.CAPEO_SENTINEL_WORKSPACE_ID!)}/query`,
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: { query, ...(timespan && { timespan }) },
      });
      return res.body ?? {};
    } catch (err) {
      // A 401 is an expired or revoked token (one can end before its stated expiry): once more, with a new
      // one. Refused again, the credentials are wrong, and that is final.
      if (err instanceof ApplicationFailure && err.type === ExternalError.AuthRejected && !freshToken) {
        this.token = undefined;
        return this.query(query, timespan, true);
      }
      // 400 BadArgumentError / SemanticError: the KQL does not parse or names what does not exist.
      throw asQueryRefusal(err);
    }
  }

  /** The cached token, or one new token for all callers waiting at the same time. */
  private accessToken(): Promise<string> {
    if (this.token && this.clock() < this.token.expiresAt) return Promise.resolve(this.token.value);
    this.pending ??= this.requestToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async requestToken(): Promise<string> {
    assertConfigured(SYSTEM, this.settings, REQUIRED);
    const login = baseUrl(this.settings.CAPEO_SENTINEL_LOGIN_URL ?? 'https://login.microsoftonline.com');
    const body = new URLSearchParams({
      client_id: this.settings.CAPEO_SENTINEL_CLIENT_ID!,
      client_secret: this.settings.CAPEO_SENTINEL_CLIENT_SECRET!,
      grant_type: 'client_credentials',
      scope: LOG_ANALYTICS_SCOPE,
    }).toString();
    let answer: TokenAnswer | null;
    try {
      answer = (
        await this.call<TokenAnswer>({
          url: `${login}/${encodeURIComponent(this.settings.CAPEO_SENTINEL_TENANT_ID!)}/oauth2/v2.0/token`,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        })
      ).body;
    } catch (err) {
      // Entra ID refuses a wrong tenant, client or secret with 400 or 401: a credentials problem either way.
      if (err instanceof ApplicationFailure && (err.type === ExternalError.RequestRejected || err.type === ExternalError.AuthRejected)) {
        throw ApplicationFailure.create({
          type: ExternalError.AuthRejected,
          nonRetryable: true,
          message: `${SYSTEM}: Entra ID refused the token request (check CAPEO_SENTINEL_TENANT_ID, CAPEO_SENTINEL_CLIENT_ID, CAPEO_SENTINEL_CLIENT_SECRET): ${err.message}`,
        });
      }
      throw err;
    }
    if (!answer?.access_token) throw ApplicationFailure.create({ type: ExternalError.BadAnswer, nonRetryable: true, message: `${SYSTEM}: the token endpoint answered without an access_token` });
    const lifetime = Number(answer.expires_in ?? 3600) * 1000;
    this.token = { value: answer.access_token, expiresAt: this.clock() + Math.max(0, lifetime - EXPIRY_MARGIN_MS) };
    return answer.access_token;
  }

  private api(): string {
    return baseUrl(this.settings.CAPEO_SENTINEL_API_URL ?? 'https://api.loganalytics.io');
  }

  private call<T>(req: Omit<HttpRequest, 'system'>) {
    return httpCall<T>({ system: SYSTEM, timeoutMs: this.timeoutMs, ...req });
  }
}

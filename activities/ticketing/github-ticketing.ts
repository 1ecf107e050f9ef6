import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall, retryAfterMs, type HttpRequest, type HttpResponse } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { keyHash } from '../local-records/key-claims';
import { NOT_CONFIGURED } from './jira-ticketing';
import {
  assertValidTicket,
  invalidTicket,
  SEARCH_SETTLE_MS,
  TicketingError,
  type EpicInput,
  type FindingTicketInput,
  type IncidentInput,
  type StoryInput,
  type TicketingPort,
  type TicketRef,
} from './ticketing-port';

/** The configuration values this adapter reads (named as in config/, so the parsed config can be passed as it is). */
export interface GithubSettings {
  CAPEO_GITHUB_API_URL?: string;
  CAPEO_GITHUB_TOKEN?: string;
  CAPEO_GITHUB_REPO?: string;
}

const SYSTEM = 'github';
const DEFAULT_API = 'https://api.github.com';
const REPO = /^[\w.-]+\/[\w.-]+$/;
/** GitHub refuses an issue body over 65,536 characters; the rest of the text stays in capeo. */
const MAX_DESCRIPTION = 60_000;

type Kind = 'epic' | 'story' | 'finding' | 'incident';

/** The hidden line that marks the issue made for one idempotency key; searchable, invisible when rendered. */
export const githubKeyHash = (kind: Kind, key: string): string => keyHash(`${kind}\n${key}`).slice(0, 32);
export const githubKeyMarker = (hash: string): string => `<!-- capeo-key: ${hash} -->`;

interface Issue {
  number: number;
  html_url: string;
  body?: string | null;
}

/** Milliseconds until GitHub lifts a rate limit: Retry-After (secondary limits), else x-ratelimit-reset (epoch seconds). */
export function githubRetryDelay(headers: Headers, now = Date.now()): number | undefined {
  const after = retryAfterMs(headers.get('retry-after'), now);
  if (after !== undefined) return after;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.min(Math.max(reset * 1000 - now, 1000), 3_600_000);
}

/**
 * GitHub Issues (REST): an epic is an issue labelled `capeo-epic` whose task list names its stories; a
 * story is an issue labelled `capeo-story` that starts "Part of #<epic>"; incidents are labelled
 * `incident` and `severity:<level>`, findings `capeo-finding` and their category. Every body ends with
 * `<!-- capeo-key: <hash> -->`: a retry whose earlier attempt died after GitHub made the issue finds
 * it through the search API instead of making a second one.
 */
export class GithubTicketing extends ClaimingAdapter<GithubSettings> implements TicketingPort {
  readonly name = SYSTEM;

  async check(): Promise<CheckResult> {
    const problem = this.settingsProblem();
    if (problem) return { ok: false, detail: problem };
    const repo = this.settings.CAPEO_GITHUB_REPO!;
    try {
      const res = await this.call<{ full_name: string; has_issues?: boolean; archived?: boolean; permissions?: { push?: boolean } }>({
        url: this.api(`/repos/${repo}`),
        nullOn: [404],
      });
      const r = res.body;
      if (!r) return { ok: false, detail: `repository ${repo} does not exist or the token cannot see it` };
      if (r.archived) return { ok: false, detail: `repository ${r.full_name} is archived: issues cannot be opened` };
      if (r.has_issues === false) return { ok: false, detail: `repository ${r.full_name} has issues turned off: enable them in its settings` };
      if (r.permissions?.push !== true) {
        return { ok: false, detail: `the token can read ${r.full_name} but not write to it: it needs issues read/write (and push, for new labels)` };
      }
      return { ok: true, detail: `repository ${r.full_name} reachable, issues on, the token can write` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async createEpic(i: EpicInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId']);
    return this.open('epic', i.idempotencyKey, i.title, `${clip(i.description)}\n\nMission ${i.missionId}.`, ['capeo-epic']);
  }

  async createStory(i: StoryInput): Promise<TicketRef> {
    assertValidTicket(i, ['epic']);
    this.assertConfigured();
    const epicNumber = this.issueNumber(i.epic);
    const epic = (await this.call<Issue>({ url: this.api(`/repos/${this.repo()}/issues/${epicNumber}`), nullOn: [404, 410] })).body;
    if (!epic) {
      throw ApplicationFailure.create({ type: TicketingError.EpicNotFound, nonRetryable: true, message: `epic ${i.epic.id} does not exist` });
    }
    const story = await this.open('story', i.idempotencyKey, i.title, `Part of #${epicNumber}\n\n${clip(i.description)}`, ['capeo-story']);
    // Outside the claim, and only when missing: a retry after a crash between the two calls completes the list.
    await this.addToTaskList(epicNumber, epic, this.issueNumber(story));
    return story;
  }

  async createIncident(i: IncidentInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'severity']);
    const footer = `Mission ${i.missionId}, finding ${i.findingId}, severity ${i.severity}.`;
    return this.open('incident', i.idempotencyKey, i.title, `${clip(i.description)}\n\n${footer}`, ['incident', `severity:${i.severity}`]);
  }

  async recordFinding(i: FindingTicketInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'category']);
    const footer = `Mission ${i.missionId}, finding ${i.findingId}, category ${i.category}.`;
    return this.open('finding', i.idempotencyKey, i.title, `${clip(i.description)}\n\n${footer}`, ['capeo-finding', i.category]);
  }

  private async open(kind: Kind, key: string, title: string, body: string, labels: string[]): Promise<TicketRef> {
    this.assertConfigured();
    const hash = githubKeyHash(kind, key);
    const marker = githubKeyMarker(hash);
    const { value } = await this.claims.once(`${kind}\n${key}`, {
      create: async () => {
        const res = await this.call<Issue>({
          url: this.api(`/repos/${this.repo()}/issues`),
          method: 'POST',
          body: { title: title.replace(/\s+/g, ' ').trim().slice(0, 256), body: `${body.trim()}\n\n${marker}\n`, labels },
        });
        return this.ref(res.body!);
      },
      find: async () => {
        const res = await this.call<{ items?: Issue[] }>({ url: this.api(`/search/issues?q=${hash}+repo:${this.repo()}+in:body`) });
        // The search matches words; only an issue carrying the exact marker is ours.
        const found = res.body?.items?.find((it) => it.body?.includes(marker));
        return found && this.ref(found);
      },
      // GitHub's search index lags new issues.
      settleMs: SEARCH_SETTLE_MS,
    });
    return value;
  }

  private async addToTaskList(epicNumber: number, epic: Issue, storyNumber: number): Promise<void> {
    const body = epic.body ?? '';
    if (new RegExp(`^\\s*- \\[[ xX]\\] #${storyNumber}\\s*$`, 'm').test(body)) return;
    const heading = /^### Stories\s*$/m.test(body) ? '' : '\n\n### Stories';
    await this.call({
      url: this.api(`/repos/${this.repo()}/issues/${epicNumber}`),
      method: 'PATCH',
      body: { body: `${body.trimEnd()}${heading}\n- [ ] #${storyNumber}\n` },
    });
  }

  private issueNumber(ref: TicketRef): number {
    const m = /^(.+)#(\d+)$/.exec(ref.id);
    if (ref.system !== SYSTEM || !m) throw invalidTicket(`epic: a ${SYSTEM} issue reference such as owner/name#12`);
    if (m[1]!.toLowerCase() !== this.repo().toLowerCase()) throw invalidTicket(`epic: an issue of ${this.repo()}, not of ${m[1]}`);
    return Number(m[2]);
  }

  private ref(issue: Issue): TicketRef {
    return { system: SYSTEM, id: `${this.repo()}#${issue.number}`, url: issue.html_url };
  }

  private repo(): string {
    return this.settings.CAPEO_GITHUB_REPO!;
  }

  private api(path: string): string {
    return `${baseUrl(this.settings.CAPEO_GITHUB_API_URL ?? DEFAULT_API)}${path}`;
  }

  /**
   * httpCall with GitHub's headers, and its rate limits told apart from refusals: a 403 with
   * `x-ratelimit-remaining: 0` or a Retry-After (secondary limit), and any 429, are retried after the delay GitHub gives.
   */
  private async call<T>(req: Omit<HttpRequest, 'system'>): Promise<HttpResponse<T | null>> {
    const res = await httpCall<T>({
      system: SYSTEM,
      timeoutMs: this.timeoutMs,
      ...req,
      nullOn: [...(req.nullOn ?? []), 403, 429],
      headers: {
        authorization: `Bearer ${this.settings.CAPEO_GITHUB_TOKEN}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
    });
    if ((res.status === 403 || res.status === 429) && !req.nullOn?.includes(res.status)) {
      const limited = res.status === 429 || res.headers.get('x-ratelimit-remaining') === '0' || res.headers.has('retry-after');
      if (limited) {
        const delay = githubRetryDelay(res.headers);
        throw ApplicationFailure.create({
          type: ExternalError.Unavailable,
          message: `${SYSTEM} answered ${res.status}: rate limited`,
          ...(delay !== undefined && { nextRetryDelay: delay }),
        });
      }
      throw ApplicationFailure.create({
        type: ExternalError.AuthRejected,
        nonRetryable: true,
        message: `${SYSTEM} answered 403: the token may not do this on ${this.repo()} (it needs issues read/write)`,
      });
    }
    return res;
  }

  private settingsProblem(): string | undefined {
    const missing = (['CAPEO_GITHUB_TOKEN', 'CAPEO_GITHUB_REPO'] as const).filter((k) => !this.settings[k]);
    if (missing.length > 0) return `set ${missing.join(', ')}`;
    if (!REPO.test(this.settings.CAPEO_GITHUB_REPO!)) return 'CAPEO_GITHUB_REPO: owner/name of the repository';
    return undefined;
  }

  private assertConfigured(): void {
    const problem = this.settingsProblem();
    if (problem) throw ApplicationFailure.create({ type: NOT_CONFIGURED, nonRetryable: true, message: `${SYSTEM}: ${problem}` });
  }
}

const clip = (text: string): string => (text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}\n\n(truncated)` : text);

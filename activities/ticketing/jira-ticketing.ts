import { ApplicationFailure } from '@temporalio/activity';
import type { Severity } from '../../domain/findings';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall, safeHost, type HttpRequest } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { keyHash } from '../local-records/key-claims';
import { toAdf, type AdfDoc } from './adf';
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
export interface JiraSettings {
  CAPEO_JIRA_URL?: string;
  CAPEO_JIRA_EMAIL?: string;
  CAPEO_JIRA_API_TOKEN?: string;
  CAPEO_JIRA_PROJECT?: string;
  CAPEO_JIRA_INCIDENT_PROJECT?: string;
}

const SYSTEM = 'jira';
const REQUIRED = ['CAPEO_JIRA_URL', 'CAPEO_JIRA_EMAIL', 'CAPEO_JIRA_API_TOKEN', 'CAPEO_JIRA_PROJECT'] as const;
export const NOT_CONFIGURED = ExternalError.NotConfigured;

type Kind = 'epic' | 'story' | 'finding' | 'incident';

/** Issue types by preference: the first one the project has is used (Jira Service Management projects have Incident). */
const ISSUE_TYPES: Record<Kind, string[]> = {
  epic: ['Epic'],
  story: ['Story', 'Task'],
  finding: ['Task', 'Story'],
  incident: ['Incident', 'Bug', 'Task'],
};

/** Jira's default priority scheme. */
export const JIRA_PRIORITY: Record<Severity, string> = {
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Lowest',
};

/** The label that marks the issue made for one idempotency key (labels cannot hold spaces; 16 hex digits). */
export const jiraKeyLabel = (kind: Kind, key: string): string => `capeo-${keyHash(`${kind}\n${key}`).slice(0, 16)}`;

interface CreatedIssue {
  id: string;
  key: string;
}
interface ProjectAnswer {
  key: string;
  name: string;
  issueTypes?: Array<{ name: string; subtask?: boolean }>;
}

/**
 * Jira Cloud (REST v3, API-token Basic auth): epics and stories of the action plan and finding tickets in
 * `CAPEO_JIRA_PROJECT`, incidents in `CAPEO_JIRA_INCIDENT_PROJECT` (or the same project). Each issue
 * carries the label `capeo-<hash of its idempotency key>`: a retry whose earlier attempt died after Jira
 * made the issue finds it by that label instead of making a second one.
 */
export class JiraTicketing extends ClaimingAdapter<JiraSettings> implements TicketingPort {
  readonly name = SYSTEM;
  private readonly issueTypes = new Map<string, Promise<string[]>>();

  async check(): Promise<CheckResult> {
    const missing = REQUIRED.filter((k) => !this.settings[k]);
    if (missing.length > 0) return { ok: false, detail: `set ${missing.join(', ')}` };
    const site = safeHost(this.settings.CAPEO_JIRA_URL!);
    try {
      const me = (await this.call<{ displayName?: string; emailAddress?: string; accountId?: string }>({ url: this.api('/myself') })).body;
      const who = me?.displayName ?? me?.emailAddress ?? me?.accountId ?? 'the API token';
      const project = await this.project(this.settings.CAPEO_JIRA_PROJECT!);
      if (!project) return { ok: false, detail: `authenticated as ${who} on ${site}, but project ${this.settings.CAPEO_JIRA_PROJECT} does not exist or is not visible to that account` };
      const types = (project.issueTypes ?? []).map((t) => t.name);
      if (!types.includes('Epic')) return { ok: false, detail: `project ${project.key} on ${site} has no Epic issue type: use a software project, or add Epic to its issue type scheme` };
      let incidents = '';
      const ir = this.settings.CAPEO_JIRA_INCIDENT_PROJECT;
      if (ir && ir !== project.key) {
        const irProject = await this.project(ir);
        if (!irProject) return { ok: false, detail: `authenticated as ${who} on ${site}, but incident project ${ir} does not exist or is not visible to that account` };
        incidents = `; incidents in ${irProject.key} (${irProject.name})`;
      }
      return { ok: true, detail: `authenticated as ${who} on ${site}; project ${project.key} (${project.name}) with ${types.join(', ')}${incidents}` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async createEpic(i: EpicInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId']);
    return this.open('epic', i.idempotencyKey, this.settings.CAPEO_JIRA_PROJECT, {
      summary: i.title,
      description: i.description,
      footer: `Mission ${i.missionId}.`,
      labels: ['capeo', 'capeo-epic'],
    });
  }

  async createStory(i: StoryInput): Promise<TicketRef> {
    assertValidTicket(i, ['epic']);
    if (i.epic.system !== SYSTEM) throw invalidTicket(`epic: a ${SYSTEM} issue, not ${i.epic.system}`);
    if (!/^[A-Z][A-Z0-9_]+-\d+$/.test(i.epic.id)) throw invalidTicket('epic: a Jira issue key such as HUNT-12');
    return this.open('story', i.idempotencyKey, this.settings.CAPEO_JIRA_PROJECT, {
      summary: i.title,
      description: i.description,
      labels: ['capeo'],
      parent: i.epic.id,
    });
  }

  async createIncident(i: IncidentInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'severity']);
    return this.open('incident', i.idempotencyKey, this.settings.CAPEO_JIRA_INCIDENT_PROJECT ?? this.settings.CAPEO_JIRA_PROJECT, {
      summary: i.title,
      description: i.description,
      footer: `Mission ${i.missionId}, finding ${i.findingId}, severity ${i.severity}.`,
      labels: ['capeo', 'incident', `severity-${i.severity}`],
      priority: JIRA_PRIORITY[i.severity],
    });
  }

  async recordFinding(i: FindingTicketInput): Promise<TicketRef> {
    assertValidTicket(i, ['missionId', 'findingId', 'category']);
    return this.open('finding', i.idempotencyKey, this.settings.CAPEO_JIRA_PROJECT, {
      summary: i.title,
      description: i.description,
      footer: `Mission ${i.missionId}, finding ${i.findingId}, category ${i.category}.`,
      labels: ['capeo', 'capeo-finding', i.category],
    });
  }

  private async open(
    kind: Kind,
    key: string,
    project: string | undefined,
    f: { summary: string; description: string; footer?: string; labels: string[]; parent?: string; priority?: string },
  ): Promise<TicketRef> {
    this.assertConfigured();
    const label = jiraKeyLabel(kind, key);
    const { value } = await this.claims.once(`${kind}\n${key}`, {
      create: async () => {
        const issuetype = await this.issueType(project!, kind);
        const description = toAdf(f.footer ? `${f.description}\n\n${f.footer}` : f.description);
        const fields = {
          project: { key: project },
          issuetype: { name: issuetype },
          // Jira refuses a summary longer than 255 characters or with a line break.
          summary: f.summary.replace(/\s+/g, ' ').trim().slice(0, 255),
          description,
          labels: [...f.labels, label],
          ...(f.parent && { parent: { key: f.parent } }),
        };
        return this.ref(await this.create(fields, f.priority));
      },
      find: () => this.findByLabel(label),
      // Jira's JQL search is not read-after-write consistent: a new issue can take a while to show.
      settleMs: SEARCH_SETTLE_MS,
    });
    return value;
  }

  /** Creates the issue; a project whose create screen has no priority field gets it without one (the label keeps the severity). */
  private async create(fields: Record<string, unknown> & { description: AdfDoc }, priority?: string): Promise<CreatedIssue> {
    const post = async (f: Record<string, unknown>): Promise<CreatedIssue> => {
      try {
        return (await this.call<CreatedIssue>({ url: this.api('/issue'), method: 'POST', body: { fields: f } })).body!;
      } catch (err) {
        if (f.parent && rejectedField(err, 'parent')) {
          throw ApplicationFailure.create({ type: TicketingError.EpicNotFound, nonRetryable: true, message: `jira refused the epic as parent: ${(err as Error).message}` });
        }
        throw err;
      }
    };
    if (!priority) return post(fields);
    try {
      return await post({ ...fields, priority: { name: priority } });
    } catch (err) {
      if (rejectedField(err, 'priority')) return post(fields);
      throw err;
    }
  }

  private async findByLabel(label: string): Promise<TicketRef | undefined> {
    const res = await this.call<{ issues?: Array<{ key: string }> }>({
      url: this.api('/search/jql'),
      method: 'POST',
      body: { jql: `labels = "${label}"`, fields: ['summary'], maxResults: 1 },
    });
    const found = res.body?.issues?.[0];
    return found && this.ref(found);
  }

  private issueType(project: string, kind: Kind): Promise<string> {
    let types = this.issueTypes.get(project);
    if (!types) {
      types = this.project(project).then((p) => {
        if (!p) throw invalidTicket(`Jira project ${project} does not exist or is not visible to the configured account`);
        return (p.issueTypes ?? []).filter((t) => !t.subtask).map((t) => t.name);
      });
      // A failed lookup is not remembered: the next attempt asks again.
      types.catch(() => this.issueTypes.delete(project));
      this.issueTypes.set(project, types);
    }
    return types.then((names) => {
      const name = ISSUE_TYPES[kind].find((t) => names.includes(t));
      if (!name) throw invalidTicket(`Jira project ${project} has none of the issue types ${ISSUE_TYPES[kind].join(', ')} (needed for ${kind} tickets)`);
      return name;
    });
  }

  private async project(key: string): Promise<ProjectAnswer | null> {
    return (await this.call<ProjectAnswer>({ url: this.api(`/project/${encodeURIComponent(key)}`), nullOn: [404] })).body;
  }

  private ref(issue: { key: string }): TicketRef {
    return { system: SYSTEM, id: issue.key, url: `${this.base()}/browse/${issue.key}` };
  }

  private base(): string {
    return baseUrl(this.settings.CAPEO_JIRA_URL!);
  }

  private api(path: string): string {
    return `${this.base()}/rest/api/3${path}`;
  }

  private call<T>(req: Omit<HttpRequest, 'system'>) {
    const basic = Buffer.from(`${this.settings.CAPEO_JIRA_EMAIL}:${this.settings.CAPEO_JIRA_API_TOKEN}`).toString('base64');
    return httpCall<T>({ system: SYSTEM, timeoutMs: this.timeoutMs, ...req, headers: { authorization: `Basic ${basic}`, ...req.headers } });
  }

  private assertConfigured(): void {
    const missing = REQUIRED.filter((k) => !this.settings[k]);
    if (missing.length > 0) {
      throw ApplicationFailure.create({ type: NOT_CONFIGURED, nonRetryable: true, message: `${SYSTEM}: set ${missing.join(', ')}` });
    }
  }
}

/** Jira names the refused field in `errors` of its 400 answer, which the failure message quotes. */
const rejectedField = (err: unknown, field: string): boolean =>
  err instanceof ApplicationFailure && err.type === ExternalError.RequestRejected && err.message.includes(`"${field}"`);


import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../../activities/http/http-client';
import { keyHash } from '../../activities/local-records/key-claims';
import { toAdf } from '../../activities/ticketing/adf';
import { JiraTicketing, jiraKeyLabel, NOT_CONFIGURED, type JiraSettings } from '../../activities/ticketing/jira-ticketing';
import { SEARCH_SETTLE_MS, TicketingError } from '../../activities/ticketing/ticketing-port';
import { startContractServer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { leaveDeadClaim } from '../support/claims';
import { failure } from '../support/failures';

const TOKEN = 'jira-tok-s3cret';
const BASIC = `Basic ${Buffer.from(`capeo-bot@acme.example:${TOKEN}`).toString('base64')}`;
const HUNT = { key: 'HUNT', name: 'Threat Hunting', issueTypes: [{ name: 'Epic' }, { name: 'Story' }, { name: 'Task' }, { name: 'Sub-task', subtask: true }] };
const IR = { key: 'IR', name: 'Incident Response', issueTypes: [{ name: 'Incident' }, { name: 'Task' }] };

let srv: ContractServer;
let dir: string;
let created: Array<Record<string, unknown>>;
let next: number;

beforeAll(async () => {
  srv = await startContractServer({
    'GET /rest/api/3/myself': { status: 200, body: { accountId: '5b10', displayName: 'Capeo Bot', emailAddress: 'capeo-bot@acme.example' } },
    'GET /rest/api/3/project/HUNT': { status: 200, body: HUNT },
    'GET /rest/api/3/project/IR': { status: 200, body: IR },
    'POST /rest/api/3/issue': (r) => {
      const { fields } = JSON.parse(r.body) as { fields: Record<string, unknown> & { project: { key: string }; priority?: unknown } };
      // Like a project whose create screen lacks the priority field.
      if (fields.project.key === 'NOPRIO' && fields.priority) {
        return { status: 400, body: { errorMessages: [], errors: { priority: "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown." } } };
      }
      created.push(fields);
      const key = `${fields.project.key}-${next++}`;
      return { status: 201, body: { id: String(10000 + next), key, self: `http://jira/rest/api/3/issue/${key}` } };
    },
    'POST /rest/api/3/search/jql': (r) => {
      const { jql } = JSON.parse(r.body) as { jql: string };
      const hit = created.find((f) => (f.labels as string[]).some((l) => jql === `labels = "${l}"`));
      return { status: 200, body: { issues: hit ? [{ id: '1', key: 'HUNT-77', fields: { summary: hit.summary } }] : [] } };
    },
    'GET /rest/api/3/project/NOPRIO': { status: 200, body: { key: 'NOPRIO', name: 'No priority', issueTypes: [{ name: 'Task' }] } },
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-jira-'));
  srv.requests.length = 0;
  created = [];
  next = 1;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settings = (over: Partial<JiraSettings> = {}): JiraSettings => ({
  CAPEO_JIRA_URL: `${srv.baseUrl}/`,
  CAPEO_JIRA_EMAIL: 'capeo-bot@acme.example',
  CAPEO_JIRA_API_TOKEN: TOKEN,
  CAPEO_JIRA_PROJECT: 'HUNT',
  ...over,
});
const jira = (over: Partial<JiraSettings> = {}) => new JiraTicketing(settings(over), 5000, dir);
const json = (r: RecordedRequest): unknown => JSON.parse(r.body);

test('an epic: the project is asked for its issue types, then one POST with an ADF description and the key label', async () => {
  const t = jira();
  const epic = await t.createEpic({ idempotencyKey: 'mission-EAVD01-1:plan', missionId: 'mission-EAVD01-1', title: 'EAVD01 - Barracuda Muffin', description: 'Find lookalikes of acme.example\n\n- login-acme.example' });

  expect(epic).toEqual({ system: 'jira', id: 'HUNT-1', url: `${srv.baseUrl}/browse/HUNT-1` });
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /rest/api/3/project/HUNT', 'POST /rest/api/3/issue']);
  const post = srv.requests[1]!;
  expect(post.headers).toMatchObject({ authorization: BASIC, 'content-type': 'application/json', accept: 'application/json' });
  expect(json(post)).toEqual({
    fields: {
      project: { key: 'HUNT' },
      issuetype: { name: 'Epic' },
      summary: 'EAVD01 - Barracuda Muffin',
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Find lookalikes of acme.example' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'login-acme.example' }] }] }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Mission mission-EAVD01-1.' }] },
        ],
      },
      labels: ['capeo', 'capeo-epic', `capeo-${keyHash('epic\nmission-EAVD01-1:plan').slice(0, 16)}`],
    },
  });

  // The same key again: the first ticket, and nothing sent.
  srv.requests.length = 0;
  expect(await t.createEpic({ idempotencyKey: 'mission-EAVD01-1:plan', missionId: 'mission-EAVD01-1', title: 'EAVD01 - Barracuda Muffin', description: '' })).toEqual(epic);
  expect(srv.requests).toEqual([]);
});

test('a story has the epic as parent; a finding is a Task labelled with its category', async () => {
  const t = jira();
  const story = await t.createStory({ idempotencyKey: 'k:story:0', epic: { system: 'jira', id: 'HUNT-1' }, title: 'Map lookalike domains', description: 'Tactical objective 1 of 2.' });
  const finding = await t.recordFinding({
    idempotencyKey: 'k:finding:f-1',
    missionId: 'mission-EAVD01-1',
    findingId: 'f-1',
    title: 'login-acme.example\nresolves',
    description: 'Seen in `dns` logs',
    category: 'suspicious-security-event',
  });

  expect(story.id).toBe('HUNT-1');
  expect(finding).toEqual({ system: 'jira', id: 'HUNT-2', url: `${srv.baseUrl}/browse/HUNT-2` });
  // The project's issue types are read once per adapter.
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /rest/api/3/project/HUNT', 'POST /rest/api/3/issue', 'POST /rest/api/3/issue']);
  expect(json(srv.requests[1]!)).toEqual({
    fields: {
      project: { key: 'HUNT' },
      issuetype: { name: 'Story' },
      summary: 'Map lookalike domains',
      description: toAdf('Tactical objective 1 of 2.'),
      labels: ['capeo', jiraKeyLabel('story', 'k:story:0')],
      parent: { key: 'HUNT-1' },
    },
  });
  expect(json(srv.requests[2]!)).toEqual({
    fields: {
      project: { key: 'HUNT' },
      issuetype: { name: 'Task' },
      summary: 'login-acme.example resolves',
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Seen in ' }, { type: 'text', text: 'dns', marks: [{ type: 'code' }] }, { type: 'text', text: ' logs' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Mission mission-EAVD01-1, finding f-1, category suspicious-security-event.' }] },
        ],
      },
      labels: ['capeo', 'capeo-finding', 'suspicious-security-event', jiraKeyLabel('finding', 'k:finding:f-1')],
    },
  });
});

test('an incident goes to the incident project as an Incident, with the priority of its severity', async () => {
  const ref = await jira({ CAPEO_JIRA_INCIDENT_PROJECT: 'IR' }).createIncident({
    idempotencyKey: 'k:incident:f-1',
    missionId: 'mission-EAVD01-1',
    findingId: 'f-1',
    title: 'SEOI EAVD01 f-1',
    description: 'Phishing kit on https://login-acme.example/',
    severity: 'critical',
  });
  expect(ref.id).toBe('IR-1');
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /rest/api/3/project/IR', 'POST /rest/api/3/issue']);
  expect(json(srv.requests[1]!)).toMatchObject({
    fields: {
      project: { key: 'IR' },
      issuetype: { name: 'Incident' },
      priority: { name: 'Highest' },
      labels: ['capeo', 'incident', 'severity-critical', jiraKeyLabel('incident', 'k:incident:f-1')],
      description: {
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Phishing kit on ' },
              { type: 'text', text: 'https://login-acme.example/', marks: [{ type: 'link', attrs: { href: 'https://login-acme.example/' } }] },
            ],
          },
          { type: 'paragraph', content: [{ type: 'text', text: 'Mission mission-EAVD01-1, finding f-1, severity critical.' }] },
        ],
      },
    },
  });
});

test('a project that refuses the priority field gets the incident without it', async () => {
  const ref = await jira({ CAPEO_JIRA_PROJECT: 'NOPRIO' }).createIncident({
    idempotencyKey: 'k:incident:f-2',
    missionId: 'm',
    findingId: 'f-2',
    title: 'SEOI',
    description: '',
    severity: 'low',
  });
  expect(ref.id).toBe('NOPRIO-1');
  const posts = srv.requests.filter((r) => r.method === 'POST');
  expect(posts.map((r) => (json(r) as { fields: { priority?: unknown; issuetype: unknown } }).fields.priority)).toEqual([{ name: 'Low' }, undefined]);
  expect((json(posts[1]!) as { fields: { issuetype: unknown } }).fields.issuetype).toEqual({ name: 'Task' });
});

test('after an attempt that died once Jira had the issue, the retry finds it by label and creates nothing', async () => {
  const t = jira();
  const label = jiraKeyLabel('epic', 'k:plan');
  created.push({ summary: 'EAVD01 - Barracuda Muffin', labels: ['capeo', label] });
  leaveDeadClaim(join(dir, 'keys'), 'epic\nk:plan');

  const ref = await t.createEpic({ idempotencyKey: 'k:plan', missionId: 'm', title: 'EAVD01 - Barracuda Muffin', description: '' });

  expect(ref).toEqual({ system: 'jira', id: 'HUNT-77', url: `${srv.baseUrl}/browse/HUNT-77` });
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /rest/api/3/search/jql']);
  expect(json(srv.requests[0]!)).toEqual({ jql: `labels = "${label}"`, fields: ['summary'], maxResults: 1 });
  expect(srv.requests[0]!.headers.authorization).toBe(BASIC);
});

test('a retry soon after an attempt whose answer was lost waits for the lagging search instead of creating a second issue', async () => {
  // The attempt a minute ago may have created the issue; JQL search does not show it (yet).
  leaveDeadClaim(join(dir, 'keys'), 'epic\nk:lost', new Date(Date.now() - 60_000));
  const input = { idempotencyKey: 'k:lost', missionId: 'm', title: 'EAVD01 - Barracuda Muffin', description: '' };
  await expect(jira().createEpic(input)).rejects.toMatchObject({ name: 'KeyBusyError', message: expect.stringMatching(/lookup may lag/) });
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /rest/api/3/search/jql']);

  // Past the settle time, still nothing found: that attempt never created it, so this one does.
  srv.requests.length = 0;
  leaveDeadClaim(join(dir, 'keys'), 'epic\nk:lost', new Date(Date.now() - SEARCH_SETTLE_MS - 1000));
  expect((await jira().createEpic(input)).id).toMatch(/^HUNT-\d+$/);
  expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /rest/api/3/search/jql', 'GET /rest/api/3/project/HUNT', 'POST /rest/api/3/issue']);
});

test('a story under an epic of another system, or a missing setting, is refused before any call', async () => {
  const bad = await failure(jira().createStory({ idempotencyKey: 'k', epic: { system: 'github', id: 'a/b#1' }, title: 'x', description: '' }));
  expect(bad).toMatchObject({ type: TicketingError.Invalid, nonRetryable: true });
  const unset = await failure(jira({ CAPEO_JIRA_API_TOKEN: undefined }).createEpic({ idempotencyKey: 'k', missionId: 'm', title: 't', description: '' }));
  expect(unset).toMatchObject({ type: NOT_CONFIGURED, nonRetryable: true, message: 'jira: set CAPEO_JIRA_API_TOKEN' });
  expect(srv.requests).toEqual([]);
});

describe('check', () => {
  it('says who is authenticated on which site, and the project with its issue types', async () => {
    const result = await jira({ CAPEO_JIRA_INCIDENT_PROJECT: 'IR' }).check();
    expect(result).toEqual({
      ok: true,
      detail: `authenticated as Capeo Bot on ${new URL(srv.baseUrl).host}; project HUNT (Threat Hunting) with Epic, Story, Task, Sub-task; incidents in IR (Incident Response)`,
    });
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /rest/api/3/myself', 'GET /rest/api/3/project/HUNT', 'GET /rest/api/3/project/IR']);
    expect(srv.requests.every((r) => r.headers.authorization === BASIC)).toBe(true);
  });

  it('names an unknown project, a missing setting, and a refused token without showing it', async () => {
    expect(await jira({ CAPEO_JIRA_PROJECT: 'NOPE' }).check()).toEqual({
      ok: false,
      detail: `authenticated as Capeo Bot on ${new URL(srv.baseUrl).host}, but project NOPE does not exist or is not visible to that account`,
    });
    expect(await jira({ CAPEO_JIRA_URL: undefined, CAPEO_JIRA_EMAIL: undefined }).check()).toEqual({ ok: false, detail: 'set CAPEO_JIRA_URL, CAPEO_JIRA_EMAIL' });

    const refusing = await startContractServer({ 'GET /rest/api/3/myself': { status: 401, body: { message: 'Client must be authenticated' } } });
    try {
      const result = await new JiraTicketing({ ...settings(), CAPEO_JIRA_URL: refusing.baseUrl }, 5000, dir).check();
      expect(result.ok).toBe(false);
      expect(result.detail).toContain('jira answered 401');
      expect(result.detail).not.toContain(TOKEN);
      expect(result.detail).not.toContain(BASIC.slice(6));
    } finally {
      await refusing.close();
    }
  });
});

test('a refused token fails the write for good (non-retryable auth), without the token in the message', async () => {
  const refusing = await startContractServer({ 'GET /rest/api/3/project/HUNT': { status: 403, body: {} } });
  try {
    const f = await failure(new JiraTicketing({ ...settings(), CAPEO_JIRA_URL: refusing.baseUrl }, 5000, dir).createEpic({ idempotencyKey: 'k', missionId: 'm', title: 't', description: '' }));
    expect(f).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
    expect(f.message).not.toContain(TOKEN);
  } finally {
    await refusing.close();
  }
});

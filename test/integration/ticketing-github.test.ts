import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../../activities/http/http-client';
import { keyHash } from '../../activities/local-records/key-claims';
import { githubKeyHash, githubKeyMarker, githubRetryDelay, GithubTicketing, type GithubSettings } from '../../activities/ticketing/github-ticketing';
import { SEARCH_SETTLE_MS, TicketingError } from '../../activities/ticketing/ticketing-port';
import { startContractServer, type ContractServer, type RecordedRequest } from '../support/contract-server';
import { leaveDeadClaim } from '../support/claims';
import { failure } from '../support/failures';

const TOKEN = 'ghp_s3cretTokenValue';
const HEADERS = { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };

let srv: ContractServer;
let dir: string;
let issues: Map<number, { title: string; body: string; labels: string[] }>;

const issueAnswer = (n: number) => ({ number: n, html_url: `https://github.com/acme/hunts/issues/${n}`, ...issues.get(n) });

beforeAll(async () => {
  const routes: Parameters<typeof startContractServer>[0] = {
    'POST /repos/acme/hunts/issues': (r) => {
      const n = issues.size + 1;
      issues.set(n, JSON.parse(r.body) as { title: string; body: string; labels: string[] });
      return { status: 201, body: issueAnswer(n) };
    },
    'GET /repos/acme/hunts': { status: 200, body: { full_name: 'acme/hunts', has_issues: true, archived: false, permissions: { admin: false, push: true, pull: true } } },
    'GET /repos/acme/readonly': { status: 200, body: { full_name: 'acme/readonly', has_issues: true, permissions: { push: false, pull: true } } },
    'POST /repos/acme/limited/issues': { status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '60' } },
    'POST /repos/acme/secondary/issues': { status: 429, body: { message: 'secondary rate limit' }, headers: { 'x-ratelimit-reset': '4102444800' } },
    'POST /repos/acme/forbidden/issues': { status: 403, body: { message: 'Resource not accessible by personal access token' }, headers: { 'x-ratelimit-remaining': '4999' } },
  };
  for (const n of [1, 2, 3]) {
    routes[`GET /repos/acme/hunts/issues/${n}`] = () => (issues.has(n) ? { status: 200, body: issueAnswer(n) } : { status: 404, body: { message: 'Not Found' } });
    routes[`PATCH /repos/acme/hunts/issues/${n}`] = (r) => {
      issues.get(n)!.body = (JSON.parse(r.body) as { body: string }).body;
      return { status: 200, body: issueAnswer(n) };
    };
  }
  // An issue search that does not see the issue (yet).
  routes[`GET /search/issues?q=${githubKeyHash('incident', 'k:lost')}+repo:acme/hunts+in:body`] = { status: 200, body: { total_count: 0, items: [] } };
  const hash = githubKeyHash('incident', 'k:incident:f-9');
  routes[`GET /search/issues?q=${hash}+repo:acme/hunts+in:body`] = {
    status: 200,
    body: {
      total_count: 2,
      items: [
        { number: 40, html_url: 'https://github.com/acme/hunts/issues/40', body: `someone quoted ${hash} in a comment` },
        { number: 41, html_url: 'https://github.com/acme/hunts/issues/41', body: `SEOI\n\n${githubKeyMarker(hash)}\n` },
      ],
    },
  };
  srv = await startContractServer(routes);
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-github-'));
  srv.requests.length = 0;
  issues = new Map();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const github = (over: Partial<GithubSettings> = {}) =>
  new GithubTicketing({ CAPEO_GITHUB_API_URL: srv.baseUrl, CAPEO_GITHUB_TOKEN: TOKEN, CAPEO_GITHUB_REPO: 'acme/hunts', ...over }, 5000, dir);
const json = (r: RecordedRequest): unknown => JSON.parse(r.body);
const calls = () => srv.requests.map((r) => `${r.method} ${r.url}`);

const epicInput = { idempotencyKey: 'mission-EAVD01-1:plan', missionId: 'mission-EAVD01-1', title: 'EAVD01 - Barracuda Muffin', description: 'Find lookalikes of acme.example' };

test('an epic is an issue labelled capeo-epic whose body ends with the key marker; the same key sends nothing', async () => {
  const t = github();
  const epic = await t.createEpic(epicInput);

  expect(epic).toEqual({ system: 'github', id: 'acme/hunts#1', url: 'https://github.com/acme/hunts/issues/1' });
  expect(calls()).toEqual(['POST /repos/acme/hunts/issues']);
  expect(srv.requests[0]!.headers).toMatchObject({ ...HEADERS, 'content-type': 'application/json' });
  expect(json(srv.requests[0]!)).toEqual({
    title: 'EAVD01 - Barracuda Muffin',
    body: `Find lookalikes of acme.example\n\nMission mission-EAVD01-1.\n\n<!-- capeo-key: ${keyHash('epic\nmission-EAVD01-1:plan').slice(0, 32)} -->\n`,
    labels: ['capeo-epic'],
  });

  srv.requests.length = 0;
  expect(await t.createEpic(epicInput)).toEqual(epic);
  expect(srv.requests).toEqual([]);
});

test('stories say "Part of #epic" and are added once to the task list in the epic body', async () => {
  const t = github();
  const epic = await t.createEpic(epicInput);
  srv.requests.length = 0;

  const s1 = await t.createStory({ idempotencyKey: 'mission-EAVD01-1:plan:story:0', epic, title: 'Map lookalike domains', description: 'Tactical objective 1 of 2.' });
  expect(s1).toEqual({ system: 'github', id: 'acme/hunts#2', url: 'https://github.com/acme/hunts/issues/2' });
  expect(calls()).toEqual(['GET /repos/acme/hunts/issues/1', 'POST /repos/acme/hunts/issues', 'PATCH /repos/acme/hunts/issues/1']);
  expect(json(srv.requests[1]!)).toEqual({
    title: 'Map lookalike domains',
    body: `Part of #1\n\nTactical objective 1 of 2.\n\n${githubKeyMarker(githubKeyHash('story', 'mission-EAVD01-1:plan:story:0'))}\n`,
    labels: ['capeo-story'],
  });
  const epicBody = issues.get(1)!.body;
  expect(json(srv.requests[2]!)).toEqual({ body: `${epicBody.split('\n\n### Stories')[0]}\n\n### Stories\n- [ ] #2\n` });

  await t.createStory({ idempotencyKey: 'mission-EAVD01-1:plan:story:1', epic, title: 'Watch certificates', description: '' });
  expect(issues.get(1)!.body.endsWith('\n\n### Stories\n- [ ] #2\n- [ ] #3\n')).toBe(true);

  // A retried story: claimed already, and listed already: one read of the epic, no write.
  srv.requests.length = 0;
  expect(await t.createStory({ idempotencyKey: 'mission-EAVD01-1:plan:story:1', epic, title: 'Watch certificates', description: '' })).toEqual({
    system: 'github',
    id: 'acme/hunts#3',
    url: 'https://github.com/acme/hunts/issues/3',
  });
  expect(calls()).toEqual(['GET /repos/acme/hunts/issues/1']);
});

test('a missing epic is EpicNotFound; an epic of another repository is refused before any call', async () => {
  expect(await failure(github().createStory({ idempotencyKey: 'k', epic: { system: 'github', id: 'acme/hunts#3' }, title: 't', description: '' }))).toMatchObject({
    type: TicketingError.EpicNotFound,
    nonRetryable: true,
  });
  srv.requests.length = 0;
  expect(await failure(github().createStory({ idempotencyKey: 'k', epic: { system: 'github', id: 'other/repo#1' }, title: 't', description: '' }))).toMatchObject({
    type: TicketingError.Invalid,
  });
  expect(srv.requests).toEqual([]);
});

test('incidents are labelled incident and severity; findings capeo-finding and their category', async () => {
  const t = github();
  await t.createIncident({ idempotencyKey: 'k:incident:f-1', missionId: 'mission-EAVD01-1', findingId: 'f-1', title: 'SEOI EAVD01 f-1', description: 'Phishing kit', severity: 'high' });
  await t.recordFinding({ idempotencyKey: 'k:finding:f-1', missionId: 'mission-EAVD01-1', findingId: 'f-1', title: 'No DNS logs', description: '', category: 'visibility-gap' });
  expect(srv.requests.map((r) => json(r))).toEqual([
    {
      title: 'SEOI EAVD01 f-1',
      body: `Phishing kit\n\nMission mission-EAVD01-1, finding f-1, severity high.\n\n${githubKeyMarker(githubKeyHash('incident', 'k:incident:f-1'))}\n`,
      labels: ['incident', 'severity:high'],
    },
    {
      title: 'No DNS logs',
      body: `Mission mission-EAVD01-1, finding f-1, category visibility-gap.\n\n${githubKeyMarker(githubKeyHash('finding', 'k:finding:f-1'))}\n`,
      labels: ['capeo-finding', 'visibility-gap'],
    },
  ]);
});

test('after an attempt that died once GitHub had the issue, the retry finds the issue with the exact marker', async () => {
  leaveDeadClaim(join(dir, 'keys'), 'incident\nk:incident:f-9');

  const ref = await github().createIncident({ idempotencyKey: 'k:incident:f-9', missionId: 'm', findingId: 'f-9', title: 'SEOI', description: '', severity: 'low' });

  expect(ref).toEqual({ system: 'github', id: 'acme/hunts#41', url: 'https://github.com/acme/hunts/issues/41' });
  expect(calls()).toEqual([`GET /search/issues?q=${githubKeyHash('incident', 'k:incident:f-9')}+repo:acme/hunts+in:body`]);
  expect(srv.requests[0]!.headers).toMatchObject(HEADERS);
});

test('a retry soon after an attempt whose answer was lost waits for the lagging search instead of opening a second issue', async () => {
  const search = `GET /search/issues?q=${githubKeyHash('incident', 'k:lost')}+repo:acme/hunts+in:body`;
  const input = { idempotencyKey: 'k:lost', missionId: 'm', findingId: 'f-8', title: 'SEOI', description: '', severity: 'low' as const };
  leaveDeadClaim(join(dir, 'keys'), 'incident\nk:lost', new Date(Date.now() - 60_000));
  await expect(github().createIncident(input)).rejects.toMatchObject({ name: 'KeyBusyError', message: expect.stringMatching(/lookup may lag/) });
  expect(calls()).toEqual([search]);

  // Past the settle time, still nothing found: that attempt never opened it, so this one does.
  srv.requests.length = 0;
  leaveDeadClaim(join(dir, 'keys'), 'incident\nk:lost', new Date(Date.now() - SEARCH_SETTLE_MS - 1000));
  expect((await github().createIncident(input)).id).toMatch(/^acme\/hunts#\d+$/);
  expect(calls()).toEqual([search, 'POST /repos/acme/hunts/issues']);
});

describe('rate limits and refusals', () => {
  const finding = { idempotencyKey: 'k', missionId: 'm', findingId: 'f', title: 't', description: '', category: 'hunt-opportunity' as const };

  it('a 403 with no remaining requests is retryable after Retry-After; a 429 waits for x-ratelimit-reset', async () => {
    const limited = await failure(github({ CAPEO_GITHUB_REPO: 'acme/limited' }).recordFinding(finding));
    expect(limited).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false, nextRetryDelay: 60_000 });
    const secondary = await failure(github({ CAPEO_GITHUB_REPO: 'acme/secondary' }).recordFinding({ ...finding, idempotencyKey: 'k2' }));
    expect(secondary).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false, nextRetryDelay: 3_600_000 });
  });

  it('any other 403 is a permanent refusal that does not show the token', async () => {
    const forbidden = await failure(github({ CAPEO_GITHUB_REPO: 'acme/forbidden' }).recordFinding(finding));
    expect(forbidden).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
    expect(forbidden.message).not.toContain(TOKEN);
  });

  it('the delay comes from Retry-After, else from the reset time', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(githubRetryDelay(new Headers({ 'retry-after': '30', 'x-ratelimit-reset': String(now / 1000 + 600) }), now)).toBe(30_000);
    expect(githubRetryDelay(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 90) }), now)).toBe(90_000);
    expect(githubRetryDelay(new Headers({ 'x-ratelimit-reset': String(now / 1000 - 5) }), now)).toBe(1000);
    expect(githubRetryDelay(new Headers({}), now)).toBeUndefined();
  });
});

describe('check', () => {
  it('reads the repository and requires write permission', async () => {
    expect(await github().check()).toEqual({ ok: true, detail: 'repository acme/hunts reachable, issues on, the token can write' });
    expect(calls()).toEqual(['GET /repos/acme/hunts']);
    expect(srv.requests[0]!.headers).toMatchObject(HEADERS);
    expect(await github({ CAPEO_GITHUB_REPO: 'acme/readonly' }).check()).toEqual({
      ok: false,
      detail: 'the token can read acme/readonly but not write to it: it needs issues read/write (and push, for new labels)',
    });
  });

  it('names a repository it cannot see and settings that are missing or malformed', async () => {
    expect(await github({ CAPEO_GITHUB_REPO: 'acme/nope' }).check()).toEqual({ ok: false, detail: 'repository acme/nope does not exist or the token cannot see it' });
    expect(await github({ CAPEO_GITHUB_TOKEN: undefined }).check()).toEqual({ ok: false, detail: 'set CAPEO_GITHUB_TOKEN' });
    expect(await github({ CAPEO_GITHUB_REPO: 'hunts' }).check()).toEqual({ ok: false, detail: 'CAPEO_GITHUB_REPO: owner/name of the repository' });
  });
});

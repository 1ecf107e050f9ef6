import { CliError, EXIT, exitCodeFor, problemLine, refusalHint, safeUrl } from '../../cli/api-client';
import { parse } from '../../cli/args';
import { resolve, run } from '../../cli/capeo';
import { effectIds } from '../../cli/effects';
import { findingBody, findingsQuery, observableFilter, parseObservable } from '../../cli/findings';
import type { Io } from '../../cli/io';
import { listQuery } from '../../cli/missions';
import { lastItems, readPages } from '../../cli/pages';

/** An Io that keeps what a command printed; no network is reached by these commands. */
function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { io, out, err };
}

const usage = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(EXIT.usage);
    return (e as CliError).message;
  }
  throw new Error('expected a usage error');
};

test('commands are named by one or two words; the rest are their arguments', () => {
  expect(resolve(['missions', 'show', 'm-1', '--json'])).toEqual({ name: 'missions show', rest: ['m-1', '--json'] });
  expect(resolve(['lookalikes', 'example.com'])).toEqual({ name: 'lookalikes', rest: ['example.com'] });
  expect(resolve(['missions', 'explode'])).toBeUndefined();
});

test('parsing is strict: unknown options, missing values and extra positionals are usage errors', () => {
  expect(usage(() => parse(['--nope'], {}, { min: 0, max: 0, names: '' }))).toContain("Unknown option '--nope'");
  expect(usage(() => parse(['--phase'], { phase: { type: 'string' } }, { min: 0, max: 0, names: '' }))).toContain('--phase');
  expect(usage(() => parse([], {}, { min: 1, max: 1, names: 'a mission id' }))).toBe('expected a mission id');
  expect(usage(() => parse(['a', 'b'], {}, { min: 1, max: 1, names: 'a mission id' }))).toBe('unexpected argument "b"');
  const ok = parse(['m-1', '--url', 'http://x', '--json'], {}, { min: 1, max: 1, names: 'a mission id' });
  expect(ok).toEqual({ positionals: ['m-1'], values: { url: 'http://x', json: true } });
});

test('missions list: flags become the API query; --code is a mission code or a code-name prefix', () => {
  const q = listQuery({ phase: 'execute', type: 'eavd', lead: 'lucas', overrun: true, code: 'eavd01', limit: '20' });
  expect(q).toEqual({ phase: 'execute', type: 'EAVD', lead: 'lucas', overrun: 'true', code: 'EAVD01', limit: 20 });
  expect(listQuery({ code: 'Barracuda M ', cursor: 'c9' })).toEqual({ codeName: 'Barracuda M', cursor: 'c9' });
  expect(listQuery({})).toEqual({});
  expect(usage(() => listQuery({ phase: 'lunch' }))).toBe('--phase: "lunch" is not one of collect, analyze, plan, execute, outcomes');
  expect(usage(() => listQuery({ limit: '0' }))).toBe('--limit: a whole number from 1 to 500');
  expect(usage(() => listQuery({ limit: '2x' }))).toBe('--limit: a whole number from 1 to 500');
});

test('findings add: the body the API takes, severity medium by default, observables split at the first colon', () => {
  expect(
    findingBody({
      category: 'suspicious-security-event',
      title: 'examp1e-login.com',
      description: 'MX and a fresh certificate',
      observable: ['domain:examp1e-login.com', 'url:https://examp1e-login.com/login'],
    }),
  ).toEqual({
    category: 'suspicious-security-event',
    title: 'examp1e-login.com',
    severity: 'medium',
    description: 'MX and a fresh certificate',
    observables: [
      { type: 'domain', value: 'examp1e-login.com' },
      { type: 'url', value: 'https://examp1e-login.com/login' },
    ],
  });
  expect(findingBody({ category: 'visibility-gap', title: 'no dns', severity: 'high', 'source-key': 'dns-gap-eu' })).toEqual({
    category: 'visibility-gap', title: 'no dns', severity: 'high', observables: [], sourceKey: 'dns-gap-eu',
  });
  expect(usage(() => findingBody({ title: 'x' }))).toMatch(/^--category is required: one of visibility-gap, /);
  expect(usage(() => findingBody({ category: 'gossip', title: 'x' }))).toMatch(/^--category: "gossip" is not one of visibility-gap/);
  expect(usage(() => parseObservable('examp1e.com'))).toBe('--observable: "examp1e.com" is not type:value');
  expect(usage(() => parseObservable('fqdn:examp1e.com'))).toBe('--observable type: "fqdn" is not one of domain, ipv4, ipv6, url, hash, email');
});

test('a problem+json is one line: status, title, code, detail, field errors, missing items', () => {
  expect(
    problemLine(409, { title: 'Conflict', code: 'MISSING_ITEMS', detail: 'gate analyze cannot be approved', missing: ['analyze.owners', 'analyze.feasibility'] }),
  ).toBe('409 Conflict (MISSING_ITEMS) — gate analyze cannot be approved — missing: analyze.owners, analyze.feasibility');
  expect(
    problemLine(400, { title: 'Bad Request', code: 'VALIDATION_FAILED', errors: [{ field: 'body.title', rule: 'too_small', message: 'Too small' }] }),
  ).toBe('400 Bad Request (VALIDATION_FAILED) — body.title: Too small [too_small]');
  expect([400, 401, 403, 404, 409, 429, 500, 503].map(exitCodeFor)).toEqual([2, 3, 3, 4, 5, 6, 1, 6]);
});

test('a refusal says what to do: give a key (401 without one), or wait as long as a busy API asked', () => {
  expect(refusalHint(401, false, null)).toBe(' (no API key: set CAPEO_API_KEY or pass --key-file FILE)');
  expect(refusalHint(401, true, null)).toBe('');
  expect(refusalHint(503, true, '1')).toBe(' (retry after 1 s)');
  expect(refusalHint(503, true, 'Mon, 23 Nov 2026 10:00:30 GMT')).toBe('');
  expect(refusalHint(409, true, '5')).toBe('');
});

test('findings list and search: filters become the query; an observable is a value, or type:value when the prefix is a type', () => {
  expect(findingsQuery({ category: 'hunt-opportunity', status: 'open', severity: 'high', observable: 'Examp1e.com', limit: '5' })).toEqual({
    category: 'hunt-opportunity',
    status: 'open',
    severity: 'high',
    observable: 'Examp1e.com',
    limit: 5,
  });
  expect(findingsQuery({ observable: 'url:https://examp1e.com/login', since: '2026-11-01T00:00:00Z', until: '2026-12-01T00:00:00Z' })).toEqual({
    observable: 'https://examp1e.com/login',
    observableType: 'url',
    since: '2026-11-01T00:00:00Z',
    until: '2026-12-01T00:00:00Z',
  });
  // A URL or an IPv6 address alone is a value: its prefix is no observable type.
  expect(observableFilter('https://examp1e.com')).toEqual({ observable: 'https://examp1e.com' });
  expect(observableFilter('2001:db8::1')).toEqual({ observable: '2001:db8::1' });
  expect(observableFilter('ipv6:2001:db8::1')).toEqual({ observable: '2001:db8::1', observableType: 'ipv6' });
  expect(usage(() => observableFilter('domain:'))).toBe('--observable: "domain:" has no value');
  expect(usage(() => findingsQuery({ status: 'closed' }))).toBe('--status: "closed" is not one of open, escalated, withdrawn');
  expect(usage(() => findingsQuery({ severity: 'urgent' }))).toMatch(/^--severity: "urgent" is not one of info, /);
});

test('effect ids: E and a number, in any case; anything else is a usage error', () => {
  expect(effectIds(['E3', 'e12'])).toEqual(['E3', 'E12']);
  expect(effectIds([])).toEqual([]);
  expect(usage(() => effectIds(['E3', 'F1']))).toBe('"F1" is not an effect id such as E12');
});

/** A page reader that answers the given pages, in order, and keeps the cursors asked. */
function pages<T>(given: Array<{ items: T[]; nextCursor: string | null }>) {
  const asked: Array<string | undefined> = [];
  const read = async (cursor: string | undefined) => {
    asked.push(cursor);
    return given[asked.length - 1]!;
  };
  return { read, asked };
}

test('paging: one page, or --all to the end; the latest items of a listing in one request, given oldest first', async () => {
  const one = pages([{ items: [1, 2], nextCursor: 'c1' }, { items: [3], nextCursor: null }]);
  expect(await readPages(one.read, false)).toEqual({ items: [1, 2], nextCursor: 'c1' });
  expect(one.asked).toEqual([undefined]);
  const all = pages([{ items: [1, 2], nextCursor: 'c1' }, { items: [3], nextCursor: 'c2' }, { items: [], nextCursor: null }]);
  expect(await readPages(all.read, true)).toEqual({ items: [1, 2, 3], nextCursor: null });
  expect(all.asked).toEqual([undefined, 'c1', 'c2']);

  const queries: unknown[] = [];
  const tail = await lastItems(async (query) => {
    queries.push(query);
    return { items: [4, 3], nextCursor: 'a' };
  }, 2, 4);
  expect(tail).toEqual({ items: [3, 4], total: 4 });
  expect(queries).toEqual([{ order: 'desc', limit: 2 }]);
  await lastItems(async (query) => (queries.push(query), { items: [], nextCursor: null }), 10_000, 0);
  expect(queries[1]).toEqual({ order: 'desc', limit: 500 });
});

test('URLs in messages lose any user:password part', () => {
  expect(safeUrl('http://ann:s3cret@127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
});

test('run: help, unknown commands and bad flags exit 2 with one line on stderr and no request', async () => {
  const h = capture();
  expect(await run(['help'], h.io)).toBe(0);
  expect(h.out[0]).toMatch(/^capeo — threat-hunt missions/);
  const hc = capture();
  expect(await run(['findings', 'add', '--help'], hc.io)).toBe(0);
  expect(hc.out[0]).toMatch(/^Usage: capeo findings add <missionId> --category C --title T/);
  const hd = capture();
  expect(await run(['doctor', '--help'], hd.io)).toBe(0);
  expect(hd.out[0]).toMatch(/^Usage: capeo doctor \[--json\]/);

  const unknown = capture();
  expect(await run(['launch'], unknown.io)).toBe(2);
  expect(unknown.err).toEqual([`capeo: unknown command "launch"; run 'capeo help'`]);
  const group = capture();
  expect(await run(['gate', 'open'], group.io)).toBe(2);
  expect(group.err).toEqual(['capeo gate: expected one of approve, reject']);
  const effects = capture();
  expect(await run(['effects'], effects.io)).toBe(2);
  expect(effects.err).toEqual(['capeo effects: expected one of list, retry']);
  for (const topic of [['findings', 'list'], ['findings', 'search'], ['effects', 'list'], ['effects', 'retry']]) {
    const h = capture();
    expect(await run([...topic, '--help'], h.io)).toBe(0);
    expect(h.out[0]).toMatch(new RegExp(`^Usage: capeo ${topic.join(' ')} `));
  }

  // Refused before any request: the URL answers nothing, so a request would exit 1, not 2.
  const env = { CAPEO_URL: 'http://127.0.0.1:9' };
  const reject = capture(env);
  expect(await run(['gate', 'reject', 'mission-EAVD01-1'], reject.io)).toBe(2);
  expect(reject.err).toEqual(['capeo gate reject: gate reject needs --reason TEXT']);
  const phase = capture(env);
  expect(await run(['gate', 'approve', 'mission-EAVD01-1', '--phase', 'lunch'], phase.io)).toBe(2);
  const retry = capture(env);
  expect(await run(['effects', 'retry', 'mission-EAVD01-1', 'E1', 'everything'], retry.io)).toBe(2);
  expect(retry.err).toEqual(['capeo effects retry: "everything" is not an effect id such as E12']);
  const state = capture(env);
  expect(await run(['effects', 'list', 'mission-EAVD01-1', '--state', 'broken'], state.io)).toBe(2);
  expect(state.err).toEqual(['capeo effects list: --state: "broken" is not one of pending, running, done, failed']);
  const search = capture(env);
  expect(await run(['findings', 'search', 'examp1e.com'], search.io)).toBe(2);
  expect(search.err).toEqual(['capeo findings search: unexpected argument "examp1e.com"']);
  const list = capture(env);
  expect(await run(['findings', 'list'], list.io)).toBe(2);
  expect(list.err).toEqual(['capeo findings list: expected a mission id']);
});


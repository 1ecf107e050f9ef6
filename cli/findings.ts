import { FINDING_CATEGORIES, OBSERVABLE_TYPES, SEVERITIES, type Observable } from '../domain/findings';
import { answer, CliError, EXIT, type Api } from './api-client';
import type { FindingsQuery } from './api-types';
import { globals, oneOf, parse, type Options } from './args';
import { apiFor, type Io } from './io';
import { help } from './help';
import { PAGE_OPTIONS, paging, readPages, type Listing } from './pages';
import { renderFindings } from './render';

const FINDING_STATUSES = ['open', 'escalated', 'withdrawn'] as const;

/** `type:value` (the value may itself hold colons, as URLs do). */
export function parseObservable(text: string): Observable {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) throw new CliError(`--observable: ${JSON.stringify(text)} is not type:value`, EXIT.usage);
  return { type: oneOf('--observable type', text.slice(0, at), OBSERVABLE_TYPES), value: text.slice(at + 1) };
}

/** The body of POST /missions/{id}/findings from the flags; severity defaults to medium. */
export function findingBody(v: Record<string, unknown>) {
  if (v.category === undefined) throw new CliError(`--category is required: one of ${FINDING_CATEGORIES.join(', ')}`, EXIT.usage);
  if (v.title === undefined) throw new CliError('--title is required', EXIT.usage);
  return {
    category: oneOf('--category', v.category as string, FINDING_CATEGORIES),
    title: v.title as string,
    severity: oneOf('--severity', (v.severity as string | undefined) ?? 'medium', SEVERITIES),
    ...(v.description !== undefined && { description: v.description as string }),
    observables: ((v.observable as string[] | undefined) ?? []).map(parseObservable),
    ...(v['source-key'] !== undefined && { sourceKey: v['source-key'] as string }),
  };
}

export async function findingsAdd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      category: { type: 'string' },
      title: { type: 'string' },
      severity: { type: 'string' },
      description: { type: 'string' },
      observable: { type: 'string', multiple: true },
      'source-key': { type: 'string' },
    },
    { min: 1, max: 1, names: 'a mission id' },
  );
  const g = globals(values, io.env);
  if (g.help) return help(io, 'findings add');
  const body = findingBody(values);
  const added = await answer(apiFor(g, io).call.POST('/missions/{id}/findings', { params: { path: { id: positionals[0]! } }, body }));
  if (g.json) io.out(JSON.stringify(added));
  else {
    const f = added.finding;
    io.out(
      added.created
        ? `${positionals[0]!}: finding ${f.id} recorded (${f.category}, ${f.severity}, ${f.status})`
        : `${positionals[0]!}: finding ${f.id} was already recorded for this source key (${f.status}); nothing added`,
    );
  }
  return 0;
}

/**
 * An observable to look for: `type:value` when the part before the first colon is an observable
 * type (`domain:examp1e.com`, `url:https://...`), else the value alone, of any type (`examp1e.com`).
 */
export function observableFilter(text: string): { observable: string; observableType?: (typeof OBSERVABLE_TYPES)[number] } {
  const at = text.indexOf(':');
  const type = text.slice(0, at);
  if (at > 0 && (OBSERVABLE_TYPES as readonly string[]).includes(type)) {
    if (at === text.length - 1) throw new CliError(`--observable: ${JSON.stringify(text)} has no value`, EXIT.usage);
    return { observable: text.slice(at + 1), observableType: type as (typeof OBSERVABLE_TYPES)[number] };
  }
  return { observable: text };
}

const FILTER_OPTIONS = {
  category: { type: 'string' },
  status: { type: 'string' },
  severity: { type: 'string' },
  observable: { type: 'string' },
  ...PAGE_OPTIONS,
} as const satisfies Options;

/** The query of a findings listing from the flags; `--since`/`--until` only across missions. */
export function findingsQuery(v: Record<string, unknown>): FindingsQuery {
  return {
    ...(v.category !== undefined && { category: oneOf('--category', v.category as string, FINDING_CATEGORIES) }),
    ...(v.status !== undefined && { status: oneOf('--status', v.status as string, FINDING_STATUSES) }),
    ...(v.severity !== undefined && { severity: oneOf('--severity', v.severity as string, SEVERITIES) }),
    ...(v.observable !== undefined && observableFilter(v.observable as string)),
    ...(v.since !== undefined && { since: v.since as string }),
    ...(v.until !== undefined && { until: v.until as string }),
    ...paging(v),
  };
}

async function listFindings<T extends Parameters<typeof renderFindings>[0][number]>(
  io: Io,
  values: Record<string, unknown>,
  read: (api: Api, query: FindingsQuery) => Promise<Listing<T>>,
): Promise<number> {
  const g = globals(values, io.env);
  const api = apiFor(g, io);
  const query = findingsQuery(values);
  const page = await readPages((cursor) => read(api, { ...query, ...(cursor && { cursor }) }), Boolean(values.all));
  if (g.json) io.out(JSON.stringify(page));
  else {
    io.out(renderFindings(page.items));
    if (page.nextCursor) io.err(`more findings: add --all, or --cursor ${page.nextCursor}`);
  }
  return 0;
}

/** `capeo findings list <missionId>`: one mission's findings, oldest first. */
export async function findingsList(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, FILTER_OPTIONS, { min: 1, max: 1, names: 'a mission id' });
  if (values.help) return help(io, 'findings list');
  const path = { id: positionals[0]! };
  return listFindings(io, values, (api, query) => answer(api.call.GET('/missions/{id}/findings', { params: { path, query } })));
}

/** `capeo findings search`: findings across missions, newest first. */
export async function findingsSearch(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...FILTER_OPTIONS, since: { type: 'string' }, until: { type: 'string' } }, { min: 0, max: 0, names: '' });
  if (values.help) return help(io, 'findings search');
  return listFindings(io, values, (api, query) => answer(api.call.GET('/findings', { params: { query } })));
}

import { EFFECT_STATES } from '../domain/effects';
import { answer, CliError, EXIT } from './api-client';
import { globals, oneOf, parse } from './args';
import { apiFor, type Io } from './io';
import { help } from './help';
import { PAGE_OPTIONS, paging, readPages } from './pages';
import { renderEffects, renderRetried } from './render';

const EFFECT_ID = /^E\d+$/;

/** `capeo effects list <missionId>`: the mission's effect log (tickets, escalations, notifications…), oldest first. */
export async function effectsList(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { state: { type: 'string' }, ...PAGE_OPTIONS }, { min: 1, max: 1, names: 'a mission id' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'effects list');
  const query = { ...paging(values), ...(values.state !== undefined && { state: oneOf('--state', values.state as string, EFFECT_STATES) }) };
  const api = apiFor(g, io);
  const path = { id: positionals[0]! };
  const page = await readPages((cursor) => answer(api.call.GET('/missions/{id}/effects', { params: { path, query: { ...query, ...(cursor && { cursor }) } } })), Boolean(values.all));
  if (g.json) io.out(JSON.stringify(page));
  else {
    io.out(renderEffects(page.items));
    if (page.nextCursor) io.err(`more effects: add --all, or --cursor ${page.nextCursor}`);
  }
  return 0;
}

/** The effect ids given (e3 is E3); anything else is a usage error. */
export function effectIds(given: string[]): string[] {
  return given.map((id) => {
    const upper = id.toUpperCase();
    if (!EFFECT_ID.test(upper)) throw new CliError(`${JSON.stringify(id)} is not an effect id such as E12`, EXIT.usage);
    return upper;
  });
}

/**
 * `capeo effects retry <missionId> [effectId...]`: retries the given failed effects, or all of the
 * mission's. The retry runs them before answering; an effect that fails again makes the exit code 1,
 * so a script knows the integration is still broken.
 */
export async function effectsRetry(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {}, { min: 1, max: 501, names: 'a mission id' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'effects retry');
  const [missionId, ...given] = positionals as [string, ...string[]];
  const ids = effectIds(given);
  const result = await answer(
    apiFor(g, io).call.POST('/missions/{id}/effects/retry', { params: { path: { id: missionId } }, body: ids.length ? { effectIds: ids } : {} }),
  );
  io.out(g.json ? JSON.stringify(result) : renderRetried(missionId, result.retried));
  return result.retried.some((r) => r.state === 'failed') ? EXIT.other : EXIT.ok;
}

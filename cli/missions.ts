import { missingRequiredItems } from '../domain/gates';
import type { MissionState } from '../domain/mission';
import { MISSION_TYPE_CODES } from '../domain/mission-types';
import { MISSION_STATUSES, PHASES } from '../domain/phases';
import { globals, oneOf, parse, positiveInt } from './args';
import { apiFor, type Io } from './io';
import { renderMission, renderMissionList, type MissionSummary } from './render';
import { help } from './help';

interface Page {
  missions: MissionSummary[];
  nextCursor: string | null;
}

const MISSION_CODE = /^[A-Z]{2,8}\d{2,}$/;

/** The query of GET /missions from the flags; `--code` is a mission code (EAVD01) or else a code-name prefix. */
export function listQuery(v: Record<string, unknown>): URLSearchParams {
  const q = new URLSearchParams();
  if (v.phase !== undefined) q.set('phase', oneOf('--phase', v.phase as string, PHASES));
  if (v.status !== undefined) q.set('status', oneOf('--status', v.status as string, MISSION_STATUSES));
  if (v.type !== undefined) q.set('type', oneOf('--type', (v.type as string).toUpperCase(), MISSION_TYPE_CODES));
  if (v.lead !== undefined) q.set('lead', v.lead as string);
  if (v.overrun) q.set('overrun', 'true');
  if (v.code !== undefined) {
    const code = (v.code as string).trim();
    if (MISSION_CODE.test(code.toUpperCase())) q.set('code', code.toUpperCase());
    else q.set('codeName', code);
  }
  if (v.limit !== undefined) q.set('limit', String(positiveInt('--limit', v.limit as string, 500)));
  if (v.cursor !== undefined) q.set('cursor', v.cursor as string);
  return q;
}

export async function missionsList(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    argv,
    {
      phase: { type: 'string' },
      status: { type: 'string' },
      type: { type: 'string' },
      lead: { type: 'string' },
      overrun: { type: 'boolean' },
      code: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      all: { type: 'boolean' },
    },
    { min: 0, max: 0, names: '' },
  );
  const g = globals(values, io.env);
  if (g.help) return help(io, 'missions list');
  const api = apiFor(g, io);
  const query = listQuery(values);
  let page = await api.json<Page>('GET', `/missions?${query}`);
  if (values.all) {
    const all = [...page.missions];
    while (page.nextCursor) {
      query.set('cursor', page.nextCursor);
      page = await api.json<Page>('GET', `/missions?${query}`);
      all.push(...page.missions);
    }
    page = { missions: all, nextCursor: null };
  }
  if (g.json) io.out(JSON.stringify(page));
  else {
    io.out(renderMissionList(page.missions));
    if (page.nextCursor) io.err(`more missions: add --all, or --cursor ${page.nextCursor}`);
  }
  return 0;
}

export async function missionsShow(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { audit: { type: 'string' } }, { min: 1, max: 1, names: 'a mission id' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'missions show');
  const auditTail = values.audit === undefined ? 10 : positiveInt('--audit', values.audit as string, 10_000);
  const state = await apiFor(g, io).json<MissionState>('GET', `/missions/${encodeURIComponent(positionals[0]!)}`);
  if (g.json) io.out(JSON.stringify(state));
  else io.out(renderMission(state, state.openGate ? missingRequiredItems(state) : [], Date.now(), auditTail));
  return 0;
}

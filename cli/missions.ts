import { MISSION_TYPE_CODES } from '../domain/mission-types';
import { MISSION_STATUSES, PHASES } from '../domain/phases';
import { answer } from './api-client';
import type { MissionsQuery } from './api-types';
import { globals, oneOf, parse, positiveInt } from './args';
import { apiFor, type Io } from './io';
import { lastItems, PAGE_OPTIONS, paging, readPages } from './pages';
import { renderMission, renderMissionList } from './render';
import { help } from './help';

const MISSION_CODE = /^[A-Z]{2,8}\d{2,}$/;

/** The query of GET /missions from the flags; `--code` is a mission code (EAVD01) or else a code-name prefix. */
export function listQuery(v: Record<string, unknown>): MissionsQuery {
  const code = (v.code as string | undefined)?.trim();
  return {
    ...(v.phase !== undefined && { phase: oneOf('--phase', v.phase as string, PHASES) }),
    ...(v.status !== undefined && { status: oneOf('--status', v.status as string, MISSION_STATUSES) }),
    ...(v.type !== undefined && { type: oneOf('--type', (v.type as string).toUpperCase(), MISSION_TYPE_CODES) }),
    ...(v.lead !== undefined && { lead: v.lead as string }),
    ...(v.overrun ? { overrun: 'true' as const } : {}),
    ...(code !== undefined && (MISSION_CODE.test(code.toUpperCase()) ? { code: code.toUpperCase() } : { codeName: code })),
    ...paging(v),
  };
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
      ...PAGE_OPTIONS,
    },
    { min: 0, max: 0, names: '' },
  );
  const g = globals(values, io.env);
  if (g.help) return help(io, 'missions list');
  const api = apiFor(g, io);
  const query = listQuery(values);
  const page = await readPages(async (cursor) => {
    const { missions, nextCursor } = await answer(api.call.GET('/missions', { params: { query: { ...query, ...(cursor && { cursor }) } } }));
    return { items: missions, nextCursor };
  }, Boolean(values.all));
  if (g.json) io.out(JSON.stringify({ missions: page.items, nextCursor: page.nextCursor }));
  else {
    io.out(renderMissionList(page.items));
    if (page.nextCursor) io.err(`more missions: add --all, or --cursor ${page.nextCursor}`);
  }
  return 0;
}

/** The summary, then the latest findings and audit entries from the mission's paged sub-resources. */
export async function missionsShow(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { audit: { type: 'string' }, findings: { type: 'string' } }, { min: 1, max: 1, names: 'a mission id' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'missions show');
  const auditTail = values.audit === undefined ? 10 : positiveInt('--audit', values.audit as string, 10_000);
  const findingsTail = values.findings === undefined ? 10 : positiveInt('--findings', values.findings as string, 10_000);
  const api = apiFor(g, io);
  const path = { id: positionals[0]! };
  const mission = await answer(api.call.GET('/missions/{id}', { params: { path } }));
  if (g.json) {
    io.out(JSON.stringify(mission));
    return 0;
  }
  const c = mission.counts;
  const [findings, audit] = await Promise.all([
    lastItems((query) => answer(api.call.GET('/missions/{id}/findings', { params: { path, query } })), findingsTail, c.findings.total + c.findings.withdrawn),
    lastItems((query) => answer(api.call.GET('/missions/{id}/timeline', { params: { path, query } })), auditTail, c.auditEntries),
  ]);
  io.out(renderMission(mission, findings, audit));
  return 0;
}

import { MISSION_TYPE_CODES } from '../domain/mission-types';
import { MISSION_STATUSES, PHASES } from '../domain/phases';
import type { AuditItem, Finding, MissionEntry, MissionView } from './api-types';
import { globals, oneOf, parse, positiveInt } from './args';
import { apiFor, type Io } from './io';
import { lastItems, PAGE_OPTIONS, readPages, setPaging } from './pages';
import { renderMission, renderMissionList } from './render';
import { help } from './help';

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
  return setPaging(q, v);
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
  const page = await readPages<MissionEntry>(apiFor(g, io), '/missions', listQuery(values), Boolean(values.all), 'missions');
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
  const path = `/missions/${encodeURIComponent(positionals[0]!)}`;
  const mission = await api.json<MissionView>('GET', path);
  if (g.json) {
    io.out(JSON.stringify(mission));
    return 0;
  }
  const c = mission.counts;
  const [findings, audit] = await Promise.all([
    lastItems<Finding>(api, `${path}/findings`, findingsTail, c.findings.total + c.findings.withdrawn),
    lastItems<AuditItem>(api, `${path}/timeline`, auditTail, c.auditEntries),
  ]);
  io.out(renderMission(mission, findings, audit));
  return 0;
}

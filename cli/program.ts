import { writeFileSync } from 'node:fs';
import { answer, CliError, EXIT } from './api-client';
import type { ProgramMetrics } from './api-types';
import { globals, parse } from './args';
import { help } from './help';
import { apiFor, type Io } from './io';

const DAY = 86_400_000;

/** An RFC 3339 time from `--from`/`--to` (a date alone is its midnight UTC). */
function instant(flag: string, value: string | undefined, fallback: Date): string {
  if (value === undefined) return fallback.toISOString();
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new CliError(`${flag}: ${JSON.stringify(value)} is not a date (2026-10-01) or an RFC 3339 time`, EXIT.usage);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function period(values: Record<string, unknown>): { from: string; to: string } {
  const now = new Date();
  const to = instant('--to', values.to as string | undefined, now);
  const from = instant('--from', values.from as string | undefined, new Date(Date.parse(to) - 90 * DAY));
  return { from, to };
}

const pct = (r: number | null) => (r === null ? '-' : `${Math.round(r * 1000) / 10}%`);

export function renderProgram(m: ProgramMetrics): string {
  const lines = [
    `Hunt program, missions created ${m.from} to ${m.to}`,
    `  missions          ${m.missions} (completed ${m.byOutcome.completed}, not qualified ${m.byOutcome.not_qualified}, cancelled ${m.byOutcome.cancelled}, active ${m.byOutcome.active})`,
    `  total hunt        ${m.totalHunt.actualHours} h of ${m.totalHunt.allocatedHours} h allocated, ${m.totalHunt.overrun} overrun (${pct(m.totalHunt.overrunRate)})`,
    `  execution phase   ${m.executionPhase.actualHours} h of ${m.executionPhase.allocatedHours} h allocated, ${m.executionPhase.overrun} overrun (${pct(m.executionPhase.overrunRate)})`,
    `  findings          ${Object.entries(m.findingsPerCategory).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
    `  detections        ${m.detections.proposed} proposed, ${m.detections.accepted} accepted, ${m.detections.rejected} rejected`,
    `  visibility gaps   ${m.visibilityGaps.raised} raised, ${m.visibilityGaps.resolved} resolved`,
    `  escalations       ${m.escalations.count}${m.escalations.meanHoursToEscalation === null ? '' : `, ${m.escalations.meanHoursToEscalation} h to escalate on average`}`,
    `  ATT&CK            ${m.techniques.hunted} techniques hunted, ${m.techniques.withFindings} with findings (layer: capeo attack layer --from ${m.from} --to ${m.to})`,
  ];
  for (const [title, groups] of [['by type', m.byType], ['by lead', m.byLead]] as const) {
    lines.push(`  ${title}`);
    for (const [k, g] of Object.entries(groups)) lines.push(`    ${k.padEnd(16)} ${g.missions} missions, ${g.byOutcome.completed} completed, overrun ${pct(g.totalHunt.overrunRate)}, ${g.detections.proposed} detections, ${g.escalations.count} escalations`);
  }
  return lines.join('\n');
}

/** `capeo program metrics [--from D] [--to D]`: the hunt program over a period (the last 90 days by default). */
export async function programMetrics(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { from: { type: 'string' }, to: { type: 'string' } }, { min: 0, max: 0, names: 'nothing' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'program metrics');
  const m = await answer(apiFor(g, io).call.GET('/program/metrics', { params: { query: period(values) } }));
  io.out(g.json ? JSON.stringify(m) : renderProgram(m));
  return EXIT.ok;
}

/**
 * `capeo attack layer [<missionId>] [--from D --to D] [--out FILE]`: the ATT&CK Navigator layer of a
 * mission, or of the missions of a period, printed or written to a file for the Navigator.
 */
export async function attackLayer(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } }, { min: 0, max: 1, names: 'a mission id' });
  const g = globals(values, io.env);
  if (g.help) return help(io, 'attack layer');
  const api = apiFor(g, io);
  const [missionId] = positionals;
  if (missionId && (values.from !== undefined || values.to !== undefined)) throw new CliError('give a mission id or a period (--from, --to), not both', EXIT.usage);
  const layer = missionId
    ? await answer(api.call.GET('/missions/{id}/attack/layer', { params: { path: { id: missionId } } }))
    : await answer(api.call.GET('/attack/layer', { params: { query: period(values) } }));
  const text = JSON.stringify(layer, null, 2);
  if (values.out) {
    writeFileSync(values.out as string, `${text}\n`);
    io.err(`wrote ${values.out}: ${layer.techniques?.length ?? 0} techniques; open it in the ATT&CK Navigator (Open Existing Layer, Upload from local)`);
  } else io.out(text);
  return EXIT.ok;
}

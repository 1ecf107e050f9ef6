import { FINDING_CATEGORIES, OBSERVABLE_TYPES, SEVERITIES, type Observable } from '../domain/findings';
import type { MissionState } from '../domain/mission';
import { CliError, EXIT } from './api-client';
import { globals, oneOf, parse } from './args';
import { apiFor, type Io } from './io';
import { help } from './help';

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
    },
    { min: 1, max: 1, names: 'a mission id' },
  );
  const g = globals(values, io.env);
  if (g.help) return help(io, 'findings add');
  const body = findingBody(values);
  const answer = await apiFor(g, io).json<{ id: string; mission: MissionState }>('POST', `/missions/${encodeURIComponent(positionals[0]!)}/findings`, body);
  if (g.json) io.out(JSON.stringify(answer));
  else {
    const f = answer.mission.findings.find((x) => x.id === answer.id);
    io.out(`${answer.mission.missionId}: finding ${answer.id} recorded (${body.category}, ${body.severity}${f ? `, ${f.status}` : ''})`);
  }
  return 0;
}

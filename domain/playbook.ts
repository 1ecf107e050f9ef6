import type { Finding } from './findings';
import type { MissionState } from './mission';
import type { Reference } from './work-items';

export interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string;
  execution_count?: null;
  outputs?: unknown[];
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

const items = (s: MissionState, phase: string, item: string) => s.workItems[phase]?.[item]?.data;
const refs = (data: Record<string, unknown> | undefined): Reference[] => (data?.['references'] as Reference[] | undefined) ?? [];
const refLines = (r: Reference[]) => r.map((x) => `- [${x.title}](${x.link}) — ${x.kind}${x.notes ? `: ${x.notes}` : ''}`).join('\n');
const py = (s: string) => JSON.stringify(s);

/**
 * The Threat Hunt Playbook as a Jupyter notebook (nbformat 4.5): research as
 * markdown, every query run as a code cell. It carries no metrics. It is
 * iterative: the previous iteration's cells are kept after this iteration's.
 */
export function buildPlaybook(s: MissionState, previous: Notebook | null): Notebook {
  const prefix = `i${s.iteration}`;
  const cells: NotebookCell[] = [];
  const md = (key: string, source: string) => cells.push({ id: `${prefix}-${key}`, cell_type: 'markdown', metadata: {}, source });
  const code = (key: string, source: string) =>
    cells.push({ id: `${prefix}-${key}`, cell_type: 'code', metadata: {}, source, execution_count: null, outputs: [] });

  md('title', `# Threat Hunt Playbook — ${s.displayName}\n\nIteration ${s.iteration}. Topic: ${s.topic}.`);
  if (s.intel) {
    md('intel', `## Intel\n\n${s.intel.matched.map((o) => `- ${o.type}: ${o.name}`).join('\n') || 'No matching intel.'}\n\nSource: ${s.intel.source}`);
  }
  const research = refs(items(s, 'analyze', 'initial-research'));
  md('research', `## Initial research\n\n${refLines(research) || 'None recorded.'}`);
  const feasibility = items(s, 'analyze', 'feasibility');
  if (feasibility) md('feasibility', `## Feasibility\n\n${feasibility['notes'] ?? 'Assessed with the prioritisation model.'}`);
  const owners = (items(s, 'analyze', 'owners')?.['owners'] as Array<{ name: string; contact: string; kind: string }> | undefined) ?? [];
  if (owners.length) md('owners', `## Owners\n\n${owners.map((o) => `- ${o.name} (${o.kind}): ${o.contact}`).join('\n')}`);
  const objectives = (items(s, 'plan', 'objectives')?.['objectives'] as string[] | undefined) ?? s.previous?.objectives ?? [];
  md('objectives', `## Tactical objectives\n\n${objectives.map((o) => `- ${o}`).join('\n') || 'None recorded.'}`);
  const sources = (items(s, 'execute', 'data-sources')?.['sources'] as Array<{ name: string; location: string; model: string }> | undefined) ?? [];
  if (sources.length) md('sources', `## Data sources\n\n${sources.map((x) => `- **${x.name}** at ${x.location}: ${x.model}`).join('\n')}`);
  for (const item of ['stakeholders', 'infrastructure-knowledge', 'previous-security-data']) {
    const r = refs(items(s, 'execute', item));
    if (r.length) md(item, `## ${item.replace(/-/g, ' ')}\n\n${refLines(r)}`);
  }

  if (s.queries.length) {
    md('queries', '## Interrogating the data\n\nEach query as it was run; the log sources are DuckDB views named after the files.');
    code('setup', 'import duckdb\ncon = duckdb.connect()');
  }
  for (const q of s.queries) {
    md(`query-${q.id}-title`, `### ${q.title}\n\nTime range ${q.from} → ${q.to}.`);
    code(`query-${q.id}`, `# ${q.title}\n# from ${q.from} to ${q.to}\ncon.sql(${py(q.query)}).df()`);
  }
  const flagged = s.findings.filter((f) => f.status !== 'withdrawn' && (f.flags.includes('playbook') || f.observables.length > 0));
  if (flagged.length) {
    md('findings', `## What the hunt found\n\n${flagged.map((f: Finding) => `- **${f.title}** (${f.category}): ${f.description || 'see evidence'}`).join('\n')}`);
    const observables = flagged.flatMap((f) => f.observables.map((o) => ({ type: o.type, value: o.value, finding: f.id })));
    if (observables.length) code('observables', `observables = ${py(JSON.stringify(observables))}\nimport json\nobservables = json.loads(observables)\nobservables`);
  }

  const kept = (previous?.cells ?? []).filter((c) => !c.id.startsWith(`${prefix}-`));
  if (kept.length) md('previous', '## Previous iterations');
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      capeo: { code: s.code, codeName: s.codeName, iteration: s.iteration, missionId: s.missionId },
    },
    cells: [...cells, ...kept],
  };
}

import type { z } from 'zod';
import type { Finding } from './findings';
import type { MissionRecord, QueryRun } from './mission';
import { MISSION_TYPES } from './mission-types';
import { FINDING_CATEGORY_LABELS } from './report';
import { WORK_ITEM_PAYLOADS, type PrioritisationResult, type Reference, type RecordableItem } from './work-items';

/**
 * The Threat Hunt Playbook as a Jupyter notebook (nbformat 4.5): the research as
 * markdown, every query run and code recipe as code cells. A data-analytics story
 * that carries no metrics. It is iterative: the next iteration of the mission
 * starts from this one's notebook, and the notebook grows with each iteration.
 */

export interface CapeoCellMetadata {
  iteration: number;
  section: string;
  queryId?: string;
  /** On a query's code cell: the SQL, so a later iteration recognises a re-run. */
  sql?: string;
  /** On a query's title cell: the id of the code cell it introduces. */
  introduces?: string;
}

export interface CellMetadata {
  tags?: string[];
  capeo?: CapeoCellMetadata;
  [key: string]: unknown;
}

export interface MarkdownCell {
  id: string;
  cell_type: 'markdown';
  metadata: CellMetadata;
  source: string;
  attachments?: Record<string, unknown>;
}

export interface CodeCell {
  id: string;
  cell_type: 'code';
  metadata: CellMetadata;
  source: string;
  execution_count: number | null;
  outputs: unknown[];
}

export interface RawCell {
  id: string;
  cell_type: 'raw';
  metadata: CellMetadata;
  source: string;
  attachments?: Record<string, unknown>;
}

export type NotebookCell = MarkdownCell | CodeCell | RawCell;

export interface PlaybookIteration {
  iteration: number;
  missionId: string;
}

export interface PlaybookMetadata {
  kernelspec: { name: string; display_name: string; language?: string };
  language_info: { name: string; [key: string]: unknown };
  capeo: {
    missionId: string;
    code: string;
    codeName: string;
    displayName: string;
    type: string;
    iteration: number;
    topic: string;
    /** When this iteration's snapshot was taken: the report release, else the last audit entry. */
    snapshotAt: string | null;
    /** Every iteration the notebook holds, newest first. */
    iterations: PlaybookIteration[];
  };
  [key: string]: unknown;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: PlaybookMetadata;
  cells: NotebookCell[];
}

/* ---------- text helpers (pure) ---------- */

const ID_MAX = 64;
const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
const validId = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id);

/** User text in markdown: no raw HTML reaches the rendered notebook. */
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const cellText = (s: string) => text(oneLine(s)).replace(/\|/g, '\\|');
const link = (title: string, url: string) =>
  `[${text(oneLine(title)).replace(/([[\]])/g, '\\$1')}](${url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/**
 * Source text as a Python string literal: a triple-quoted block that keeps the text
 * verbatim (raw when it holds backslashes), else a JSON string, which is valid Python.
 */
function pyBlock(s: string): string {
  const t = s.trim();
  if (t.includes('"""') || /[\x00-\x08\x0b-\x1f\x7f]/.test(t)) return JSON.stringify(t);
  return `${t.includes('\\') ? 'r' : ''}"""\n${t}\n"""`;
}
const pyStr = (s: string) => JSON.stringify(s);
const normaliseSql = (sql: string) => sql.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();

function refLines(r: Reference[]): string {
  return r.map((x) => `- ${link(x.title, x.link)} — *${x.kind}*${x.notes ? `: ${text(oneLine(x.notes))}` : ''}`).join('\n');
}

type Payload<K extends RecordableItem> = z.infer<(typeof WORK_ITEM_PAYLOADS)[K]>;

/** A recorded work item's payload, typed; null when absent (or not of the expected shape). */
function workItem<K extends RecordableItem>(s: MissionRecord, phase: string, name: K): Payload<K> | null {
  const data = s.workItems[phase]?.[name]?.data;
  if (!data) return null;
  const parsed = WORK_ITEM_PAYLOADS[name].safeParse(data);
  return parsed.success ? (parsed.data as Payload<K>) : null;
}

function prioritisationOf(s: MissionRecord): PrioritisationResult | null {
  const p = s.workItems['analyze']?.['feasibility']?.data['prioritisation'] as Partial<PrioritisationResult> | undefined;
  return p && typeof p.score === 'number' && typeof p.maxScore === 'number' && (p.proposal === 'qualify' || p.proposal === 'reject')
    ? { score: p.score, maxScore: p.maxScore, proposal: p.proposal }
    : null;
}


/** The embedded SIEM's log lake rebuilt in DuckDB, so every query cell below runs as capeo ran it. */
const SETUP = `# The log lake as capeo's embedded SIEM builds it: one DuckDB view per log file
# (NDJSON, CSV, Parquet), named after the file and restricted to the query's time
# range on its \`ts\` column; \`lake.<name>\` is the same source unrestricted.
# Point CAPEO_LOG_DIR at your copy of the logs (default: samples/logs).
import os
import pathlib
import re

import duckdb

LOG_DIR = pathlib.Path(os.environ.get("CAPEO_LOG_DIR", "samples/logs"))
READERS = {
    ".ndjson": "read_json_auto('{}', format = 'newline_delimited')",
    ".jsonl": "read_json_auto('{}', format = 'newline_delimited')",
    ".csv": "read_csv_auto('{}')",
    ".parquet": "read_parquet('{}')",
}

con = duckdb.connect()
con.execute("SET VARIABLE capeo_from = TIMESTAMPTZ '1970-01-01'")
con.execute("SET VARIABLE capeo_to = TIMESTAMPTZ '9999-12-31'")
con.execute("CREATE SCHEMA IF NOT EXISTS lake")
for path in sorted(LOG_DIR.iterdir()) if LOG_DIR.is_dir() else []:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        continue
    source = re.sub(r"[^a-z0-9_]", "_", path.stem.lower())
    con.execute(f"CREATE OR REPLACE VIEW lake.{source} AS SELECT * FROM " + reader.format(str(path).replace("'", "''")))
    con.execute(
        f"CREATE OR REPLACE VIEW {source} AS SELECT * FROM lake.{source} "
        "WHERE CAST(ts AS TIMESTAMPTZ) >= getvariable('capeo_from') AND CAST(ts AS TIMESTAMPTZ) < getvariable('capeo_to')"
    )


def hunt(sql, start, end):
    """Runs a hunt query over the time range [start, end) and returns a DataFrame."""
    con.execute("SET VARIABLE capeo_from = CAST(? AS TIMESTAMPTZ)", [start])
    con.execute("SET VARIABLE capeo_to = CAST(? AS TIMESTAMPTZ)", [end])
    return con.sql(sql).df()`;

/* ---------- previous iterations ---------- */

function capeoOf(c: { metadata?: unknown }): Partial<CapeoCellMetadata> {
  const m = c.metadata as { capeo?: unknown } | undefined;
  return m && typeof m.capeo === 'object' && m.capeo !== null ? (m.capeo as Partial<CapeoCellMetadata>) : {};
}

/** A previous notebook's cell as this notebook's type: tolerant of nbformat 4.0–4.4 files and hand edits. */
function normaliseCell(raw: unknown, index: number): NotebookCell | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const source = Array.isArray(c['source']) ? c['source'].map(String).join('') : typeof c['source'] === 'string' ? c['source'] : '';
  const metadata = typeof c['metadata'] === 'object' && c['metadata'] !== null && !Array.isArray(c['metadata']) ? (c['metadata'] as CellMetadata) : {};
  const id = validId(c['id']) ? c['id'] : `previous-${index}`;
  const attachments =
    typeof c['attachments'] === 'object' && c['attachments'] !== null ? { attachments: c['attachments'] as Record<string, unknown> } : {};
  switch (c['cell_type']) {
    case 'code':
      return {
        id,
        cell_type: 'code',
        metadata,
        source,
        execution_count: typeof c['execution_count'] === 'number' ? c['execution_count'] : null,
        outputs: Array.isArray(c['outputs']) ? c['outputs'] : [],
      };
    case 'markdown':
      return { id, cell_type: 'markdown', metadata, source, ...attachments };
    case 'raw':
      return { id, cell_type: 'raw', metadata, source, ...attachments };
    default:
      return null;
  }
}

interface Carried {
  cells: NotebookCell[];
  /** Previous query cells not repeated because this iteration re-ran the same SQL. */
  superseded: Array<{ queryId: string; iteration: number | undefined }>;
  iterations: PlaybookIteration[];
}

/**
 * What this iteration keeps of the previous notebook: every cell, except this
 * iteration's own (a rebuild), the old "Previous iterations" heading, and the
 * query cells whose SQL this iteration ran again (the fresh run is above).
 */
function carryOver(s: MissionRecord, previous: Notebook | null, current: NotebookCell[]): Carried {
  if (!previous) return { cells: [], superseded: [], iterations: [] };
  const prefix = `i${s.iteration}-`;
  const rerun = new Set(s.queries.map((q) => normaliseSql(q.query)));
  const currentCode = new Set(current.filter((c) => c.cell_type === 'code').map((c) => c.source));
  const cells = (Array.isArray(previous.cells) ? (previous.cells as unknown[]) : [])
    .map(normaliseCell)
    .filter((c): c is NotebookCell => c !== null)
    .filter((c) => capeoOf(c).iteration !== s.iteration && !c.id.startsWith(prefix) && capeoOf(c).section !== 'previous');
  const dropped = new Set<NotebookCell>();
  const droppedIds = new Set<string>();
  const superseded: Carried['superseded'] = [];
  for (const c of cells) {
    if (c.cell_type !== 'code') continue;
    const meta = capeoOf(c);
    if (typeof meta.sql === 'string' ? rerun.has(normaliseSql(meta.sql)) : currentCode.has(c.source)) {
      dropped.add(c);
      droppedIds.add(c.id);
      if (meta.queryId) superseded.push({ queryId: meta.queryId, iteration: meta.iteration });
    }
  }
  const survivors = cells.filter((c) => !dropped.has(c) && !(capeoOf(c).introduces && droppedIds.has(capeoOf(c).introduces!)));
  // An earlier iteration's "Interrogating the data" heading goes when none of its queries is left.
  const withQueries = new Set(survivors.filter((c) => capeoOf(c).section === 'query').map((c) => capeoOf(c).iteration));
  const kept = survivors.filter((c) => capeoOf(c).section !== 'queries' || withQueries.has(capeoOf(c).iteration));
  const meta = previous.metadata as Partial<PlaybookMetadata> | undefined;
  const iterations = (meta?.capeo?.iterations ?? (meta?.capeo ? [{ iteration: meta.capeo.iteration, missionId: meta.capeo.missionId }] : []))
    .filter((i) => i.iteration !== s.iteration);
  return { cells: kept, superseded, iterations };
}

/* ---------- the notebook ---------- */

export function buildPlaybook(s: MissionRecord, previous: Notebook | null): Notebook {
  const n = s.iteration;
  const cells: NotebookCell[] = [];
  const meta = (section: string, extra: Partial<CapeoCellMetadata> = {}, tags: string[] = []): CellMetadata => ({
    tags: ['capeo', `iteration-${n}`, ...tags],
    capeo: { iteration: n, section, ...extra },
  });
  const id = (key: string) => `i${n}-${slug(key)}`.slice(0, ID_MAX);
  const md = (key: string, source: string, extra?: Partial<CapeoCellMetadata>) =>
    cells.push({ id: id(key), cell_type: 'markdown', metadata: meta(key, extra), source });
  const code = (key: string, source: string, extra?: Partial<CapeoCellMetadata>, tags: string[] = []) =>
    cells.push({ id: id(key), cell_type: 'code', metadata: meta(key, extra, tags), source, execution_count: null, outputs: [] });
  const h2 = (title: string) => `## ${title} — iteration ${n}`;

  // Title and motivation.
  const typeTitle = MISSION_TYPES[s.type].title;
  md(
    'title',
    [
      `# Threat Hunt Playbook — ${text(s.displayName)}, iteration ${n}`,
      `**${text(typeTitle)}** (${s.type}) · triggered by ${s.trigger}${s.previous ? ` · continues ${text(s.previous.missionId)}` : ''}`,
      `**Topic:** ${text(s.topic)}`,
      ...(s.keywords.length ? [`**Keywords:** ${s.keywords.map((k) => `\`${k.replace(/`/g, "'")}\``).join(', ')}`] : []),
      'A research story and its code recipes: run the cells top to bottom to repeat the hunt.',
    ].join('\n\n'),
  );

  if (s.intel) {
    const i = s.intel;
    md(
      'intel',
      [
        h2('Threat intelligence'),
        `From ${text(i.source)}: ${i.indicators} indicators, ${i.reports} reports and ${i.observables} observables relevant to the topic.`,
        i.matched.length ? i.matched.map((o) => `- ${text(o.type)}: ${text(oneLine(o.name))} (\`${o.id.replace(/`/g, "'")}\`)`).join('\n') : 'No intel object matched the topic.',
      ].join('\n\n'),
    );
  }

  const research = workItem(s, 'analyze', 'initial-research');
  md('research', [h2('Initial research'), research ? refLines(research.references) : 'No references recorded.'].join('\n\n'));

  const feasibility = workItem(s, 'analyze', 'feasibility');
  if (feasibility) {
    const p = prioritisationOf(s);
    md(
      'feasibility',
      [
        h2('Feasibility'),
        [
          '| Factor | Assessment (0–5) |',
          '|---|---|',
          `| Data availability | ${feasibility.dataAvailability} |`,
          `| Quality of information | ${feasibility.informationQuality} |`,
          `| Skillsets | ${feasibility.skillsets} |`,
          `| Resource constraints (5 = none) | ${feasibility.resourceConstraints} |`,
          `| Timelines (5 = comfortable) | ${feasibility.timelines} |`,
        ].join('\n'),
        `Crown jewels impacted: ${yesNo(feasibility.crownJewelsImpacted)} · major vulnerabilities: ${yesNo(feasibility.majorVulnerabilities)} · emergent threat: ${yesNo(feasibility.emergentThreat)}`,
        ...(p ? [`Prioritisation model: ${p.score} of ${p.maxScore}, proposal **${p.proposal}**.`] : []),
        ...(feasibility.notes ? [text(feasibility.notes)] : []),
      ].join('\n\n'),
    );
  }

  const owners = workItem(s, 'analyze', 'owners');
  if (owners) {
    md(
      'owners',
      [
        h2('Business and technical owners'),
        owners.owners.map((o) => `- **${text(oneLine(o.name))}** (${o.kind}${o.asset ? `, ${text(oneLine(o.asset))}` : ''}): ${text(oneLine(o.contact))}`).join('\n'),
      ].join('\n\n'),
    );
  }

  const teams = workItem(s, 'analyze', 'team-engagement');
  if (teams) {
    md(
      'team-engagement',
      [
        h2('Engaging other teams'),
        text(teams.statement),
        ...(teams.teams.length
          ? [['| Team | Involvement | Deliverables |', '|---|---|---|', ...teams.teams.map((t) => `| ${cellText(t.team)} | ${t.involvement} | ${cellText(t.deliverables)} |`)].join('\n')]
          : []),
      ].join('\n\n'),
    );
  }

  const objectives = workItem(s, 'plan', 'objectives')?.objectives ?? s.previous?.objectives ?? [];
  md('objectives', [h2('Tactical objectives'), objectives.map((o) => `- ${text(oneLine(o))}`).join('\n') || 'None recorded.'].join('\n\n'));

  const sources = workItem(s, 'execute', 'data-sources');
  if (sources) {
    md(
      'data-sources',
      [
        h2('Data sources'),
        ['| Source | Where | Data model |', '|---|---|---|', ...sources.sources.map((x) => `| ${cellText(x.name)} | ${cellText(x.location)} | ${cellText(x.model)} |`)].join('\n'),
      ].join('\n\n'),
    );
  }
  const discovery = [
    ['stakeholders', 'Relevant stakeholders'],
    ['infrastructure-knowledge', 'Infrastructure knowledge'],
    ['previous-security-data', 'Previous security data'],
  ] as const;
  for (const [item, title] of discovery) {
    const r = workItem(s, 'execute', item);
    if (r) md(item, [h2(title), refLines(r.references)].join('\n\n'));
  }

  // Interrogating the data: every query as it was run.
  if (s.queries.length) {
    md(
      'queries',
      [
        h2('Interrogating the data'),
        'Each query as the squad ran it through the SIEM, with its time range. The setup cell rebuilds the log lake in DuckDB; `hunt(sql, start, end)` runs a query over a time range.',
      ].join('\n\n'),
    );
    code('setup', SETUP, {}, ['setup']);
  }
  for (const q of s.queries) {
    const codeId = `i${n}-query-${slug(q.id)}`.slice(0, ID_MAX - '-title'.length);
    cells.push({ id: `${codeId}-title`, cell_type: 'markdown', metadata: meta('query-title', { queryId: q.id, introduces: codeId }), source: queryTitle(q, n) });
    cells.push({
      id: codeId,
      cell_type: 'code',
      metadata: meta('query', { queryId: q.id, sql: q.query }, ['query']),
      source: [
        `# ${oneLine(q.id)} · ${oneLine(q.title)}`,
        `# time range: ${oneLine(q.from)} → ${oneLine(q.to)}`,
        `hunt(${pyBlock(q.query)}, ${pyStr(q.from)}, ${pyStr(q.to)})`,
      ].join('\n'),
      execution_count: null,
      outputs: [],
    });
  }

  // What the hunt found, as a narrative.
  const live = s.findings.filter((f) => f.status !== 'withdrawn');
  md(
    'findings',
    [
      h2('What the hunt found'),
      live.length
        ? live.map(findingNarrative).join('\n\n')
        : 'Nothing suspicious was found in this iteration: the data the squad interrogated showed no sign of the threat. The queries above are the baseline to run again.',
    ].join('\n\n'),
  );

  const observables = new Map<string, Set<string>>();
  for (const f of live) for (const o of f.observables) (observables.get(o.type) ?? observables.set(o.type, new Set()).get(o.type)!).add(o.value);
  if (observables.size) {
    const lines = [...observables].map(([type, values]) => `    ${pyStr(type)}: [\n${[...values].map((v) => `        ${pyStr(v)},`).join('\n')}\n    ],`);
    code(
      'observables',
      [
        `# Observables from the findings of iteration ${n}: feed them to a blocklist, a watchlist or the TIP.`,
        `observables = {\n${lines.join('\n')}\n}`,
        'domains = observables.get("domain", [])',
        'ips = observables.get("ipv4", []) + observables.get("ipv6", [])',
        'urls = observables.get("url", [])',
        'for kind, values in observables.items():',
        '    print(f"{kind} ({len(values)})", *values, sep="\\n  ")',
      ].join('\n'),
      {},
      ['observables'],
    );
  }

  const feedback = workItem(s, 'outcomes', 'feedback');
  if (feedback) {
    md(
      'lessons',
      [h2('Lessons and improvements'), text(feedback.feedback), ...(feedback.improvements.length ? [feedback.improvements.map((i) => `- ${text(oneLine(i))}`).join('\n')] : [])].join(
        '\n\n',
      ),
    );
  }

  // Previous iterations: the playbook grows.
  const carried = carryOver(s, previous, cells);
  if (carried.cells.length) {
    const earlier = [...new Set(carried.cells.map((c) => capeoOf(c).iteration).filter((i): i is number => typeof i === 'number'))].sort((a, b) => b - a);
    md(
      'previous',
      [
        `## Previous iterations (before iteration ${n})`,
        `The cells below come from ${earlier.length ? `iteration${earlier.length > 1 ? 's' : ''} ${earlier.join(', ')}` : 'earlier iterations'} of this mission, newest first.`,
        ...(carried.superseded.length
          ? [`Queries run again in iteration ${n} appear above and are not repeated: ${carried.superseded.map((x) => `${x.queryId}${x.iteration ? ` (iteration ${x.iteration})` : ''}`).join(', ')}.`]
          : []),
      ].join('\n\n'),
    );
  }

  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: {
        name: 'python',
        file_extension: '.py',
        mimetype: 'text/x-python',
        pygments_lexer: 'ipython3',
        codemirror_mode: { name: 'ipython', version: 3 },
        nbconvert_exporter: 'python',
      },
      capeo: {
        missionId: s.missionId,
        code: s.code,
        codeName: s.codeName,
        displayName: s.displayName,
        type: s.type,
        iteration: n,
        topic: s.topic,
        snapshotAt: s.clocks.total.stoppedAt ?? s.timeline.at(-1)?.at ?? null,
        iterations: [{ iteration: n, missionId: s.missionId }, ...carried.iterations],
      },
    },
    cells: uniqueIds([...cells, ...carried.cells]),
  };
}

function queryTitle(q: QueryRun, n: number): string {
  return [
    `### ${text(oneLine(q.title))} (${text(q.id)}, iteration ${n})`,
    `Time range ${text(q.from)} → ${text(q.to)}; run by ${text(q.by)}. It returned ${q.rowCount} row${q.rowCount === 1 ? '' : 's'}${
      q.columns.length ? ` with columns ${q.columns.map((c) => `\`${c.replace(/`/g, "'")}\``).join(', ')}` : ''
    }${q.truncated ? ' (sample truncated)' : ''}.`,
    ...(q.sigma === undefined ? [] : ['The hunter posted it as this Sigma rule; the code cell below holds the query capeo converted it to.', fenced('yaml', q.sigma)]),
  ].join('\n\n');
}

/** A fenced code block whose fence is longer than any run of backticks inside. */
function fenced(lang: string, body: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}${lang}\n${body}\n${fence}`;
}

function findingNarrative(f: Finding): string {
  const what = `**${text(f.id)} · ${text(oneLine(f.title))}**: a ${FINDING_CATEGORY_LABELS[f.category].toLowerCase()}, severity ${f.severity}${
    f.status === 'escalated' ? ', escalated to incident response' : ''
  }${f.tip ? ', shared with the threat intelligence platform' : ''}.`;
  return [
    what,
    ...(f.description ? [text(f.description)] : []),
    ...(f.evidence.length ? [`Evidence:\n\n${f.evidence.map((e) => `- ${e.kind}: ${text(oneLine(e.summary))}`).join('\n')}`] : []),
    ...(f.observables.length ? [`Observables: ${f.observables.map((o) => `${o.type} \`${o.value.replace(/`/g, "'")}\``).join(', ')}`] : []),
  ].join('\n\n');
}

/** Ids unique across the whole notebook, deterministically: a clash gets a numbered suffix. */
function uniqueIds(cells: NotebookCell[]): NotebookCell[] {
  const seen = new Set<string>();
  return cells.map((c) => {
    let cid = c.id;
    for (let k = 2; seen.has(cid); k++) cid = `${c.id.slice(0, ID_MAX - String(k).length - 1)}-${k}`;
    seen.add(cid);
    return cid === c.id ? c : { ...c, id: cid };
  });
}

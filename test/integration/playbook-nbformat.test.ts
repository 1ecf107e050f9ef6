import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MissionRecord, QueryRun } from '../../domain/mission';
import { buildPlaybook, type Notebook } from '../../domain/playbook';
import { releasedMission } from '../support/outcomes-fixture';

const ROOT = join(__dirname, '..', '..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools', 'venv', 'bin', 'python');
const VALIDATOR = join(ROOT, 'test', 'python', 'validate_notebook.py');
let dir: string;

beforeAll(() => {
  if (!existsSync(PYTHON)) throw new Error(`no Python at ${PYTHON}: run bash scripts/ensure-python-test-deps.sh (or set CAPEO_PYTHON)`);
  dir = mkdtempSync(join(tmpdir(), 'capeo-nb-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Python's nbformat, the reference implementation, judges the file as written to disk. */
function validate(name: string, content: unknown, ...flags: string[]) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content, null, 1) + '\n');
  const res = spawnSync(PYTHON, [VALIDATOR, path, ...flags], { encoding: 'utf8' });
  if (res.error) throw res.error;
  return res;
}

const q = (base: QueryRun, id: string, title: string, query: string): QueryRun => ({ ...base, id, title, query });

/** The fixture with what stresses a notebook: odd ids, quotes and backslashes in SQL, markup in text, every work item. */
function richMission(overrides: Partial<MissionRecord> = {}): MissionRecord {
  const base = releasedMission();
  const run = base.queries[0]!;
  return {
    ...base,
    intel: { source: 'local-stix', indicators: 3, reports: 1, observables: 4, matched: [{ id: 'report--9', type: 'report', name: 'Phishing <kit> & co' }] },
    workItems: {
      ...base.workItems,
      analyze: {
        ...base.workItems['analyze'],
        feasibility: {
          by: 'lucas', at: run.at,
          data: {
            dataAvailability: 4, informationQuality: 3, skillsets: 5, resourceConstraints: 4, timelines: 3, crownJewelsImpacted: true,
            majorVulnerabilities: false, emergentThreat: true, prioritisation: { score: 9.8, maxScore: 13.5, proposal: 'qualify' },
          },
        },
        owners: { by: 'hana', at: run.at, data: { owners: [{ name: 'Marta | Brand', contact: 'marta@example.com', kind: 'business' }] } },
        'team-engagement': { by: 'lucas', at: run.at, data: { statement: 'None needed.', teams: [] } },
      },
    },
    queries: [
      run,
      q(run, 'Q2 with spaces/and slashes', 'Regex with backslashes', "select url from proxy where regexp_matches(url, 'login\\.(php|aspx)$')"),
      q(run, 'Q3', 'Triple quotes', 'select 1 as """odd"""'),
      q(run, 'Q4', 'Control character', 'select 1\r\n-- carriage return'),
      q(run, `Q${'9'.repeat(80)}`, 'A very long id', 'select 2'),
    ],
    findings: base.findings.map((f) => ({ ...f, observables: [...f.observables, { type: 'ipv4', value: '203.0.113.66' }, { type: 'url', value: 'https://examp1e-login.com/"login"' }] })),
    ...overrides,
  };
}

test('the playbook of a first, second and third iteration is valid nbformat 4 and its code cells are valid Python', () => {
  const first = buildPlaybook(richMission(), null);
  const ok = validate('first.ipynb', first, '--check-python');
  expect(ok.stderr).toBe('');
  expect(ok.stdout).toMatch(/^valid nbformat 4\.5 with \d+ cells/);
  expect(ok.status).toBe(0);

  const second = buildPlaybook(richMission({ missionId: 'mission-EAVD01-2', iteration: 2, queries: richMission().queries.slice(0, 2) }), first);
  const res2 = validate('second.ipynb', second, '--check-python');
  expect(res2.stderr).toBe('');
  expect(res2.status).toBe(0);

  const third = buildPlaybook(richMission({ missionId: 'mission-EAVD01-3', iteration: 3, queries: [], findings: [] }), second);
  const res3 = validate('third.ipynb', third, '--check-python');
  expect(res3.stderr).toBe('');
  expect(res3.status).toBe(0);
  expect(third.cells.length).toBeGreaterThan(first.cells.length);
});

test('a previous notebook of another origin (nbformat 4.4, no ids, list sources, outputs) yields a valid playbook', () => {
  const foreign = {
    nbformat: 4, nbformat_minor: 4, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Notes\n', 'by hand'] },
      { cell_type: 'code', metadata: { collapsed: false }, source: ['print(1)'], execution_count: 1, outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }] },
    ],
  } as unknown as Notebook;
  expect(validate('foreign.ipynb', foreign).status).toBe(0);
  const res = validate('from-foreign.ipynb', buildPlaybook(richMission({ iteration: 2 }), foreign), '--check-python');
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
});

test('the validator rejects broken notebooks (the check can fail)', () => {
  const nb = buildPlaybook(richMission(), null);
  const noId = validate('no-id.ipynb', { ...nb, cells: [{ cell_type: 'code', source: 'x' }] });
  expect(noId.status).toBe(1);
  expect(noId.stderr).toMatch(/^invalid notebook: /);

  const badId = validate('bad-id.ipynb', { ...nb, cells: nb.cells.map((c, i) => (i === 0 ? { ...c, id: 'not a valid id!' } : c)) });
  expect(badId.status).toBe(1);
  expect(badId.stderr).toMatch(/invalid notebook/);

  const markdownWithOutputs = validate('md-outputs.ipynb', { ...nb, cells: [{ ...nb.cells[0]!, outputs: [] }] });
  expect(markdownWithOutputs.status).toBe(1);

  const notPython = { ...nb, cells: [{ id: 'bad-code', cell_type: 'code', metadata: {}, source: 'hunt("""unterminated', execution_count: null, outputs: [] }] };
  expect(validate('not-python.ipynb', notPython).status).toBe(0);
  const checked = validate('not-python-checked.ipynb', notPython, '--check-python');
  expect(checked.status).toBe(1);
  expect(checked.stderr).toMatch(/code cell bad-code is not valid Python/);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlaybook } from '../../domain/playbook';
import { releasedMission } from '../support/outcomes-fixture';

const ROOT = join(__dirname, '..', '..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools', 'venv', 'bin', 'python');
const dir = mkdtempSync(join(tmpdir(), 'capeo-nb-'));

/** Python's nbformat, the reference implementation, judges the file. */
function validate(name: string, content: unknown) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return spawnSync(PYTHON, [join(ROOT, 'test', 'python', 'validate_notebook.py'), path], { encoding: 'utf8' });
}

test('the generated playbook, first and second iteration, validates with nbformat', () => {
  const first = buildPlaybook(releasedMission(), null);
  const ok = validate('first.ipynb', first);
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  const second = validate('second.ipynb', buildPlaybook({ ...releasedMission(), iteration: 2 }, first));
  expect(second.status).toBe(0);
});

test('nbformat rejects a broken notebook (the check can fail)', () => {
  const broken = { ...buildPlaybook(releasedMission(), null), nbformat: 4, cells: [{ cell_type: 'code', source: 'x' }] };
  const res = validate('broken.ipynb', broken);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/invalid notebook/);
});

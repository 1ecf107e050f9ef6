import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The files test/sequencer.mjs starts first are still there: a renamed one would silently start last again. */
test('every file the sequencer starts first exists', () => {
  const text = readFileSync(join(ROOT, 'test', 'sequencer.mjs'), 'utf8');
  const listed = [...text.slice(text.indexOf('LONG_FIRST')).matchAll(/'(test\/[^']+\.test\.ts)'/g)].map((m) => m[1]!);
  expect(listed.length).toBeGreaterThanOrEqual(5);
  expect(listed.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  expect(new Set(listed).size).toBe(listed.length);
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Probe {
  name: string;
  /** An existing file: the text is linted as if it were that file's content. */
  file: string;
  code: string;
}

const probes: Probe[] = [
  { name: 'node built-in', file: 'workflows/mission/handlers.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  { name: 'pino', file: 'workflows/mission/handlers.ts', code: "import pino from 'pino';\nexport const x = pino;\n" },
  { name: 'config', file: 'workflows/mission/handlers.ts', code: "import { loadConfig } from '../../config';\nexport const x = loadConfig;\n" },
  { name: 'mission store', file: 'workflows/mission/handlers.ts', code: "import { applyBatch } from '../../store/mission-writes';\nexport const x = applyBatch;\n" },
  { name: 'launcher', file: 'workflows/mission/handlers.ts', code: "import { startMission } from '../../launch/start-mission';\nexport const x = startMission;\n" },
  {
    name: 'runtime activity',
    file: 'workflows/mission/handlers.ts',
    code: "import { createTipActivities } from '../../activities/tip/tip-activities';\nexport const x = createTipActivities;\n",
  },
  {
    name: 'type-only activity and domain',
    file: 'workflows/mission/handlers.ts',
    code:
      "import type { createTipActivities } from '../../activities/tip/tip-activities';\n" +
      "import { PHASES } from '../../domain/phases';\n" +
      'export type T = ReturnType<typeof createTipActivities>;\nexport const p = PHASES;\n',
  },
  { name: 'floating promise', file: 'worker/logger.ts', code: 'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n' },
  { name: 'cli imports api schemas', file: 'cli/api-types.ts', code: "import type { getMission } from '../api/routes/missions/schemas';\nexport type M = typeof getMission;\n" },
  { name: 'cli uses generated types', file: 'cli/api-types.ts', code: "import type { paths } from './generated/capeo-api';\nexport type P = keyof paths;\n" },
  { name: 'api imports workflows', file: 'api/app.ts', code: "import { missionWorkflow } from '../workflows';\nexport const w = missionWorkflow;\n" },
  { name: 'api imports activities', file: 'api/app.ts', code: "import { createTipActivities } from '../activities/tip/tip-activities';\nexport const w = createTipActivities;\n" },
  { name: 'api imports the lookalike matcher', file: 'api/app.ts', code: "import { matchName } from '../activities/eavd/match';\nexport const w = matchName;\n" },
];

/**
 * Lints every probe with the project's own ESLint config, in one child process:
 * ESLint loads its flat config by dynamic import, which jest's VM cannot do.
 */
function lintAll(): Record<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    let src = ''; process.stdin.on('data', (d) => (src += d)).on('end', async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const p of JSON.parse(src)) {
        const [r] = await eslint.lintText(p.code, { filePath: require('path').join(process.cwd(), p.file) });
        out[p.name] = r.messages.map((m) => m.ruleId ?? m.message);
      }
      process.stdout.write(JSON.stringify(out));
    });`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(probes), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, string[]>;
}

let results: Record<string, string[]>;
beforeAll(() => {
  results = lintAll();
});

test.each(['node built-in', 'pino', 'config', 'runtime activity', 'mission store', 'launcher'])('workflow code may not import a %s', (name) => {
  expect(results[name]).toContain('no-restricted-imports');
});

test('workflow code may import activities as types, and domain code', () => {
  expect(results['type-only activity and domain']).toEqual([]);
});

test('floating promises are errors', () => {
  expect(results['floating promise']).toContain('@typescript-eslint/no-floating-promises');
});

test('the API may not import workflows or activities, except the pure lookalike matcher', () => {
  expect(results['api imports workflows']).toContain('no-restricted-imports');
  expect(results['api imports activities']).toContain('no-restricted-imports');
  expect(results['api imports the lookalike matcher']).toEqual([]);
});

test('the CLI may not import the API\'s code: its types are the generated client\'s', () => {
  expect(results['cli imports api schemas']).toContain('no-restricted-imports');
  expect(results['cli uses generated types']).toEqual([]);
});

import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'data/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The workflow boundary: deterministic code only, in Temporal's sandbox.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'pino', '@temporalio/activity', '@temporalio/worker', '@temporalio/client'].map((name) => ({
            name,
            message: 'Workflow and domain code must stay deterministic and free of Node APIs and I/O.',
          })),
          patterns: [
            { group: ['**/config', '**/config/**'], message: 'Workflows and domain do not read configuration.' },
            { group: ['**/activities', '**/activities/**', '**/api', '**/api/**', '**/worker', '**/worker/**'], allowTypeImports: true, message: 'Import activities as types only.' },
            { regex: '^(\\.\\./)+(store|launch)(/|$)', message: 'Workflows reach the mission store through activities only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflow or domain code.' }],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The lookalike matcher is a pure library (no I/O) the reverse check runs in the API process.
              regex: '(^|/)(workflows|activities)(/(?!eavd/match(/|$)).*)?$',
              message: 'The API talks to Temporal through services/missions.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI is a client of the API like any other: its calls and types come from the client generated from docs/openapi.json.
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api', '**/api/**'], message: 'The CLI uses the client generated from the OpenAPI document (cli/generated), not the API\'s code.' }] },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
);

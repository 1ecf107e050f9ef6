import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, ConfigError, loadConfig } from '../../config';
import { integrationsSchema } from '../../config/integrations';

const ROOT = join(__dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const configSection = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
const integrationsDir = join(ROOT, 'docs', 'integrations');
const integrationPages = readdirSync(integrationsDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => readFileSync(join(integrationsDir, f), 'utf8'));
const tableKeys = (text: string) => [...text.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
const integrationKeys = new Set(Object.keys(integrationsSchema.shape));

test("README's configuration table lists exactly the core settings config/ parses", () => {
  expect(tableKeys(configSection).sort()).toEqual(Object.keys(configSchema.shape).filter((k) => !integrationKeys.has(k)).sort());
});

test('the integration pages under docs/integrations/ document every integration setting', () => {
  const documented = new Set(integrationPages.flatMap(tableKeys));
  expect([...integrationKeys].filter((k) => !documented.has(k))).toEqual([]);
  expect([...documented].filter((k) => !integrationKeys.has(k))).toEqual([]);
});

test('the tables state each default that config/ applies', () => {
  const docs = [readme, ...integrationPages].join('\n');
  const defaults = loadConfig({});
  for (const [key, value] of Object.entries(defaults)) {
    if (value === undefined) continue;
    expect(docs).toMatch(new RegExp(`\\| \`${key}\` \\| \`${String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\|`));
  }
});
test('bad settings are refused with the variable named; unrelated environment is ignored', () => {
  expect(() => loadConfig({ CAPEO_API_PORT: '99999' })).toThrow(ConfigError);
  expect(() => loadConfig({ CAPEO_API_PORT: '99999' })).toThrow(/CAPEO_API_PORT/);
  expect(() => loadConfig({ TEMPORAL_TLS: 'maybe' })).toThrow(/TEMPORAL_TLS/);
  expect(loadConfig({ PATH: '/bin', CAPEO_API_PORT: '' }).CAPEO_API_PORT).toBe(8080);
  expect(loadConfig({ TEMPORAL_TLS: 'false' }).TEMPORAL_TLS).toBe(false);
});

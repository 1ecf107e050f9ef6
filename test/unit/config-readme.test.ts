import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, ConfigError, loadConfig } from '../../config';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test("README's configuration table lists exactly the settings config/ parses", () => {
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
  const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
  expect(documented).toEqual(Object.keys(configSchema.shape).sort());
});

test("README's table states each default that config/ applies", () => {
  const defaults = loadConfig({});
  for (const [key, value] of Object.entries(defaults)) {
    if (value === undefined) continue;
    expect(readme).toMatch(new RegExp(`\\| \`${key}\` \\| \`${String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\|`));
  }
});

test('bad settings are refused with the variable named; unrelated environment is ignored', () => {
  expect(() => loadConfig({ CAPEO_API_PORT: '99999' })).toThrow(ConfigError);
  expect(() => loadConfig({ CAPEO_API_PORT: '99999' })).toThrow(/CAPEO_API_PORT/);
  expect(() => loadConfig({ TEMPORAL_TLS: 'maybe' })).toThrow(/TEMPORAL_TLS/);
  expect(loadConfig({ PATH: '/bin', CAPEO_API_PORT: '' }).CAPEO_API_PORT).toBe(8080);
  expect(loadConfig({ TEMPORAL_TLS: 'false' }).TEMPORAL_TLS).toBe(false);
});

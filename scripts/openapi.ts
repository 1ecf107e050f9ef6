/**
 * The API's OpenAPI document, generated from the routes: `npx tsx scripts/openapi.ts` writes
 * docs/openapi.json; `--check` fails (exit 1) when the committed file is not what the routes give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../api/document';

const FILE = join(__dirname, '..', 'docs', 'openapi.json');

async function main(): Promise<number> {
  const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const committed = readFileSync(FILE, 'utf8');
    if (committed === text) return 0;
    process.stderr.write('docs/openapi.json is not what the routes document: run `npx tsx scripts/openapi.ts` and review the change (and the changelog in docs/api-changelog.md)\n');
    return 1;
  }
  writeFileSync(FILE, text);
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});

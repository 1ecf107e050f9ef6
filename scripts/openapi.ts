/**
 * The API's OpenAPI document, generated from the routes, and the CLI's client types, generated from
 * the document: `npx tsx scripts/openapi.ts` writes docs/openapi.json and cli/generated/capeo-api.ts;
 * `--check` fails (exit 1) when a committed file is not what the routes give.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLIENT_TYPES_FILE, clientTypes, openApiDocument } from '../api/document';

const ROOT = join(__dirname, '..');

async function main(): Promise<number> {
  const document = await openApiDocument();
  const files = [
    { path: 'docs/openapi.json', text: `${JSON.stringify(document, null, 2)}\n` },
    { path: CLIENT_TYPES_FILE, text: await clientTypes(document) },
  ];
  if (process.argv.includes('--check')) {
    const stale = files.filter((f) => readFileSync(join(ROOT, f.path), 'utf8') !== f.text).map((f) => f.path);
    if (!stale.length) return 0;
    process.stderr.write(`${stale.join(' and ')}: not what the routes document. Run \`npx tsx scripts/openapi.ts\` and review the change (and the changelog in docs/api.md)\n`);
    return 1;
  }
  for (const f of files) {
    mkdirSync(dirname(join(ROOT, f.path)), { recursive: true });
    writeFileSync(join(ROOT, f.path), f.text);
  }
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});

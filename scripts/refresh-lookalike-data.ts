/**
 * Refreshes the reference lists the lookalike engine ships (activities/eavd/permutations/lists/) from
 * their official sources, and records what it fetched in lists/sources.json:
 *
 *   tlds-alpha-by-domain.txt  IANA root zone TLDs        https://data.iana.org/TLD/tlds-alpha-by-domain.txt
 *   public_suffix_list.dat    Public Suffix List          https://publicsuffix.org/list/public_suffix_list.dat
 *   confusables-latin.txt     Unicode TR39 confusables.txt, the Cyrillic and Greek lines whose prototype is
 *                             one Latin letter or digit   https://www.unicode.org/Public/security/latest/confusables.txt
 *   dynamic-dns.txt           MISP warning list of dynamic-DNS suffixes
 *                             https://raw.githubusercontent.com/MISP/misp-warninglists/main/lists/dynamic-dns/list.json
 *
 * The homophone, misspelling and combosquatting lists are not fetched: the first two are the ones
 * ail-typo-squatting 2.7.6 ships (Wikipedia's lists, as ail cleaned them) and the last is capeo's own.
 *
 *   npx tsx scripts/refresh-lookalike-data.ts               fetch from the URLs above (needs internet)
 *   npx tsx scripts/refresh-lookalike-data.ts --from DIR    read DIR/<the URL's file name> instead
 *                                                           (tlds-alpha-by-domain.txt, public_suffix_list.dat,
 *                                                           confusables.txt, list.json)
 * Then run the permutation tests: the unit test checks the lists parse and hold what the engine needs.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { domainToASCII } from 'node:url';

const LISTS = resolve(__dirname, '../activities/eavd/permutations/lists');

const SOURCES = {
  iana: 'https://data.iana.org/TLD/tlds-alpha-by-domain.txt',
  psl: 'https://publicsuffix.org/list/public_suffix_list.dat',
  confusables: 'https://www.unicode.org/Public/security/latest/confusables.txt',
  dynamicDns: 'https://raw.githubusercontent.com/MISP/misp-warninglists/main/lists/dynamic-dns/list.json',
} as const;

export interface SourceRecord {
  file: string;
  source: string;
  version: string;
  retrieved: string;
  license: string;
}

async function load(url: string, fromDir: string | undefined): Promise<string> {
  if (fromDir !== undefined) return readFileSync(join(fromDir, basename(new URL(url).pathname)), 'utf8');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

function write(file: string, text: string): void {
  const path = join(LISTS, file);
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const CONFUSABLE_SCRIPTS = /^[\p{Script=Cyrillic}\p{Script=Greek}]$/u;
const LATIN_PROTOTYPE = /^[a-z0-9]$/;

/**
 * The lines of confusables.txt (kept verbatim, header included) mapping one Cyrillic or Greek code point
 * to one Latin letter or digit, when that code point survives IDNA unchanged (lower case, NFKC-stable,
 * accepted by UTS #46): those are the characters a mixed-script lookalike of a Latin name can use.
 */
export function deriveConfusables(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines.filter((line, i) => line.startsWith('#') && lines.slice(0, i).every((l) => l.startsWith('#')));
  const kept: string[] = [];
  for (const line of lines) {
    const m = /^([0-9A-F]{4,6})\s*;\s*([0-9A-F]{4,6}(?: [0-9A-F]{4,6})*)\s*;/.exec(line);
    if (!m) continue;
    const source = String.fromCodePoint(parseInt(m[1]!, 16));
    const target = m[2]!.split(' ').map((cp) => String.fromCodePoint(parseInt(cp, 16))).join('');
    if (!CONFUSABLE_SCRIPTS.test(source) || !LATIN_PROTOTYPE.test(target)) continue;
    if (source.normalize('NFKC').toLowerCase() !== source) continue;
    if (domainToASCII(`a${source}.com`) === '') continue;
    kept.push(line);
  }
  return [
    ...header,
    '#',
    '# capeo: the lines above are confusables.txt\'s own header. Below, only its lines whose source is one',
    '# Cyrillic or Greek code point that IDNA keeps unchanged and whose prototype is one Latin letter or digit',
    '# (selected by scripts/refresh-lookalike-data.ts).',
    ...kept,
    '',
  ].join('\n');
}

/** The MISP dynamic-DNS warning list as one suffix a line, without its leading dot. */
export function deriveDynamicDns(json: string): { text: string; version: string } {
  const list = JSON.parse(json) as { list: string[]; version?: number | string; name?: string };
  const suffixes = [...new Set(list.list.map((s) => s.trim().toLowerCase().replace(/^\.+/, '')).filter(Boolean))].sort();
  return {
    text: [`# ${list.name ?? 'dynamic DNS'} (MISP warning list, version ${list.version ?? '?'}), one suffix a line`, ...suffixes, ''].join('\n'),
    version: String(list.version ?? ''),
  };
}

async function main(): Promise<void> {
  const fromAt = process.argv.indexOf('--from');
  const fromDir = fromAt >= 0 ? process.argv[fromAt + 1] : undefined;
  const retrieved = new Date().toISOString().slice(0, 10);
  const records: SourceRecord[] = JSON.parse(readFileSync(join(LISTS, 'sources.json'), 'utf8')) as SourceRecord[];
  const record = (file: string, source: string, version: string, license: string) => {
    const at = records.findIndex((r) => r.file === file);
    const entry = { file, source, version, retrieved: fromDir ? `${retrieved} (from local copy)` : retrieved, license };
    if (at >= 0) records[at] = entry;
    else records.push(entry);
    console.log(`${file}: ${version}`);
  };

  const iana = await load(SOURCES.iana, fromDir);
  write('tlds-alpha-by-domain.txt', iana);
  record('tlds-alpha-by-domain.txt', SOURCES.iana, /^# Version (\d+)/m.exec(iana)?.[1] ?? 'unknown', 'IANA (public data)');

  const psl = await load(SOURCES.psl, fromDir);
  if (!psl.includes('===BEGIN PRIVATE DOMAINS===')) throw new Error('public suffix list without its PRIVATE section');
  write('public_suffix_list.dat', psl);
  record('public_suffix_list.dat', SOURCES.psl, /^\/\/ VERSION: (\S+)/m.exec(psl)?.[1] ?? 'unknown', 'MPL-2.0');

  const confusables = await load(SOURCES.confusables, fromDir);
  write('confusables-latin.txt', deriveConfusables(confusables));
  const version = /^# Version: (\S+)/m.exec(confusables)?.[1] ?? 'unknown';
  const date = /^# Date: ([^,\n]+)/m.exec(confusables)?.[1] ?? '';
  record('confusables-latin.txt', SOURCES.confusables, `${version} (${date})`, 'Unicode License (https://www.unicode.org/terms_of_use.html)');

  const ddns = deriveDynamicDns(await load(SOURCES.dynamicDns, fromDir));
  write('dynamic-dns.txt', ddns.text);
  record('dynamic-dns.txt', SOURCES.dynamicDns, `MISP warning list version ${ddns.version}`, 'see the MISP warninglists repository');

  write('sources.json', `${JSON.stringify(records, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

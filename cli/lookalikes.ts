import { readFileSync } from 'node:fs';
import { FUZZERS, TLD_FAMILIES, generatePermutations, type Permutation, type TldFamily } from '../activities/eavd/permutations';
import { CliError, EXIT } from './api-client';
import { parse } from './args';
import type { Io } from './io';
import { help } from './help';
import { table } from './render';

export const FORMATS = ['json', 'csv', 'text'] as const;
export type Format = (typeof FORMATS)[number];

export interface LookalikeArgs {
  domain: string;
  fuzzers?: string;
  dictionary?: string;
  tld?: string;
  keywords?: string;
  /** TLD family of tld-swap, add-tld and dot-to-hyphen: none, common (default) or all. */
  tldFamily?: string;
  allTlds?: boolean;
  publicSuffixes?: boolean;
  dynamicDns?: boolean;
  allHomoglyphs?: boolean;
  /** false: combosquatting with the --keywords only, not the built-in dictionary. */
  comboDictionary?: boolean;
  format?: string;
}

/** Words of a dnstwist-style list file: one per line, `#` comments and blank lines skipped. */
function words(file: string, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`--${what}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, EXIT.usage);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const list = (v: string | undefined) => v?.split(',').map((s) => s.trim()).filter(Boolean);

export function lookalikes(a: LookalikeArgs): Permutation[] {
  const fuzzers = list(a.fuzzers);
  const unknown = fuzzers?.filter((f) => !(FUZZERS as readonly string[]).includes(f)) ?? [];
  if (unknown.length) throw new CliError(`--fuzzers: unknown ${unknown.join(', ')}; valid: ${FUZZERS.join(', ')}`, EXIT.usage);
  if (a.tldFamily !== undefined && !(TLD_FAMILIES as readonly string[]).includes(a.tldFamily)) {
    throw new CliError(`--tld-family: one of ${TLD_FAMILIES.join(', ')}`, EXIT.usage);
  }
  if (a.allTlds && a.tldFamily !== undefined && a.tldFamily !== 'all') throw new CliError('--all-tlds and --tld-family disagree', EXIT.usage);
  const tldFamily = a.allTlds ? 'all' : (a.tldFamily as TldFamily | undefined);
  try {
    return generatePermutations(a.domain, {
      ...(fuzzers && { fuzzers }),
      ...(tldFamily && { tldFamily }),
      ...(a.publicSuffixes && { publicSuffixes: true }),
      ...(a.dynamicDns && { dynamicDns: true }),
      ...(a.allHomoglyphs && { allHomoglyphs: true }),
      ...(a.comboDictionary === false && { combosquattingDictionary: false }),
      ...(a.dictionary && { dictionary: words(a.dictionary, 'dictionary') }),
      ...(a.tld && { tlds: words(a.tld, 'tld') }),
      ...(a.keywords && { keywords: list(a.keywords) }),
    });
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${a.domain}: ${(err as Error).message}`, EXIT.usage);
  }
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function renderLookalikes(found: Permutation[], format: string = 'text'): string {
  switch (format) {
    case 'json':
      return JSON.stringify(found.map((p) => ({ fuzzer: p.fuzzer, domain: p.domain, algorithms: p.algorithms })), null, 2);
    case 'csv':
      return ['fuzzer,domain,algorithms', ...found.map((p) => `${csvCell(p.fuzzer)},${csvCell(p.domain)},${csvCell(p.algorithms.join(' '))}`)].join('\n');
    case 'text':
      return table(['FUZZER', 'DOMAIN', 'ALGORITHMS'], found.map((p) => [p.fuzzer, p.domain, p.algorithms.join(',')]));
    default:
      throw new CliError(`--format: one of ${FORMATS.join(', ')}`, EXIT.usage);
  }
}

/** `capeo lookalikes <domain>`: local, no API. `--json` is `--format json`. */
export async function lookalikesCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      fuzzers: { type: 'string' },
      dictionary: { type: 'string' },
      tld: { type: 'string' },
      keywords: { type: 'string' },
      'tld-family': { type: 'string' },
      format: { type: 'string' },
    },
    { min: 1, max: 1, names: 'a domain, such as example.com' },
    {
      json: { type: 'boolean' },
      'all-tlds': { type: 'boolean' },
      'public-suffixes': { type: 'boolean' },
      'dynamic-dns': { type: 'boolean' },
      'all-homoglyphs': { type: 'boolean' },
      'no-combo-dictionary': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  );
  if (values.help) return help(io, 'lookalikes');
  if (values.json && values.format !== undefined && values.format !== 'json') throw new CliError('--json and --format disagree', EXIT.usage);
  const format = (values.json ? 'json' : (values.format as string | undefined)) ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format: one of ${FORMATS.join(', ')}`, EXIT.usage);
  const found = lookalikes({
    domain: positionals[0]!,
    ...(values.fuzzers !== undefined && { fuzzers: values.fuzzers as string }),
    ...(values.dictionary !== undefined && { dictionary: values.dictionary as string }),
    ...(values.tld !== undefined && { tld: values.tld as string }),
    ...(values.keywords !== undefined && { keywords: values.keywords as string }),
    ...(values['tld-family'] !== undefined && { tldFamily: values['tld-family'] as string }),
    ...(values['all-tlds'] === true && { allTlds: true }),
    ...(values['public-suffixes'] === true && { publicSuffixes: true }),
    ...(values['dynamic-dns'] === true && { dynamicDns: true }),
    ...(values['all-homoglyphs'] === true && { allHomoglyphs: true }),
    ...(values['no-combo-dictionary'] === true && { comboDictionary: false }),
  });
  io.out(renderLookalikes(found, format));
  return 0;
}

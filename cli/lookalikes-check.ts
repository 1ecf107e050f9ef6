import { buildBrandIndex, matchNameAll, normalizeName } from '../activities/eavd/match';
import { answer, CliError, EXIT } from './api-client';
import type { LookalikeCheck, LookalikeMatch } from './api-types';
import { globals, parse } from './args';
import { help } from './help';
import { apiFor, type Io } from './io';

const list = (v: string | undefined) => v?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

/** The answer computed here, without the API: the same matcher, the given brand only. */
export function checkLocally(domain: string, brand: { domains: string[]; keywords: string[] }): LookalikeCheck {
  const name = normalizeName(domain);
  if (name === null || domain.trim().startsWith('*.')) throw new CliError(`${JSON.stringify(domain)} is not a host name such as login-example.com`, EXIT.usage);
  for (const d of brand.domains) if (normalizeName(d) === null) throw new CliError(`--brand: ${JSON.stringify(d)} is not a domain name such as example.com`, EXIT.usage);
  const matches = matchNameAll(buildBrandIndex([{ id: brand.domains[0]!, ...brand }]), name);
  return { domain: name, unicode: matches[0]?.unicode ?? name, brandsFrom: 'request', brandsChecked: 1, match: matches[0] ?? null, matches };
}

function renderMatch(m: LookalikeMatch): string[] {
  const how = m.kind === 'candidate' ? `a permutation (${m.algorithm})` : m.algorithm;
  const lines = [
    `${m.unicode === m.name ? m.name : `${m.unicode} (${m.name})`} imitates ${m.brandDomain}${m.brandId !== m.brandDomain ? ` (brand ${m.brandId})` : ''}: ${how}${m.distance !== null ? `, distance ${m.distance}` : ''}`,
    `  score ${m.score} (${m.level})`,
    ...m.reasons.map((r) => `  +${r.points}  ${r.reason}`),
  ];
  if (m.missionIds?.length) lines.push(`  missions: ${m.missionIds.join(', ')}`);
  return lines;
}

export function renderCheck(c: LookalikeCheck): string {
  if (c.matches.length === 0) return `${c.domain}: imitates none of the ${c.brandsChecked} brand${c.brandsChecked === 1 ? '' : 's'} checked (${c.brandsFrom === 'request' ? 'given' : "the active missions'"})`;
  return c.matches.flatMap(renderMatch).join('\n');
}

/**
 * `capeo lookalikes check <domain>`: asks the API (POST /lookalikes/check), against the active missions'
 * brands, or the brand given with --brand; `--local` computes the same answer here (it needs --brand,
 * no API nor key). Exit 0 whether it matches or not; --json prints the API's answer.
 */
export async function lookalikesCheck(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { brand: { type: 'string' }, keywords: { type: 'string' }, local: { type: 'boolean' } },
    { min: 1, max: 1, names: 'a domain, such as paypa1.com' },
  );
  const g = globals(values, io.env);
  if (g.help) return help(io, 'lookalikes check');
  const domains = list(values.brand as string | undefined);
  const keywords = list(values.keywords as string | undefined) ?? [];
  if (values.brand !== undefined && !domains?.length) throw new CliError('--brand: one or more domains, comma-separated (example.com,example.net)', EXIT.usage);
  if (values.keywords !== undefined && !domains) throw new CliError('--keywords goes with --brand (the active missions bring their own)', EXIT.usage);
  let checked: LookalikeCheck;
  if (values.local) {
    if (!domains) throw new CliError('--local needs --brand (the active missions are known to the API only)', EXIT.usage);
    checked = checkLocally(positionals[0]!, { domains, keywords });
  } else {
    // The API takes the ASCII form: a Unicode name is sent as its Punycode; a name that is none goes as typed, for the API to name.
    const body = { domain: normalizeName(positionals[0]!) ?? positionals[0]!, ...(domains && { brands: [{ domains, keywords }] }) };
    checked = await answer(apiFor(g, io).call.POST('/lookalikes/check', { body }));
  }
  io.out(g.json ? JSON.stringify(checked, null, 2) : renderCheck(checked));
  return 0;
}

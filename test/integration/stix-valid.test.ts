import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FINDING_CATEGORIES, type Finding, type Observable } from '../../domain/findings';
import { findingBundle } from '../../activities/tip/stix-export';

/**
 * capeo's STIX, as pushed to a TIP, through the OASIS validator (stix2-validator, in .tools/venv):
 * the JSON schemas, the pattern grammar and the best-practice checks, with warnings as errors and
 * custom types or properties refused. One check is off: {103} wants random (version 4) UUIDs, and
 * capeo derives its ids from mission and finding on purpose, so a retried push repeats the same ids
 * (STIX 2.1 §2.9 makes version 4 a SHOULD, not a MUST).
 */
const ROOT = join(__dirname, '..', '..');
const VALIDATOR = join(ROOT, '.tools', 'venv', 'bin', 'stix2_validator');
const OPTIONS = ['--version', '2.1', '--strict', '--strict-types', '--strict-properties', '--enforce-refs', '--no-cache', '--disable', '103'];
const MISSION = 'mission-EAVD03-1';

const OBSERVABLES: Observable[] = [
  { type: 'domain', value: 'Examp1e-Login.com' },
  { type: 'ipv4', value: '198.51.100.7' },
  { type: 'ipv6', value: '2001:db8::7' },
  { type: 'url', value: "https://examp1e-login.com/sso?next=o'brien\\x" },
  { type: 'email', value: 'billing@examp1e-login.com' },
  { type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e' },
  { type: 'hash', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { type: 'hash', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
  {
    type: 'hash',
    value: 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
  },
];

const finding = (i: number, over: Partial<Finding>): Finding => ({
  id: `f-${i}`,
  category: 'hunt-opportunity',
  title: `Finding ${i}`,
  description: 'Seen during the sweep.',
  severity: 'medium',
  evidence: [{ kind: 'dns', summary: 'A record since 2026-11-20' }],
  observables: [],
  flags: [],
  status: 'open',
  author: 'hunter@example.org',
  at: '2026-11-21T09:30:00Z',
  ...over,
});

/** Every category; every observable type (each hash length); an empty description; a finding without observables. */
const FINDINGS: Finding[] = [
  ...FINDING_CATEGORIES.map((category, i) => finding(i, { category, observables: [OBSERVABLES[i % OBSERVABLES.length]!] })),
  finding(10, { category: 'suspicious-security-event', severity: 'critical', observables: OBSERVABLES }),
  finding(11, { description: '', evidence: [], observables: [{ type: 'ipv6', value: '2001:db8::1' }] }),
  finding(12, { category: 'visibility-gap', observables: [] }),
];

interface Verdict {
  valid: boolean;
  messages: string;
}

/** Runs the validator CLI once over the files; its verdict per file, from its report. */
function validate(bundles: Record<string, unknown>): Record<string, Verdict> {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-stix-valid-'));
  try {
    const files = Object.entries(bundles).map(([name, bundle]) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(bundle, null, 2));
      return file;
    });
    const run = spawnSync(VALIDATOR, [...OPTIONS, ...files], { encoding: 'utf8', timeout: 60_000 });
    if (run.error) throw run.error;
    const verdicts: Record<string, Verdict> = {};
    for (const section of run.stdout.split(/^\[-\] Results for: /m).slice(1)) {
      const file = section.slice(0, section.indexOf('\n')).trim();
      const name = file.slice(dir.length + 1, -'.json'.length);
      const report = section.slice(section.indexOf('\n') + 1);
      verdicts[name] = { valid: /^\[\+\] STIX JSON: Valid$/m.test(report), messages: report };
    }
    expect(Object.keys(verdicts).sort()).toEqual(Object.keys(bundles).sort());
    // Exit status: 0 when every file is valid, non-zero otherwise.
    expect(run.status === 0).toBe(Object.values(verdicts).every((v) => v.valid));
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every finding bundle capeo exports is valid STIX 2.1 under strict validation', () => {
  const bundles = Object.fromEntries(FINDINGS.map((f) => [f.id, findingBundle(MISSION, f)]));
  // What was validated: a pattern for each observable type and each hash algorithm.
  const all = (bundles['f-10'] as { objects: Array<{ pattern?: string }> }).objects.map((o) => o.pattern).filter(Boolean);
  expect(all).toEqual([
    "[domain-name:value = 'examp1e-login.com']",
    "[ipv4-addr:value = '198.51.100.7']",
    "[ipv6-addr:value = '2001:db8::7']",
    "[url:value = 'https://examp1e-login.com/sso?next=o\\'brien\\\\x']",
    "[email-addr:value = 'billing@examp1e-login.com']",
    "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
    "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
    "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
    `[file:hashes.'SHA-512' = '${OBSERVABLES[8]!.value}']`,
  ]);
  const verdicts = validate(bundles);
  for (const [name, v] of Object.entries(verdicts)) expect({ name, valid: v.valid, messages: v.messages }).toEqual({ name, valid: true, messages: expect.any(String) });
});

test('the same validation reports broken bundles as invalid, each for its own reason', () => {
  const good = findingBundle(MISSION, FINDINGS[0]!) as { type: string; id: string; objects: Array<Record<string, unknown>> };
  const withIndicator = (change: (o: Record<string, unknown>) => Record<string, unknown>) => ({
    ...good,
    objects: good.objects.map((o) => (o.type === 'indicator' ? change({ ...o }) : o)),
  });
  const verdicts = validate({
    control: good,
    'bad-pattern': withIndicator((o) => ({ ...o, pattern: "[domain-name:value = 'x.example'" })),
    'no-pattern-type': withIndicator(({ pattern_type: _, ...o }) => o),
    'custom-property': withIndicator((o) => ({ ...o, severity: 'high' })),
    'bad-id': withIndicator((o) => ({ ...o, id: 'indicator--not-a-uuid' })),
  });
  expect(verdicts.control!.valid).toBe(true);
  expect(verdicts['bad-pattern']).toEqual({ valid: false, messages: expect.stringMatching(/mismatched input '<EOF>' expecting '\]'/) });
  expect(verdicts['no-pattern-type']).toEqual({ valid: false, messages: expect.stringMatching(/'pattern_type' is a required property/) });
  expect(verdicts['custom-property']).toEqual({ valid: false, messages: expect.stringMatching(/Property 'severity' is not one of those defined in the specification/) });
  expect(verdicts['bad-id']).toEqual({ valid: false, messages: expect.stringMatching(/'indicator--not-a-uuid' does not match the id format/) });
});

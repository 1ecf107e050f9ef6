import { buildPlaybook } from '../../domain/playbook';
import { convertSigma, parseSigmaRule, SigmaRuleError } from '../../domain/sigma';
import { base64Offsets } from '../../domain/sigma/modifiers';
import { releasedMission } from '../support/outcomes-fixture';
import { normaliseQuery } from '../support/query-normalise';

const rule = (detection: string, extra = '') => `title: Test rule
id: 5d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6
${extra}logsource:
  product: windows
  category: process_creation
detection:
${detection}
level: high
`;

function refusal(text: string): { path: string; kind: string; message: string } {
  try {
    parseSigmaRule(text);
  } catch (err) {
    if (err instanceof SigmaRuleError) return { path: err.path, kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error('the rule was accepted');
}

describe('a rule capeo cannot take is refused, naming the rule part', () => {
  test.each([
    ['unknown modifier', rule("  selection:\n    CommandLine|foo: x\n  condition: selection"), 'detection.selection.CommandLine|foo', 'malformed', 'unknown modifier foo'],
    ['unsupported modifier', rule('  selection:\n    Port|lt: 10\n  condition: selection'), 'detection.selection.Port|lt', 'unsupported', 'modifier lt is not supported'],
    ['unknown selection', rule('  selection:\n    User: a\n  condition: selection and filter'), 'detection.condition', 'malformed', "unknown selection 'filter'"],
    ['aggregation', rule('  selection:\n    User: a\n  condition: selection | count() > 5'), 'detection.condition', 'unsupported', 'aggregations'],
    ['unbalanced parentheses', rule('  selection:\n    User: a\n  condition: (selection'), 'detection.condition', 'malformed', "expected ')'"],
    ['pattern without quantifier', rule('  sel1:\n    User: a\n  condition: sel*'), 'detection.condition', 'malformed', "needs '1 of' or 'all of'"],
    ['2 of', rule('  sel1:\n    User: a\n  sel2:\n    User: b\n  condition: 2 of sel*'), 'detection.condition', 'unsupported', "'2 of' is not supported"],
    ['no condition', rule('  selection:\n    User: a'), 'detection.condition', 'malformed', 'required'],
    ['bad regex', rule("  selection:\n    CommandLine|re: '(a'\n  condition: selection"), 'detection.selection.CommandLine|re', 'malformed', 'invalid regular expression'],
    ['re after contains', rule("  selection:\n    CommandLine|contains|re: 'a'\n  condition: selection"), 'detection.selection.CommandLine|contains|re', 'malformed', 're must come first'],
    ['bad cidr', rule("  selection:\n    Ip|cidr: '10.0.0.0/33'\n  condition: selection"), 'detection.selection.Ip|cidr', 'malformed', 'invalid IPv4 CIDR'],
    ['base64offset without contains', rule("  selection:\n    C|base64offset: 'x'\n  condition: selection"), 'detection.selection.C|base64offset', 'malformed', 'needs contains'],
    ['exists with a string', rule("  selection:\n    C|exists: 'yes'\n  condition: selection"), 'detection.selection.C|exists', 'malformed', 'true or false'],
    ['empty list', rule('  selection:\n    C: []\n  condition: selection'), 'detection.selection.C', 'malformed', 'empty list'],
    ['value that is a map', rule('  selection:\n    C:\n      - a: 1\n  condition: selection'), 'detection.selection.C[0]', 'malformed', 'a value must be'],
    ['timeframe', rule('  selection:\n    C: a\n  timeframe: 5m\n  condition: selection'), 'detection.timeframe', 'unsupported', 'timeframe'],
  ])('%s', (_, text, path, kind, message) => {
    const r = refusal(text);
    expect({ path: r.path, kind: r.kind }).toEqual({ path, kind });
    expect(r.message).toContain(message);
    expect(r.message.startsWith(`${path}: `)).toBe(true);
  });

  test('malformed metadata names the field', () => {
    expect(refusal(rule('  selection:\n    C: a\n  condition: selection').replace(/^id: .*$/m, 'id: 42x')).path).toBe('id');
    expect(refusal(rule('  selection:\n    C: a\n  condition: selection').replace('level: high', 'level: urgent')).path).toBe('level');
    expect(refusal(rule('  selection:\n    C: a\n  condition: selection', 'tags:\n  - nodot\n')).path).toBe('tags[0]');
    expect(refusal(rule('  selection:\n    C: a\n  condition: selection').replace('title: Test rule\n', '')).path).toBe('title');
    expect(refusal('title: x\nlogsource: {definition: y}\ndetection: {s: {a: 1}, condition: s}\n').path).toBe('logsource');
  });

  test('text that is not YAML, or not one rule, is refused', () => {
    expect(refusal('title: [unclosed').message).toMatch(/^rule.*not YAML/);
    expect(refusal('- a\n- b\n').message).toBe('rule: a Sigma rule is a YAML map');
    expect(refusal(`${rule('  s:\n    C: a\n  condition: s')}---\n${rule('  s:\n    C: b\n  condition: s')}`).message).toMatch(/^rule/);
  });

  test('a language that cannot express a construct refuses it', () => {
    const keywords = parseSigmaRule(rule("  keywords:\n    - 'evil'\n  condition: keywords"));
    expect(() => convertSigma(keywords, 'esql')).toThrow(/keyword/);
    const v6 = parseSigmaRule(rule("  selection:\n    Ip|cidr: 'fe80::/10'\n  condition: selection"));
    expect(() => convertSigma(v6, 'duckdb')).toThrow(SigmaRuleError);
    expect(convertSigma(v6, 'kql').filter).toBe('ipv6_is_in_range(Ip, "fe80::/10")');
    const lookahead = parseSigmaRule(rule("  selection:\n    C|re: 'a(?=b)'\n  condition: selection"));
    expect(() => convertSigma(lookahead, 'duckdb')).toThrow(/RE2/);
  });
});

describe('modifiers', () => {
  test("base64offset gives the three offsets' stable characters", () => {
    // Sigma's own example: 'http' at offsets 0, 1 and 2 of a base64 string.
    expect(base64Offsets('http')).toEqual(['aHR0c', 'h0dH', 'odHRw']);
  });

  test('windash expands each word-starting dash or slash into every Windows dash', () => {
    const r = parseSigmaRule(rule("  selection:\n    C|windash: '-a x-y -b'\n  condition: selection"));
    expect(r.expr.kind).toBe('or');
    // Two word-starting dashes, five forms each; the dash inside x-y stays.
    expect((r.expr as { args: unknown[] }).args).toHaveLength(25);
    expect(convertSigma(r, 'spl').filter).toContain('C="/a x-y \u2013b"');
  });
});

describe('mapping', () => {
  const r = parseSigmaRule(rule("  selection:\n    Image|endswith: '\\cmd.exe'\n  condition: selection"));
  const mapping = {
    fields: { Image: 'process.executable' },
    logsources: [
      { product: 'linux', target: 'linux_events' },
      { product: 'Windows', category: 'process_creation', target: 'win_proc' },
    ],
    default: 'everything',
  };

  test('fields are renamed and the first matching log source gives the target', () => {
    const c = convertSigma(r, 'kql', mapping);
    expect(c.query).toBe('win_proc\n| where process.executable endswith "\\\\cmd.exe"');
    expect(convertSigma(r, 'duckdb', mapping).query).toContain('FROM "win_proc"');
    expect(convertSigma(r, 'duckdb', mapping).query).toContain(`'$."process"."executable"'`);
  });

  test('without a matching entry the default, then the language default, applies', () => {
    const other = { ...mapping, logsources: [{ product: 'linux', target: 'linux_events' }] };
    expect(convertSigma(r, 'esql', other).query).toMatch(/^from everything metadata/);
    expect(convertSigma(r, 'esql').query).toMatch(/^from \* metadata/);
    expect(convertSigma(r, 'duckdb').target).toBe('process_creation');
    expect(convertSigma(r, 'spl').query).toBe('Image="*\\\\cmd.exe"');
    expect(convertSigma(r, 'spl', { fields: {}, logsources: [], default: 'index=win' }).query).toBe('index=win Image="*\\\\cmd.exe"');
  });

  test('a target the language cannot read is refused', () => {
    expect(() => convertSigma(r, 'duckdb', { fields: {}, logsources: [], default: 'x; DROP' })).toThrow(SigmaRuleError);
    expect(() => convertSigma(r, 'spl', { fields: {}, logsources: [], default: 'index=a | delete' })).toThrow(SigmaRuleError);
  });
});

describe('the normaliser behind the pySigma comparison', () => {
  test('layout, quotes and redundant parentheses do not count', () => {
    expect(normaliseQuery('esql', 'from * | where (a=="x") and ((b=="y" or c=="z"))')).toBe(normaliseQuery('esql', "from *   | where a=='x' and (b==\"y\" or c==\"z\")"));
    expect(normaliseQuery('kql', 'not((A =~ "a" and B =~ "b"))')).toBe(normaliseQuery('kql', 'not(A =~ "a" and (B =~ "b"))'));
    expect(normaliseQuery('spl', 'a=1 (b=2 OR c=3)')).toBe(normaliseQuery('spl', 'a=1 b=2 OR c=3'));
  });

  test('grouping, negation and values do count', () => {
    expect(normaliseQuery('esql', 'from * | where (a==1 or b==2) and c==3')).not.toBe(normaliseQuery('esql', 'from * | where a==1 or b==2 and c==3'));
    expect(normaliseQuery('spl', 'NOT (a=1 b=2)')).not.toBe(normaliseQuery('spl', 'NOT a=1 b=2'));
    expect(normaliseQuery('kql', 'F in~ ("a", "b")')).not.toBe(normaliseQuery('kql', 'F in~ ("a", "c")'));
    expect(normaliseQuery('kql', 'isnull(F) and G =~ "x"')).not.toBe(normaliseQuery('kql', 'isnull(F) or G =~ "x"'));
  });
});

describe('the playbook', () => {
  test('shows the Sigma rule above the converted query it ran', () => {
    const base = releasedMission();
    const sigma = "title: Lookups\nlogsource:\n  category: dns\ndetection:\n  s:\n    query|endswith: '.example'\n  condition: s";
    const converted = convertSigma(parseSigmaRule(sigma), 'duckdb').query;
    const s = releasedMission({ queries: [{ ...base.queries[0]!, query: converted, sigma }] });
    const cells = buildPlaybook(s, null).cells;
    const title = cells.find((c) => c.id === 'i1-query-Q1-title');
    const text = [title!.source].flat().join('');
    expect(text).toContain('Sigma rule');
    expect(text).toContain('```yaml\n' + sigma + '\n```');
    const code = cells.find((c) => c.cell_type === 'code' && [c.source].flat().join('').includes(converted));
    expect(code).toBeDefined();
  });
});

import { generatePermutations } from '../../activities/eavd/permutations';
import { boundedDamerauLevenshtein, buildBrandIndex, matchName, matchNameAll, riskSignals, shannonEntropy, skeleton } from '../../activities/eavd/match';
import { lookalikeFinding } from '../../activities/eavd/match/finding';
import { feedLabel, feedLine } from '../../activities/eavd/nrd/feed-reader';
import { textbookOsa } from '../support/edit-distance';

const index = buildBrandIndex([
  { id: 'pp', domains: ['paypal.com'], keywords: ['login'] },
  { id: 'ex', domains: ['example.co.uk'], keywords: [] },
  { id: 'ms', domains: ['microsoft.com'], keywords: [] },
]);

const signals = (name: string) => matchName(index, name)?.reasons.map((r) => `${r.signal}:${r.points}`);

describe('matchName: how a name imitates a brand', () => {
  it('a transposition is a candidate of the permutation engine, named by its fuzzer', () => {
    const m = matchName(index, 'payapl.com')!;
    expect(m).toMatchObject({ brandId: 'pp', brandDomain: 'paypal.com', kind: 'candidate', algorithm: 'transposition', distance: 1, score: 5, level: 'medium' });
    expect(m.reasons[0]!.reason).toBe('a permutation of paypal.com (transposition)');
    // What the engine says of the same name: the index holds its output.
    expect(generatePermutations('paypal.com').find((p) => p.domain === 'payapl.com')?.fuzzer).toBe('transposition');
  });

  it('a one-letter Cyrillic homoglyph (pаypal, U+0430) is a mixed-script permutation; three Cyrillic letters, which no permutation makes, have the brand label as their confusable skeleton', () => {
    const m = matchName(index, 'xn--pypal-4ve.com')!;
    expect(m.unicode).toBe('p\u0430ypal.com');
    expect(m).toMatchObject({ brandId: 'pp', kind: 'candidate', algorithm: 'mixed-script', distance: 1 });
    // The same name typed in Unicode is the same match.
    expect(matchName(index, 'p\u0430ypal.com')?.name).toBe('xn--pypal-4ve.com');
    // р, а and у (U+0440, U+0430, U+0443): the engine substitutes at most two letters.
    const three = '\u0440\u0430\u0443pal.com';
    expect(generatePermutations('paypal.com').some((p) => p.domain === matchName(index, three)!.name)).toBe(false);
    expect(matchName(index, three)).toMatchObject({ brandId: 'pp', kind: 'confusable-skeleton', algorithm: 'confusable-skeleton', distance: 3 });
    expect(signals(three)).toEqual(['confusable-skeleton:5', 'idn:1']);
  });

  it('digit and multi-letter look-alikes share the skeleton: paypa1, rnicrosoft', () => {
    expect(matchName(index, 'paypa1.net')).toMatchObject({ brandId: 'pp', kind: 'confusable-skeleton' });
    expect(skeleton('rnicrosoft')).toBe(skeleton('microsoft'));
    expect(matchName(index, 'rnicrosoft.com')).toMatchObject({ brandId: 'ms', kind: 'candidate', algorithm: 'homoglyph', distance: 2 });
  });

  it('a combosquat with lures is a brand containment, every point explained', () => {
    const m = matchName(index, 'secure-login-paypal-verify.xyz')!;
    expect(m).toMatchObject({ brandId: 'pp', kind: 'brand-containment', score: 12, level: 'high' });
    expect(m.reasons.map((r) => r.reason)).toEqual([
      "contains the brand label 'paypal'",
      'suspicious TLD .xyz',
      "lure word 'login'",
      "lure word 'secure'",
      "lure word 'verify'",
      '3 hyphens',
    ]);
    expect(m.score).toBe(m.reasons.reduce((s, r) => s + r.points, 0));
  });

  it("the brand's keywords make the engine's combosquats candidates", () => {
    expect(matchName(index, 'paypal-login.com')).toMatchObject({ kind: 'candidate', algorithm: 'combosquatting' });
  });

  it('a brand domain in front of another domain, under many levels', () => {
    expect(signals('a.b.c.paypal.com.evil.xyz')).toEqual(['brand-containment:4', 'suspicious-tld:2', 'subdomain-levels:2']);
    expect(signals('paypal-login.000webhostapp.com')).toEqual(['brand-containment:3', 'suspicious-word:2', 'free-hosting:2']);
  });

  it('edit distance catches what no fuzzer generates', () => {
    // 'paypail' under another TLD: a letter added and the TLD swapped, two algorithms at once, which the engine does not chain.
    expect(generatePermutations('paypal.com').some((p) => p.domain === 'paypail.net')).toBe(false);
    expect(matchName(index, 'paypail.net')).toMatchObject({ kind: 'edit-distance', algorithm: 'damerau-levenshtein', distance: 1, score: 4, level: 'low' });
  });

  it('registrable labels under multi-label suffixes: exampel.co.uk and its subdomains', () => {
    expect(matchName(index, 'www.exampel.co.uk')).toMatchObject({ brandId: 'ex', kind: 'candidate', algorithm: 'transposition' });
    // The brand label under a TLD outside the tld-swap family: the same skeleton, distance 0.
    expect(matchName(index, 'example.museum')).toMatchObject({ brandId: 'ex', kind: 'confusable-skeleton', distance: 0 });
  });

  it("a brand's own domains and their subdomains are not lookalikes; nor are unrelated names", () => {
    for (const own of ['paypal.com', 'login.paypal.com', 'a.b.paypal.com', 'PAYPAL.COM.', '*.paypal.com', 'example.co.uk', 'foo.example.co.uk']) expect(matchName(index, own)).toBeNull();
    for (const other of ['google.com', 'pal.com', 'wikipedia.org', 'not a name', '']) expect(matchName(index, other)).toBeNull();
  });

  it('wildcards, case and a trailing dot are normalised', () => {
    expect(matchName(index, '*.PAYAPL.COM.')?.name).toBe('payapl.com');
  });

  it('one match per brand a name imitates, highest score first', () => {
    const two = buildBrandIndex([
      { id: 'a', domains: ['paypal.com'], keywords: [] },
      { id: 'b', domains: ['microsoft.com'], keywords: [] },
    ]);
    const all = matchNameAll(two, 'paypal-microsoft-login.xyz');
    expect(all.map((m) => m.brandId).sort()).toEqual(['a', 'b']);
    expect(all[0]!.score).toBeGreaterThanOrEqual(all[1]!.score);
  });
});

describe('the parts', () => {

  it('bounded Damerau-Levenshtein agrees with the full matrix up to its bound', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const word = () => Array.from({ length: 1 + rnd(9) }, () => 'abcde'[rnd(5)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = word();
      const max = rnd(4);
      const full = textbookOsa(a, b);
      expect([a, b, max, boundedDamerauLevenshtein(a, b, max)]).toEqual([a, b, max, full <= max ? full : max + 1]);
    }
  });

  it('skeleton: Cyrillic, Greek, diacritics and digits map to Latin prototypes', () => {
    expect(skeleton('\u0440\u0430\u0443\u0440\u0430l')).toBe(skeleton('paypal')); // раураl
    expect(skeleton('\u03bf\u03c1\u03b5n')).toBe(skeleton('open')); // Greek ορε + n
    expect(skeleton('payp\u00e1l')).toBe(skeleton('paypal'));
    expect(skeleton('g00gle')).toBe(skeleton('google'));
    expect(skeleton('paypal')).not.toBe(skeleton('paypai1x'));
  });

  it('entropy and risk signals', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    const r = riskSignals({ name: 'x9k2q7w4z1m8b5.xn--80ak6aa92e.top', subdomain: 'x9k2q7w4z1m8b5', label: 'xn--80ak6aa92e', tld: 'top' });
    expect(r.map((x) => x.signal)).toEqual(['suspicious-tld', 'entropy', 'idn']);
  });

  it('a match as a finding: the sighting as evidence, one source key per name', () => {
    const m = matchName(index, 'secure-login-paypal-verify.xyz')!;
    const f = lookalikeFinding(m, { source: 'nrd', evidence: { kind: 'registration', summary: 'listed in feed X of 2026-12-01' } });
    expect(f).toMatchObject({ category: 'suspicious-security-event', severity: 'high', sourceKey: 'nrd:secure-login-paypal-verify.xyz', observables: [{ type: 'domain', value: 'secure-login-paypal-verify.xyz' }] });
    expect(f.evidence[0]!.summary).toBe('listed in feed X of 2026-12-01');
    expect(f.evidence).toHaveLength(1 + m.reasons.length);
    const low = lookalikeFinding(matchName(index, 'paypail.net')!, { source: 'nrd', evidence: { kind: 'note', summary: 'x' } });
    expect(low).toMatchObject({ category: 'ti-event-of-interest', severity: 'low' });
  });

  it('feed lines and labels', () => {
    expect(feedLine('# comment')).toBeNull();
    expect(feedLine('   ')).toBeNull();
    expect(feedLine('domain,first_seen')).toBeNull();
    expect(feedLine('payapl.com,2026-12-01')).toBe('payapl.com');
    expect(feedLine(' payapl.com  # new ')).toBe('payapl.com');
    expect(feedLabel('https://user:pw@feeds.example/nrd/today.txt.gz?token=s3cret#x')).toBe('https://feeds.example/nrd/today.txt.gz');
    expect(feedLabel('/var/lib/nrd.txt')).toBe('/var/lib/nrd.txt');
  });
});

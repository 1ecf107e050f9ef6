import {
  DEFAULT_COMBOSQUATTING_KEYWORDS,
  DNSTWIST_FUZZERS,
  FUZZERS,
  generatePermutations,
  isValidHostname,
  splitDomain,
  type PermutationOptions,
} from '../../activities/eavd/permutations';

/** The names one fuzzer generates when it runs alone, sorted. */
function only(fuzzer: string, domain: string, options: Omit<PermutationOptions, 'fuzzers'> = {}): string[] {
  const found = generatePermutations(domain, { ...options, fuzzers: [fuzzer] });
  for (const p of found) expect(p.fuzzer).toBe(fuzzer);
  return found.map((p) => p.domain).sort();
}

const sorted = (names: string[]): string[] => [...names].sort();
const ALNUM = Array.from('0123456789abcdefghijklmnopqrstuvwxyz');

describe('domain split (dnstwist heuristic)', () => {
  it.each([
    ['example.com', '', 'example', 'com'],
    ['www.example.com', 'www', 'example', 'com'],
    ['bank.co.uk', '', 'bank', 'co.uk'],
    ['a.b.www.bank.co.uk', 'a.b.www', 'bank', 'co.uk'],
    ['shop.com.au', '', 'shop', 'com.au'],
    ['www.example.co', 'www', 'example', 'co'],
  ])('%s', (name, subdomain, domain, tld) => {
    expect(splitDomain(name)).toEqual({ subdomain, domain, tld });
  });
});

describe('fuzzers', () => {
  it('omission: one character left out', () => {
    expect(only('omission', 'abc.com')).toEqual(['ab.com', 'ac.com', 'bc.com']);
    expect(only('omission', 'www.abc.com')).toEqual(['www.ab.com', 'www.ac.com', 'www.bc.com']);
  });

  it('addition: a letter or digit appended, and before each hyphen', () => {
    expect(only('addition', 'ab.com')).toEqual(sorted(ALNUM.map((c) => `ab${c}.com`)));
    expect(only('addition', 'a-b.com')).toEqual(sorted(ALNUM.flatMap((c) => [`a-b${c}.com`, `a${c}-b.com`])));
  });

  it('bitsquatting: one bit flipped, host-name characters only', () => {
    // a = 0x61 -> c e i q; b = 0x62 -> c f j r
    expect(only('bitsquatting', 'ab.com')).toEqual(
      sorted(['cb.com', 'eb.com', 'ib.com', 'qb.com', 'ac.com', 'af.com', 'aj.com', 'ar.com']),
    );
  });

  it('cyrillic: the whole label in Cyrillic, or nothing', () => {
    expect(only('cyrillic', 'bad.com')).toEqual(['xn--80a9cw3a.com']); // ьаԁ
    expect(only('cyrillic', 'ab.com')).toEqual(['xn--80a0d.com']);
    expect(only('cyrillic', 'bank.com')).toEqual([]); // no Cyrillic n
  });

  it('homoglyph: look-alikes two rounds deep, the TLD registry repertoire only', () => {
    // .co.uk takes no IDN: ASCII look-alikes only. n -> m | r, rn -> m, m -> n | nn | rn.
    expect(only('homoglyph', 'rn.co.uk')).toEqual(
      sorted(['m.co.uk', 'n.co.uk', 'nn.co.uk', 'rm.co.uk', 'rnn.co.uk', 'rr.co.uk', 'rrn.co.uk']),
    );
    const com = only('homoglyph', 'ab.com');
    expect(com).toEqual(expect.arrayContaining(['ad.com', 'alb.com', 'xn--b-rfa.com' /* àb */, 'xn--0ca44a.com']));
    expect(com).toHaveLength(160);
  });

  it('hyphenation: a hyphen between two characters', () => {
    expect(only('hyphenation', 'abc.com')).toEqual(['a-bc.com', 'ab-c.com']);
  });

  it('insertion: a neighbouring key (qwerty, qwertz, azerty) before or after, last character excepted', () => {
    const keys = ['q', 'w', 's', 'z', 'y', '2', '1']; // around a on the three layouts
    expect(only('insertion', 'ab.com')).toEqual(sorted(keys.flatMap((k) => [`${k}ab.com`, `a${k}b.com`])));
  });

  it('plural: s (es after s, x, z) after the third to third-last character', () => {
    expect(only('plural', 'abcde.com')).toEqual(['abcsde.com']);
    expect(only('plural', 'abxde.com')).toEqual(['abxesde.com']);
    expect(only('plural', 'abcd.com')).toEqual([]);
  });

  it('repetition: one character doubled', () => {
    expect(only('repetition', 'abc.com')).toEqual(['aabc.com', 'abbc.com', 'abcc.com']);
  });

  it('replacement: one character replaced by a neighbouring key', () => {
    expect(only('replacement', 'ab.com')).toEqual(
      sorted(['qb', 'wb', 'sb', 'zb', 'yb', '2b', '1b', 'av', 'ag', 'ah', 'an'].map((l) => `${l}.com`)),
    );
  });

  it('subdomain: a dot inside the label, never next to a hyphen', () => {
    expect(only('subdomain', 'abcd.com')).toEqual(['a.bcd.com', 'ab.cd.com']);
    expect(only('subdomain', 'a-bcd.com')).toEqual(['a-b.cd.com']);
  });

  it('transposition: two adjacent characters swapped', () => {
    expect(only('transposition', 'abc.com')).toEqual(['acb.com', 'bac.com']);
    expect(only('transposition', 'aab.com')).toEqual(['aba.com']); // swapping a/a gives the original
  });

  it('vowel-swap: one vowel replaced by another', () => {
    expect(only('vowel-swap', 'bat.com')).toEqual(['bet.com', 'bit.com', 'bot.com', 'but.com']);
  });

  it('dictionary: words around the label, and in place of the first or last hyphenated part', () => {
    expect(only('dictionary', 'shop.com', { dictionary: ['mail'] })).toEqual(
      sorted(['shop-mail.com', 'shopmail.com', 'mail-shop.com', 'mailshop.com']),
    );
    expect(only('dictionary', 'my-shop.com', { dictionary: ['pay'] })).toEqual(
      sorted(['my-shop-pay.com', 'my-shoppay.com', 'pay-my-shop.com', 'paymy-shop.com', 'my-pay.com', 'pay-shop.com']),
    );
    // A word the label starts and ends with is skipped.
    expect(only('dictionary', 'mail.com', { dictionary: ['mail', 'x'] })).toEqual(
      sorted(['mail-x.com', 'mailx.com', 'x-mail.com', 'xmail.com']),
    );
    expect(only('dictionary', 'shop.com')).toEqual([]);
  });

  it('tld-swap: the name under each other TLD, IDN TLDs in Punycode', () => {
    expect(only('tld-swap', 'shop.com', { tlds: ['net', 'com', 'co.uk', 'рф', '.IO'] })).toEqual(
      sorted(['shop.net', 'shop.co.uk', 'shop.xn--p1ai', 'shop.io']),
    );
    expect(only('tld-swap', 'shop.com')).toEqual([]);
  });

  it('various: TLD and subdomain confusions', () => {
    expect(only('various', 'shop.com')).toEqual(['shopcom.com']);
    expect(only('various', 'shop.de')).toEqual(sorted(['shopde.de', 'shop-de.com', 'shopde.com']));
    expect(only('various', 'shop.co.uk')).toEqual(sorted(['shop.uk', 'shopco.uk']));
    expect(only('various', 'a.b.shop.com')).toEqual(
      sorted(['a.b.shopcom.com', 'a.bshop.com', 'abshop.com', 'a.b-shop.com', 'a-b-shop.com']),
    );
  });

  it('combosquatting: brand keywords around the label, default and configured', () => {
    const names = only('combosquatting', 'acme.com');
    expect(names).toHaveLength(4 * DEFAULT_COMBOSQUATTING_KEYWORDS.length);
    expect(names).toEqual(expect.arrayContaining(['acme-login.com', 'login-acme.com', 'acmelogin.com', 'loginacme.com']));
    expect(names).toEqual(expect.arrayContaining(['billing-acme.com', 'acmehelp.com', 'secure-acme.com']));
    expect(only('combosquatting', 'www.acme.co.uk', { keywords: ['Portal', ' portal '] })).toEqual(
      sorted(['www.acme-portal.co.uk', 'www.portal-acme.co.uk', 'www.acmeportal.co.uk', 'www.portalacme.co.uk']),
    );
    expect(only('combosquatting', 'münchen.de', { keywords: ['login'] })).toEqual(
      sorted(['xn--mnchen-login-dlb.de', 'xn--login-mnchen-jlb.de', 'xn--mnchenlogin-thb.de', 'xn--loginmnchen-yhb.de']),
    );
  });
});

describe('IDNA', () => {
  it('permutes the Unicode label and outputs Punycode', () => {
    expect(only('omission', 'münchen.de')).toEqual(
      sorted([
        'mnchen.de',
        'xn--mchen-kva.de',
        'xn--mncen-kva.de',
        'xn--mnche-kva.de',
        'xn--mnchn-kva.de',
        'xn--mnhen-kva.de',
        'xn--nchen-jva.de',
      ]),
    );
  });

  it('accepts Unicode, Punycode and mixed-case input alike', () => {
    const unicode = generatePermutations('münchen.de');
    expect(generatePermutations('xn--mnchen-3ya.de')).toEqual(unicode);
    expect(generatePermutations(' MÜNCHEN.DE. ')).toEqual(unicode);
    expect(generatePermutations('PayPal.COM')).toEqual(generatePermutations('paypal.com'));
  });

  it('outputs only ASCII host names', () => {
    for (const p of generatePermutations('münchen.de', { dictionary: ['sécurité'], tlds: ['рф'] })) {
      expect(p.domain).toMatch(/^[a-z0-9.-]+$/);
      expect(isValidHostname(p.domain)).toBe(true);
    }
  });
});

describe('validity, duplicates, the original', () => {
  it('drops invalid names', () => {
    expect(only('dictionary', 'shop.com', { dictionary: ['-'] })).toEqual([]); // shop--, --shop...
    expect(only('dictionary', 'shop.com', { dictionary: ['a_b', 'a/b', 'a%41'] })).toEqual([]);
    expect(only('dictionary', 'shop.com', { dictionary: ['x'.repeat(60)] })).toEqual([]); // labels over 63
    expect(only('addition', `${'a'.repeat(63)}.com`)).toEqual([]);
    expect(only('tld-swap', 'shop.com', { tlds: ['x', 'a b'] })).toEqual([]); // one-letter TLD, space
  });

  it('checks host names like dnstwist', () => {
    expect(isValidHostname('ab.com')).toBe(true);
    expect(isValidHostname('a.co')).toBe(true);
    expect(isValidHostname('a.c')).toBe(false); // TLD of one character
    expect(isValidHostname('-a.com')).toBe(false);
    expect(isValidHostname('a-.com')).toBe(false);
    expect(isValidHostname('a..com')).toBe(false);
    expect(isValidHostname('com')).toBe(false);
    expect(isValidHostname(`${'a'.repeat(64)}.com`)).toBe(false);
    expect(isValidHostname(`${'a.'.repeat(126)}com`)).toBe(false); // 255 characters
  });

  it('reports each name once, under the first fuzzer that finds it, and never the original', () => {
    const all = generatePermutations('paypal.com', { dictionary: ['login'], tlds: ['net', 'com'] });
    const names = all.map((p) => p.domain);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('paypal.com');
    const label = new Map(all.map((p) => [p.domain, p.fuzzer]));
    expect(label.get('paypall.com')).toBe('addition'); // also a repetition
    expect(label.get('paypal-login.com')).toBe('dictionary'); // also a combosquatting
    expect(label.get('paypal.net')).toBe('tld-swap');
    expect(only('vowel-swap', 'bat.com')).not.toContain('bat.com');
  });

  it('runs every fuzzer by default, in order', () => {
    const fuzzers = new Set(generatePermutations('my-shop.de', { dictionary: ['x'], tlds: ['net'] }).map((p) => p.fuzzer));
    expect([...fuzzers]).toEqual(FUZZERS.filter((f) => fuzzers.has(f))); // grouped, in FUZZERS order
    expect(fuzzers).toEqual(new Set([...DNSTWIST_FUZZERS.filter((f) => f !== 'cyrillic'), 'combosquatting'])); // no Cyrillic -
  });

  it('rejects unknown fuzzers and invalid domains', () => {
    expect(() => generatePermutations('shop.com', { fuzzers: ['nope'] })).toThrow(/unknown fuzzer/);
    expect(() => generatePermutations('localhost')).toThrow(/invalid domain/);
    expect(() => generatePermutations('http://shop.com/')).toThrow(/invalid domain/);
    expect(() => generatePermutations('')).toThrow(/invalid domain/);
  });
});

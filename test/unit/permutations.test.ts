import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALGORITHMS,
  DEFAULT_COMBOSQUATTING_KEYWORDS,
  FUZZERS,
  generatePermutations,
  isValidHostname,
  splitDomain,
  tldFamily,
  toAsciiHostname,
  type PermutationOptions,
} from '../../activities/eavd/permutations';
import { combosquattingWords, ianaTlds, latinConfusables, publicSuffix } from '../../activities/eavd/permutations/lists';
import { punycode, toAsciiHostnameSlow, toAsciiHostnameWithLabel } from '../../activities/eavd/permutations/domain';
import { AIL_GLYPHS, GLYPHS_UNICODE } from '../../activities/eavd/permutations/tables';

/** The names one fuzzer generates when it runs alone, sorted. */
function only(fuzzer: string, domain: string, options: Omit<PermutationOptions, 'fuzzers'> = {}): string[] {
  const found = generatePermutations(domain, { ...options, fuzzers: [fuzzer] });
  for (const p of found) expect(p.fuzzer).toBe(fuzzer);
  return found.map((p) => p.domain).sort();
}

const sorted = (names: string[]): string[] => [...new Set(names)].sort();
/** The ASCII form of a Unicode name written in a test. */
const ascii = (name: string): string => toAsciiHostname(name)!;
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

  it('addition: a letter or digit at any position (dnstwist: appended and before each hyphen; ail: anywhere)', () => {
    const names = only('addition', 'ab.com');
    expect(names).toEqual(sorted(ALNUM.flatMap((c) => [`${c}ab.com`, `a${c}b.com`, `ab${c}.com`])));
    expect(names).toHaveLength(3 * 36 - 2); // aab and abb arise twice
    expect(only('addition', 'a-b.com')).toEqual(expect.arrayContaining(ALNUM.flatMap((c) => [`a-b${c}.com`, `a${c}-b.com`, `a-${c}b.com`])));
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

  it('homoglyph: dnstwist\'s look-alikes two rounds deep (the TLD registry repertoire), and ail\'s runs', () => {
    // dnstwist: .co.uk takes no IDN, ASCII look-alikes only: n -> m | r, rn -> m, m -> n | nn | rn.
    const uk = only('homoglyph', 'rn.co.uk');
    expect(uk).toEqual(expect.arrayContaining(['m.co.uk', 'n.co.uk', 'nn.co.uk', 'rm.co.uk', 'rnn.co.uk', 'rr.co.uk', 'rrn.co.uk']));
    // ail: one character's consecutive occurrences, within a window shorter than the label, in any TLD.
    expect(uk).toEqual(expect.arrayContaining([ascii('ŕn.co.uk'), ascii('rñ.co.uk')]));
    const aba = only('homoglyph', 'aaba.co.uk');
    expect(aba).toEqual(expect.arrayContaining([ascii('ààba.co.uk'), ascii('aabà.co.uk')]));
    expect(aba).not.toContain(ascii('ààbà.co.uk')); // all three a span the whole label
    // Two rounds (ail's --all_homoglyph) reach it.
    expect(only('homoglyph', 'aaba.co.uk', { allHomoglyphs: true })).toContain(ascii('ààbà.co.uk'));
    const com = only('homoglyph', 'ab.com');
    expect(com).toEqual(expect.arrayContaining(['ad.com', 'alb.com', 'xn--b-rfa.com' /* àb */, 'xn--0ca44a.com']));
  });

  it('hyphenation: a hyphen between two characters', () => {
    expect(only('hyphenation', 'abc.com')).toEqual(['a-bc.com', 'ab-c.com']);
  });

  it('insertion: a neighbouring key (qwerty, qwertz, azerty) before or after, last character excepted', () => {
    const keys = ['q', 'w', 's', 'z', 'y', '2', '1']; // around a on the three layouts
    expect(only('insertion', 'ab.com')).toEqual(sorted(keys.flatMap((k) => [`${k}ab.com`, `a${k}b.com`])));
  });

  it('plural: s (es after s, x, z) after the third to third-last character, and the English plural and singular', () => {
    expect(only('plural', 'abcde.com')).toEqual(['abcdes.com', 'abcsde.com']);
    expect(only('plural', 'abxde.com')).toEqual(['abxdes.com', 'abxesde.com']);
    expect(only('plural', 'abcd.com')).toEqual(['abcds.com']);
    expect(only('plural', 'city.com')).toEqual(['cities.com']);
    expect(only('plural', 'bank-of-example.co.uk')).toContain('banks-of-example.co.uk');
    expect(only('plural', 'news.com')).toEqual(['new.com']); // unchanged in the plural; its singular
  });

  it('repetition: one character doubled', () => {
    expect(only('repetition', 'abc.com')).toEqual(['aabc.com', 'abbc.com', 'abcc.com']);
  });

  it('replacement: one character replaced by any letter or digit (dnstwist: a neighbouring key)', () => {
    const names = only('replacement', 'ab.com');
    expect(names).toEqual(sorted(ALNUM.flatMap((c) => [`${c}b.com`, `a${c}.com`]).filter((n) => n !== 'ab.com')));
    expect(names).toHaveLength(70);
  });

  it('subdomain: a dot inside the label, never next to a hyphen', () => {
    expect(only('subdomain', 'abcd.com')).toEqual(['a.bcd.com', 'ab.cd.com', 'abc.d.com']);
    expect(only('subdomain', 'a-bcd.com')).toEqual(['a-b.cd.com', 'a-bc.d.com']);
    expect(only('subdomain', 'ab.cd.com')).toEqual(['a.b.cd.com', 'ab.c.d.com']); // ail: the subdomain too
  });

  it('transposition: two adjacent characters swapped', () => {
    expect(only('transposition', 'abc.com')).toEqual(['acb.com', 'bac.com']);
    expect(only('transposition', 'aab.com')).toEqual(['aba.com']); // swapping a/a gives the original
  });

  it('vowel-swap: one vowel replaced by another; every occurrence of one, y included (ail)', () => {
    expect(only('vowel-swap', 'bat.com')).toEqual(['bet.com', 'bit.com', 'bot.com', 'but.com', 'byt.com']);
    expect(only('vowel-swap', 'abba.com')).toEqual(expect.arrayContaining(['ebba.com', 'abbe.com', 'ebbe.com']));
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
    expect(only('tld-swap', 'shop.com', { tlds: ['net', 'com', 'co.uk', 'рф', '.IO'], tldFamily: 'none' })).toEqual(
      sorted(['shop.net', 'shop.co.uk', 'shop.xn--p1ai', 'shop.io']),
    );
    expect(only('tld-swap', 'shop.com', { tldFamily: 'none' })).toEqual([]);
  });

  it('tld-swap families: common (ccTLDs and common gTLDs) by default, every IANA TLD, public suffixes', () => {
    const common = only('tld-swap', 'shop.com');
    expect(common).toHaveLength(tldFamily('common').length - 1);
    expect(common).toEqual(expect.arrayContaining(['shop.net', 'shop.de', 'shop.lu', 'shop.io', 'shop.xyz']));
    expect(common).not.toContain('shop.youtube');
    const all = only('tld-swap', 'shop.com', { tldFamily: 'all' });
    expect(all).toHaveLength(ianaTlds().length - 1);
    expect(all).toEqual(expect.arrayContaining(['shop.youtube', 'shop.xn--p1ai']));
    const psl = only('tld-swap', 'shop.com', { tldFamily: 'none', publicSuffixes: true });
    expect(psl).toEqual(expect.arrayContaining(['shop.blogspot.com', 'shop.br.com']));
    // Under a multi-label suffix: the last label and the whole suffix replaced.
    expect(only('tld-swap', 'bank.co.uk')).toEqual(expect.arrayContaining(['bank.co.de', 'bank.de', 'bank.com']));
  });

  it('wrong-sld: another second-level suffix under the same TLD, multi-label suffixes only', () => {
    const names = only('wrong-sld', 'bank.co.uk');
    expect(names).toEqual(expect.arrayContaining(['bank.ac.uk', 'bank.org.uk', 'bank.me.uk', 'bank.ltd.uk']));
    expect(names).not.toContain('bank.co.uk');
    expect(only('wrong-sld', 'bank.com')).toEqual([]);
  });

  it('add-tld: a TLD of the family after the name', () => {
    expect(only('add-tld', 'circl.lu', { tldFamily: 'none' })).toEqual([]);
    expect(only('add-tld', 'circl.lu')).toEqual(expect.arrayContaining(['circl.lu.com', 'circl.lu.de']));
    expect(only('add-tld', 'circl.lu', { tldFamily: 'all' })).toHaveLength(ianaTlds().length);
  });

  it('change-order: one character moved anywhere (transposition included)', () => {
    expect(only('change-order', 'abc.com')).toEqual(['acb.com', 'bac.com', 'bca.com', 'cab.com']);
  });

  it('double-replacement: two characters replaced by a doubled one', () => {
    const names = only('double-replacement', 'abc.com');
    expect(names).toEqual(expect.arrayContaining(['xxc.com', 'axx.com', 'abxx.com', 'bbc.com', 'acc.com']));
    expect(names).toHaveLength(3 * 36 - 0);
  });

  it('missing-dot, strip-hyphen, dot-to-hyphen: dots and hyphens left out or swapped', () => {
    expect(only('missing-dot', 'circl.lu')).toEqual(['circllu.com', 'wwwcircllu.com']);
    expect(only('missing-dot', 'www.circl.lu')).toEqual(expect.arrayContaining(['wwwcircl.lu', 'www.circllu', 'wwwcircllu.com']));
    expect(only('strip-hyphen', 'a-b-c.com')).toEqual(['a-bc.com', 'ab-c.com', 'abc.com']);
    expect(only('dot-to-hyphen', 'sub.circl.lu', { tldFamily: 'none' })).toEqual(['sub-circl.lu', 'sub.circl-lu']);
    expect(only('dot-to-hyphen', 'sub.circl.lu')).toEqual(expect.arrayContaining(['sub-circl-lu.com', 'sub.circl-lu.de']));
  });

  it('misspelling, homophone, numeral-swap: word lists', () => {
    expect(only('misspelling', 'acheive.org')).toEqual(['achieve.org']);
    expect(only('misspelling', 'achieve.org')).toEqual(expect.arrayContaining(['acheive.org']));
    expect(only('homophone', 'accept.com')).toEqual(['except.com']);
    expect(only('numeral-swap', 'one2free.com')).toEqual(sorted(['12free.com', 'first2free.com', 'onetwofree.com', 'onesecondfree.com']));
    expect(only('numeral-swap', 'paypal.com')).toEqual([]);
  });

  it('mixed-script: one and two Latin letters replaced by TR39 Cyrillic or Greek confusables', () => {
    // a: Cyrillic а, Greek α; o: Cyrillic о, Greek ο and σ -> 2 + 3 single, 2 × 3 double substitutions.
    expect(latinConfusables().get('a')).toEqual(expect.arrayContaining(['а', 'α']));
    const names = only('mixed-script', 'ao.com');
    expect(names).toHaveLength(11);
    expect(names).toEqual(expect.arrayContaining([ascii('аo.com'), ascii('aο.com'), ascii('αо.com')]));
    const paypal = only('mixed-script', 'paypal.com');
    expect(paypal).toEqual(expect.arrayContaining([ascii('pаypal.com'), ascii('paypаl.com'), ascii('ρaypal.com'), ascii('pаypаl.com')]));
    for (const name of paypal) expect(name).toMatch(/^xn--/);
  });

  it('dynamic-dns: only when asked, the name with hyphens under each dynamic-DNS suffix', () => {
    expect(generatePermutations('circl.lu').some((p) => p.algorithms.includes('dynamic-dns'))).toBe(false);
    const names = generatePermutations('circl.lu', { dynamicDns: true }).filter((p) => p.algorithms.includes('dynamic-dns')).map((p) => p.domain);
    expect(names).toEqual(expect.arrayContaining(['circl-lu.duckdns.org', 'circl-lu.dyndns.org']));
    expect(names.length).toBeGreaterThan(30_000);
  });

  it('various: TLD and subdomain confusions', () => {
    expect(only('various', 'shop.com')).toEqual(['shopcom.com']);
    expect(only('various', 'shop.de')).toEqual(sorted(['shopde.de', 'shop-de.com', 'shopde.com']));
    expect(only('various', 'shop.co.uk')).toEqual(sorted(['shop.uk', 'shopco.uk']));
    expect(only('various', 'a.b.shop.com')).toEqual(
      sorted(['a.b.shopcom.com', 'a.bshop.com', 'abshop.com', 'a.b-shop.com', 'a-b-shop.com']),
    );
  });

  it('combosquatting: the built-in dictionary and brand keywords around the label', () => {
    const names = only('combosquatting', 'acme.com');
    expect(combosquattingWords().length).toBeGreaterThan(750);
    expect(names).toHaveLength(4 * combosquattingWords().length);
    expect(names).toEqual(expect.arrayContaining(['acme-login.com', 'login-acme.com', 'acmelogin.com', 'loginacme.com']));
    expect(names).toEqual(expect.arrayContaining(DEFAULT_COMBOSQUATTING_KEYWORDS.map((k) => `acme-${k}.com`)));
    expect(names).toEqual(expect.arrayContaining(['acme-shipping.com', 'acmewallet.com', 'invoice-acme.com']));
    const withBrandWord = only('combosquatting', 'acme.com', { keywords: ['roadrunner'] });
    expect(withBrandWord).toHaveLength(names.length + 4);
    expect(withBrandWord).toContain('acme-roadrunner.com');
    expect(only('combosquatting', 'www.acme.co.uk', { keywords: ['Portal', ' portal '], combosquattingDictionary: false })).toEqual(
      sorted(['www.acme-portal.co.uk', 'www.portal-acme.co.uk', 'www.acmeportal.co.uk', 'www.portalacme.co.uk']),
    );
    expect(only('combosquatting', 'münchen.de', { keywords: ['login'], combosquattingDictionary: false })).toEqual(
      sorted(['xn--mnchen-login-dlb.de', 'xn--login-mnchen-jlb.de', 'xn--mnchenlogin-thb.de', 'xn--loginmnchen-yhb.de']),
    );
  });
});

describe('shipped lists', () => {
  const dir = join(__dirname, '../../activities/eavd/permutations/lists');
  it('has a provenance record for each file, and each record a file', () => {
    const records = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Array<{ file: string; source: string; version: string }>;
    const files = readdirSync(dir).filter((f) => f !== 'sources.json').sort();
    expect(records.map((r) => r.file).sort()).toEqual(files);
    for (const r of records) {
      expect(existsSync(join(dir, r.file))).toBe(true);
      expect(r.source).not.toBe('');
      expect(r.version).not.toBe('');
    }
  });

  it('parse into what the engine needs', () => {
    expect(ianaTlds().length).toBeGreaterThan(1400);
    expect(ianaTlds()).toEqual(expect.arrayContaining(['com', 'lu', 'xn--p1ai']));
    expect(combosquattingWords().every((w) => /^[a-z0-9]+$/.test(w))).toBe(true);
    expect(new Set(combosquattingWords()).size).toBe(combosquattingWords().length);
    expect(latinConfusables().get('o')).toEqual(expect.arrayContaining(['о', 'ο']));
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

  it('encodes plain Latin, Greek and Cyrillic names directly, exactly as domainToASCII does', () => {
    expect(punycode('münchen')).toBe('mnchen-3ya');
    expect(punycode('ьаԁ')).toBe('80a9cw3a');
    const glyphs = [...Object.values(GLYPHS_UNICODE), ...Object.values(AIL_GLYPHS), ...latinConfusables().values()].flat();
    // Each glyph inside a name, plus characters UTS #46 maps (ß stays, ǅ -> dž, ﬁ -> fi), marks and RTL letters.
    const names = [...glyphs, 'ß', 'ǅ', 'ﬁ', 'ⅰ', 'a\u0308', '\u0345', 'א', 'ا', '\u200d', '·', 'Ⅻ', 'Ａ'].flatMap((g) => [`a${g}b.com`, `${g}.de`, `x.${g}${g}.org`]);
    for (const name of names) expect({ name, ascii: toAsciiHostname(name) }).toEqual({ name, ascii: toAsciiHostnameSlow(name) });
  });

  it('encodes a new label in an ASCII name exactly as the whole name would be encoded', () => {
    const glyphs = [...Object.values(GLYPHS_UNICODE), ...Object.values(AIL_GLYPHS)].flat();
    const labels = [...glyphs, 'ß', 'ǅ', 'ﬁ', 'a\u0308', 'א', '\u200d', 'Ａ', 'A', '.', 'a.b', '-', 'xn--', 'xn--mnchen-3ya', 'xn--zz', '1', '', 'x'.repeat(64)]
      .flatMap((g) => [g, `a${g}b`, `${g}-${g}`]);
    for (const [before, after] of [['', '.com'], ['www.', '.co.uk'], ['a-b.', '.de'], ['', '']]) {
      for (const label of labels) {
        expect({ before, label, after, ascii: toAsciiHostnameWithLabel(before!, label, after!) }).toEqual({ before, label, after, ascii: toAsciiHostnameSlow(before! + label + after!) });
      }
    }
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
    expect(only('tld-swap', 'shop.com', { tlds: ['x', 'a b'], tldFamily: 'none' })).toEqual([]); // one-letter TLD, space
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

  it('reports each name once, with every algorithm that finds it (the first as fuzzer), and never the original', () => {
    const all = generatePermutations('paypal.com', { dictionary: ['login'], tlds: ['net', 'com'] });
    const names = all.map((p) => p.domain);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('paypal.com');
    const byName = new Map(all.map((p) => [p.domain, p]));
    expect(byName.get('paypall.com')).toEqual({ fuzzer: 'addition', algorithms: ['addition', 'repetition', 'double-replacement'], domain: 'paypall.com' });
    expect(byName.get('paypal-login.com')?.algorithms).toEqual(['dictionary', 'combosquatting']);
    expect(byName.get('paypal.net')?.algorithms).toEqual(['tld-swap']);
    for (const p of all) {
      expect(p.fuzzer).toBe(p.algorithms[0]);
      expect(p.algorithms).toEqual(ALGORITHMS.filter((a) => p.algorithms.includes(a))); // once each, in order
    }
    expect(only('vowel-swap', 'bat.com')).not.toContain('bat.com');
  });

  it('runs every algorithm but the opt-in dynamic-dns by default, in order', () => {
    const found = generatePermutations('my-shop.co.uk', { dictionary: ['x'], tlds: ['net'] });
    const fuzzers = new Set(found.map((p) => p.fuzzer));
    expect([...fuzzers]).toEqual(FUZZERS.filter((f) => fuzzers.has(f))); // grouped, in FUZZERS order
    const used = new Set(found.flatMap((p) => p.algorithms));
    // No Cyrillic hyphen; my, shop: no misspelling, homophone or number word.
    expect(ALGORITHMS.filter((a) => !used.has(a))).toEqual(['cyrillic', 'misspelling', 'homophone', 'numeral-swap', 'dynamic-dns']);
  });

  it('splits by the Public Suffix List for ail\'s algorithms', () => {
    expect(publicSuffix('bank.co.uk')).toBe('co.uk');
    expect(publicSuffix('a.b.kawasaki.jp')).toBe('b.kawasaki.jp'); // *.kawasaki.jp
    expect(publicSuffix('city.kawasaki.jp')).toBe('kawasaki.jp'); // !city.kawasaki.jp
    expect(publicSuffix('shop.xn--p1ai')).toBe('xn--p1ai');
    expect(publicSuffix('host.invalidtld')).toBe('');
    // dnstwist's heuristic sees .co as a TLD; the PSL sees example.org.ua's suffix as org.ua both ways.
    expect(only('omission', 'shop.org.ua')).toEqual(expect.arrayContaining(['hop.org.ua', 'sop.org.ua']));
  });

  it('rejects unknown fuzzers and invalid domains', () => {
    expect(() => generatePermutations('shop.com', { fuzzers: ['nope'] })).toThrow(/unknown fuzzer/);
    expect(() => generatePermutations('localhost')).toThrow(/invalid domain/);
    expect(() => generatePermutations('http://shop.com/')).toThrow(/invalid domain/);
    expect(() => generatePermutations('')).toThrow(/invalid domain/);
  });
});

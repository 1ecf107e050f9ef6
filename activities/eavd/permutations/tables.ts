/**
 * Lookup tables of the permutation engine: keyboard neighbourhoods, homoglyphs and Latin-to-Cyrillic
 * look-alikes. The data is the same as dnstwist's (https://github.com/elceef/dnstwist, Apache-2.0,
 * version 20250130) so that the engine generates at least what dnstwist generates.
 *
 * Glyph tables map a key (one character, or a two-character window such as 'rn') to the strings that
 * can stand in for it. Values written as one string are lists of single code points.
 */

export type GlyphTable = Readonly<Record<string, readonly string[]>>;

const chars = (table: Record<string, string>): GlyphTable =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, Array.from(v)]));

/** Keys adjacent to each key, per keyboard layout. */
export const KEYBOARDS: Readonly<Record<'qwerty' | 'qwertz' | 'azerty', Readonly<Record<string, string>>>> = {
  qwerty: {
    '1': '2q', '2': '3wq1', '3': '4ew2', '4': '5re3', '5': '6tr4', '6': '7yt5', '7': '8uy6', '8': '9iu7', '9': '0oi8', '0': 'po9',
    q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0',
    a: 'qwsz', s: 'edxzaw', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'ikmnhu', k: 'olmji', l: 'kop', z: 'asx',
    x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
  },
  qwertz: {
    '1': '2q', '2': '3wq1', '3': '4ew2', '4': '5re3', '5': '6tr4', '6': '7zt5', '7': '8uz6', '8': '9iu7', '9': '0oi8', '0': 'po9',
    q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6zgfr5', z: '7uhgt6', u: '8ijhz7', i: '9okju8', o: '0plki9', p: 'lo0',
    a: 'qwsy', s: 'edxyaw', d: 'rfcxse', f: 'tgvcdr', g: 'zhbvft', h: 'ujnbgz', j: 'ikmnhu', k: 'olmji', l: 'kop', y: 'asx',
    x: 'ysdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
  },
  azerty: {
    '1': '2a', '2': '3za1', '3': '4ez2', '4': '5re3', '5': '6tr4', '6': '7yt5', '7': '8uy6', '8': '9iu7', '9': '0oi8', '0': 'po9',
    a: '2zq1', z: '3esqa2', e: '4rdsz3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0m',
    q: 'zswa', s: 'edxwqz', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'iknhu', k: 'olji', l: 'kopm', m: 'lp',
    w: 'sxq', x: 'wsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhj',
  },
};

/** ASCII look-alikes, used for every TLD. */
export const GLYPHS_ASCII: GlyphTable = {
  '0': ['o'], '1': ['l', 'i'], '3': ['8'], '6': ['9'], '8': ['3'], '9': ['6'],
  b: ['d', 'lb'], c: ['e'], d: ['b', 'cl', 'dl'], e: ['c'], g: ['q'], h: ['lh'],
  i: ['1', 'l'], k: ['lc'], l: ['1', 'i'], m: ['n', 'nn', 'rn'], n: ['m', 'r'], o: ['0'],
  q: ['g'], u: ['v'], v: ['u'], w: ['vv'], rn: ['m'], cl: ['d'],
};

/** Unicode look-alikes, used when the TLD has no registry-specific table below. */
export const GLYPHS_UNICODE: GlyphTable = chars({
  '2': 'ƻ',
  '3': 'ʒ',
  '5': 'ƽ',
  a: 'ạăȧɑåąâǎáəäãāà',
  b: 'ḃḅƅʙḇɓ',
  c: 'čᴄċçćĉƈ',
  d: 'ďḍḋɖḏɗḓḑđ',
  e: 'êẹęèḛěɇėĕéëēȩ',
  f: 'ḟƒ',
  g: 'ǧġǵğɡǥĝģɢ',
  h: 'ȟḫḩḣɦḥḧħẖⱨĥ',
  i: 'ɩǐíɪỉȋɨïīĩịîıĭįì',
  j: 'ǰĵʝɉ',
  k: 'ĸǩⱪḵķᴋḳ',
  l: 'ĺłɫļľ',
  m: 'ᴍṁḿṃɱ',
  n: 'ņǹńňṅṉṇꞑñŋ',
  o: 'öóȯỏôᴏōòŏơőõọø',
  p: 'ṗƿƥṕ',
  q: 'ʠ',
  r: 'ʀȓɍɾřṛɽȑṙŗŕɼṟ',
  s: 'ṡșŝꜱʂšśṣş',
  t: 'ťƫţṭṫțŧ',
  u: 'ᴜųŭūűǔȕưùůʉúȗüûũụ',
  v: 'ᶌṿᴠⱴⱱṽ',
  w: 'ᴡẇẅẃẘẉⱳŵẁ',
  x: 'ẋẍ',
  y: 'ŷÿʏẏɏƴȳýỿỵ',
  z: 'žƶẓẕⱬᴢżźʐ',
  ae: 'æ',
  oe: 'œ',
});

/** Registry-specific IDN repertoires: TLDs whose registry accepts only these characters (or none). */
const GLYPHS_IDN_BY_TLD_GROUPS: ReadonlyArray<readonly [readonly string[], GlyphTable]> = [
  [['ad', 'cz', 'sk', 'uk', 'co.uk', 'nl', 'edu', 'us'], {}],
  [['jp', 'co.jp', 'ad.jp', 'ne.jp'], {}],
  [['cn', 'com.cn', 'tw', 'com.tw', 'net.tw'], {}],
  [['info'], chars({
    a: 'áäåą', c: 'ćč', e: 'éėę', i: 'íį',
    l: 'ł', n: 'ñń', o: 'óöøő', s: 'śš',
    u: 'úüūűų', z: 'źżž', ae: 'æ',
  })],
  [['br', 'com.br'], chars({
    a: 'àáâã', c: 'ç', e: 'éê', i: 'í',
    o: 'óôõ', u: 'úü', y: 'ýÿ',
  })],
  [['dk'], chars({
    a: 'äå', e: 'é', o: 'öø', u: 'ü',
    ae: 'æ',
  })],
  [['eu', 'de', 'pl'], chars({
    a: 'áàăâåäãąā', c: 'ćĉčċç', d: 'ďđ', e: 'éèĕêěëėęē',
    g: 'ğĝġģ', h: 'ĥħ', i: 'íìĭîïĩįī', j: 'ĵ',
    k: 'ķĸ', l: 'ĺľļł', n: 'ńňñņ', o: 'óòŏôöőõøō',
    r: 'ŕřŗ', s: 'śŝšş', t: 'ťţŧ', u: 'úùŭûůüűũųū',
    w: 'ŵ', y: 'ýŷÿ', z: 'źžż', ae: 'æ',
    oe: 'œ',
  })],
  [['fi'], chars({
    '3': 'ʒ', a: 'áäåâ', c: 'č', d: 'đ',
    g: 'ǧǥ', k: 'ǩ', n: 'ŋ', o: 'õö',
    s: 'š', t: 'ŧ', z: 'ž',
  })],
  [['no'], chars({
    a: 'áàäå', c: 'čç', e: 'éèê', i: 'ï',
    n: 'ŋńñ', o: 'óòôöø', s: 'š', t: 'ŧ',
    u: 'ü', z: 'ž', ae: 'æ',
  })],
  [['be', 'fr', 're', 'yt', 'pm', 'wf', 'tf', 'ch', 'li'], chars({
    a: 'àáâãäå', c: 'ç', e: 'èéêë', i: 'ìíîï',
    n: 'ñ', o: 'òóôõö', u: 'ùúûü', y: 'ýÿ',
    ae: 'æ', oe: 'œ',
  })],
  [['ca'], chars({
    a: 'àâ', c: 'ç', e: 'èéêë', i: 'îï',
    o: 'ô', u: 'ùûü', y: 'ÿ', ae: 'æ',
    oe: 'œ',
  })],
];

export const GLYPHS_IDN_BY_TLD: ReadonlyMap<string, GlyphTable> = new Map(
  GLYPHS_IDN_BY_TLD_GROUPS.flatMap(([tlds, table]) => tlds.map((tld) => [tld, table] as const)),
);

/** Latin letters and the Cyrillic letter that renders the same. */
export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'ь', c: 'с', d: 'ԁ', e: 'е', g: 'ԍ', h: 'һ',
  i: 'і', j: 'ј', k: 'к', l: 'ӏ', m: 'м', o: 'о', p: 'р',
  q: 'ԛ', s: 'ѕ', t: 'т', v: 'ѵ', w: 'ԝ', x: 'х', y: 'у',
};

/**
 * ail-typo-squatting's look-alike table (SIMILAR_CHAR in its generator/const/main.py, version 2.7.6,
 * BSD-2-Clause, CIRCL), used by its homoglyph algorithm; keys are single characters.
 */
export const AIL_GLYPHS: GlyphTable = {
  '0': ['o'], '1': ['l', 'i', 'ı'], '2': ['ƻ'], '5': ['ƽ'],
  a: Array.from('àáâãäåɑạǎăȧąə'),
  b: ['d', ...Array.from('ʙɓḃḅḇƅ')],
  c: ['e', ...Array.from('ƈċćçčĉᴄ')],
  d: ['b', 'cl', ...Array.from('ɗđďɖḑḋḍḏḓ')],
  e: ['c', ...Array.from('éèêëēĕěėẹęȩɇḛ')],
  f: Array.from('ƒḟ'),
  g: ['q', ...Array.from('ɢɡġğǵģĝǧǥ')],
  h: Array.from('ĥȟħɦḧḩⱨḣḥḫẖ'),
  i: ['1', 'l', ...Array.from('íìïıɩǐĭỉịɨȋīɪ')],
  j: Array.from('ʝǰɉĵ'),
  k: ['lc', ...Array.from('ḳḵⱪķᴋ')],
  l: ['1', 'i', ...Array.from('ɫłıɩ')],
  m: ['n', 'nn', 'rn', 'rr', ...Array.from('ṁṃᴍɱḿ')],
  n: ['m', 'r', ...Array.from('ńṅṇṉñņǹňꞑ')],
  o: ['0', ...Array.from('ȯọỏơóöᴏ')],
  p: Array.from('ƿƥṕṗ'),
  q: ['g', 'ʠ'],
  r: Array.from('ʀɼɽŕŗřɍɾȓȑṙṛṟ'),
  s: Array.from('ʂśṣṡșŝšꜱ'),
  t: Array.from('ţŧṫṭțƫ'),
  u: Array.from('ᴜǔŭüʉùúûũūųưůűȕȗụ'),
  v: Array.from('ṿⱱᶌṽⱴᴠ'),
  w: ['vv', ...Array.from('ŵẁẃẅⱳẇẉẘᴡ')],
  x: Array.from('ẋẍ'),
  y: Array.from('ʏýÿŷƴȳɏỿẏỵ'),
  z: Array.from('ʐżźᴢƶẓẕⱬ'),
};

/** Digits and the words for them (ail-typo-squatting's NUMERAL, version 2.7.6, BSD-2-Clause). */
export const NUMERALS: ReadonlyArray<readonly string[]> = [
  ['0', 'zero'],
  ['1', 'one', 'first'],
  ['2', 'two', 'second'],
  ['3', 'three', 'third'],
  ['4', 'four', 'fourth', 'for'],
  ['5', 'five', 'fifth'],
  ['6', 'six', 'sixth'],
  ['7', 'seven', 'seventh'],
  ['8', 'eight', 'eighth'],
  ['9', 'nine', 'ninth'],
];

/**
 * Generic TLDs swapped to by default, with every two-letter (country-code) TLD of the IANA list: the
 * original and most registered gTLDs, and the new ones most seen in phishing names.
 */
export const COMMON_GTLDS: readonly string[] = [
  'com', 'net', 'org', 'info', 'biz', 'name', 'pro', 'mobi', 'asia', 'xyz', 'online', 'site', 'top', 'shop',
  'store', 'app', 'dev', 'cloud', 'live', 'tech', 'club', 'vip', 'link', 'click', 'email', 'support', 'services',
  'security', 'bank', 'icu', 'website', 'space', 'digital', 'world',
];

/** Punycode (RFC 3492) decoding of `xn--` labels, so an IDN domain is shown as Unicode beside its ASCII form. */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

const digit = (c: number): number => (c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : BASE);

/** One label's Unicode form; null when it is not valid punycode. */
export function decodeLabel(encoded: string): string | null {
  const out: number[] = [];
  const end = encoded.lastIndexOf('-');
  for (let j = 0; j < Math.max(end, 0); j++) {
    if (encoded.charCodeAt(j) >= 0x80) return null;
    out.push(encoded.charCodeAt(j));
  }
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let idx = end > 0 ? end + 1 : 0; idx < encoded.length; ) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (idx >= encoded.length) return null;
      const d = digit(encoded.charCodeAt(idx++));
      if (d >= BASE) return null;
      i += d * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - old, out.length + 1, old === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

/** The domain with its `xn--` labels decoded; the input itself when none is (or one is not valid). */
export function domainToUnicode(domain: string): string {
  const labels = domain.split('.').map((l) => (/^xn--/i.test(l) ? decodeLabel(l.slice(4).toLowerCase()) : l));
  return labels.some((l) => l === null) ? domain : labels.join('.');
}

/** The ASCII (punycode) form of a domain that holds Unicode, by the browser's own URL parser. */
export function domainToAscii(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return domain;
  }
}

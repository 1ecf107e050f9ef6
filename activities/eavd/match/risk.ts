/**
 * Risk signals of a host name on its own, in the manner of phishing_catcher's scoring of certificate
 * transparency names: a suspicious TLD, lure words, many hyphens, many subdomain levels, a random-looking
 * label, an IDN label, a free-hosting or dynamic-DNS parent. Each signal that fires is a reason with its
 * points, so a score always comes with the facts that earned it.
 */

export interface MatchReason {
  /** What kind of fact: the similarity to the brand, or a risk signal of the name itself. */
  signal:
    | 'candidate'
    | 'confusable-skeleton'
    | 'edit-distance'
    | 'brand-containment'
    | 'suspicious-tld'
    | 'suspicious-word'
    | 'brand-keyword'
    | 'hyphens'
    | 'subdomain-levels'
    | 'entropy'
    | 'idn'
    | 'free-hosting';
  points: number;
  reason: string;
}

/** TLDs that cheap or free registration makes common in phishing (abuse reports of the last years). */
export const SUSPICIOUS_TLDS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'xyz', 'top', 'club', 'online', 'site', 'icu', 'live', 'shop', 'store', 'work', 'click', 'link',
  'support', 'buzz', 'rest', 'cam', 'country', 'gq', 'ga', 'ml', 'cf', 'tk', 'pw', 'cc', 'su', 'ws', 'info',
  'biz', 'fit', 'loan', 'men', 'win', 'bid', 'date', 'review', 'stream', 'download', 'racing', 'party', 'science',
  'trade', 'webcam', 'accountant', 'faith', 'cricket', 'kim', 'sbs', 'cfd', 'monster', 'quest', 'beauty',
  'hair', 'lol', 'cyou', 'bond', 'autos', 'today', 'vip', 'help', 'services', 'network', 'digital',
]);

/** Words phishing names use to look like a login, payment or support page. */
export const SUSPICIOUS_WORDS: readonly string[] = [
  'login', 'log-in', 'signin', 'sign-in', 'logon', 'secure', 'verify', 'verification', 'account', 'update', 'billing',
  'password', 'passwd', 'wallet', 'webscr', 'confirm', 'banking', 'recover', 'unlock', 'support', 'helpdesk',
  'auth', 'sso', 'invoice', 'payment', 'refund', 'suspend', 'validate', 'customer', 'service', 'security', 'alert',
  'authenticate', 'credential', 'outlook', 'office365', 'webmail', 'portal', 'claim', 'bonus', 'gift',
];

/** Parents under which anybody gets a name for free (hosting, tunnels, dynamic DNS): a brand is never there. */
export const FREE_HOSTING_PARENTS: readonly string[] = [
  '000webhostapp.com', 'weebly.com', 'wixsite.com', 'blogspot.com', 'github.io', 'gitlab.io', 'herokuapp.com',
  'netlify.app', 'vercel.app', 'web.app', 'firebaseapp.com', 'pages.dev', 'workers.dev', 'glitch.me',
  'azurewebsites.net', 'cloudfront.net', 'appspot.com', 'repl.co', 'ngrok.io', 'ngrok-free.app', 'trycloudflare.com',
  'duckdns.org', 'no-ip.com', 'no-ip.org', 'no-ip.biz', 'ddns.net', 'hopto.org', 'zapto.org', 'sytes.net',
  'dynu.net', 'freeddns.org', 'dyndns.org', 'myftp.org', 'serveo.net', 'ipfs.io', 'sites.google.com', 'godaddysites.com',
  'square.site', 'webflow.io', 'framer.app', 'r2.dev', 'myshopify.com',
];

const FREE_HOSTING: ReadonlySet<string> = new Set(FREE_HOSTING_PARENTS);

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The free-hosting or dynamic-DNS parent of an ASCII name, if any (a suffix of whole labels). */
export function freeHostingParent(name: string): string | null {
  let i = name.indexOf('.');
  while (i !== -1) {
    const parent = name.slice(i + 1);
    if (FREE_HOSTING.has(parent)) return parent;
    i = name.indexOf('.', i + 1);
  }
  return null;
}

export interface NameParts {
  /** The ASCII name. */
  name: string;
  /** Labels before the registrable label. */
  subdomain: string;
  /** The registrable label (ASCII). */
  label: string;
  /** The public suffix (one or two labels). */
  tld: string;
}

/**
 * Entropy of a label (of ENTROPY_MIN_LENGTH characters or more) from which it looks generated rather
 * than chosen: 12 distinct characters make 3.6 bits. Long labels made of words reach that too
 * (`secure-login-paypal-verify` has 3.8), so only a label that is also unlike words counts: 3 digits
 * or more, or fewer than one vowel in four letters.
 */
export const ENTROPY_THRESHOLD = 3.5;
export const ENTROPY_MIN_LENGTH = 10;

function looksGenerated(label: string): boolean {
  let digits = 0;
  let letters = 0;
  let vowels = 0;
  for (const ch of label) {
    if (ch >= '0' && ch <= '9') digits++;
    else if (ch >= 'a' && ch <= 'z') {
      letters++;
      if ('aeiouy'.includes(ch)) vowels++;
    }
  }
  return digits >= 3 || (letters > 0 && vowels / letters < 0.25);
}

/**
 * The risk reasons of a name; `lureWords` are the brand's own keywords (they count like suspicious words,
 * once each). Costs O(W·L) for W words and a name of L characters.
 */
export function riskSignals(parts: NameParts, lureWords: readonly string[] = []): MatchReason[] {
  const out: MatchReason[] = [];
  const { name, subdomain, label, tld } = parts;
  const lastLabel = tld.slice(tld.lastIndexOf('.') + 1);
  if (SUSPICIOUS_TLDS.has(lastLabel)) out.push({ signal: 'suspicious-tld', points: 2, reason: `suspicious TLD .${lastLabel}` });
  const words = new Set<string>();
  for (const w of SUSPICIOUS_WORDS) if (name.includes(w)) words.add(w);
  // "log-in" and "login" both found in "log-in" is one word; keep the longest of overlapping finds.
  for (const w of [...words]) for (const other of words) if (other !== w && other.includes(w)) words.delete(w);
  let wordPoints = 0;
  for (const w of words) {
    if (wordPoints >= 6) break;
    out.push({ signal: 'suspicious-word', points: 2, reason: `lure word '${w}'` });
    wordPoints += 2;
  }
  for (const k of lureWords) {
    if (k.length < 3 || words.has(k) || !name.includes(k)) continue;
    out.push({ signal: 'brand-keyword', points: 2, reason: `the brand's lure keyword '${k}'` });
    break;
  }
  let hyphens = 0;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 0x2d) hyphens++;
  if (name.includes('xn--')) hyphens -= 2 * (name.split('xn--').length - 1);
  if (hyphens >= 3) out.push({ signal: 'hyphens', points: hyphens >= 5 ? 2 : 1, reason: `${hyphens} hyphens` });
  const levels = subdomain === '' ? 0 : subdomain.split('.').length;
  if (levels >= 3) out.push({ signal: 'subdomain-levels', points: levels >= 5 ? 2 : 1, reason: `${levels} subdomain levels` });
  let entropy = 0;
  let randomLabel = '';
  for (const l of (subdomain === '' ? label : `${subdomain}.${label}`).split('.')) {
    if (l.length < ENTROPY_MIN_LENGTH || l.startsWith('xn--') || !looksGenerated(l)) continue;
    const h = shannonEntropy(l);
    if (h > entropy) [entropy, randomLabel] = [h, l];
  }
  if (entropy >= ENTROPY_THRESHOLD) out.push({ signal: 'entropy', points: 1, reason: `random-looking label '${randomLabel}' (entropy ${entropy.toFixed(2)} bits/char)` });
  if (name.startsWith('xn--') || name.includes('.xn--')) out.push({ signal: 'idn', points: 1, reason: 'internationalised (punycode) label' });
  const parent = freeHostingParent(name);
  if (parent) out.push({ signal: 'free-hosting', points: 2, reason: `free-hosting or dynamic-DNS parent ${parent}` });
  return out;
}

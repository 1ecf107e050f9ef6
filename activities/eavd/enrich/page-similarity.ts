import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * Cloned-site detection: how much a lookalike's web page looks like the brand's.
 *
 * A page is fetched from the address the sweep resolved (never through the system resolver,
 * which may not see what the configured resolvers see), with the name in `Host` and SNI;
 * HTTPS first, then HTTP; certificates are not verified (a phishing kit's certificate is the
 * point, not a reason to look away); no redirect is followed; at most 512 KiB is read.
 *
 * Similarity is explainable: the Jaccard index of the visible text's word trigrams, and of the
 * page structure (consecutive tag pairs, form fields by type), weighted 60/40.
 */
export interface PageFetchOptions {
  httpPort: number;
  httpsPort: number;
  timeoutMs: number;
}

export interface Fingerprint {
  title: string;
  text: Set<string>;
  structure: Set<string>;
}

const MAX_BYTES = 512 * 1024;

function get(scheme: 'http' | 'https', domain: string, ip: string, o: PageFetchOptions): Promise<string | null> {
  return new Promise((resolve) => {
    const common = { host: ip, path: '/', method: 'GET', headers: { host: domain, 'user-agent': 'Mozilla/5.0 (capeo cloned-site check)', accept: 'text/html' }, timeout: o.timeoutMs };
    const onResponse = (res: IncomingMessage) => {
      if (res.statusCode !== 200 || !/html/i.test(res.headers['content-type'] ?? 'text/html')) {
        res.resume();
        resolve(null);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BYTES) chunks.push(c);
        else res.destroy();
      });
      res.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', () => resolve(chunks.length ? Buffer.concat(chunks).toString('utf8') : null));
    };
    const req =
      scheme === 'https'
        ? httpsRequest({ ...common, port: o.httpsPort, servername: domain, rejectUnauthorized: false }, onResponse)
        : httpRequest({ ...common, port: o.httpPort }, onResponse);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    // The socket timeout only fires on silence: a page dripped byte by byte needs a deadline of its own.
    const deadline = setTimeout(() => req.destroy(new Error('deadline')), o.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** The page served for `domain` at one of its addresses, or null when none answers a 200 HTML page. */
export async function fetchPage(domain: string, ips: string[], o: PageFetchOptions): Promise<string | null> {
  for (const ip of ips.slice(0, 2)) {
    for (const scheme of ['https', 'http'] as const) {
      const page = await get(scheme, domain, ip, o);
      if (page) return page;
    }
  }
  return null;
}

const decode = (s: string) =>
  s
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/g, "'");

export function fingerprint(html: string): Fingerprint {
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const title = decode(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(cleaned)?.[1] ?? '').replace(/\s+/g, ' ').trim();
  const words = decode(cleaned.replace(/<[^>]*>/g, ' '))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  const text = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) text.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  if (words.length > 0 && words.length < 3) text.add(words.join(' '));
  const tags = [...cleaned.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)].map((m) => {
    const tag = m[1]!.toLowerCase();
    const type = tag === 'input' ? /\btype\s*=\s*["']?([a-z]+)/i.exec(m[2] ?? '')?.[1]?.toLowerCase() : undefined;
    return type ? `${tag}:${type}` : tag;
  });
  const structure = new Set<string>();
  for (let i = 0; i + 1 < tags.length; i++) structure.add(`${tags[i]}>${tags[i + 1]}`);
  for (const t of tags) if (t.startsWith('input:') || t === 'form') structure.add(t);
  return { title, text, structure };
}

const jaccard = (a: Set<string>, b: Set<string>): number => {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
};

/** 0 (nothing in common) to 1 (the same page). */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  return Math.round((0.6 * jaccard(a.text, b.text) + 0.4 * jaccard(a.structure, b.structure)) * 100) / 100;
}

/** Compares candidates' pages with the brands' pages; a brand page is fetched once per instance and kept for `brandTtlMs`. */
export class PageSimilarity {
  private readonly brands = new Map<string, { at: number; page: Promise<Fingerprint | null> }>();

  constructor(
    private readonly options: PageFetchOptions,
    private readonly brandTtlMs = 3_600_000,
  ) {}

  private brand(domain: string, ips: string[]): Promise<Fingerprint | null> {
    const cached = this.brands.get(domain);
    if (cached && Date.now() - cached.at < this.brandTtlMs) return cached.page;
    const page = fetchPage(domain, ips, this.options).then((html) => (html ? fingerprint(html) : null));
    this.brands.set(domain, { at: Date.now(), page });
    return page;
  }

  /** The highest similarity of the candidate's page with any brand's page; null when a page cannot be fetched. */
  async compare(candidate: { domain: string; ips: string[] }, brands: Array<{ domain: string; ips: string[] }>): Promise<number | null> {
    if (candidate.ips.length === 0) return null;
    const html = await fetchPage(candidate.domain, candidate.ips, this.options);
    if (!html) return null;
    const page = fingerprint(html);
    let best: number | null = null;
    for (const b of brands) {
      const brandPage = await this.brand(b.domain, b.ips);
      if (brandPage) best = Math.max(best ?? 0, similarity(page, brandPage));
    }
    return best;
  }
}

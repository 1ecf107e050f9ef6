import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

const WEB = join(__dirname, '..', 'web');

/**
 * The web board's policy: scripts, styles and connections from this origin only, no inline script or
 * style, no plugins, no framing, no base or form target elsewhere.
 */
export const contentSecurityPolicy = (oidcIssuer?: string) => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // With single sign-on, the provider's discovery document and token endpoint too.
  `connect-src 'self'${oidcIssuer ? ` ${new URL(oidcIssuer).origin}` : ''}`,
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // The released report is shown in a sandboxed frame (no scripts) from a blob of what the API answered.
  "frame-src blob:",
].join('; ');

const securityHeaders = (oidcIssuer?: string) => ({
  'content-security-policy': contentSecurityPolicy(oidcIssuer),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
});

/** What the board needs to know of the deployment: where the Temporal Web UI is, for links to a mission's workflow. */
export interface WebSettings {
  temporalUiUrl?: string;
  namespace?: string;
  /** Single sign-on (authorization code with PKCE) with this provider and public client, when configured. */
  oidc?: { issuer: string; clientId: string; scope: string };
}

interface Asset {
  body: string;
  type: string;
  etag: string;
}

/** The board's script and style, bundled by esbuild from web/src when the API starts (in memory, a second or less). */
export async function buildWebAssets(): Promise<Record<'app.js' | 'app.css', Asset>> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(WEB, 'src', 'main.tsx')],
    bundle: true,
    write: false,
    outdir: join(WEB, 'out'),
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const asset = (ext: string, type: string): Asset => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`the web build made no ${ext}`);
    return { body: file.text, type, etag: `"${createHash('sha256').update(file.text).digest('hex').slice(0, 32)}"` };
  };
  return { 'app.js': asset('.js', 'text/javascript; charset=utf-8'), 'app.css': asset('.css', 'text/css; charset=utf-8') };
}

/**
 * The web board, served by the API from its own origin: the page at `/` and under `/ui/`, its
 * bundle under `/ui/assets/`. The page itself holds no data and no key: it signs in with a key kept
 * in session storage and calls the API like any client. Not in the OpenAPI document.
 */
export async function webRoutes(app: FastifyInstance, settings: WebSettings): Promise<void> {
  const [assets, html] = await Promise.all([buildWebAssets(), readFile(join(WEB, 'index.html'), 'utf8')]);
  const settingsBody = JSON.stringify({ temporalUiUrl: settings.temporalUiUrl ?? null, namespace: settings.namespace ?? 'default', oidc: settings.oidc ?? null });
  const security = securityHeaders(settings.oidc?.issuer);
  app.get('/ui/assets/settings.json', { schema: { hide: true } }, (_req, reply) => reply.headers(security).type('application/json').send(settingsBody));
  const page = (_: unknown, reply: FastifyReply) => reply.headers({ ...security, 'cache-control': 'no-cache' }).type('text/html; charset=utf-8').send(html);
  app.get('/', { schema: { hide: true } }, page);
  app.get('/ui', { schema: { hide: true } }, page);
  app.get('/ui/*', { schema: { hide: true } }, page);
  for (const [name, asset] of Object.entries(assets)) {
    app.get(`/ui/assets/${name}`, { schema: { hide: true } }, (req, reply) => {
      reply.headers({ ...security, etag: asset.etag, 'cache-control': 'no-cache' });
      if (req.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.type(asset.type).send(asset.body);
    });
  }
}

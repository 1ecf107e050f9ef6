import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** docker-compose.yml read as `docker compose config` would read it with nothing set in the environment (for the unit tests). */
const root = join(__dirname, '..', '..');

export interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
export interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target?: number | string; published?: number | string })[];
  expose?: (string | number)[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
  deploy?: { replicas?: number };
}
export interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

export const loadCompose = (): Compose => parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;

/** Compose interpolation as `docker compose config` does it with nothing set in the environment. */
export function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (match === '$$') return '$';
      if (op === ':-' || op === '-') return arg ?? '';
      if (op === ':?' || op === '?') throw new Error(`${name} must be set: ${arg}`);
      return '';
    },
  );
}

/** A service's environment as name → value (undefined: passed through from the host, i.e. unset here). */
export function envOf(service: Service): Record<string, string | undefined> {
  const raw = service.environment ?? {};
  const pairs: [string, unknown][] = Array.isArray(raw)
    ? raw.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, undefined] : [entry.slice(0, eq), entry.slice(eq + 1)];
      })
    : Object.entries(raw);
  return Object.fromEntries(
    pairs.map(([name, value]) => [
      name,
      value === undefined || value === null ? undefined : interpolate(typeof value === 'string' ? value : String(value)),
    ]),
  );
}

export const rawEnvValues = (service: Service): unknown[] =>
  Array.isArray(service.environment) ? [] : Object.values(service.environment ?? {});

export const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(' ') : (v ?? ''));

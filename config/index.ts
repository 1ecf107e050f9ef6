import { z } from 'zod';
import { ctLogsSchema } from './ct-logs';
import { integrationsSchema } from './integrations';

/**
 * The one place that reads process.env. Every setting capeo knows is listed
 * here; README's configuration table is checked against this schema by a test.
 * Temporal connection settings follow Temporal's own environment-configuration
 * names (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*).
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  CAPEO_TASK_QUEUE: z.string().min(1).default('capeo-missions'),
  CAPEO_API_HOST: z.string().min(1).default('127.0.0.1'),
  CAPEO_API_PORT: port.default(8080),
  CAPEO_DATA_DIR: z.string().min(1).default('data'),
  CAPEO_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL URL: postgres://user:password@host:port/database')
    .optional(),
  CAPEO_STORE_PORT: port.default(5433),
  CAPEO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  CAPEO_INTEL_DIR: z.string().min(1).default('samples/intel'),
  CAPEO_LOG_DIR: z.string().min(1).default('samples/logs'),
  CAPEO_SIGMA_MAPPING: z.string().min(1).optional(),
  CAPEO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  CAPEO_API_KEYS_FILE: z.string().min(1).optional(),
  CAPEO_BOOTSTRAP_ADMIN_KEY: z.string().min(24, 'at least 24 characters').optional(),
  CAPEO_OIDC_ISSUER: z.url().optional(),
  CAPEO_OIDC_AUDIENCE: z.string().min(1).optional(),
  CAPEO_OIDC_JWKS_URL: z.url().optional(),
  CAPEO_OIDC_ROLE_CLAIM: z.string().min(1).default('capeo_role'),
  CAPEO_OIDC_SUBJECT_CLAIM: z.string().min(1).default('sub'),
  CAPEO_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CAPEO_OIDC_SCOPE: z.string().min(1).default('openid'),
  CAPEO_DNS_SERVERS: z
    .string()
    .regex(/^[\d.:[\]a-fA-F]+(,[\d.:[\]a-fA-F]+)*$/, 'comma-separated resolver addresses: ip, ip:port or [ipv6]:port')
    .optional(),
  CAPEO_DNS_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  CAPEO_DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  CAPEO_CT_URL: z.url().default('https://crt.sh'),
  CAPEO_CT_LOGS: ctLogsSchema.optional(),
  CAPEO_CT_BACKFILL: z.coerce.number().int().min(0).default(0),
  CAPEO_CT_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  CAPEO_RDAP_BOOTSTRAP_URL: z.url().default('https://data.iana.org/rdap/dns.json'),
  CAPEO_PAGE_SIMILARITY: bool.default(false),
  CAPEO_NRD_FEEDS: z
    .string()
    .regex(/^[^,\s]+(,[^,\s]+)*$/, 'comma-separated file paths or http(s) URLs of newly-registered-domain lists')
    .optional(),
  CAPEO_NRD_FEED_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a UTC time of day, HH:MM')
    .default('06:00'),
  CAPEO_PAGE_HTTP_PORT: port.default(80),
  CAPEO_PAGE_HTTPS_PORT: port.default(443),
  CAPEO_TEMPORAL_PORT: port.default(7233),
  CAPEO_TEMPORAL_UI_PORT: port.default(8233),
  CAPEO_TEMPORAL_UI_URL: z.url().optional(),
  CAPEO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...integrationsSchema.shape,
});

export type Config = z.infer<typeof configSchema>;

/** Settings that have neither a default nor are optional: deployments must set them. */
export const requiredSettings = (): string[] =>
  Object.entries(configSchema.shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

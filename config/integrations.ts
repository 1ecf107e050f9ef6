import { z } from 'zod';

/**
 * Integration settings: which adapter each port uses, and each adapter's settings.
 * Secrets (tokens, passwords, signing keys) are read here and handed to adapters
 * in the worker; they never enter workflow inputs, history or logs. Each setting
 * is documented on its integration's page under docs/integrations/.
 */
const secret = z.string().min(1);
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const NOTIFY_CHANNELS = ['outbox', 'smtp', 'slack', 'teams', 'webhook'] as const;

export const integrationsSchema = z.object({
  // Which adapter serves each port.
  CAPEO_TIP: z.enum(['local', 'misp', 'taxii', 'opencti']).default('local'),
  CAPEO_SIEM: z.enum(['duckdb', 'splunk', 'elastic', 'sentinel']).default('duckdb'),
  CAPEO_NOTIFY: list(z.enum(NOTIFY_CHANNELS, `each one of ${NOTIFY_CHANNELS.join(', ')}`)).default(['outbox']),
  CAPEO_TICKETING: z.enum(['local', 'jira', 'github']).default('local'),
  CAPEO_CHAT: z.enum(['local', 'slack']).default('local'),
  CAPEO_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),

  // TIP: MISP
  CAPEO_MISP_URL: z.url().optional(),
  CAPEO_MISP_API_KEY: secret.optional(),
  // TIP: TAXII 2.1 (an API root and a collection on it)
  CAPEO_TAXII_API_ROOT: z.url().optional(),
  CAPEO_TAXII_COLLECTION: z.string().min(1).optional(),
  CAPEO_TAXII_USER: z.string().min(1).optional(),
  CAPEO_TAXII_PASSWORD: secret.optional(),
  // MITRE ATT&CK: the catalogue technique ids are checked against (a STIX 2.1 bundle file, or a TAXII 2.1 collection)
  CAPEO_ATTACK_BUNDLE: z.string().min(1).optional(),
  CAPEO_ATTACK_TAXII_API_ROOT: z.url().optional(),
  CAPEO_ATTACK_TAXII_COLLECTION: z.string().min(1).optional(),
  CAPEO_ATTACK_TAXII_USER: z.string().min(1).optional(),
  CAPEO_ATTACK_TAXII_PASSWORD: secret.optional(),
  CAPEO_ATTACK_REFRESH_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  // TIP: OpenCTI (GraphQL)
  CAPEO_OPENCTI_URL: z.url().optional(),
  CAPEO_OPENCTI_TOKEN: secret.optional(),

  // SIEM: the log sources the heartbeat watches (the embedded SIEM finds its own)
  CAPEO_SIEM_SOURCES: list(z.string().min(1)).optional(),
  // SIEM: Splunk (REST search export)
  CAPEO_SPLUNK_URL: z.url().optional(),
  CAPEO_SPLUNK_TOKEN: secret.optional(),
  CAPEO_SPLUNK_INDEX: z.string().min(1).default('main'),
  // SIEM: Elasticsearch / OpenSearch
  CAPEO_ELASTIC_URL: z.url().optional(),
  CAPEO_ELASTIC_API_KEY: secret.optional(),
  CAPEO_ELASTIC_INDEX: z.string().min(1).default('logs-*'),
  CAPEO_ELASTIC_SOURCE_FIELD: z.string().min(1).default('event.dataset'),
  // SIEM: Microsoft Sentinel (Log Analytics query API, OAuth client credentials)
  CAPEO_SENTINEL_WORKSPACE_ID: z.string().min(1).optional(),
  CAPEO_SENTINEL_TENANT_ID: z.string().min(1).optional(),
  CAPEO_SENTINEL_CLIENT_ID: z.string().min(1).optional(),
  CAPEO_SENTINEL_CLIENT_SECRET: secret.optional(),
  CAPEO_SENTINEL_API_URL: z.url().default('https://api.loganalytics.io'),
  CAPEO_SENTINEL_LOGIN_URL: z.url().default('https://login.microsoftonline.com'),

  // Notifications: email over SMTP
  CAPEO_SMTP_HOST: z.string().min(1).optional(),
  CAPEO_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  CAPEO_SMTP_SECURE: bool.default(false),
  CAPEO_SMTP_USER: z.string().min(1).optional(),
  CAPEO_SMTP_PASSWORD: secret.optional(),
  CAPEO_SMTP_FROM: z.string().min(3).default('capeo@localhost'),
  CAPEO_SMTP_RECIPIENT_DOMAIN: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,63}$/i, 'a mail domain such as soc.example.com').optional(),
  // Notifications and chat: Slack
  CAPEO_SLACK_API_URL: z.url().default('https://slack.com/api'),
  CAPEO_SLACK_BOT_TOKEN: secret.optional(),
  CAPEO_SLACK_CHANNEL: z.string().min(1).optional(),
  CAPEO_SLACK_WEBHOOK_URL: z.url().optional(),
  // Notifications: Microsoft Teams (Workflows webhook)
  CAPEO_TEAMS_WEBHOOK_URL: z.url().optional(),
  // Notifications: generic webhooks, signed per Standard Webhooks
  CAPEO_WEBHOOK_URL: z.url().optional(),
  CAPEO_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'whsec_ followed by a base64 key').optional(),

  // Ticketing: Jira Cloud / Data Center (REST v3)
  CAPEO_JIRA_URL: z.url().optional(),
  CAPEO_JIRA_EMAIL: z.string().min(3).optional(),
  CAPEO_JIRA_API_TOKEN: secret.optional(),
  CAPEO_JIRA_PROJECT: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as HUNT').optional(),
  CAPEO_JIRA_INCIDENT_PROJECT: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as IR').optional(),
  // Ticketing: GitHub Issues
  CAPEO_GITHUB_API_URL: z.url().default('https://api.github.com'),
  CAPEO_GITHUB_TOKEN: secret.optional(),
  CAPEO_GITHUB_REPO: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name').optional(),
});

/** The names of settings that are secrets: the logger redacts them (worker/logger.ts), at the top level and one level down. */
export const SECRET_SETTINGS = [
  'CAPEO_MISP_API_KEY',
  'CAPEO_TAXII_PASSWORD',
  'CAPEO_OPENCTI_TOKEN',
  'CAPEO_SPLUNK_TOKEN',
  'CAPEO_ELASTIC_API_KEY',
  'CAPEO_SENTINEL_CLIENT_SECRET',
  'CAPEO_SMTP_PASSWORD',
  'CAPEO_SLACK_BOT_TOKEN',
  'CAPEO_SLACK_WEBHOOK_URL',
  'CAPEO_TEAMS_WEBHOOK_URL',
  'CAPEO_WEBHOOK_SECRET',
  'CAPEO_JIRA_API_TOKEN',
  'CAPEO_GITHUB_TOKEN',
] as const;

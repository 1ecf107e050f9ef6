import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import type { ChatPort } from './chat/chat-port';
import { LocalChat } from './chat/local-chat';
import type { NotifyPort } from './notify/notify-port';
import { FanoutNotifier } from './notify/fanout';
import { OutboxNotifier } from './notify/outbox-notifier';
import { SmtpNotifier, type SmtpSettings } from './notify/smtp';
import { TeamsNotifier } from './notify/teams';
import { WebhookNotifier } from './notify/webhook';
import { DuckDbSiem } from './siem/duckdb-siem';
import { ElasticSiem } from './siem/elastic-siem';
import { SentinelSiem } from './siem/sentinel-siem';
import { SplunkSiem } from './siem/splunk-siem';
import type { SiemPort } from './siem/siem-port';
import { SlackChat } from './slack/slack-chat';
import { SlackNotifier } from './slack/slack-notifier';
import { GithubTicketing } from './ticketing/github-ticketing';
import { JiraTicketing } from './ticketing/jira-ticketing';
import { LocalTicketing } from './ticketing/local-ticketing';
import type { TicketingPort } from './ticketing/ticketing-port';
import { LocalStixTip } from './tip/local-stix-tip';
import { MispTip } from './tip/misp-tip';
import { OpenCtiTip } from './tip/opencti-tip';
import { TaxiiTip } from './tip/taxii';
import type { TipPort } from './tip/tip-port';

export interface Adapters {
  tip: TipPort;
  siem: SiemPort;
  notify: NotifyPort;
  ticketing: TicketingPort;
  chat: ChatPort;
}
export type Port = keyof Adapters;

type Settings<K extends keyof Config> = { [P in K]-?: NonNullable<Config[P]> };

/** The settings an adapter cannot work without; a ConfigError names every missing one. */
export function required<K extends keyof Config>(config: Config, selection: string, keys: readonly K[]): Settings<K> {
  const missing = keys.filter((k) => config[k] === undefined);
  if (missing.length) throw new ConfigError(`invalid configuration:\n  ${selection} needs ${missing.join(', ')}`);
  return Object.fromEntries(keys.map((k) => [k, config[k]])) as Settings<K>;
}

const dataDir = (config: Config, dir: string) => join(config.CAPEO_DATA_DIR, dir);

/** Builds the adapter the configuration selects for one port; throws ConfigError when its settings are incomplete. */
export const buildAdapter: { [P in Port]: (config: Config, log?: Logger) => Adapters[P] } = {
  tip(config) {
    switch (config.CAPEO_TIP) {
      case 'local':
        return new LocalStixTip(config.CAPEO_INTEL_DIR);
      case 'misp':
        return new MispTip(required(config, 'CAPEO_TIP=misp', ['CAPEO_MISP_URL', 'CAPEO_MISP_API_KEY']), config.CAPEO_HTTP_TIMEOUT_MS, dataDir(config, 'misp'));
      case 'taxii':
        return new TaxiiTip(
          { ...required(config, 'CAPEO_TIP=taxii', ['CAPEO_TAXII_API_ROOT', 'CAPEO_TAXII_COLLECTION']), CAPEO_TAXII_USER: config.CAPEO_TAXII_USER, CAPEO_TAXII_PASSWORD: config.CAPEO_TAXII_PASSWORD },
          config.CAPEO_HTTP_TIMEOUT_MS,
        );
      case 'opencti':
        return new OpenCtiTip(required(config, 'CAPEO_TIP=opencti', ['CAPEO_OPENCTI_URL', 'CAPEO_OPENCTI_TOKEN']), config.CAPEO_HTTP_TIMEOUT_MS, dataDir(config, 'opencti'));
    }
  },
  siem(config) {
    switch (config.CAPEO_SIEM) {
      case 'duckdb':
        return new DuckDbSiem(config.CAPEO_LOG_DIR);
      case 'splunk':
        required(config, 'CAPEO_SIEM=splunk', ['CAPEO_SPLUNK_URL', 'CAPEO_SPLUNK_TOKEN']);
        return new SplunkSiem(config, config.CAPEO_HTTP_TIMEOUT_MS);
      case 'elastic':
        required(config, 'CAPEO_SIEM=elastic', ['CAPEO_ELASTIC_URL', 'CAPEO_ELASTIC_API_KEY']);
        return new ElasticSiem(config, config.CAPEO_HTTP_TIMEOUT_MS);
      case 'sentinel':
        required(config, 'CAPEO_SIEM=sentinel', ['CAPEO_SENTINEL_WORKSPACE_ID', 'CAPEO_SENTINEL_TENANT_ID', 'CAPEO_SENTINEL_CLIENT_ID', 'CAPEO_SENTINEL_CLIENT_SECRET']);
        return new SentinelSiem(config, config.CAPEO_HTTP_TIMEOUT_MS);
    }
  },
  notify(config, log) {
    const channels = config.CAPEO_NOTIFY.map((channel): NotifyPort => {
      switch (channel) {
        case 'outbox':
          return new OutboxNotifier(dataDir(config, 'outbox'), log);
        case 'slack':
          if (!config.CAPEO_SLACK_WEBHOOK_URL) required(config, 'CAPEO_NOTIFY=slack', ['CAPEO_SLACK_BOT_TOKEN', 'CAPEO_SLACK_CHANNEL']);
          return new SlackNotifier(config, config.CAPEO_HTTP_TIMEOUT_MS, dataDir(config, 'slack-notify'));
        case 'smtp':
          required(config, 'CAPEO_NOTIFY=smtp', ['CAPEO_SMTP_HOST']);
          return new SmtpNotifier(config as SmtpSettings, config.CAPEO_HTTP_TIMEOUT_MS, dataDir(config, 'smtp'));
        case 'teams':
          return new TeamsNotifier(required(config, 'CAPEO_NOTIFY=teams', ['CAPEO_TEAMS_WEBHOOK_URL']), config.CAPEO_HTTP_TIMEOUT_MS, dataDir(config, 'teams-notify'));
        case 'webhook':
          return new WebhookNotifier(
            required(config, 'CAPEO_NOTIFY=webhook', ['CAPEO_WEBHOOK_URL', 'CAPEO_WEBHOOK_SECRET']),
            config.CAPEO_HTTP_TIMEOUT_MS,
            dataDir(config, 'webhook-notify'),
          );
      }
    });
    // Each channel keeps its own idempotency records: a retry re-sends only where the first attempt failed.
    return channels.length === 1 ? channels[0]! : new FanoutNotifier(channels);
  },
  ticketing(config) {
    switch (config.CAPEO_TICKETING) {
      case 'local':
        return new LocalTicketing(dataDir(config, 'tickets'));
      case 'jira':
        return new JiraTicketing(
          { ...required(config, 'CAPEO_TICKETING=jira', ['CAPEO_JIRA_URL', 'CAPEO_JIRA_EMAIL', 'CAPEO_JIRA_API_TOKEN', 'CAPEO_JIRA_PROJECT']), CAPEO_JIRA_INCIDENT_PROJECT: config.CAPEO_JIRA_INCIDENT_PROJECT },
          config.CAPEO_HTTP_TIMEOUT_MS,
          dataDir(config, 'jira'),
        );
      case 'github':
        return new GithubTicketing(
          { ...required(config, 'CAPEO_TICKETING=github', ['CAPEO_GITHUB_TOKEN', 'CAPEO_GITHUB_REPO']), CAPEO_GITHUB_API_URL: config.CAPEO_GITHUB_API_URL },
          config.CAPEO_HTTP_TIMEOUT_MS,
          dataDir(config, 'github'),
        );
    }
  },
  chat(config) {
    switch (config.CAPEO_CHAT) {
      case 'local':
        return new LocalChat(dataDir(config, 'chat'));
      case 'slack':
        return new SlackChat(
          { ...required(config, 'CAPEO_CHAT=slack', ['CAPEO_SLACK_BOT_TOKEN']), CAPEO_SLACK_API_URL: config.CAPEO_SLACK_API_URL },
          config.CAPEO_HTTP_TIMEOUT_MS,
          dataDir(config, 'slack-chat'),
        );
    }
  },
};

/** Every port's adapter, as the configuration selects them. */
export function createAdapters(config: Config, log?: Logger): Adapters {
  return {
    tip: buildAdapter.tip(config, log),
    siem: buildAdapter.siem(config, log),
    notify: buildAdapter.notify(config, log),
    ticketing: buildAdapter.ticketing(config, log),
    chat: buildAdapter.chat(config, log),
  };
}

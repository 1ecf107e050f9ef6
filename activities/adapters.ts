import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import type { ChatPort } from './chat/chat-port';
import { LocalChat } from './chat/local-chat';
import type { NotifyPort } from './notify/notify-port';
import { OutboxNotifier } from './notify/outbox-notifier';
import { DuckDbSiem } from './siem/duckdb-siem';
import type { SiemPort } from './siem/siem-port';
import { LocalTicketing } from './ticketing/local-ticketing';
import type { TicketingPort } from './ticketing/ticketing-port';
import { LocalStixTip } from './tip/local-stix-tip';
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
      default:
        throw new ConfigError(`CAPEO_TIP=${config.CAPEO_TIP} is not available in this build`);
    }
  },
  siem(config) {
    switch (config.CAPEO_SIEM) {
      case 'duckdb':
        return new DuckDbSiem(config.CAPEO_LOG_DIR);
      default:
        throw new ConfigError(`CAPEO_SIEM=${config.CAPEO_SIEM} is not available in this build`);
    }
  },
  notify(config, log) {
    const channels = config.CAPEO_NOTIFY.map((channel): NotifyPort => {
      switch (channel) {
        case 'outbox':
          return new OutboxNotifier(dataDir(config, 'outbox'), log);
        default:
          throw new ConfigError(`CAPEO_NOTIFY=${channel} is not available in this build`);
      }
    });
    return channels[0]!;
  },
  ticketing(config) {
    switch (config.CAPEO_TICKETING) {
      case 'local':
        return new LocalTicketing(dataDir(config, 'tickets'));
      default:
        throw new ConfigError(`CAPEO_TICKETING=${config.CAPEO_TICKETING} is not available in this build`);
    }
  },
  chat(config) {
    switch (config.CAPEO_CHAT) {
      case 'local':
        return new LocalChat(dataDir(config, 'chat'));
      default:
        throw new ConfigError(`CAPEO_CHAT=${config.CAPEO_CHAT} is not available in this build`);
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

import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';
import { SECRET_SETTINGS } from '../config/integrations';

/** What the logs never show, whatever a caller passes in: credentials by field name, and every secret setting. */
export const REDACTED_PATHS = ['*.authorization', '*.apiKey', '*.password', '*.token', 'headers.authorization', ...SECRET_SETTINGS, ...SECRET_SETTINGS.map((k) => `*.${k}`)];

export function createLogger(config: Pick<Config, 'CAPEO_LOG_LEVEL'>, name: string, destination?: DestinationStream): Logger {
  const options = { name, level: config.CAPEO_LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

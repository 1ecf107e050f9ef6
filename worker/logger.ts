import pino, { type Logger } from 'pino';
import type { Config } from '../config';

export function createLogger(config: Pick<Config, 'CAPEO_LOG_LEVEL'>, name: string): Logger {
  return pino({
    name,
    level: config.CAPEO_LOG_LEVEL,
    // Secrets never reach the logs, whatever a caller passes in.
    redact: { paths: ['*.authorization', '*.apiKey', '*.password', '*.token', 'headers.authorization'], censor: '[redacted]' },
  });
}

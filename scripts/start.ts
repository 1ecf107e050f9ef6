import { join } from 'node:path';
import { startApi } from '../api/server';
import { loadConfig } from '../config';
import { createLogger } from '../worker/logger';
import { startWorker } from '../worker/run-worker';
import { installRuntime } from '../worker/runtime';
import { openStore } from '../store';
import { embeddedPostgresBinDir, startPostgresServer, type PostgresServer } from '../store/postgres-server';
import { startDevServer, type DevServer } from './dev-server';
import { onLauncherExit } from './launcher-watch';

/**
 * README command 1. Without TEMPORAL_ADDRESS: an embedded Temporal dev server
 * (SQLite in the data folder, search attributes registered, Web UI on); without
 * CAPEO_DATABASE_URL: an embedded mission store (PostgreSQL from npm, in the data
 * folder); then the worker and the API. With them: worker and API against those.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config, 'capeo');
  installRuntime(log);

  let stopping = false;
  let server: DevServer | undefined;
  if (!config.TEMPORAL_ADDRESS) {
    server = await startDevServer({
      port: config.CAPEO_TEMPORAL_PORT,
      uiPort: config.CAPEO_TEMPORAL_UI_PORT,
      dbFile: join(config.CAPEO_DATA_DIR, 'temporal.sqlite'),
      onExit: (code) => {
        if (!stopping) {
          log.fatal({ code }, 'the embedded Temporal server stopped; shutting down');
          void shutdown(1);
        }
      },
    });
  }
  let postgres: PostgresServer | undefined;
  if (!config.CAPEO_DATABASE_URL) {
    postgres = await startPostgresServer({
      binDir: embeddedPostgresBinDir(),
      dataDir: join(config.CAPEO_DATA_DIR, 'postgres'),
      port: config.CAPEO_STORE_PORT,
      database: 'capeo',
      onExit: (code) => {
        if (!stopping) {
          log.fatal({ code }, 'the embedded mission store stopped; shutting down');
          void shutdown(1);
        }
      },
    });
  }
  const storeUrl = postgres?.url ?? config.CAPEO_DATABASE_URL!;
  const store = await openStore(storeUrl, (err) => log.warn({ err: err.message }, 'mission store connection error'));
  const address = server?.address ?? config.TEMPORAL_ADDRESS!;
  const worker = await startWorker(config, address, log, store);
  const api = await startApi(config, address, log, store, true);

  async function shutdown(code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info('stopping: API, worker, mission store, Temporal');
    await api.stop().catch((err) => log.error({ err }, 'API stop failed'));
    await worker.stop().catch((err) => log.error({ err }, 'worker stop failed'));
    await store.close().catch(() => undefined);
    await postgres?.stop();
    await server?.stop();
    process.exit(code);
  }
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  onLauncherExit(() => void shutdown());
  // The SDK may shut the worker down first on a signal; the rest follows.
  void worker.done.then(() => shutdown(), () => shutdown(1));

  const lines = [
    '',
    'capeo is up',
    `  Web board     ${api.url}/   (sign in with an API key)`,
    `  API           ${api.url}`,
    `  API docs      ${api.url}/docs   (OpenAPI: ${api.url}/openapi.json)`,
    `  Temporal UI   ${server?.uiUrl ?? '(external cluster: use its own UI)'}`,
    `  Temporal      ${address}  namespace ${config.TEMPORAL_NAMESPACE}`,
    `  Mission store ${postgres ? `embedded PostgreSQL on 127.0.0.1:${postgres.port} (${join(config.CAPEO_DATA_DIR, 'postgres')})` : 'CAPEO_DATABASE_URL'}`,
    ...(api.generatedAdminKey
      ? [`  Admin API key ${api.generatedAdminKey}   (shown once; stored hashed; create more keys with POST /api-keys)`]
      : []),
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

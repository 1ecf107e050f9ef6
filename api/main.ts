import { loadConfig } from '../config';
import { createLogger } from '../worker/logger';
import { storeFromConfig } from '../worker/run-worker';
import { startApi } from './server';

/** API only, against TEMPORAL_ADDRESS and CAPEO_DATABASE_URL (the production topology's api service). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config, 'capeo-api');
  const store = await storeFromConfig(config, log);
  const api = await startApi(config, config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233', log, store);
  const stop = () => void api.stop().then(() => store.close()).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { loadConfig } from '../config';
import { createLogger } from './logger';
import { startWorker } from './run-worker';
import { installRuntime } from './runtime';

/** Worker only, against TEMPORAL_ADDRESS (the production topology's worker service). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config, 'capeo-worker');
  installRuntime(log);
  const running = await startWorker(config, config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233', log);
  // The SDK shuts the worker down on SIGINT/SIGTERM; run() then resolves.
  await running.done;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

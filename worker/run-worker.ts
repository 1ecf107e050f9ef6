import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import { ConfigError, type Config } from '../config';
import { startConfiguredCtMonitor } from '../launch/ct-monitor';
import { temporalConnectionOptions } from '../config/temporal';
import { openStore, type MissionStore } from '../store';
import { createCapeoWorker } from './create-worker';
import { attackSourceConfigured } from '../activities/attack/attack-activities';
import { ATTACK_CATALOGUE_WORKFLOW_ID } from '../domain/temporal-names';
import type { attackCatalogueWorkflow } from '../workflows/attack/attack-catalogue-workflow';
import { ensureNrdSchedule } from './nrd-schedule';

export interface RunningWorker {
  worker: Worker;
  done: Promise<void>;
  stop(): Promise<void>;
}

/** The mission store of CAPEO_DATABASE_URL, its schema brought up to date. */
export async function storeFromConfig(config: Config, log: Logger): Promise<MissionStore> {
  if (!config.CAPEO_DATABASE_URL) throw new ConfigError('invalid configuration:\n  CAPEO_DATABASE_URL: the mission store (PostgreSQL) is required; `npm start` starts an embedded one');
  return openStore(config.CAPEO_DATABASE_URL, (err) => log.warn({ err: err.message }, 'mission store connection error'));
}

export async function startWorker(config: Config, address: string, log: Logger, store?: MissionStore): Promise<RunningWorker> {
  const options = temporalConnectionOptions(config, address);
  const own = store ? undefined : await storeFromConfig(config, log);
  const missionStore = store ?? own!;
  const connection = await NativeConnection.connect(options);
  // The iteration activities start missions themselves, through a client of their own.
  const clientConnection = await Connection.connect(options);
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const worker = await createCapeoWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.CAPEO_TASK_QUEUE,
    activities: createActivities(config, { client, store: missionStore, taskQueue: config.CAPEO_TASK_QUEUE }, log),
  });
  // A schedule that cannot be set up now is a warning: the missions run without the feeds.
  await ensureNrdSchedule(client, config).catch((err: Error) => log.warn({ err: err.message }, 'NRD feed schedule not set up'));
  const done = worker
    .run()
    .finally(() => Promise.all([connection.close(), clientConnection.close(), own?.close()]).then(() => undefined));
  log.info({ taskQueue: config.CAPEO_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker polling');
  if (attackSourceConfigured(config)) {
    // Once per cluster: every worker asks, the first one starts it, the others find it running.
    await client.workflow
      .start<typeof attackCatalogueWorkflow>('attackCatalogueWorkflow', {
        workflowId: ATTACK_CATALOGUE_WORKFLOW_ID,
        taskQueue: config.CAPEO_TASK_QUEUE,
        args: [{ refreshHours: config.CAPEO_ATTACK_REFRESH_HOURS }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'could not start the ATT&CK catalogue refresh; technique ids are checked by form only until it runs'));
  }
  // The worker serves its missions even if the CT monitor cannot be started now; the next start tries again.
  await startConfiguredCtMonitor(client, config).then(
    (logs) => {
      if (logs.length) log.info({ logs }, 'certificate-transparency monitor started');
    },
    (err: Error) => log.warn({ err: err.message }, 'certificate-transparency monitor not started'),
  );
  return {
    worker,
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

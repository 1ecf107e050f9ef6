import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Config } from '../config';
import { temporalConnectionOptions } from '../config/temporal';
import { createCapeoWorker } from './create-worker';

export interface RunningWorker {
  worker: Worker;
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorker(config: Config, address: string, log: Logger): Promise<RunningWorker> {
  const options = temporalConnectionOptions(config, address);
  const connection = await NativeConnection.connect(options);
  // The iteration activities start missions themselves, through a client of their own.
  const clientConnection = await Connection.connect(options);
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const worker = await createCapeoWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.CAPEO_TASK_QUEUE,
    activities: createActivities(config, { client, taskQueue: config.CAPEO_TASK_QUEUE }, log),
  });
  const done = worker.run().finally(() => Promise.all([connection.close(), clientConnection.close()]).then(() => undefined));
  log.info({ taskQueue: config.CAPEO_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker polling');
  return {
    worker,
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

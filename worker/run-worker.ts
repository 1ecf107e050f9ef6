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
  const connection = await NativeConnection.connect(temporalConnectionOptions(config, address));
  const worker = await createCapeoWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.CAPEO_TASK_QUEUE,
    activities: createActivities(config),
  });
  const done = worker.run().finally(() => connection.close());
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

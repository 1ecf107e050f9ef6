import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { temporalConnectionOptions } from '../config/temporal';
import { app } from './app';
import { MissionService } from './services/missions';

export interface RunningApi {
  url: string;
  fastify: FastifyInstance;
  stop(): Promise<void>;
}

export async function startApi(config: Config, temporalAddress: string, log: Logger): Promise<RunningApi> {
  const connection = await Connection.connect(temporalConnectionOptions(config, temporalAddress));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const fastify = Fastify({ loggerInstance: log as FastifyBaseLogger, bodyLimit: 1024 * 1024 });
  await fastify.register(app, { missions: new MissionService(client, config.CAPEO_TASK_QUEUE, join(config.CAPEO_DATA_DIR, 'artifacts')) });
  await fastify.listen({ host: config.CAPEO_API_HOST, port: config.CAPEO_API_PORT });
  const { port } = fastify.server.address() as { port: number };
  return {
    url: `http://${config.CAPEO_API_HOST}:${port}`,
    fastify,
    async stop() {
      await fastify.close();
      await connection.close();
    },
  };
}

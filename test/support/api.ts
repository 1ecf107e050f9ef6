import Fastify, { type FastifyInstance } from 'fastify';
import { app } from '../../api/app';
import { MissionService } from '../../api/services/missions';
import type { Actor } from '../../domain/identity';
import type { TestWorker } from './temporal';

export async function buildTestApp(tw: TestWorker): Promise<FastifyInstance> {
  const fastify = Fastify({ logger: false });
  await fastify.register(app, { missions: new MissionService(tw.client, tw.taskQueue) });
  await fastify.ready();
  return fastify;
}

export const as = (a: Actor) => ({ 'x-capeo-actor': a.id, 'x-capeo-role': a.role });

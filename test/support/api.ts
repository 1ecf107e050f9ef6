import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { app, FASTIFY_OPTIONS } from '../../api/app';
import { MissionService } from '../../api/services/missions';
import { ROLES, type Actor } from '../../domain/identity';
import type { TestWorker } from './temporal';

/** Keys of the test identities, made by buildTestApp: `as(actor)` gives that actor's Authorization header. */
const keys = new Map<string, string>();
export const as = (a: Actor): Record<string, string> => {
  const key = keys.get(`${a.id}/${a.role}`);
  if (!key) throw new Error(`no test key for ${a.id} (${a.role})`);
  return { authorization: `Bearer ${key}` };
};

/** One identity per role, for the route × role matrix. */
export const roleActors: Actor[] = ROLES.map((role) => ({ id: `${role}-user`, role }));

/** `errorLog`: a file the API writes its error-level log to (to show a failing test what the server saw). */
export async function buildTestApp(tw: TestWorker, actors: Actor[] = [], rateLimitPerMinute = 0, errorLog?: string, artifactDir = join(tmpdir(), 'none')): Promise<FastifyInstance> {
  const identities = tw.store.identities;
  for (const a of [...actors, ...roleActors]) {
    // Test files share a store: a test identity's earlier key is replaced by a fresh one.
    await tw.store.db.query('delete from api_keys where name = $1', [a.id]);
    keys.set(`${a.id}/${a.role}`, (await identities.createKey(a.id, a.role)).key);
  }
  const fastify = Fastify({ ...FASTIFY_OPTIONS, logger: errorLog ? { level: 'warn', file: errorLog } : false });
  await fastify.register(app, { missions: new MissionService(tw.client, tw.store, tw.taskQueue, artifactDir), auth: { identities }, rateLimitPerMinute });
  await fastify.ready();
  return fastify;
}

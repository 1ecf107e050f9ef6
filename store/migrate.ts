import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import { Client } from 'pg';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

/**
 * Brings the store's schema up to date: the versioned SQL files of store/migrations, in order, each
 * once, in one transaction, under node-pg-migrate's advisory lock (so workers and API replicas that
 * start together migrate once).
 */
export async function migrate(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const ran = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'capeo_migrations',
      checkOrder: true,
      singleTransaction: true,
      log: () => undefined,
      noLock: false,
    });
    return ran.map((m) => m.name);
  } finally {
    await client.end();
  }
}

import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import { Client } from 'pg';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

/** capeo's own advisory lock: node-pg-migrate's refuses a second migrator instead of making it wait. */
const MIGRATION_LOCK = 0x6361_7065_6f;

/**
 * Brings the store's schema up to date: the versioned SQL files of store/migrations, in order, each
 * once, in one transaction. Workers and API replicas that start together wait for each other on an
 * advisory lock, so the schema is migrated once and nobody starts on a half-migrated store.
 */
export async function migrate(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'capeo_migrations',
      checkOrder: true,
      singleTransaction: true,
      log: () => undefined,
      noLock: true,
    });
    return ran.map((m) => m.name);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

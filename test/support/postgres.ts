import { join } from 'node:path';
import { openStore, type MissionStore } from '../../store';
import { ensureDatabase, startPostgresServer, systemPostgresBinDir, type PostgresServer } from '../../store/postgres-server';
import { freePort } from '../../scripts/dev-server';
import { testNamespace } from './namespaces';

/**
 * The test suite's PostgreSQL: Debian's `postgresql` server (installed by scripts/ensure-test-servers.sh),
 * started once per run on a free loopback port by the integration setup.
 */
export async function startTestPostgres(dir: string, name = 'postgres'): Promise<PostgresServer> {
  const binDir = systemPostgresBinDir();
  if (!binDir) throw new Error('Debian PostgreSQL is not installed: run scripts/ensure-test-servers.sh (apt-get install postgresql)');
  return startPostgresServer({ binDir, dataDir: join(dir, name), port: await freePort(), database: 'postgres' });
}

/** The URL of a database of this jest worker's own (`capeo_<namespace>`), made if missing. */
export async function testDatabaseUrl(suffix = ''): Promise<string> {
  const admin = process.env.CAPEO_TEST_POSTGRES_URL;
  if (!admin) throw new Error('integration tests run under jest --selectProjects integration (global setup)');
  const db = `capeo_${testNamespace().replace(/-/g, '_')}${suffix}`;
  await ensureDatabase(admin, db);
  return admin.replace(/\/[^/]*$/, `/${db}`);
}

/** The mission store on this jest worker's database. */
export async function testStore(suffix = ''): Promise<MissionStore> {
  return openStore(await testDatabaseUrl(suffix));
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';
import type { PostgresServer } from '../../store/postgres-server';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { TEST_NAMESPACES } from '../support/namespaces';
import { startTestPostgres } from '../support/postgres';

declare global {
  var capeoTestServer: DevServer | undefined;
  var capeoTestPostgres: PostgresServer | undefined;
}

/** Once per run: a real Temporal dev server and a real PostgreSQL (Debian's) on free loopback ports, and one workflow bundle. */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-test-'));
  const [server, postgres] = await Promise.all([startDevServer({ port: await freePort(), headless: true, namespaces: TEST_NAMESPACES }), startTestPostgres(dir)]);
  globalThis.capeoTestServer = server;
  globalThis.capeoTestPostgres = postgres;
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  process.env.CAPEO_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.CAPEO_TEST_POSTGRES_URL = postgres.url;
  process.env.CAPEO_TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.CAPEO_TEST_DIR = dir;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

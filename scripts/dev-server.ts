import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../domain/temporal-names';

const ROOT = join(__dirname, '..');

/** The Temporal CLI's path, provisioned by scripts/ensure-temporal.sh. */
export function temporalCli(): string {
  return execFileSync(join(ROOT, 'scripts', 'ensure-temporal.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; omitted → in memory. */
  dbFile?: string;
  headless?: boolean;
  /** Namespaces to create besides `default`. */
  namespaces?: string[];
  onExit?: (code: number | null) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string | null;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` on loopback with capeo's search attributes, and waits until it answers. */
export async function startDevServer(o: DevServerOptions): Promise<DevServer> {
  const cli = temporalCli();
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--log-level', 'error'];
  for (const sa of SEARCH_ATTRIBUTE_REGISTRATIONS) args.push('--search-attribute', sa);
  if (o.dbFile) {
    mkdirSync(dirname(o.dbFile), { recursive: true });
    args.push('--db-filename', o.dbFile, '--sqlite-pragma', 'journal_mode=wal');
  }
  for (const ns of o.namespaces ?? []) args.push('--namespace', ns);
  if (o.headless) args.push('--headless');
  else args.push('--ui-port', String(o.uiPort ?? o.port + 1000));
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      o.onExit?.(code);
      resolve();
    }),
  );
  const address = `127.0.0.1:${o.port}`;
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  try {
    await waitForServer(address, () => exited);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: o.headless ? null : `http://127.0.0.1:${o.uiPort ?? o.port + 1000}`, pid: child.pid!, stop };
}

async function waitForServer(address: string, exited: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error('temporal dev server exited during start-up');
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await conn.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`temporal dev server at ${address} not ready: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

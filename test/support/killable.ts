import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../scripts/dev-server';

const ROOT = join(__dirname, '..', '..');

/** A capeo process a fault test can SIGKILL: the worker (test/support/worker-process.ts) or the API (api/main.ts). */
export interface Killable {
  child: ChildProcess;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

function killable(child: ChildProcess): Killable {
  return {
    child,
    kill: () =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
  };
}

/** Starts the worker process with `env` (see worker-process.ts); answers once it polls. One that dies before it is ready is started again. */
export async function startWorkerProcess(env: Record<string, string>): Promise<Killable> {
  for (let attempt = 1; ; attempt++) {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'test', 'support', 'worker-process.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
        child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it was ready`)));
      });
      return killable(child);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Starts the API (api/main.ts, as the production topology runs it) with `env` on a free loopback port; answers once it is live. */
export async function startApiProcess(env: Record<string, string>): Promise<Killable & { url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'api', 'main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CAPEO_LOG_LEVEL: 'error', ...env, CAPEO_API_HOST: '127.0.0.1', CAPEO_API_PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) before it was live`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 300) throw new Error('the API was not live within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...killable(child), url };
}

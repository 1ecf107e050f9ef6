/**
 * A real TAXII 2.1 server for tests: medallion 3.0.0 (test/requirements.txt, in .tools/venv) with its
 * memory backend, on a free loopback port. One user, one API root (`api1`), one collection that user can
 * read and write, optionally seeded with STIX objects. medallion's access log (werkzeug's, on stderr) is
 * parsed into `requests()`, so a test can see which URLs reached the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess } from './processes';

export interface MedallionRequest {
  method: string;
  /** Path and query as the server logged them (still percent-encoded). */
  url: string;
  status: number;
}

export interface Medallion {
  /** `http://127.0.0.1:<port>/api1/` */
  apiRoot: string;
  collectionId: string;
  user: string;
  password: string;
  /** Every request the server has handled so far, oldest first (waits for its log to catch up). */
  requests(): Promise<MedallionRequest[]>;
  stop(): Promise<void>;
}

export interface MedallionOptions {
  /** STIX objects already in the collection (SDOs carry `modified` or `created`; SCOs are versioned by the start time). */
  objects?: Array<Record<string, unknown>>;
  /** medallion's `max_page_size`: the most objects one page holds, whatever `limit` asks. */
  maxPageSize?: number;
  canRead?: boolean;
  canWrite?: boolean;
}

const ROOT = join(__dirname, '..', '..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools', 'venv', 'bin', 'python');
const START_TIMEOUT_MS = 20_000;
const ATTEMPTS = 3;
const STIX_21 = 'application/stix+json;version=2.1';

/** medallion's memory-backend data file: discovery, one API root with one collection (objects + manifest). */
function dataFile(base: string, collectionId: string, options: MedallionOptions): unknown {
  const added = new Date().toISOString().replace('Z', '000Z');
  // Objects without a version of their own (SCOs) carry medallion's hidden `_date_added`, as it stores posted ones.
  const objects = (options.objects ?? []).map((o) => (o.modified ?? o.created ? o : { ...o, _date_added: added }));
  return {
    '/discovery': {
      title: 'capeo test TAXII server',
      description: 'medallion started by test/support/medallion.ts',
      default: `${base}/api1/`,
      api_roots: [`${base}/api1/`],
    },
    api1: {
      information: {
        title: 'capeo test API root',
        description: 'one collection for capeo',
        versions: ['application/taxii+json;version=2.1'],
        max_content_length: 10_485_760,
      },
      status: [],
      collections: [
        {
          id: collectionId,
          title: 'capeo hunt intel',
          description: 'read and write',
          can_read: options.canRead ?? true,
          can_write: options.canWrite ?? true,
          media_types: [STIX_21],
          objects,
          manifest: objects.map((o) => ({
            id: o.id,
            date_added: added,
            version: o.modified ?? o.created ?? added,
            media_type: STIX_21,
          })),
        },
      ],
    },
  };
}

const ACCESS_LINE = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/;

/** Starts medallion; resolves once it answers HTTP on its port. */
export async function startMedallion(options: MedallionOptions = {}): Promise<Medallion> {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found: run \`bash scripts/ensure-python-test-deps.sh\``);
  const dir = mkdtempSync(join(tmpdir(), 'capeo-taxii-'));
  const user = 'capeo';
  const password = `pw-${randomUUID()}`;
  const collectionId = randomUUID();
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    writeFileSync(join(dir, 'data.json'), JSON.stringify(dataFile(base, collectionId, options)));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        backend: { module: 'medallion.backends.memory_backend', module_class: 'MemoryBackend', filename: join(dir, 'data.json') },
        users: { [user]: password },
        taxii: { max_page_size: options.maxPageSize ?? 100 },
      }),
    );
    const child = spawn(PYTHON, ['-m', 'medallion.scripts.run', '--host', '127.0.0.1', '--port', String(port), join(dir, 'config.json')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    });
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      await waitUntilAnswering(`${base}/taxii2/?capeo-mark=ready`, child, () => log);
    } catch (err) {
      lastError = err as Error;
      await stopProcess(child);
      continue;
    }
    const readyAt = log.length;
    return {
      apiRoot: `${base}/api1/`,
      collectionId,
      user,
      password,
      async requests() {
        // werkzeug logs a request before answering it, into the same pipe: once this marker's line has
        // been read, every earlier request's line has been read too.
        const mark = `capeo-mark=${randomUUID()}`;
        await fetch(`${base}/taxii2/?${mark}`).then((res) => res.body?.cancel());
        for (let waited = 0; !log.includes(mark); waited += 10) {
          if (waited > 5_000) throw new Error(`medallion did not log ${mark}:\n${log}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return log
          .slice(readyAt)
          .split('\n')
          .filter((line) => !line.includes('capeo-mark='))
          .map((line) => ACCESS_LINE.exec(line))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => ({ method: m[1]!, url: m[2]!, status: Number(m[3]) }));
      },
      async stop() {
        await stopProcess(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError ?? new Error('medallion did not start');
}

/** Polls until the server answers anything (401 without credentials is an answer), or fails if it exits. */
async function waitUntilAnswering(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`medallion exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`medallion did not answer within ${START_TIMEOUT_MS} ms:\n${log()}`);
}

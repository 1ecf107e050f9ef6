/**
 * A real SMTP server for tests: aiosmtpd (test/requirements.txt, in .tools/venv) running
 * test/support/smtp_sink.py on a free loopback port. Every message it accepts is kept with its envelope.
 * Optionally requires AUTH LOGIN/PLAIN (without TLS: loopback only), answers 550 to `reject`
 * recipients and 451 to `defer` recipients.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcess } from './processes';

export interface ReceivedMessage {
  mailFrom: string;
  rcptTos: string[];
  /** The message as it arrived after DATA (headers and body). */
  raw: string;
}

export interface SmtpServer {
  host: string;
  port: number;
  /** Messages accepted so far, oldest first. */
  messages(): ReceivedMessage[];
  stop(): Promise<void>;
}

export interface SmtpServerOptions {
  auth?: { user: string; password: string };
  /** Recipients answered `550 5.1.1` at RCPT TO. */
  reject?: string[];
  /** Recipients answered `451 4.3.0` at RCPT TO. */
  defer?: string[];
}

const ROOT = join(__dirname, '..', '..');
const PYTHON = process.env.CAPEO_PYTHON ?? join(ROOT, '.tools', 'venv', 'bin', 'python');
const SCRIPT = join(__dirname, 'smtp_sink.py');
const START_TIMEOUT_MS = 15_000;

/** Starts the server; resolves once it accepts connections (it prints its port when listening). */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpServer> {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found: run \`bash scripts/ensure-python-test-deps.sh\``);
  const dir = mkdtempSync(join(tmpdir(), 'capeo-smtp-'));
  const args = [SCRIPT, '--dir', dir];
  if (options.auth) args.push('--user', options.auth.user, '--password', options.auth.password);
  for (const r of options.reject ?? []) args.push('--reject', r);
  for (const d of options.defer ?? []) args.push('--defer', d);
  const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start within ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const m = /listening (\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`smtp sink exited (${code ?? signal}):\n${stderr}`));
      });
    });
  } catch (err) {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    host: '127.0.0.1',
    port,
    messages() {
      // Files are renamed into place before the server answers 250: only complete messages match.
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReceivedMessage);
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { ensureDir } from './local-records/ensure-dir';

/** What `capeo doctor` learns from one adapter: whether it can work, and what to fix when it cannot. */
export interface CheckResult {
  ok: boolean;
  /** One line: what was checked and found ("authenticated as capeo-bot on acme.atlassian.net, project HUNT"), or what is wrong and what to fix. */
  detail: string;
}

/** For embedded adapters that keep records in a folder: the folder exists (or can be made) and is writable. */
export async function writableDir(dir: string, what: string): Promise<CheckResult> {
  try {
    await ensureDir(dir);
    await access(dir, constants.W_OK);
    return { ok: true, detail: `${what} in ${dir}` };
  } catch (err) {
    return { ok: false, detail: `${what}: ${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
}

import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';

export const errnoCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

const tempName = (file: string): string => `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

/**
 * Creates `file` only if no file of that name exists, and returns whether it did. The content is written
 * to a temporary file first and hard-linked into place: `link` fails with EEXIST exactly like O_EXCL does,
 * and unlike `open(wx)` + `write`, nobody can ever read a half-written file.
 */
export async function createExclusive(file: string, content: string): Promise<boolean> {
  const temp = tempName(file);
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, file);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Replaces `file` atomically (temporary file + rename). */
export async function writeAtomic(file: string, content: string): Promise<void> {
  const temp = tempName(file);
  await writeFile(temp, content);
  await rename(temp, file);
}

/** The parsed JSON of `file`, or undefined when there is no such file. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text) as T;
}

/** Parses JSON Lines, skipping blank lines and a line cut short by a crash mid-append. */
export function parseJsonLines<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A torn line: its writer died before finishing it and the key's recovery appends it again.
    }
  }
  return out;
}

/** The text of `file`, or '' when there is no such file. */
export async function readTextOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return '';
    throw err;
  }
}

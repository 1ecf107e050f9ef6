import { mkdir, stat } from 'node:fs/promises';

/**
 * mkdir -p that two activities may run at once: Node's recursive mkdir can still fail with EEXIST
 * when another process creates the same directory at that moment; a directory that exists is fine.
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !(await stat(dir)).isDirectory()) throw err;
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import type { ArtifactRef } from '../../domain/mission';
import { ensureDir } from '../local-records/ensure-dir';

export interface ArtifactStore {
  put(path: string, name: string, content: string): Promise<ArtifactRef>;
  get(path: string): Promise<Buffer>;
}

/** Artifacts on the filesystem; writes are atomic (temp file + rename) so a retried write is harmless. */
export class FileArtifactStore implements ArtifactStore {
  constructor(private readonly root: string) {}

  private resolve(path: string): string {
    const full = normalize(join(this.root, path));
    if (relative(this.root, full).startsWith('..')) throw new Error(`artifact path escapes the store: ${path}`);
    return full;
  }

  async put(path: string, name: string, content: string): Promise<ArtifactRef> {
    const full = this.resolve(path);
    await ensureDir(dirname(full));
    // One temp file per write: two writers of one path at once (the CT monitor's logs side by side) each rename their own.
    const tmp = `${full}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, content);
    await rename(tmp, full);
    const bytes = Buffer.byteLength(content);
    return { name, path, bytes, sha256: createHash('sha256').update(content).digest('hex') };
  }

  get(path: string): Promise<Buffer> {
    return readFile(this.resolve(path));
  }
}

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExternalRef } from '../../domain/findings';
import type { ContainmentPort, ContainmentRequest } from './containment-port';
import { ensureDir } from '../local-records/ensure-dir';

/**
 * The embedded containment adapter: records each isolation order as a file, one per
 * idempotency key (created exclusively), so a retried activity never orders twice.
 */
export class LocalContainment implements ContainmentPort {
  readonly name = 'local-containment';
  constructor(private readonly dir: string) {}

  async isolate(r: ContainmentRequest): Promise<ExternalRef> {
    await ensureDir(this.dir);
    const id = `ISO-${createHash('sha256').update(r.idempotencyKey).digest('hex').slice(0, 12)}`;
    const file = join(this.dir, `${id}.json`);
    const ref: ExternalRef = { system: this.name, id };
    try {
      await writeFile(file, JSON.stringify({ ...ref, ...r, at: new Date().toISOString() }, null, 2), { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const existing = JSON.parse(await readFile(file, 'utf8')) as ExternalRef;
      return { system: existing.system, id: existing.id };
    }
    return ref;
  }
}

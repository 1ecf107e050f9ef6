import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { keyHash } from '../../activities/local-records/key-claims';

/** The pid of a process that has already exited. */
export const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/**
 * What an attempt that died mid-way leaves in an adapter's claims folder (`<dataDir>/keys`): the claim
 * on `claimKey`, held by a dead process of this host, made `at` (now by default), and no record.
 */
export function leaveDeadClaim(keysDir: string, claimKey: string, at = new Date(), pid = deadPid()): void {
  mkdirSync(keysDir, { recursive: true });
  writeFileSync(join(keysDir, `${keyHash(claimKey)}.claim`), JSON.stringify({ token: `t-${pid}-${at.getTime()}`, pid, host: hostname(), at: at.toISOString() }));
}

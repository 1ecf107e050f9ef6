import { cpSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The sample logs: the embedded SIEM reads them and never writes. */
export const SAMPLE_LOGS = join(ROOT, 'samples', 'logs');

/**
 * A copy of the sample intel in `dataDir/intel`, for a run's embedded TIP: findings pushed
 * to the TIP land in its `pushed/`, so a test or benchmark never writes into the checkout.
 */
export function copySampleIntel(dataDir: string): string {
  const intelDir = join(dataDir, 'intel');
  cpSync(join(ROOT, 'samples', 'intel'), intelDir, { recursive: true });
  return intelDir;
}

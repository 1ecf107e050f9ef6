import { join } from 'node:path';
import type { Config } from '../config';
import { createArtifactActivities } from './artifacts/artifact-activities';
import { FileArtifactStore } from './artifacts/artifact-store';
import { LocalStixTip } from './tip/local-stix-tip';
import { createTipActivities } from './tip/tip-activities';

/** Every activity, with the adapters the configuration selects. */
export function createActivities(config: Config) {
  return {
    ...createTipActivities(new LocalStixTip(config.CAPEO_INTEL_DIR)),
    ...createArtifactActivities(new FileArtifactStore(join(config.CAPEO_DATA_DIR, 'artifacts'))),
  };
}
export type CapeoActivities = ReturnType<typeof createActivities>;

import { log } from '@temporalio/activity';
import type { ArtifactRef, MissionState } from '../../domain/mission';
import { renderReportMarkdown } from '../../domain/report';
import type { ArtifactStore } from './artifact-store';

export const createArtifactActivities = (store: ArtifactStore) => ({
  async writeReport({ state }: { state: MissionState }): Promise<ArtifactRef> {
    const ref = await store.put(`${state.missionId}/report.md`, 'report.md', renderReportMarkdown(state));
    log.info('report written', { missionId: state.missionId, path: ref.path });
    return ref;
  },
});

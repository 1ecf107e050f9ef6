import { log } from '@temporalio/activity';
import { renderComms } from '../../domain/comms';
import type { MissionMetrics } from '../../domain/metrics';
import type { ArtifactRef, MissionState } from '../../domain/mission';
import { buildPlaybook, type Notebook } from '../../domain/playbook';
import { renderReportHtml, renderReportMarkdown } from '../../domain/report';
import type { ArtifactStore } from './artifact-store';

/** Outcomes artifacts. Each write goes to a fixed path per mission, so a retried activity overwrites, never duplicates. */
export const createArtifactActivities = (store: ArtifactStore) => ({
  async writePlaybook({ state, previous }: { state: MissionState; previous: ArtifactRef | null }): Promise<ArtifactRef> {
    const prior = previous ? (JSON.parse((await store.get(previous.path)).toString('utf8')) as Notebook) : null;
    const notebook = buildPlaybook(state, prior);
    const ref = await store.put(`${state.missionId}/playbook.ipynb`, 'playbook.ipynb', JSON.stringify(notebook, null, 1) + '\n');
    log.info('playbook written', { missionId: state.missionId, path: ref.path });
    return ref;
  },

  async writeReport({ state, metrics }: { state: MissionState; metrics: MissionMetrics }): Promise<ArtifactRef[]> {
    return Promise.all([
      store.put(`${state.missionId}/report.md`, 'report.md', renderReportMarkdown(state, metrics)),
      store.put(`${state.missionId}/report.html`, 'report.html', renderReportHtml(state, metrics)),
    ]);
  },

  async writeComms({ state, metrics, summary }: { state: MissionState; metrics: MissionMetrics; summary: string | null }) {
    const comms = renderComms(state, metrics, summary);
    const files = await Promise.all([
      store.put(`${state.missionId}/comms.txt`, 'comms.txt', `Subject: ${comms.subject}\n\n${comms.text}`),
      store.put(`${state.missionId}/comms.html`, 'comms.html', comms.html),
    ]);
    return { ...comms, files };
  },
});

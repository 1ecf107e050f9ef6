import { ApplicationFailure, log } from '@temporalio/activity';
import { renderComms } from '../../domain/comms';
import { computeMetrics, metricsInputOf } from '../../domain/metrics';
import type { ArtifactRef, MissionRecord } from '../../domain/mission';
import { buildPlaybook, type Notebook } from '../../domain/playbook';
import { renderReportHtml, renderReportMarkdown } from '../../domain/report';
import type { MissionReads } from '../../store/mission-reads';
import type { ArtifactStore } from '../artifacts/artifact-store';
import { whileBeating } from '../heartbeat';

/**
 * The outcome documents, rendered from the mission store (the whole record: every finding, query and
 * audit entry), never from state passed in. Each goes to a fixed path per mission, so a retried
 * activity overwrites, never duplicates.
 */
export const createOutcomeActivities = (reads: MissionReads, store: ArtifactStore) => {
  async function record(missionId: string): Promise<MissionRecord> {
    const r = await reads.record(missionId);
    if (!r) throw ApplicationFailure.create({ type: 'MISSION_UNKNOWN', message: `no mission ${missionId} in the store`, nonRetryable: true });
    return r;
  }

  return {
    writePlaybook: ({ missionId, previous }: { missionId: string; previous: ArtifactRef | null }): Promise<ArtifactRef> => whileBeating(async () => {
      const prior = previous ? (JSON.parse((await store.get(previous.path)).toString('utf8')) as Notebook) : null;
      const notebook = buildPlaybook(await record(missionId), prior);
      const ref = await store.put(`${missionId}/playbook.ipynb`, 'playbook.ipynb', JSON.stringify(notebook, null, 1) + '\n');
      log.info('playbook written', { missionId, path: ref.path });
      return ref;
    }),

    writeReport: ({ missionId }: { missionId: string }): Promise<ArtifactRef[]> => whileBeating(async () => {
      const r = await record(missionId);
      const metrics = computeMetrics(metricsInputOf(r), new Date().toISOString());
      return Promise.all([
        store.put(`${missionId}/report.md`, 'report.md', renderReportMarkdown(r, metrics)),
        store.put(`${missionId}/report.html`, 'report.html', renderReportHtml(r, metrics)),
      ]);
    }),

    /** The comms files; the workflow sends them as an effect of the log (its HTML read from the file then). */
    writeComms: ({ missionId, summary }: { missionId: string; summary: string | null }): Promise<{ subject: string; text: string; files: ArtifactRef[] }> => whileBeating(async () => {
      const r = await record(missionId);
      const comms = renderComms(r, computeMetrics(metricsInputOf(r), new Date().toISOString()), summary);
      const files = await Promise.all([
        store.put(`${missionId}/comms.txt`, 'comms.txt', `Subject: ${comms.subject}\n\n${comms.text}`),
        store.put(`${missionId}/comms.html`, 'comms.html', comms.html),
      ]);
      return { subject: comms.subject, text: comms.text, files };
    }),
  };
};

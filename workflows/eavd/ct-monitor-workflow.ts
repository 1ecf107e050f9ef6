import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, continueAsNew, getExternalWorkflowHandle, log, proxyActivities, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { createCtActivities, FollowResult } from '../../activities/eavd/ct/ct-activities';
import { CT_MONITOR_MEMO, ctFinding, ctSettingsSignal, type CtMonitorProgress, type CtHit, type CtLog, type CtLogProgress, type CtMonitorInput, type CtMonitorSettings } from '../../domain/ct-monitor';
import type { NewFinding } from '../../domain/findings';
import { sweepFindingsSignal } from '../../domain/messages';

const ct = proxyActivities<ReturnType<typeof createCtActivities>>({
  startToCloseTimeout: '30 minutes',
  // A batch heartbeats after every page (and every 3 s): a dead worker's batch is retried within seconds, from its checkpoint.
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: ['EXTERNAL_BAD_ANSWER', 'EXTERNAL_AUTH_REJECTED', 'EXTERNAL_REQUEST_REJECTED', 'INTEGRATION_NOT_CONFIGURED'] },
});

/** Entries per activity: a batch is a few seconds of work, its retry at most that much again. */
const BATCH_ENTRIES = 10_000;
/** Batches per run before continue-as-new (each is a handful of events, plus a signal per mission hit). */
const BATCHES_PER_RUN = 300;

/**
 * The certificate-transparency monitor: one workflow for every configured log and every brand of the
 * active EAVD missions (a certificate is read once, however many missions it concerns). Each log is
 * followed on its own, from its saved position, by batches (activities that parse and match,
 * heartbeating their checkpoints); a batch's hits go to their missions as findings through the sweeps'
 * own signal, keyed by the certificate's issuer and serial, so each certificate is one finding per
 * mission. A log that is caught up waits `pollSeconds`; one that keeps failing is noted in its progress
 * (the workflow's memo) and tried again after `pollSeconds`, while the others go on.
 */
export async function ctMonitorWorkflow(input: CtMonitorInput): Promise<void> {
  let settings = input.settings;
  const progress = new Map(input.logs.map((l) => [l.id, l]));
  let batches = 0;
  let stopping = false;
  /** Bumped by every settings signal: a waiting log looks again at once. */
  let wake = 0;
  const running = new Set<string>();
  const loops: Array<Promise<void>> = [];
  const publish = () => upsertMemo({ [CT_MONITOR_MEMO]: { run: input.run, logs: [...progress.values()] } satisfies CtMonitorProgress });

  const full = () => batches >= (settings.batchesPerRun ?? BATCHES_PER_RUN) || workflowInfo().continueAsNewSuggested;

  const follow = async (id: string): Promise<void> => {
    running.add(id);
    try {
      while (!stopping && !full()) {
        const l = settings.logs.find((x) => x.id === id);
        const p = progress.get(id);
        if (!l || !p) return; // no longer configured
        let caughtUp = true;
        try {
          const r = await followOnce(l, p, settings);
          p.position = r.next;
          p.treeSize = r.treeSize;
          p.processed += r.processed;
          p.hits += r.hits.length;
          p.lastError = null;
          await deliver(r.hits);
          caughtUp = r.next >= r.treeSize;
        } catch (err) {
          p.lastError = describe(err);
          log.warn('CT log batch failed', { log: l.id, error: p.lastError });
        }
        batches++;
        publish();
        if (caughtUp) {
          const seen = wake;
          await condition(() => stopping || wake !== seen, settings.pollSeconds * 1000);
        }
      }
    } finally {
      running.delete(id);
    }
  };
  const configure = (s: CtMonitorSettings) => {
    settings = s;
    for (const id of [...progress.keys()]) if (!s.logs.some((l) => l.id === id)) progress.delete(id);
    for (const l of s.logs) if (!progress.has(l.id)) progress.set(l.id, { id: l.id, kind: l.kind, position: null, treeSize: null, processed: 0, hits: 0, lastError: null });
    wake++;
    publish();
    if (!stopping) for (const l of s.logs) if (!running.has(l.id)) loops.push(follow(l.id));
  };
  // The input's settings first: a signal buffered across continue-as-new is newer, and is applied next.
  configure(settings);
  setHandler(ctSettingsSignal, configure);

  await condition(full);
  stopping = true;
  await Promise.all(loops);
  await condition(allHandlersFinished);
  await continueAsNew<typeof ctMonitorWorkflow>({ settings, logs: [...progress.values()], run: input.run + 1 });
}

async function followOnce(l: CtLog, p: CtLogProgress, s: CtMonitorSettings): Promise<FollowResult> {
  // A log new to the monitor starts `backfill` entries before its head.
  p.position ??= Math.max(0, (await ct.ctTreeSize({ log: l })) - s.backfill);
  return ct.followCtLog({ log: l, from: p.position, maxEntries: s.batchEntries ?? BATCH_ENTRIES });
}

/** One signal per mission with its findings of the batch; a mission that ended is skipped. */
async function deliver(hits: CtHit[]): Promise<void> {
  const byMission = new Map<string, NewFinding[]>();
  for (const h of hits) for (const m of h.missions) byMission.set(m.missionId, [...(byMission.get(m.missionId) ?? []), ctFinding(h, m.matches)]);
  for (const [missionId, findings] of byMission) {
    try {
      // sweep 0: the CT monitor's findings (the mission keeps one finding per source key).
      await getExternalWorkflowHandle(missionId).signal(sweepFindingsSignal, { sweep: 0, findings });
    } catch (err) {
      log.info('CT finding not delivered: the mission is no longer running', { missionId, error: describe(err) });
    }
  }
}

function describe(err: unknown): string {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  const type = cause instanceof ApplicationFailure && cause.type ? `${cause.type}: ` : '';
  return `${type}${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 300);
}

import { continueAsNew, getExternalWorkflowHandle, isCancellation, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { createSweepActivities } from '../../activities/eavd/sweep-activities';
import type { createStoreActivities } from '../../activities/store/store-activities';
import { candidateFinding, INTEREST_GROUP_SIZE, interestGroupFinding, type CandidateFacts, type Scored } from '../../domain/eavd-scoring';
import type { NewFinding } from '../../domain/findings';
import type { LookalikePolicy } from '../../domain/mission';
import { sweepFindingsSignal, sweepResultsSignal, watcherFailedSignal } from '../../domain/messages';

const sweep = proxyActivities<ReturnType<typeof createSweepActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumInterval: '2 minutes', nonRetryableErrorTypes: ['RESOLVE_BATCH_TOO_LARGE', 'RESOLVE_OPTIONS_INVALID', 'EXTERNAL_BAD_ANSWER', 'EXTERNAL_AUTH_REJECTED', 'EXTERNAL_REQUEST_REJECTED'] },
});

const store = proxyActivities<ReturnType<typeof createStoreActivities>>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '30 seconds' } });

export interface SweepInput {
  missionWorkflowId: string;
  missionId: string;
  domains: string[];
  keywords: string[];
  /** The brand's lookalike families; absent: the engine's bounded defaults. */
  lookalikes?: LookalikePolicy;
  intervalMinutes: number;
  sweep: number;
  /** Registered lookalikes already reported, carried across continue-as-new: what is new is what is not here. */
  known: string[];
}

/** At most RESUMABLE_BATCH_LIMIT: a batch interrupted mid-way resumes from its heartbeat checkpoint. */
const RESOLVE_BATCH = 500;
const ENRICH_BATCH = 100;
/** Cluster findings per activity result and signal: each holds up to 500 observables. */
const CLUSTER_FINDINGS_PER_SIGNAL = 10;

/**
 * EAVD discovery, repeated for as long as the mission is in Execute (the mission
 * cancels it): generate → resolve by batches → enrich and score the registered →
 * report to the mission what is new since the last sweep. Each batch is an
 * activity, so a worker restart mid-sweep redoes no finished batch; the findings
 * of each enrichment batch go to the mission at once, in a signal of their own,
 * so no payload grows with the brand; each sweep continues-as-new, so history
 * stays small for brands with tens of thousands of candidates.
 */
export async function eavdSweepWorkflow(input: SweepInput): Promise<void> {
  const standing = await store.missionStanding({ missionId: input.missionId });
  if (!standing || standing.status !== 'active' || standing.phase !== 'execute') return;
  let known = input.known;
  try {
    known = await sweepOnce(input);
  } catch (err) {
    if (isCancellation(err)) throw err;
    // The mission audits the failure and goes on; the next sweep tries again.
    const error = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    await getExternalWorkflowHandle(input.missionWorkflowId).signal(watcherFailedSignal, { watcher: 'sweep', error: error.slice(0, 300) }).catch(() => undefined);
  }
  await sleep(input.intervalMinutes * 60_000);
  await continueAsNew<typeof eavdSweepWorkflow>({ ...input, sweep: input.sweep + 1, known });
}

/** One sweep; answers the registered lookalikes known after it. */
async function sweepOnce(input: SweepInput): Promise<string[]> {
  const known = new Set(input.known);
  const { path, count } = await sweep.generateCandidates({
    path: `${input.missionId}/sweeps/${input.sweep}/candidates.json`,
    domains: input.domains,
    keywords: input.keywords,
    ...(input.lookalikes && { lookalikes: input.lookalikes }),
  });
  const registered: CandidateFacts[] = [];
  let unresolved = 0;
  let wildcard = 0;
  for (let offset = 0; offset < count; offset += RESOLVE_BATCH) {
    const batch = await sweep.resolveSlice({ path, offset, limit: RESOLVE_BATCH });
    registered.push(...batch.registered);
    unresolved += batch.unresolved.length;
    wildcard += batch.wildcard;
  }
  const fresh = registered.filter((c) => !known.has(c.domain));
  const mission = getExternalWorkflowHandle(input.missionWorkflowId);
  const brand = input.domains.length > 1 ? `${input.domains[0]} (and ${input.domains.length - 1} more)` : input.domains[0]!;
  // Sweeps that started before clustering finish the way they began.
  const findingCount = patched('eavd-clusters') ? await reportWithClusters(input, fresh, brand) : await reportByBatch(input, fresh, brand);
  await mission.signal(sweepResultsSignal, {
    sweep: input.sweep,
    candidates: count,
    registered: registered.length,
    unresolved,
    wildcard,
    newDomains: fresh.map((c) => c.domain),
    findingCount,
  });
  for (const c of fresh) known.add(c.domain);
  return [...known];
}

/** Before clustering: each enrichment batch scored and reported at once. */
async function reportByBatch(input: SweepInput, fresh: CandidateFacts[], brand: string): Promise<number> {
  const mission = getExternalWorkflowHandle(input.missionWorkflowId);
  let findingCount = 0;
  let groups = 0;
  for (let i = 0; i < fresh.length; i += ENRICH_BATCH) {
    const scoredBatch = await sweep.enrichAndScore({ candidates: fresh.slice(i, i + ENRICH_BATCH), brands: input.domains, now: new Date().toISOString() });
    // A suspicious lookalike is a finding of its own; those of interest are grouped.
    const findings: NewFinding[] = [];
    const ofInterest: Array<{ facts: CandidateFacts; scored: Scored }> = [];
    for (const item of scoredBatch) {
      if (item.scored.verdict === 'suspicious-security-event') findings.push(candidateFinding(item.facts, item.scored)!);
      if (item.scored.verdict === 'ti-event-of-interest') ofInterest.push(item);
    }
    for (let g = 0; g < ofInterest.length; g += INTEREST_GROUP_SIZE) {
      findings.push(interestGroupFinding(ofInterest.slice(g, g + INTEREST_GROUP_SIZE), brand, { sweep: input.sweep, group: ++groups }));
    }
    findingCount += findings.length;
    if (findings.length) await mission.signal(sweepFindingsSignal, { sweep: input.sweep, findings });
  }
  return findingCount;
}

/**
 * Enrich and record every new lookalike (its facts go to the store, not through history), cluster all
 * the mission has seen, report the clusters this sweep founded (one finding each), then each batch's
 * own findings: members of a new cluster are in its finding, members joining a known one say so.
 */
async function reportWithClusters(input: SweepInput, fresh: CandidateFacts[], brand: string): Promise<number> {
  const mission = getExternalWorkflowHandle(input.missionWorkflowId);
  for (let i = 0; i < fresh.length; i += ENRICH_BATCH) {
    await sweep.enrichAndRecord({ missionId: input.missionId, sweep: input.sweep, candidates: fresh.slice(i, i + ENRICH_BATCH), brands: input.domains });
  }
  if (fresh.length === 0) return 0;
  const now = new Date().toISOString();
  const { founded } = await sweep.clusterLookalikes({ missionId: input.missionId, sweep: input.sweep });
  let findingCount = 0;
  for (let i = 0; i < founded.length; i += CLUSTER_FINDINGS_PER_SIGNAL) {
    const findings = await sweep.clusterFindings({ missionId: input.missionId, ids: founded.slice(i, i + CLUSTER_FINDINGS_PER_SIGNAL), brand, now });
    findingCount += findings.length;
    if (findings.length) await mission.signal(sweepFindingsSignal, { sweep: input.sweep, findings });
  }
  let groups = 0;
  for (let i = 0; i < fresh.length; i += ENRICH_BATCH) {
    const batch = await sweep.reportLookalikes({
      missionId: input.missionId,
      sweep: input.sweep,
      domains: fresh.slice(i, i + ENRICH_BATCH).map((c) => c.domain),
      brand,
      now,
      groupsBefore: groups,
    });
    groups += batch.groups;
    findingCount += batch.findings.length;
    if (batch.findings.length) await mission.signal(sweepFindingsSignal, { sweep: input.sweep, findings: batch.findings });
  }
  return findingCount;
}

import { X509Certificate } from 'node:crypto';
import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { CtHit, CtLog, CtNameMatch } from '../../../domain/ct-monitor';
import type { ArtifactStore } from '../../artifacts/artifact-store';
import { ExternalError } from '../../http/http-client';
import { beat } from '../../heartbeat';
import type { ActiveBrand } from '../../../store/mission-reads';
import { certificateFacts, issuerSerialKey, namesOfDer, toPem } from './certificate';
import type { LogEntry } from './leaf';
import { logClient, type CtLogClient } from './log-client';
import type { MatcherFactory } from './matcher';

export interface CtDeps {
  /** The brands of the active missions, and those missions (store/mission-reads activeBrands). */
  brands(): Promise<ActiveBrand[]>;
  matcher: MatcherFactory;
  artifacts: ArtifactStore;
  timeoutMs: number;
  /** How a log is read (tests and the benchmark give their own). */
  client?: (log: CtLog) => CtLogClient;
  /** Where a batch writes its checkpoint after every page (the mission store); without it, only the heartbeat carries it. */
  checkpoints?: { load(logId: string, from: number): Promise<unknown>; save(logId: string, from: number, checkpoint: unknown): Promise<void> };
}

export interface FollowInput {
  log: CtLog;
  /** The first entry of this batch: every entry before it was processed. */
  from: number;
  /** Entries to process at most in this batch. */
  maxEntries: number;
}

export interface FollowResult {
  /** The next entry to read: [from, next) is processed. */
  next: number;
  treeSize: number;
  processed: number;
  /** Entries whose certificate could not be parsed (counted, skipped). */
  unparsed: number;
  hits: CtHit[];
}

/** The heartbeat of a batch: how far it went and what it found on the way, so a retry goes on from there. */
interface Checkpoint extends FollowResult {
  log: string;
  from: number;
}

/** A batch stops early once it holds this many hits: they ride in its heartbeat and result. */
export const MAX_HITS_PER_BATCH = 100;

function cancelled(): boolean {
  try {
    return Context.current().cancellationSignal.aborted;
  } catch {
    return false;
  }
}

/** The monitor a batch works for: checkpoints are its own (another monitor may follow the same log). */
function monitorId(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined;
  }
}

function heartbeatDetails(): unknown {
  try {
    return Context.current().info.heartbeatDetails;
  } catch {
    return undefined;
  }
}

/** The furthest of the checkpoints given that belongs to this batch: the heartbeat's, the store's. */
function resumeFrom(input: FollowInput, ...candidates: unknown[]): Checkpoint | null {
  let best: Checkpoint | null = null;
  for (const c of candidates) {
    const valid = checkpointOf(input, c);
    if (valid && (!best || valid.next > best.next)) best = valid;
  }
  return best;
}

function checkpointOf(input: FollowInput, details: unknown): Checkpoint | null {
  if (typeof details !== 'object' || details === null) return null;
  const c = details as Partial<Checkpoint>;
  const ok =
    c.log === input.log.id && c.from === input.from && Number.isSafeInteger(c.next) && c.next! >= input.from && c.next! <= input.from + input.maxEntries &&
    Array.isArray(c.hits) && Number.isSafeInteger(c.processed) && Number.isSafeInteger(c.unparsed) && Number.isSafeInteger(c.treeSize);
  return ok ? (c as Checkpoint) : null;
}

/**
 * Certificate transparency: a batch of a log's entries at a time, from a saved position. Each batch
 * writes its checkpoint to the store and heartbeats it after every page (the position after the last
 * entry fully processed and the hits so far), so an attempt retried after a crash goes on from the
 * furthest of the two: no page it finished is read again (only the page in flight when it died) and
 * no entry after it is skipped. A log answering fewer entries than asked (short pages)
 * moves the position by what it answered.
 */
export const createCtActivities = (d: CtDeps) => {
  const client = d.client ?? ((log: CtLog) => logClient(log, d.timeoutMs));
  return {
    async ctTreeSize({ log }: { log: CtLog }): Promise<number> {
      return client(log).treeSize();
    },

    async followCtLog(input: FollowInput): Promise<FollowResult> {
      const log = client(input.log);
      const monitor = monitorId();
      const store = monitor && d.checkpoints ? { key: `${monitor} ${input.log.id}`, at: d.checkpoints } : undefined;
      const resumed = resumeFrom(input, heartbeatDetails(), await store?.at.load(store.key, input.from));
      const c: Checkpoint = resumed ?? { log: input.log.id, from: input.from, next: input.from, treeSize: 0, processed: 0, unparsed: 0, hits: [] };
      c.treeSize = await log.treeSize();
      const end = Math.min(c.treeSize, input.from + input.maxEntries);
      if (c.next >= end) return result(c);
      const brands = await d.brands();
      const match = brands.length ? d.matcher(brands) : null;
      const missionsOf = new Map(brands.map((b) => [b.id, b.missionIds]));
      // Between pages too (a slow page must not look like a dead worker); `c` only ever holds whole entries.
      const timer = setInterval(() => beat(c), 3_000);
      try {
        while (c.next < end && c.hits.length < MAX_HITS_PER_BATCH) {
          // A monitor that is gone (terminated, cancelled) stops its batch at the next page.
          if (cancelled()) throw new CancelledFailure('the CT monitor is gone');
          const entries = await log.entries(c.next, end, c.treeSize);
          if (!entries.length || entries[0]!.index !== c.next) throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `CT log ${input.log.id} answered no entry at ${c.next}` });
          for (const e of entries) {
            if (match) {
              const hit = await matchEntry(e, input.log, match, missionsOf, d.artifacts);
              if (hit === 'unparsed') c.unparsed++;
              else if (hit) c.hits.push(hit);
            }
            c.processed++;
            c.next = e.index + 1;
            if (c.hits.length >= MAX_HITS_PER_BATCH) break;
          }
          // The store first: a heartbeat may wait in the throttle, a committed row does not.
          await store?.at.save(store.key, input.from, c);
          beat(c);
        }
      } finally {
        clearInterval(timer);
      }
      return result(c);
    },
  };
};

const result = (c: Checkpoint): FollowResult => ({ next: c.next, treeSize: c.treeSize, processed: c.processed, unparsed: c.unparsed, hits: c.hits });

/** The hit an entry makes (its certificate kept in the artifact store), or null; 'unparsed' for a certificate that does not parse. */
async function matchEntry(
  e: LogEntry,
  log: CtLog,
  match: ReturnType<MatcherFactory>,
  missionsOf: Map<string, string[]>,
  artifacts: ArtifactStore,
): Promise<CtHit | null | 'unparsed'> {
  let names: string[];
  try {
    names = namesOfDer(e.der);
  } catch {
    return 'unparsed';
  }
  let byBrand: Map<string, CtNameMatch[]> | undefined;
  for (const name of names) {
    for (const { brandId, ...rest } of match(name)) {
      byBrand ??= new Map();
      byBrand.set(brandId, [...(byBrand.get(brandId) ?? []), { name, ...rest }]);
    }
  }
  if (!byBrand) return null;
  // Only a matching certificate is built as an X509Certificate: its evidence needs one.
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(e.der);
  } catch {
    return 'unparsed';
  }
  const facts = certificateFacts(cert, e.der);
  const artifact = await artifacts.put(`ct/certificates/${facts.fingerprint}.pem`, `${facts.fingerprint}.pem`, toPem(e.der));
  return {
    key: issuerSerialKey(facts.issuer, facts.serial),
    certificate: { log: log.id, index: e.index, entryType: e.type, loggedAt: new Date(e.timestamp).toISOString(), names, artifact, ...facts },
    missions: [...byBrand].flatMap(([brandId, matches]) => (missionsOf.get(brandId) ?? []).map((missionId) => ({ missionId, matches }))),
  };
}

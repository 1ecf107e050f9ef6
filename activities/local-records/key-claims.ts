import { createHash, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import { ExternalError } from '../http/http-client';
import { createExclusive, readJson, writeAtomic } from './atomic-files';
import { ensureDir } from './ensure-dir';

/**
 * The external system answered and refused (a 401, a 400): it made nothing, so the claim is let go
 * and the next attempt (an effect retried once the integration is fixed) goes straight ahead,
 * without waiting out a lookup's lag for a record that cannot exist.
 */
const refused = (err: unknown): boolean =>
  err instanceof ApplicationFailure && (err.type === ExternalError.AuthRejected || err.type === ExternalError.RequestRejected);

export const keyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface OnceResult<T> {
  value: T;
  /** True when an earlier call with the same key made the record and this one only returned it. */
  deduplicated: boolean;
}

export interface OnceOps<T> {
  /** Makes the record; called at most once per key unless a claimant died before finishing. */
  create(): Promise<T>;
  /** Looks for the record of an attempt that died after making it but before saying so. */
  find(): Promise<T | undefined>;
  /**
   * How long find() may miss a record create() has just made (a search index that lags behind
   * writes). A dead attempt younger than this is not taken over: find() is asked, and when it sees
   * nothing yet the call fails retryably, so a retry soon after a lost answer never creates twice.
   */
  settleMs?: number;
}

export interface KeyClaimOptions {
  /** A claim older than this is abandoned whoever holds it (default 2 minutes). */
  staleMs?: number;
  /** How long to wait for another process's live claim before failing retryably (default 5 s). */
  waitMs?: number;
  pollMs?: number;
}

/** Another live process holds the key and has not finished: retryable, the next attempt will find its record. */
export class KeyBusyError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_BUSY';
  override readonly name = 'KeyBusyError';
}

interface Claim {
  token: string;
  pid: number;
  host: string;
  at: string;
}

interface Done<T> {
  key: string;
  value: T;
  at: string;
}

/** Attempts running in this process, by slot: a same-key call waits for the running one. */
const inFlight = new Map<string, Promise<OnceResult<unknown>>>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Exactly-once record creation per idempotency key, across retries, restarts and processes sharing a
 * directory. Per key hash, `<hash>.claim` is created exclusively before the side effect (so two
 * processes can never both perform it) and `<hash>.json` holds the result once it is made. A claim
 * whose holder died (same host, dead pid; or older than `staleMs`) is taken over by exactly one
 * process, which first looks for the record the dead holder may have made, then makes it if not.
 */
export class KeyClaims {
  private readonly dir: string;

  constructor(
    dir: string,
    private readonly options: KeyClaimOptions = {},
  ) {
    this.dir = resolve(dir);
  }

  async once<T>(key: string, ops: OnceOps<T>): Promise<OnceResult<T>> {
    const slot = join(this.dir, keyHash(key));
    let failed: Promise<OnceResult<unknown>> | undefined;
    for (;;) {
      const running = inFlight.get(slot);
      if (!running || running === failed) break;
      try {
        return { value: (await running).value as T, deduplicated: true };
      } catch {
        // That attempt failed; make our own (its claim is ours to take over).
        failed = running;
      }
    }
    const attempt = this.attempt(key, slot, ops);
    inFlight.set(slot, attempt);
    try {
      return await attempt;
    } finally {
      if (inFlight.get(slot) === attempt) inFlight.delete(slot);
    }
  }

  private async attempt<T>(key: string, slot: string, ops: OnceOps<T>): Promise<OnceResult<T>> {
    await ensureDir(this.dir);
    const done = await readJson<Done<T>>(`${slot}.json`);
    if (done) return { value: done.value, deduplicated: true };

    const mine = JSON.stringify(this.newClaim());
    if (await createExclusive(`${slot}.claim`, mine)) {
      return { value: await this.complete(key, slot, ops.create), deduplicated: false };
    }

    const deadline = Date.now() + (this.options.waitMs ?? 5_000);
    for (;;) {
      const finished = await readJson<Done<T>>(`${slot}.json`);
      if (finished) return { value: finished.value, deduplicated: true };
      const claim = await readJson<Claim>(`${slot}.claim`);
      const age = claim ? Date.now() - Date.parse(claim.at) : 0;
      if (claim && ops.settleMs && age < ops.settleMs && this.abandoned(claim)) {
        const found = await ops.find();
        if (found !== undefined) {
          await this.record(key, slot, found);
          return { value: found, deduplicated: true };
        }
        throw new KeyBusyError(
          `idempotency key ${keyHash(key).slice(0, 12)}: an attempt ${Math.round(age / 1000)} s ago may have made the record; the lookup may lag for up to ${Math.round(ops.settleMs / 1000)} s`,
        );
      }
      if (claim && this.abandoned(claim) && (await createExclusive(`${slot}.takeover-${claim.token}`, mine))) {
        await writeAtomic(`${slot}.claim`, mine);
        const found = await ops.find();
        if (found !== undefined) {
          await this.record(key, slot, found);
          return { value: found, deduplicated: true };
        }
        return { value: await this.complete(key, slot, ops.create), deduplicated: false };
      }
      if (Date.now() >= deadline) {
        throw new KeyBusyError(`idempotency key ${keyHash(key).slice(0, 12)} is held by pid ${claim?.pid} on ${claim?.host}, still running`);
      }
      await sleep(this.options.pollMs ?? 20);
    }
  }

  private newClaim(): Claim {
    return { token: randomUUID(), pid: process.pid, host: hostname(), at: new Date().toISOString() };
  }

  private abandoned(claim: Claim): boolean {
    if (Date.now() - Date.parse(claim.at) > (this.options.staleMs ?? 120_000)) return true;
    if (claim.host !== hostname()) return false;
    // Our own pid with nothing in flight for this key (once() guarantees that): an earlier attempt failed,
    // or a previous process had the same pid (pid 1 in a container).
    if (claim.pid === process.pid) return true;
    return !isAlive(claim.pid);
  }

  private async complete<T>(key: string, slot: string, create: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await create();
    } catch (err) {
      if (refused(err)) await rm(`${slot}.claim`, { force: true });
      throw err;
    }
    await this.record(key, slot, value);
    return value;
  }

  private record<T>(key: string, slot: string, value: T): Promise<void> {
    const done: Done<T> = { key, value, at: new Date().toISOString() };
    return writeAtomic(`${slot}.json`, JSON.stringify(done));
  }
}

import { join, resolve } from 'node:path';
import { KeyClaims, type KeyClaimOptions } from './key-claims';

/**
 * What every adapter that writes to an external system starts from: its settings, the time limit of
 * one call, and its idempotency claims in `<dataDir>/keys` (one folder per adapter: two channels sharing
 * one would take each other's claims for their own sends).
 */
export abstract class ClaimingAdapter<S> {
  protected readonly claims: KeyClaims;

  constructor(
    protected readonly settings: S,
    protected readonly timeoutMs: number,
    dataDir: string,
    claimOptions?: KeyClaimOptions,
  ) {
    this.claims = new KeyClaims(join(resolve(dataDir), 'keys'), claimOptions);
  }
}

import type { ExternalRef } from '../../domain/findings';

export interface ContainmentRequest {
  idempotencyKey: string;
  missionId: string;
  target: { kind: 'endpoint' | 'account'; id: string };
  reason: string;
}

/** EDR / identity platform that isolates an endpoint or disables an account. */
export interface ContainmentPort {
  readonly name: string;
  isolate(r: ContainmentRequest): Promise<ExternalRef>;
}

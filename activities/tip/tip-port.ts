import type { ExternalRef, Finding } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';
import type { CheckResult } from '../health-check';

export interface IntelQuery {
  topic: string;
  keywords: string[];
}

/** A threat intelligence platform, as capeo sees it. */
export interface TipPort {
  readonly name: string;
  /** Settings, credentials and reachability, without side effects (`capeo doctor`). */
  check?(): Promise<CheckResult>;
  pullIntel(query: IntelQuery): Promise<IntelSummary>;
  /** Pushes a finding (its observables as indicators); idempotent per mission and finding. */
  pushFinding(missionId: string, finding: Finding): Promise<ExternalRef>;
}

import type { ExternalRef, Finding } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';

export interface IntelQuery {
  topic: string;
  keywords: string[];
}

/** A threat intelligence platform, as capeo sees it. */
export interface TipPort {
  readonly name: string;
  pullIntel(query: IntelQuery): Promise<IntelSummary>;
  /** Pushes a finding (its observables as indicators); idempotent per mission and finding. */
  pushFinding(missionId: string, finding: Finding): Promise<ExternalRef>;
}

import { condition } from '@temporalio/workflow';
import type { Actor } from '../../domain/identity';
import { outcomes } from './activity-proxies';
import type { MissionMachine } from './mission-machine';
import type { StoreWriter } from './store-writer';

/**
 * Outcomes: the playbook, the report (whose release stops the Total Hunt Duration clock) and the
 * comms. The documents are rendered from the mission store, so the writer flushes before each: the
 * activities get the mission's id, never its state.
 */
export class Outcomes {
  constructor(
    private readonly m: MissionMachine,
    private readonly writer: StoreWriter,
  ) {}

  async writePlaybook(): Promise<void> {
    await this.writer.flush();
    const s = this.m.state;
    this.m.playbookWritten(await outcomes.writePlaybook({ missionId: s.missionId, previous: s.previous?.playbook ?? null }));
  }

  async release(actor: Actor, summary: string | undefined): Promise<void> {
    const s = this.m.state;
    this.m.releasing = true;
    try {
      this.m.stopClock('total');
      await this.writePlaybook();
      await this.writer.flush();
      this.m.reportReleased(await outcomes.writeReport({ missionId: s.missionId }), actor);
      await this.writer.flush();
      this.m.commsWritten(await outcomes.writeComms({ missionId: s.missionId, summary: summary ?? null }));
      // The release answers once the comms went out (or failed for good: then they can be retried).
      await condition(() => this.m.hasItem('outcomes', 'comms'));
      await this.writer.flush();
    } finally {
      this.m.releasing = false;
    }
  }
}

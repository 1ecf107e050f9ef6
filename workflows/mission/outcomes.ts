import type { Actor } from '../../domain/identity';
import { computeMetrics } from '../../domain/metrics';
import { artifacts, notify } from './activity-proxies';
import { effectKey } from './effects';
import type { Mission } from './mission-state';

/** Outcomes: the playbook, the report (whose release stops the Total Hunt Duration clock) and the comms. */
export class Outcomes {
  releasing = false;
  constructor(private readonly m: Mission) {}

  async writePlaybook(): Promise<void> {
    const s = this.m.state;
    const ref = await artifacts.writePlaybook({ state: s, previous: s.previous?.playbook ?? null });
    s.artifacts[ref.name] = ref;
    this.m.recordItem('playbook', 'capeo', { path: ref.path, sha256: ref.sha256 }, 'outcomes');
    this.m.audit('capeo', 'playbook.written', ref.path);
  }

  async release(actor: Actor, summary: string | undefined): Promise<void> {
    const s = this.m.state;
    this.releasing = true;
    try {
      this.m.stopClock('total');
      await this.writePlaybook();
      const metrics = computeMetrics(s, this.m.now());
      const report = await artifacts.writeReport({ state: s, metrics });
      for (const ref of report) s.artifacts[ref.name] = ref;
      this.m.recordItem('report', actor.id, { files: report.map((r) => r.path) }, 'outcomes');
      this.m.audit(actor, 'report.released', report.map((r) => r.path).join(', '));

      const comms = await artifacts.writeComms({ state: s, metrics, summary: summary ?? null });
      for (const ref of comms.files) s.artifacts[ref.name] = ref;
      const receipt = await notify.sendNotification({
        idempotencyKey: effectKey('comms'),
        kind: 'comms',
        to: s.audience.length ? s.audience : ['security-newsletter'],
        subject: comms.subject,
        text: comms.text,
        html: comms.html,
        missionId: s.missionId,
      });
      this.m.recordItem('comms', 'capeo', { notification: receipt.id, to: s.audience }, 'outcomes');
      this.m.audit('capeo', 'comms.sent', `${receipt.channel} ${receipt.id}`);
    } finally {
      this.releasing = false;
    }
  }
}

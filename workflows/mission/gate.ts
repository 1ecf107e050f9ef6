import { condition } from '@temporalio/workflow';
import type { Phase } from '../../domain/phases';
import { notify } from './activity-proxies';
import { effectKey } from './effects';
import type { Mission } from './mission-state';

const HOUR = 3_600_000;

/** Waits for the gate's decision, reminding the decider at the policy's interval (each reminder once). */
export async function awaitGateDecision(m: Mission, phase: Phase): Promise<void> {
  const s = m.state;
  const opened = s.timeline.filter((e) => e.action === 'gate.opened' && e.detail === phase).length;
  for (let reminder = 1; ; reminder++) {
    if (await condition(() => s.openGate === null || s.status !== 'active', s.policy.gateReminderHours * HOUR)) return;
    await notify.sendNotification({
      idempotencyKey: effectKey('gate-reminder', phase, opened, reminder),
      kind: 'gate-reminder',
      to: [s.lead ?? 'hunt-managers'],
      subject: `[${s.displayName}] The ${phase} gate awaits your decision`,
      text: `The ${phase} gate of ${s.displayName} has been open for ${reminder * s.policy.gateReminderHours} h.`,
      missionId: s.missionId,
    });
    m.audit('capeo', 'gate.reminder', `${phase} #${reminder}`);
  }
}

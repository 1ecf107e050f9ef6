import { createNotifyActivities } from '../../activities/notify/notify-activities';
import { NotifyError, type Notification, type NotifyPort } from '../../activities/notify/notify-port';

const fakePort = (): NotifyPort & { sent: Notification[] } => {
  const sent: Notification[] = [];
  return {
    name: 'fake',
    sent,
    async send(n) {
      sent.push(n);
      return { id: `n-${sent.length}`, channel: 'fake', deduplicated: false, at: '2025-01-01T00:00:00.000Z' };
    },
  };
};

describe('createNotifyActivities', () => {
  it('passes a valid notification to the port and returns its receipt (no worker needed)', async () => {
    const port = fakePort();
    const receipt = await createNotifyActivities(port).sendNotification({
      idempotencyKey: 'wf-1:intel-highlight',
      kind: 'intel-highlight',
      to: ['threat-intel'],
      subject: 'Threats',
      text: 'none yet',
    });
    expect(receipt).toEqual({ id: 'n-1', channel: 'fake', deduplicated: false, at: '2025-01-01T00:00:00.000Z' });
    expect(port.sent).toEqual([{ idempotencyKey: 'wf-1:intel-highlight', kind: 'intel-highlight', to: ['threat-intel'], subject: 'Threats', text: 'none yet' }]);
  });

  it('refuses bad input before reaching the port', async () => {
    const port = fakePort();
    const bad = { idempotencyKey: 'k', kind: 'comms', to: ['x'], subject: '  ', text: 't' };
    await expect(createNotifyActivities(port).sendNotification(bad)).rejects.toMatchObject({ type: NotifyError.Invalid, nonRetryable: true });
    expect(port.sent).toHaveLength(0);
  });
});

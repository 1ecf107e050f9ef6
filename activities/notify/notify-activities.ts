import { activityLog } from '../local-records/activity-log';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from './notify-port';

export const createNotifyActivities = (notify: NotifyPort) => ({
  /** Idempotent by `n.idempotencyKey`: a retried activity returns the first receipt. */
  async sendNotification(n: Notification): Promise<NotificationReceipt> {
    const receipt = await notify.send(validNotification(n));
    activityLog('notification sent', { channel: receipt.channel, id: receipt.id, kind: n.kind, deduplicated: receipt.deduplicated });
    return receipt;
  },
});

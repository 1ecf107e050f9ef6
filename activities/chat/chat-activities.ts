import { activityLog } from '../local-records/activity-log';
import { assertValidChannel, type ChannelRef, type ChatPort, type CreateChannelInput, type InviteInput } from './chat-port';

export const createChatActivities = (c: ChatPort) => ({
  /**
   * Creates the mission's channel (or finds it: idempotent by key and by name) and makes sure the
   * members are in it, also when the channel already existed.
   */
  async setupChannel(i: CreateChannelInput): Promise<ChannelRef> {
    assertValidChannel(i);
    const channel = await c.createChannel(i);
    if (i.members.length > 0) await c.invite({ channel, members: i.members });
    activityLog('channel ready', { system: c.name, channel: channel.name, members: i.members.length });
    return channel;
  },

  /** Set-union: inviting someone already in the channel changes nothing. */
  async inviteToChannel(i: InviteInput): Promise<void> {
    await c.invite(i);
    activityLog('members invited', { system: c.name, channel: i.channel.name, members: i.members.length });
  },
});

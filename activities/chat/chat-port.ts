import { ApplicationFailure } from '@temporalio/activity';
import type { CheckResult } from '../health-check';

/** Error types this port's activities throw; both are permanent (non-retryable). */
export const ChatError = {
  Invalid: 'CHAT_INPUT_INVALID',
  ChannelNotFound: 'CHAT_CHANNEL_NOT_FOUND',
} as const;

export interface ChannelRef {
  system: string;
  id: string;
  name: string;
  url?: string;
}

export interface CreateChannelInput {
  idempotencyKey: string;
  /** Chat-style: lowercase letters, digits, dashes and underscores (`eavd01-barracuda-muffin`). */
  name: string;
  topic: string;
  members: string[];
}

export interface InviteInput {
  channel: ChannelRef;
  members: string[];
}

/** A chat system where a mission gets its comms channel (local, Slack). */
export interface ChatPort {
  readonly name: string;
  /** Settings, credentials and reachability, without side effects (`capeo doctor`). */
  check?(): Promise<CheckResult>;
  /** Idempotent by key, and by name: a channel that already has the name is returned as it is. */
  createChannel(i: CreateChannelInput): Promise<ChannelRef>;
  /** Adds members who are not in the channel yet; inviting a member twice changes nothing. */
  invite(i: InviteInput): Promise<void>;
}

export const invalidChat = (message: string): ApplicationFailure =>
  ApplicationFailure.create({ type: ChatError.Invalid, nonRetryable: true, message });

export const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/** The members, trimmed and de-duplicated; throws a non-retryable failure on a bad list. */
export function validMembers(members: unknown): string[] {
  if (!Array.isArray(members) || members.some((m) => typeof m !== 'string' || !m.trim() || m.length > 200)) {
    throw invalidChat('members: a list of non-empty member ids of at most 200 characters');
  }
  const unique = [...new Set((members as string[]).map((m) => m.trim()))];
  if (unique.length > 1000) throw invalidChat('members: at most 1000');
  return unique;
}

export function assertValidChannel(i: CreateChannelInput): void {
  if (typeof i?.idempotencyKey !== 'string' || !i.idempotencyKey.trim() || i.idempotencyKey.length > 1000) {
    throw invalidChat('idempotencyKey: required, at most 1000 characters');
  }
  if (typeof i.name !== 'string' || !CHANNEL_NAME.test(i.name)) {
    throw invalidChat('name: 1 to 80 lowercase letters, digits, dashes or underscores, starting with a letter or digit');
  }
  if (typeof i.topic !== 'string' || i.topic.length > 1000) throw invalidChat('topic: at most 1000 characters');
  validMembers(i.members);
}

export function assertValidInvite(i: InviteInput): void {
  if (typeof i?.channel?.id !== 'string' || typeof i.channel.name !== 'string' || !CHANNEL_NAME.test(i.channel.name)) {
    throw invalidChat('channel: a channel reference');
  }
  validMembers(i.members);
}

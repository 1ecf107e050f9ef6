import type { ExternalRef, FindingCategory, Severity } from './findings';

/** The kinds of side effect a mission causes; each is an entry of the mission's effect log. */
export const EFFECT_KINDS = [
  'notify',
  'finding-ticket',
  'escalate',
  'push-tip',
  'channel',
  'channel-invite',
  'action-plan',
  'containment',
] as const;
export type EffectKind = (typeof EFFECT_KINDS)[number];

export const EFFECT_STATES = ['pending', 'running', 'done', 'failed'] as const;
export type EffectState = (typeof EFFECT_STATES)[number];

/** What a notification is about; the alert about failed effects is one of them. */
export type NotificationKind =
  | 'intel-highlight'
  | 'gate-reminder'
  | 'clock-warning'
  | 'clock-overrun'
  | 'execution-expired'
  | 'visibility-gap'
  | 'comms'
  | 'effects-failed';

export interface NotificationSpec {
  kind: NotificationKind;
  to: string[];
  subject: string;
  text: string;
  /** An artifact of the mission whose content is the HTML body (comms), read when the effect runs. */
  htmlArtifact?: string;
}

/**
 * Everything an effect needs to run, written to the effect log when the effect is created, so the
 * activity that runs it (now, after a restart, or on a retry weeks later) needs only its id.
 */
export type EffectSpec =
  | { kind: 'notify'; notification: NotificationSpec }
  | { kind: 'finding-ticket'; findingId: string; code: string }
  | { kind: 'escalate'; findingId: string; code: string; displayName: string; to: string[] }
  | { kind: 'push-tip'; findingId: string }
  | { kind: 'channel'; name: string; topic: string; members: string[] }
  | { kind: 'channel-invite'; name: string; member: string }
  | { kind: 'action-plan'; title: string; description: string; objectives: string[] }
  | { kind: 'containment'; containmentId: string; target: { kind: 'endpoint' | 'account'; id: string }; reason: string };

/** What the workflow keeps of an effect: enough to run it and to know what its outcome means. */
export interface EffectRef {
  id: string;
  kind: EffectKind;
  /** Stable name, unique in the mission (`incident:F3`); the idempotency key is `<missionId>:<key>`. */
  key: string;
  /** The finding, member, containment or notification kind the effect is about. */
  subject?: string;
}

/** What running an effect gives back to the workflow: small on purpose (it lands in history). */
export interface EffectResult {
  /** The external record made: ticket, incident, TIP object, channel, epic, containment order, notification. */
  ref?: ExternalRef;
  /** Set when the effect had nothing to do (a withdrawn finding is not escalated). */
  skipped?: string;
  /** For findings: the category, so the workflow keeps its counts without reading the finding. */
  category?: FindingCategory;
  severity?: Severity;
}

/** Why an effect failed, as the workflow records it. */
export interface EffectFailure {
  type: string;
  message: string;
  attempts: number;
}

/** The idempotency key an effect's external calls carry. */
export const effectIdempotencyKey = (missionId: string, key: string): string => `${missionId}:${key}`;

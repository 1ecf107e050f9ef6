import { ApplicationFailure } from '@temporalio/activity';
import { effectIdempotencyKey, type EffectResult } from '../../domain/effects';
import type { Finding } from '../../domain/findings';
import type { EffectLog, EffectRow, FindingRefs } from '../../store/effect-log';
import type { MissionReads } from '../../store/mission-reads';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { ChatPort } from '../chat/chat-port';
import type { ContainmentPort } from '../containment/containment-port';
import { createChatActivities } from '../chat/chat-activities';
import { activityLog } from '../local-records/activity-log';
import { createNotifyActivities } from '../notify/notify-activities';
import type { NotifyPort } from '../notify/notify-port';
import { createTicketingActivities } from '../ticketing/ticketing-activities';
import type { TicketingPort } from '../ticketing/ticketing-port';
import type { TipPort } from '../tip/tip-port';
import { whileBeating } from '../heartbeat';
import { fitText } from './fit-text';

export interface EffectDeps {
  log: EffectLog;
  reads: MissionReads;
  ticketing: TicketingPort;
  notify: NotifyPort;
  tip: TipPort;
  chat: ChatPort;
  containment: ContainmentPort;
  artifacts: ArtifactStore;
  /** Where people read a finding in full (the API's public URL), for texts shortened to fit a system's limits. */
  findingUrl: (missionId: string, findingId: string) => string;
}

/** The limits of the ticketing port (see ticketing-port.ts): a text past them is shortened, with a link to the whole record. */
const TITLE_MAX = 500;
const DESCRIPTION_MAX = 100_000;
const OBSERVABLES_IN_NOTICE = 50;

const unknown = (message: string) => ApplicationFailure.create({ type: 'EFFECT_UNKNOWN', message, nonRetryable: true });

/**
 * Runs one entry of a mission's effect log: reads what it needs from the store (the effect's spec,
 * its finding), calls the external system with the effect's idempotency key (a retried attempt
 * creates nothing twice), and writes the outcome to the log with what it made for the finding.
 */
export const createEffectActivities = (d: EffectDeps) => {
  const tickets = createTicketingActivities(d.ticketing);
  const notify = createNotifyActivities(d.notify);
  const chat = createChatActivities(d.chat);

  async function findingOf(missionId: string, findingId: string): Promise<Finding> {
    const f = await d.reads.finding(missionId, findingId);
    if (!f) throw unknown(`no finding ${findingId} in ${missionId}`);
    const { missionId: _, ...finding } = f;
    return finding;
  }

  async function perform(missionId: string, e: EffectRow): Promise<{ result: EffectResult; refs?: FindingRefs }> {
    const key = (k = e.key) => effectIdempotencyKey(missionId, k.split('#')[0]!);
    const spec = e.spec;
    switch (spec.kind) {
      case 'notify': {
        const n = spec.notification;
        const html = n.htmlArtifact ? (await d.artifacts.get(`${missionId}/${n.htmlArtifact}`)).toString('utf8') : undefined;
        const receipt = await notify.sendNotification({ idempotencyKey: key(), kind: n.kind, to: n.to, subject: n.subject, text: n.text, ...(html ? { html } : {}), missionId });
        return { result: { ref: { system: receipt.channel, id: receipt.id } } };
      }
      case 'finding-ticket': {
        const f = await findingOf(missionId, spec.findingId);
        const url = d.findingUrl(missionId, f.id);
        const ticket = await tickets.recordFindingTicket({
          idempotencyKey: key(),
          missionId,
          findingId: f.id,
          title: fitText(`[${spec.code}] ${f.title}`, TITLE_MAX),
          description: fitText(f.description, DESCRIPTION_MAX, url),
          category: f.category,
        });
        return { result: { ref: ticket, category: f.category, severity: f.severity }, refs: { findingId: f.id, ticket } };
      }
      case 'escalate': {
        const f = await findingOf(missionId, spec.findingId);
        if (f.status === 'withdrawn') return { result: { skipped: 'the finding was withdrawn before its escalation', category: f.category } };
        const url = d.findingUrl(missionId, f.id);
        const observables = f.observables.map((o) => `${o.type}: ${o.value}`);
        const ticket = await tickets.createIncidentTicket({
          idempotencyKey: key(),
          missionId,
          findingId: f.id,
          title: fitText(`SEOI ${spec.code} ${f.id}: ${f.title}`, TITLE_MAX),
          description: fitText([f.description, ...observables].join('\n'), DESCRIPTION_MAX, url),
          severity: f.severity,
        });
        const listed = f.observables.slice(0, OBSERVABLES_IN_NOTICE).map((o) => o.value);
        const more = f.observables.length - listed.length;
        const receipt = await notify.sendNotification({
            idempotencyKey: key(`escalation:${f.id}`),
            kind: 'escalation',
            to: spec.to,
            subject: `[${spec.displayName}] SEOI escalated: ${f.title} (${f.severity})`,
            text: fitText(
              `${f.description}\n\nIR ticket: ${ticket.system} ${ticket.id}\nObservables: ${listed.join(', ') || 'none'}${more > 0 ? ` and ${more} more (${url})` : ''}`,
              DESCRIPTION_MAX,
              url,
            ),
            missionId,
          });
        const escalation = { at: new Date().toISOString(), ticket, notification: receipt.id, channel: receipt.channel };
        return { result: { ref: ticket, category: f.category, severity: f.severity }, refs: { findingId: f.id, escalation } };
      }
      case 'push-tip': {
        const f = await findingOf(missionId, spec.findingId);
        const tip = await d.tip.pushFinding(missionId, f);
        return { result: { ref: tip, category: f.category }, refs: { findingId: f.id, tip } };
      }
      case 'channel': {
        const channel = await chat.setupChannel({ idempotencyKey: key(), name: spec.name, topic: spec.topic, members: spec.members });
        return { result: { ref: { system: channel.system, id: channel.id, ...(channel.url ? { url: channel.url } : {}) } } };
      }
      case 'channel-invite': {
        const made = await d.log.resultOf(missionId, 'channel');
        if (!made?.ref) throw ApplicationFailure.create({ type: 'CHANNEL_NOT_READY', message: `the channel ${spec.name} is not made yet` });
        await chat.inviteToChannel({ channel: { system: made.ref.system, id: made.ref.id, name: spec.name }, members: [spec.member] });
        return { result: { ref: made.ref } };
      }
      case 'action-plan': {
        const plan = await tickets.createActionPlan({ idempotencyKey: key(), missionId, title: spec.title, description: spec.description, objectives: spec.objectives });
        return { result: { ref: plan.epic } };
      }
      case 'containment': {
        const action = await d.containment.isolate({ idempotencyKey: key(), missionId, target: spec.target, reason: spec.reason });
        return { result: { ref: action }, refs: { containment: { id: spec.containmentId, action } } };
      }
    }
  }

  return {
    /** Runs an effect of the log by its id; an effect already done answers its recorded result. */
    async runEffect({ missionId, effectId }: { missionId: string; effectId: string }): Promise<EffectResult> {
      const e = await d.log.get(missionId, effectId);
      if (!e) throw unknown(`no effect ${effectId} in ${missionId}`);
      if (e.state === 'done' && e.result) return e.result;
      await d.log.started(missionId, effectId);
      try {
        const { result, refs } = await whileBeating(() => perform(missionId, e));
        await d.log.done(missionId, effectId, result, refs);
        activityLog('effect done', { missionId, effectId, kind: e.kind, key: e.key });
        return result;
      } catch (err) {
        const type = err instanceof ApplicationFailure ? (err.type ?? 'Error') : err instanceof Error ? err.name : 'Error';
        await d.log.attemptFailed(missionId, effectId, { type, message: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
        throw err;
      }
    },
  };
};

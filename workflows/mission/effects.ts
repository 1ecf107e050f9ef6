import { condition, workflowInfo } from '@temporalio/workflow';
import type { Finding } from '../../domain/findings';
import type { Mission } from './mission-state';
import { chat, notify, ticketing, tip } from './activity-proxies';

/** Side effects that follow a state change, run one at a time in the background, in order. */
export type Effect =
  | { kind: 'finding-ticket'; findingId: string }
  | { kind: 'escalate'; findingId: string }
  | { kind: 'visibility-gap'; findingId: string }
  | { kind: 'push-tip'; findingId: string }
  | { kind: 'channel' }
  | { kind: 'channel-invite'; member: string }
  | { kind: 'action-plan' };

/** Idempotency key for an external side effect: workflow id + a stable item id. */
export const effectKey = (...parts: Array<string | number>): string => [workflowInfo().workflowId, ...parts].join(':');

export class Effects {
  private readonly queue: Effect[] = [];
  private running = false;
  constructor(private readonly m: Mission) {}

  push(e: Effect): void {
    this.queue.push(e);
  }

  /** For each new finding: the ticket that documents it, and what its category calls for. */
  forFinding(f: Finding): void {
    this.push({ kind: 'finding-ticket', findingId: f.id });
    if (f.category === 'suspicious-security-event') this.push({ kind: 'escalate', findingId: f.id });
    if (f.category === 'visibility-gap') this.push({ kind: 'visibility-gap', findingId: f.id });
    if (f.category === 'ti-event-of-interest') this.push({ kind: 'push-tip', findingId: f.id });
  }

  idle(): boolean {
    return this.queue.length === 0 && !this.running;
  }

  /** Runs until the mission has ended and nothing is left to do. */
  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.queue.length > 0 || this.m.state.status !== 'active');
      const next = this.queue.shift();
      if (!next) return;
      this.running = true;
      try {
        await this.apply(next);
      } finally {
        this.running = false;
      }
    }
  }

  private finding(id: string): Finding {
    const f = this.m.state.findings.find((x) => x.id === id);
    if (!f) throw new Error(`unknown finding ${id}`);
    return f;
  }

  private leadOrManagers(): string[] {
    return [this.m.state.lead ?? 'hunt-managers'];
  }

  private async apply(e: Effect): Promise<void> {
    const s = this.m.state;
    switch (e.kind) {
      case 'finding-ticket': {
        const f = this.finding(e.findingId);
        const ticket = await ticketing.recordFindingTicket({
          idempotencyKey: effectKey('finding', f.id),
          missionId: s.missionId,
          findingId: f.id,
          title: `[${s.code}] ${f.title}`,
          description: f.description,
          category: f.category,
        });
        f.ticket = ticket;
        this.m.audit('capeo', 'finding.documented', `${f.id} → ${ticket.system} ${ticket.id}`);
        return;
      }
      case 'escalate': {
        const f = this.finding(e.findingId);
        if (f.escalation || f.status === 'withdrawn') return;
        const ticket = await ticketing.createIncidentTicket({
          idempotencyKey: effectKey('incident', f.id),
          missionId: s.missionId,
          findingId: f.id,
          title: `SEOI ${s.code} ${f.id}: ${f.title}`,
          description: [f.description, ...f.observables.map((o) => `${o.type}: ${o.value}`)].join('\n'),
          severity: f.severity,
        });
        const receipt = await notify.sendNotification({
          idempotencyKey: effectKey('escalation', f.id),
          kind: 'escalation',
          to: ['incident-response', ...this.leadOrManagers()],
          subject: `[${s.displayName}] SEOI escalated: ${f.title} (${f.severity})`,
          text: `${f.description}\n\nIR ticket: ${ticket.system} ${ticket.id}\nObservables: ${f.observables.map((o) => o.value).join(', ') || 'none'}`,
          missionId: s.missionId,
        });
        f.escalation = { at: this.m.now(), ticket, notification: receipt.id, channel: receipt.channel };
        f.status = 'escalated';
        this.m.audit('capeo', 'finding.escalated', `${f.id} → ${ticket.system} ${ticket.id}`);
        return;
      }
      case 'visibility-gap': {
        const f = this.finding(e.findingId);
        await notify.sendNotification({
          idempotencyKey: effectKey('visibility-gap', f.id),
          kind: 'visibility-gap',
          to: ['soc-engineering', ...this.leadOrManagers()],
          subject: `[${s.displayName}] Urgent visibility gap: ${f.title}`,
          text: f.description || f.title,
          missionId: s.missionId,
        });
        this.m.audit('capeo', 'visibility-gap.raised', f.id);
        return;
      }
      case 'push-tip': {
        const f = this.finding(e.findingId);
        f.tip = await tip.pushFinding({ missionId: s.missionId, finding: f });
        this.m.audit('capeo', 'finding.pushed-to-tip', `${f.id} → ${f.tip.id}`);
        return;
      }
      case 'channel': {
        const members = [s.lead, ...Object.entries(s.squad).filter(([, m]) => m.status === 'accepted').map(([id]) => id)];
        const channel = await chat.setupChannel({
          idempotencyKey: effectKey('channel'),
          name: s.channelName,
          topic: `${s.displayName}: ${s.topic}`,
          members: members.filter((x): x is string => Boolean(x)),
        });
        s.external['channel'] = channel;
        this.m.recordItem('comms-channel', 'capeo', { channel: channel.name, id: channel.id }, 'plan');
        this.m.audit('capeo', 'channel.created', `${channel.system} ${channel.name}`);
        return;
      }
      case 'channel-invite': {
        const channel = s.external['channel'];
        if (!channel) return;
        await chat.inviteToChannel({ channel: { ...channel, name: s.channelName }, members: [e.member] });
        this.m.audit('capeo', 'channel.invited', e.member);
        return;
      }
      case 'action-plan': {
        const objectives = (s.workItems['plan']?.['objectives']?.data['objectives'] ?? []) as string[];
        const plan = await ticketing.createActionPlan({
          idempotencyKey: effectKey('action-plan'),
          missionId: s.missionId,
          title: s.displayName,
          description: s.topic,
          objectives,
        });
        s.external['epic'] = plan.epic;
        this.m.recordItem('action-plan', 'capeo', { epic: plan.epic.id, stories: plan.stories.map((x) => x.id) }, 'plan');
        this.m.audit('capeo', 'action-plan.created', `${plan.epic.system} ${plan.epic.id} with ${plan.stories.length} stories`);
        return;
      }
    }
  }
}

import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import type { MissionState, MissionWorkflowInput } from '../../domain/mission';
import { PHASES, type Phase } from '../../domain/phases';
import { notify, siem, tip } from './activity-proxies';
import { runClocks } from './clocks';
import { Effects, effectKey } from './effects';
import { registerHandlers } from './handlers';
import { Mission } from './mission-state';
import { Outcomes } from './outcomes';

const HOUR = 3_600_000;

/** A CAPEO mission: Collect → Analyze → Plan → Execute → Outcomes, each phase ending at a gate. */
export async function missionWorkflow(input: MissionWorkflowInput): Promise<MissionState> {
  const m = new Mission(input, workflowInfo().workflowId);
  const s = m.state;
  const effects = new Effects(m);
  const outcomes = new Outcomes(m);
  registerHandlers(m, effects, outcomes);
  const background: Promise<void>[] = [effects.run(), runClocks(m, () => (s.openGate = null))];

  for (const phase of PHASES) {
    m.enterPhase(phase);
    if (phase === 'execute') background.push(watchHeartbeats(m, effects));
    await onEnter(m, phase, outcomes);
    if (s.status !== 'active') break;
    m.openGate();
    await awaitGateDecision(m, phase);
    if (s.status !== 'active') break;
    if (phase === 'execute') m.stopClock('execution');
    if (phase === 'outcomes') m.close('completed', 'outcomes approved');
  }

  await Promise.all(background);
  await condition(() => effects.idle() && allHandlersFinished());
  return s;
}

/** The work the workflow does itself on entering a phase. */
async function onEnter(m: Mission, phase: Phase, outcomes: Outcomes): Promise<void> {
  const s = m.state;
  switch (phase) {
    case 'collect': {
      m.recordIntel(await tip.pullIntel({ topic: s.topic, keywords: s.keywords }));
      const highlights = s.intel!.matched.slice(0, 10).map((o) => `- ${o.type}: ${o.name}`);
      const receipt = await notify.sendNotification({
        idempotencyKey: effectKey('intel-highlight'),
        kind: 'intel-highlight',
        to: s.stakeholders.length ? s.stakeholders : ['threat-intel'],
        subject: `[${s.displayName}] Threats relevant to: ${s.topic}`,
        text: highlights.length ? `Relevant intel from ${s.intel!.source}:\n${highlights.join('\n')}` : `No matching intel in ${s.intel!.source} yet.`,
        missionId: s.missionId,
      });
      m.recordItem('stakeholder-highlight', 'capeo', { notification: receipt.id });
      return;
    }
    case 'analyze':
      // Total Hunt Duration runs from the start of initial research to the report's release.
      m.startClock('total');
      return;
    case 'plan':
      // A lead or allocation set earlier counts for the Plan phase's work items.
      if (s.lead) m.recordItem('lead', 'capeo', { lead: s.lead });
      if (s.allocation) m.recordItem('time-allocation', 'capeo', { ...s.allocation });
      return;
    case 'execute':
      m.startClock('execution');
      return;
    case 'outcomes':
      await outcomes.writePlaybook();
      return;
  }
}

/** Waits for the gate's decision, reminding the decider at the policy's interval. */
async function awaitGateDecision(m: Mission, phase: Phase): Promise<void> {
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

/** During Execute: a heartbeat query per log source; a source gone silent becomes a visibility gap at once. */
async function watchHeartbeats(m: Mission, effects: Effects): Promise<void> {
  const s = m.state;
  const inExecute = () => s.phase === 'execute' && s.status === 'active';
  while (inExecute()) {
    const results = await siem.checkHeartbeats({ silentAfterMinutes: s.policy.silentAfterMinutes, now: m.now() });
    for (const r of results.filter((x) => x.silent)) {
      const before = s.findings.length;
      const f = m.addFinding(
        {
          category: 'visibility-gap',
          title: `Log source '${r.source}' is silent`,
          description: `No events from '${r.source}' since ${r.lastSeen ?? 'ever'} (threshold ${s.policy.silentAfterMinutes} min).`,
          severity: 'high',
          evidence: [{ kind: 'query', summary: `heartbeat: ${r.events} events, last seen ${r.lastSeen ?? 'never'}` }],
          observables: [],
          sourceKey: `heartbeat:${r.source}`,
          flags: [],
        },
        'capeo',
      );
      if (s.findings.length > before) effects.forFinding(f);
    }
    await condition(() => !inExecute(), s.policy.heartbeatMinutes * 60_000);
  }
}

import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { InboxEntry, MissionCore } from '../../domain/mission-core';
import { newMissionCore, type MissionOutcome, type MissionWorkflow, type MissionWorkflowArgs } from '../../domain/mission-start';
import { tip } from './activity-proxies';
import { runClocks } from './clocks';
import { describeFailure, EffectSupervisor } from './effect-supervisor';
import { registerHandlers } from './handlers';
import { MissionMachine } from './mission-machine';
import { Outcomes } from './outcomes';
import { StoreWriter } from './store-writer';
import { Watchers } from './watchers';

const HOUR = 3_600_000;
/** Temporal refuses Updates past 2,000 per run: hand over well before. */
const UPDATES_PER_RUN = 1_000;
/** The patch that makes a hand-over hold signalled findings for the next run and pause effects at once. */
const HAND_OVER_HOLDS = 'hand-over-holds-signals';
/** The patch that keeps signalled findings past the inbox's bound in the store, instead of storing them as findings then. */
const HAND_OVER_KEEPS = 'hand-over-keeps-overflow';
/** The patch that decides a hand-over from the history as of the latest write, not as of any activation. */
const HAND_OVER_AT_WRITES = 'hand-over-due-at-writes';

/**
 * A CAPEO mission: Collect → Analyze → Plan → Execute → Outcomes, each phase ending at a gate. The
 * machine holds the state and the rules; this function wires the handlers and runs the phase loop,
 * the effects, the clocks and the store writer, and continues as new (same mission, fresh history)
 * when its history grows, carrying its compact state.
 */
export const huntMissionWorkflow: MissionWorkflow = async (args: MissionWorkflowArgs): Promise<MissionOutcome> => {
  const resumed = 'resume' in args;
  const core: MissionCore = resumed ? { ...args.resume, runs: args.resume.runs + 1 } : newMissionCore(args.start);
  const writer = new StoreWriter(core);
  const m = new MissionMachine(core, writer);
  const outcomes = new Outcomes(m, writer);
  const effects = new EffectSupervisor(m, writer);
  const watchers = new Watchers(m, writer);
  let updates = 0;
  let finishing = false;
  const { addFindings } = registerHandlers({ m, writer, outcomes, counted: () => updates++ });

  // What came by signal while the previous run handed over is stored first (below): the batches it
  // kept in the store (the older ones), then its inbox.
  const held = m.takeInbox();
  const heldCount = held.reduce((n, e) => n + e.findings.length, 0);
  const keptBatches = core.kept ? core.kept.next - core.kept.first : 0;
  const heldNote = [heldCount ? `${heldCount} finding${heldCount === 1 ? '' : 's'}` : '', keptBatches ? `${keptBatches} batch${keptBatches === 1 ? '' : 'es'} of findings kept in the store` : ''].filter(Boolean).join(' and ');
  if (resumed) m.audit('capeo', 'mission.continued', heldNote ? `run ${core.runs}; ${heldNote} that came during the hand-over stored first` : `run ${core.runs}`);
  else {
    m.audit(args.start.requester, 'mission.started', `${core.displayName}: ${core.topic}`);
    if (core.previous) m.audit('capeo', 'iteration.started', `from ${core.previous.missionId}`);
  }

  // The history's length as a hand-over is decided on. An activation that only rejects an Update
  // (a validator's refusal) is not in the history, and it sees the history one task longer than a
  // replay does there: a hand-over decided in it would replay in another activation, in another
  // order of commands (a nondeterminism error). The writer's figure is as of an activation the
  // history has. Runs from before this patch replay as they ran.
  const atWrites = patched(HAND_OVER_AT_WRITES);
  const handOverDue = () => {
    const info = workflowInfo();
    const h = atWrites ? writer.history : { length: info.historyLength, continueAsNewSuggested: info.continueAsNewSuggested };
    return !finishing && (h.continueAsNewSuggested || h.length >= core.policy.maxHistoryEvents || updates >= UPDATES_PER_RUN);
  };
  const effectsDone = effects.run(() => finishing);
  const written = writer.run(() => finishing && effects.settled() && allHandlersFinished());
  const clocks = runClocks(m);
  // Beside the phase loop; the hand-over waits for them. A kept batch at a time (each is as large as
  // an activity's answer may be), the entries of one all at once (their writes share batches).
  const heldStored = (async () => {
    for (let seq = m.nextKeptBatch(); seq !== undefined; seq = m.nextKeptBatch()) {
      const { entries } = await writer.result<{ entries: InboxEntry[] }>(writer.write({ op: 'inbox.take', seq }));
      await Promise.all(entries.map((e) => addFindings(e.findings, e.author)));
      m.keptBatchStored(seq);
    }
    await Promise.all(held.map((e) => addFindings(e.findings, e.author)));
  })();

  /** The phase's own work, then its gate opens. Each step checks what is done, so a resumed run repeats nothing. */
  async function phaseWork(): Promise<void> {
    switch (core.phase) {
      case 'collect':
        if (!m.hasItem('collect', 'intel')) {
          try {
            m.intelPulled(await tip.pullIntel({ topic: core.topic, keywords: core.keywords }));
          } catch (err) {
            const f = describeFailure(err, 5);
            m.intelFailed(`${f.type}: ${f.message}`);
          }
        }
        // The gate opens once the highlight to the stakeholders is sent (or has failed for good).
        await condition(() => m.hasItem('collect', 'stakeholder-highlight'));
        break;
      case 'analyze':
        m.startClock('total');
        break;
      case 'plan':
        m.carryIntoPlan();
        break;
      case 'execute':
        m.startClock('execution');
        await watchers.start();
        break;
      case 'outcomes':
        if (!m.hasItem('outcomes', 'playbook')) await outcomes.writePlaybook();
        break;
    }
  }

  /** Waits for the open gate's decision, reminding whoever decides at the policy's interval. */
  async function awaitVerdict(): Promise<'decided' | 'hand-over'> {
    for (;;) {
      const gate = core.gate!;
      const remindAt = Date.parse(gate.openedAt) + (gate.remindersSent + 1) * core.policy.gateReminderHours * HOUR;
      const woke = await condition(() => gate.verdict !== null || core.status !== 'active' || handOverDue(), Math.max(1, remindAt - Date.now()));
      if (gate.verdict !== null || core.status !== 'active') return 'decided';
      if (handOverDue()) return 'hand-over';
      if (!woke) m.remindGate();
    }
  }

  async function phaseLoop(): Promise<'closed' | 'hand-over'> {
    while (core.status === 'active') {
      if (!core.gate) {
        await phaseWork();
        if (core.status !== 'active') break;
        m.openGate();
      }
      if ((await awaitVerdict()) === 'hand-over') return 'hand-over';
      const verdict = core.gate?.verdict;
      if (core.status !== 'active' || !verdict) break;
      if (verdict.decision === 'reject') {
        if (core.phase === 'analyze') m.close('not_qualified', verdict.reason ?? 'rejected at the Analyze gate');
        else m.openGate();
        continue;
      }
      if (core.phase === 'execute') {
        m.stopClock('execution');
        await watchers.stop();
      }
      const next = m.next();
      if (next) m.enterPhase(next);
      else m.close('completed', 'outcomes approved');
    }
    return 'closed';
  }

  if ((await phaseLoop()) === 'hand-over') {
    // In-flight Updates and running effects finish, new Updates are asked to retry, then the mission
    // continues in a new run from exactly this state.
    m.draining = true;
    // Missions whose hand-over was recorded before it held signals replay the way they ran.
    m.handOverHolds = patched(HAND_OVER_HOLDS);
    m.handOverKeeps = m.handOverHolds && patched(HAND_OVER_KEEPS);
    await heldStored;
    await condition(() => allHandlersFinished() && effects.idle() && writer.idle());
    await Promise.all([effectsDone, clocks]);
    await condition(() => allHandlersFinished() && writer.idle());
    return continueAsNew<MissionWorkflow>({ resume: { ...core, effects: { ...core.effects, running: 0 } } });
  }

  await watchers.stop();
  await heldStored;
  finishing = true;
  await Promise.all([effectsDone, clocks]);
  await condition(allHandlersFinished);
  await written;
  const artifacts = Object.fromEntries(Object.entries(core.artifacts).filter((e): e is [string, NonNullable<(typeof e)[1]>] => Boolean(e[1])));
  return { missionId: core.missionId, status: core.status, closedReason: core.closedReason, artifacts };
};

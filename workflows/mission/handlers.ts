import '../../domain/zod-setup';
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { ErrorCode, refusal, type Refusal } from '../../domain/errors';
import { newFindingSchema, type NewFinding } from '../../domain/findings';
import * as msg from '../../domain/messages';
import type { FindingAdded, FindingWithdrawn } from '../../domain/store-ops';
import { siem } from './activity-proxies';
import { describeFailure } from './effect-supervisor';
import type { MissionMachine } from './mission-machine';
import type { Outcomes } from './outcomes';
import type { StoreWriter } from './store-writer';

/** A refusal as the caller receives it: the code, the kind (which decides the HTTP status) and what is missing. */
export function failure(r: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: [{ kind: r.kind, missing: r.missing }], nonRetryable: true });
}

/** Validators refuse by throwing: the caller gets the refusal at once and the history keeps no trace of it. */
export function refuse(r: Refusal | undefined): void {
  if (r) throw failure(r);
}

export interface HandlerContext {
  m: MissionMachine;
  writer: StoreWriter;
  outcomes: Outcomes;
  /** Counts the Updates of this run (continue-as-new comes before Temporal's limit). */
  counted(): void;
}

/**
 * Wires the Updates and the signals to the machine: each validator and each handler is a call to
 * the machine; a handler answers once what it changed is in the mission store.
 */
export function registerHandlers({ m, writer, outcomes, counted }: HandlerContext): void {
  const s = m.state;
  const answer = async <T extends object>(extra?: T): Promise<msg.UpdateAck & T> => {
    await writer.flush();
    return { ...m.ack, ...(extra as T) };
  };

  /** Stores new findings and does what their categories call for; a known source key is the finding it names. */
  const addFindings = async (findings: NewFinding[], author: string): Promise<FindingAdded[]> => {
    const proposed = findings.map((f) => m.proposeFinding(f, author));
    const out: FindingAdded[] = [];
    for (const p of proposed) {
      const r = await writer.result<FindingAdded>(p.opId);
      m.findingStored(p, r);
      out.push(r);
    }
    return out;
  };

  setHandler(
    msg.decideGateUpdate,
    async (i) => {
      counted();
      const round = m.decideGate(i);
      // Answer once the phase loop has acted: the caller sees the next phase with its gate open, or the end.
      await condition(() => m.verdictApplied(i.gate, round));
      return answer();
    },
    { validator: (i) => refuse(m.validateDecideGate(i)) },
  );

  setHandler(
    msg.assignLeadUpdate,
    async (i) => {
      counted();
      m.assignLead(i);
      return answer();
    },
    { validator: (i) => refuse(m.validateAssignLead(i)) },
  );

  setHandler(
    msg.recordWorkItemUpdate,
    async (i) => {
      counted();
      m.recordWorkItem(i);
      return answer();
    },
    { validator: (i) => refuse(m.validateRecordWorkItem(i)) },
  );

  setHandler(
    msg.setAllocationUpdate,
    async (i) => {
      counted();
      m.setAllocation(i);
      return answer();
    },
    { validator: (i) => refuse(m.validateSetAllocation(i)) },
  );

  setHandler(
    msg.inviteHuntersUpdate,
    async (i) => {
      counted();
      m.inviteHunters(i);
      return answer();
    },
    { validator: (i) => refuse(m.validateInviteHunters(i)) },
  );

  setHandler(
    msg.squadResponseUpdate,
    async (i) => {
      counted();
      m.respondToInvitation(i);
      return answer();
    },
    { validator: (i) => refuse(m.validateSquadResponse(i)) },
  );

  setHandler(
    msg.addFindingUpdate,
    async (i) => {
      counted();
      // One write: the finding, its audit entry and its effects go together; the counts follow.
      const [r] = await addFindings([newFindingSchema.parse(i.finding)], i.actor.id);
      return { ...m.ack, id: r!.id, created: r!.created };
    },
    { validator: (i) => refuse(m.validateAddFinding(i)) },
  );

  setHandler(
    msg.withdrawFindingUpdate,
    async (i) => {
      counted();
      const r = await writer.result<FindingWithdrawn>(m.withdrawFinding(i));
      const refused = m.findingWithdrawn(i, r);
      await writer.flush();
      if (refused) throw failure(refused);
      return answer({ id: i.findingId });
    },
    { validator: (i) => refuse(m.validateWithdrawFinding(i)) },
  );

  setHandler(
    msg.runQueryUpdate,
    async (i) => {
      counted();
      const { id, seq } = m.reserveQuery();
      let run;
      try {
        run = await siem.runHuntQuery({ missionId: s.missionId, runId: id, query: i.query, from: i.from, to: i.to });
      } catch (err) {
        const f = describeFailure(err, 3);
        m.queryFailed(id, i.actor, `${f.type}: ${f.message}`);
        await writer.flush();
        const code = f.type === ErrorCode.SiemQueryInvalid ? ErrorCode.SiemQueryInvalid : ErrorCode.SiemUnavailable;
        throw failure(refusal(code, `${id}: ${f.message}`, code === ErrorCode.SiemQueryInvalid ? ['query'] : []));
      }
      m.queryRan({ id, seq, title: i.title, query: i.query, from: i.from, to: i.to, rowCount: run.rowCount, columns: run.columns, sample: run.sample, truncated: run.truncated, evidence: run.evidence, by: i.actor.id, at: m.now() });
      return answer({ id });
    },
    { validator: (i) => refuse(m.validateRunQuery(i)) },
  );

  setHandler(
    msg.requestContainmentUpdate,
    async (i) => {
      counted();
      return answer({ id: m.requestContainment(i) });
    },
    { validator: (i) => refuse(m.validateRequestContainment(i)) },
  );

  setHandler(
    msg.decideContainmentUpdate,
    async (i) => {
      counted();
      m.decideContainment(i);
      return answer({ id: i.containmentId });
    },
    { validator: (i) => refuse(m.validateDecideContainment(i)) },
  );

  setHandler(
    msg.cancelMissionUpdate,
    async (i) => {
      counted();
      m.cancel(i);
      return answer();
    },
    { validator: (i) => refuse(m.validateCancel(i)) },
  );

  setHandler(
    msg.releaseReportUpdate,
    async (i) => {
      counted();
      await outcomes.release(i.actor, i.summary);
      return answer();
    },
    { validator: (i) => refuse(m.validateReleaseReport(i, outcomes.releasing)) },
  );

  // Signals from the mission's watchers and from effect retries.
  setHandler(msg.sweepFindingsSignal, async ({ findings }) => {
    if (s.status === 'active') await addFindings(findings, 'capeo');
  });
  setHandler(msg.sweepResultsSignal, (r) => {
    if (s.status === 'active') m.sweepCompleted(r);
  });
  setHandler(msg.visibilityGapSignal, async ({ source, lastSeen, events, silentAfterMinutes }) => {
    if (s.status !== 'active') return;
    await addFindings(
      [
        {
          category: 'visibility-gap',
          title: `Log source '${source}' is silent`,
          description: `No events from '${source}' since ${lastSeen ?? 'ever'} (threshold ${silentAfterMinutes} min).`,
          severity: 'high',
          evidence: [{ kind: 'query', summary: `heartbeat: ${events} events, last seen ${lastSeen ?? 'never'}` }],
          observables: [],
          sourceKey: `heartbeat:${source}`,
          flags: [],
        },
      ],
      'capeo',
    );
  });
  setHandler(msg.watcherFailedSignal, ({ watcher, error }) => m.audit('capeo', `${watcher}.failed`, error.slice(0, 300)));
  setHandler(msg.effectsRetriedSignal, ({ outcomes: done }) => {
    for (const o of done) {
      if (o.result) m.effectSucceeded(o.effect, o.result, true);
      else m.effectFailed(o.effect, { type: o.error?.type ?? 'Error', message: o.error?.message ?? 'failed', attempts: s.policy.effectMaxAttempts }, true);
    }
  });
}

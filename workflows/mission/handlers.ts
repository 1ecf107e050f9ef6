import '../../domain/zod-setup';
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
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
export function registerHandlers({ m, writer, outcomes, counted }: HandlerContext): { addFindings: (findings: NewFinding[], author: string) => Promise<FindingAdded[]> } {
  const s = m.state;
  /**
   * Registers an Update: its handler, and its validator (a refusal throws). An Update with a request
   * id it answered before (a retry after a lost answer, maybe in an earlier run) answers the same
   * again, without doing anything.
   */
  const update = <I extends { requestId?: string }>(def: UpdateDefinition<msg.UpdateAck, [I]>, handle: (i: I) => Promise<msg.UpdateAck>, validate: (i: I) => void): void =>
    setHandler(
      def,
      async (i: I) => {
        const known = m.answerTo(i.requestId);
        if (known) return known;
        const ack = await handle(i);
        m.answered(i.requestId, ack);
        return ack;
      },
      {
        validator: (i: I) => {
          if (!m.answerTo(i.requestId)) validate(i);
        },
      },
    );
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

  update(
    msg.decideGateUpdate,
    async (i) => {
      counted();
      const round = m.decideGate(i);
      // Answer once the phase loop has acted: the caller sees the next phase with its gate open, or the end.
      await condition(() => m.verdictApplied(i.gate, round));
      return answer();
    },
    (i) => refuse(m.validateDecideGate(i)),
  );

  update(
    msg.assignLeadUpdate,
    async (i) => {
      counted();
      m.assignLead(i);
      return answer();
    },
    (i) => refuse(m.validateAssignLead(i)),
  );

  update(
    msg.recordWorkItemUpdate,
    async (i) => {
      counted();
      m.recordWorkItem(i);
      return answer();
    },
    (i) => refuse(m.validateRecordWorkItem(i)),
  );

  update(
    msg.setAllocationUpdate,
    async (i) => {
      counted();
      m.setAllocation(i);
      return answer();
    },
    (i) => refuse(m.validateSetAllocation(i)),
  );

  update(
    msg.inviteHuntersUpdate,
    async (i) => {
      counted();
      m.inviteHunters(i);
      return answer();
    },
    (i) => refuse(m.validateInviteHunters(i)),
  );

  update(
    msg.squadResponseUpdate,
    async (i) => {
      counted();
      m.respondToInvitation(i);
      return answer();
    },
    (i) => refuse(m.validateSquadResponse(i)),
  );

  update(
    msg.addFindingUpdate,
    async (i) => {
      counted();
      // One write: the finding, its audit entry and its effects go together; the counts follow.
      const [r] = await addFindings([newFindingSchema.parse(i.finding)], i.actor.id);
      return { ...m.ack, id: r!.id, created: r!.created };
    },
    (i) => refuse(m.validateAddFinding(i)),
  );

  update(
    msg.withdrawFindingUpdate,
    async (i) => {
      counted();
      const r = await writer.result<FindingWithdrawn>(m.withdrawFinding(i));
      const refused = m.findingWithdrawn(i, r);
      await writer.flush();
      if (refused) throw failure(refused);
      return answer({ id: i.findingId });
    },
    (i) => refuse(m.validateWithdrawFinding(i)),
  );

  update(
    msg.runQueryUpdate,
    async (i) => {
      counted();
      const { id, seq } = m.reserveQuery();
      let run;
      try {
        run = await siem.runHuntQuery({ missionId: s.missionId, runId: id, query: i.query, ...(i.format === 'sigma' && { format: i.format }), from: i.from, to: i.to });
      } catch (err) {
        const f = describeFailure(err, 3);
        m.queryFailed(id, i.actor, `${f.type}: ${f.message}`);
        await writer.flush();
        const code = f.type === ErrorCode.SiemQueryInvalid ? ErrorCode.SiemQueryInvalid : ErrorCode.SiemUnavailable;
        throw failure(refusal(code, `${id}: ${f.message}`, code === ErrorCode.SiemQueryInvalid ? ['query'] : []));
      }
      m.queryRan({ id, seq, title: i.title, query: run.query, ...(run.sigma !== undefined && { sigma: run.sigma }), from: i.from, to: i.to, rowCount: run.rowCount, columns: run.columns, sample: run.sample, truncated: run.truncated, evidence: run.evidence, by: i.actor.id, at: m.now(), techniques: i.techniques ?? [] });
      return answer({ id });
    },
    (i) => refuse(m.validateRunQuery(i)),
  );

  update(
    msg.requestContainmentUpdate,
    async (i) => {
      counted();
      return answer({ id: m.requestContainment(i) });
    },
    (i) => refuse(m.validateRequestContainment(i)),
  );

  update(
    msg.decideContainmentUpdate,
    async (i) => {
      counted();
      m.decideContainment(i);
      return answer({ id: i.containmentId });
    },
    (i) => refuse(m.validateDecideContainment(i)),
  );

  update(
    msg.cancelMissionUpdate,
    async (i) => {
      counted();
      m.cancel(i);
      return answer();
    },
    (i) => refuse(m.validateCancel(i)),
  );

  update(
    msg.releaseReportUpdate,
    async (i) => {
      counted();
      await outcomes.release(i.actor, i.summary);
      return answer();
    },
    (i) => refuse(m.validateReleaseReport(i)),
  );

  // Signals from the mission's watchers and from effect retries.
  setHandler(msg.sweepFindingsSignal, async ({ findings }) => {
    if (s.status === 'active' && !m.holdForNextRun(findings, 'capeo')) await addFindings(findings, 'capeo');
  });
  setHandler(msg.sweepResultsSignal, (r) => {
    if (s.status === 'active') m.sweepCompleted(r);
  });
  setHandler(msg.visibilityGapSignal, async ({ source, lastSeen, events, silentAfterMinutes }) => {
    if (s.status !== 'active') return;
    const gap: NewFinding[] = [
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
    ];
    if (!m.holdForNextRun(gap, 'capeo')) await addFindings(gap, 'capeo');
  });
  setHandler(msg.watcherFailedSignal, ({ watcher, error }) => m.audit('capeo', `${watcher}.failed`, error.slice(0, 300)));
  setHandler(msg.effectsRetriedSignal, ({ outcomes: done }) => {
    for (const o of done) {
      if (o.result) m.effectSucceeded(o.effect, o.result, true);
      else m.effectFailed(o.effect, { type: o.error?.type ?? 'Error', message: o.error?.message ?? 'failed', attempts: s.policy.effectMaxAttempts }, true);
    }
  });
  return { addFindings };
}

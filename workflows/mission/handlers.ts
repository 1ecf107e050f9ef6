import '../../domain/zod-setup';
import { condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { allocationProblems } from '../../domain/allocation';
import { newFindingSchema } from '../../domain/findings';
import { ErrorCode } from '../../domain/errors';
import {
  allocationRefusal,
  closedRefusal,
  gateDecisionRefusal,
  huntRefusal,
  leadAssignmentRefusal,
  leadOnlyRefusal,
  mayLead,
  phaseRefusal,
  workItemRefusal,
} from '../../domain/gates';
import * as msg from '../../domain/messages';
import { SearchAttr } from '../../domain/temporal-names';
import { prioritise, WORK_ITEM_PAYLOADS, type RecordableItem } from '../../domain/work-items';
import { containment as containmentActs, siem } from './activity-proxies';
import { effectKey, type Effects } from './effects';
import { refuse, type Mission } from './mission-state';
import type { Outcomes } from './outcomes';

const refusal = (code: (typeof ErrorCode)[keyof typeof ErrorCode], message: string, missing: string[] = []) => ({ code, message, missing });

/** Wires the query and the Updates: validators refuse synchronously, handlers change state. */
export function registerHandlers(m: Mission, effects: Effects, outcomes: Outcomes): void {
  const s = m.state;
  setHandler(msg.missionStateQuery, () => s);

  // An EAVD sweep reports each enrichment batch's findings as they are scored, then its summary.
  // Findings are keyed (a lookalike's domain, a group's sweep and number): nothing is added twice.
  setHandler(msg.sweepFindingsSignal, ({ findings }) => {
    if (s.status !== 'active') return;
    for (const finding of findings) {
      const before = s.findings.length;
      const f = m.addFinding(finding, 'capeo');
      if (s.findings.length > before) effects.forFinding(f);
    }
  });
  setHandler(msg.sweepResultsSignal, ({ sweep, candidates, registered, unresolved, wildcard, newDomains, findingCount }) => {
    if (s.status !== 'active') return;
    s.sweeps.push({ sweep, at: m.now(), candidates, registered, unresolved, ...(wildcard ? { wildcard } : {}), newDomains });
    const wildcarded = wildcard ? `, ${wildcard} answered only by a wildcard` : '';
    m.audit('capeo', 'sweep.completed', `#${sweep}: ${candidates} candidates, ${registered} registered, ${unresolved} unresolved${wildcarded}, ${newDomains.length} new, ${findingCount} findings`);
  });

  // A log source went silent: a visibility-gap finding, raised at once (once per source).
  setHandler(msg.visibilityGapSignal, ({ source, lastSeen, events, silentAfterMinutes }) => {
    if (s.status !== 'active') return;
    const before = s.findings.length;
    const f = m.addFinding(
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
      'capeo',
    );
    if (s.findings.length > before) effects.forFinding(f);
  });

  setHandler(
    msg.decideGateUpdate,
    async ({ gate, decision, reason, actor }) => {
      m.audit(actor, `gate.${decision === 'approve' ? 'approved' : 'rejected'}`, reason ? `${gate}: ${reason}` : gate);
      if (decision === 'reject') {
        if (gate === 'analyze') m.close('not_qualified', reason ?? 'rejected at the Analyze gate');
        return m.ack;
      }
      s.openGate = null;
      // Answer once the main flow has acted on the approval and done the next phase's own
      // work: the caller sees the next phase with its gate open (or the mission ended).
      await condition(() => (s.phase !== gate && s.openGate !== null) || s.status !== 'active');
      return m.ack;
    },
    { validator: ({ actor, ...decision }) => refuse(gateDecisionRefusal(s, decision, actor)) },
  );

  setHandler(
    msg.assignLeadUpdate,
    ({ lead, actor }) => {
      s.lead = lead;
      if (s.phase === 'plan') m.recordItem('lead', actor.id, { lead });
      upsertSearchAttributes([{ key: SearchAttr.lead, value: lead }]);
      m.audit(actor, 'lead.assigned', lead);
      return m.ack;
    },
    { validator: ({ actor }) => refuse(leadAssignmentRefusal(s, actor)) },
  );

  setHandler(
    msg.recordWorkItemUpdate,
    ({ item, data, actor }) => {
      const parsed = WORK_ITEM_PAYLOADS[item as RecordableItem].parse(data) as Record<string, unknown>;
      const stored =
        item === 'feasibility'
          ? { ...parsed, prioritisation: prioritise(WORK_ITEM_PAYLOADS.feasibility.parse(data), s.policy.prioritisation) }
          : parsed;
      m.recordItem(item, actor.id, stored);
      m.audit(actor, 'work-item.recorded', `${s.phase}.${item}`);
      if (item === 'objectives') effects.push({ kind: 'action-plan' });
      return m.ack;
    },
    {
      validator: ({ item, data, actor }) => {
        refuse(workItemRefusal(s, item, actor));
        const schema = WORK_ITEM_PAYLOADS[item as RecordableItem];
        const result = schema.safeParse(data);
        if (!result.success) {
          const problems = result.error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`);
          refuse(refusal(ErrorCode.InvalidWorkItem, `invalid '${item}': ${problems.join('; ')}`, problems));
        }
      },
    },
  );

  setHandler(
    msg.setAllocationUpdate,
    ({ allocation, reason, actor }) => {
      const amended = s.allocation !== null;
      s.allocation = allocation;
      m.applyAllocation();
      if (s.phase === 'plan') m.recordItem('time-allocation', actor.id, { ...allocation });
      m.audit(
        actor,
        amended ? 'allocation.amended' : 'allocation.set',
        `total ${allocation.totalHuntHours}h, execution ${allocation.executionPhaseHours}h${reason ? `: ${reason}` : ''}`,
      );
      return m.ack;
    },
    {
      validator: ({ allocation, reason, actor }) => {
        const problems = allocationProblems(allocation, s.policy.maxExecutionRatio);
        if (s.allocation && !reason) problems.push('an amendment of the allocation needs a reason');
        refuse(allocationRefusal(s, actor, problems));
      },
    },
  );

  setHandler(
    msg.inviteHuntersUpdate,
    ({ hunters, actor }) => {
      for (const h of hunters) {
        if (s.squad[h]?.status !== 'accepted') s.squad[h] = { status: 'invited', invitedAt: m.now() };
      }
      m.audit(actor, 'squad.invited', hunters.join(', '));
      return m.ack;
    },
    {
      validator: ({ hunters, actor }) => {
        refuse(leadOnlyRefusal(s, actor, 'invites hunters'));
        if (!s.lead) refuse(refusal(ErrorCode.MissingItems, 'assign the mission lead before forming the squad', ['lead']));
        if (hunters.includes(s.lead!)) refuse(refusal(ErrorCode.InvalidWorkItem, 'the lead is not invited to their own squad'));
      },
    },
  );

  setHandler(
    msg.squadResponseUpdate,
    ({ accept, reason, actor }) => {
      s.squad[actor.id] = { ...s.squad[actor.id]!, status: accept ? 'accepted' : 'declined', respondedAt: m.now() };
      m.audit(actor, accept ? 'squad.accepted' : 'squad.declined', reason);
      const accepted = Object.values(s.squad).filter((x) => x.status === 'accepted').length;
      if (accept && s.external['channel']) effects.push({ kind: 'channel-invite', member: actor.id });
      if (!s.squadFormedAt && accepted >= s.policy.minSquadSize) {
        s.squadFormedAt = m.now();
        m.recordItem('squad', 'capeo', { hunters: accepted }, 'plan');
        m.audit('capeo', 'squad.formed', `${accepted} hunters`);
        effects.push({ kind: 'channel' });
      }
      return m.ack;
    },
    {
      validator: ({ actor }) => {
        refuse(closedRefusal(s));
        const invitation = s.squad[actor.id];
        if (!invitation) refuse(refusal(ErrorCode.NotEntitled, `${actor.id} has not been invited to this squad`));
        else if (invitation.status !== 'invited') refuse(refusal(ErrorCode.Duplicate, `${actor.id} already ${invitation.status}`));
      },
    },
  );

  setHandler(
    msg.addFindingUpdate,
    ({ finding, actor }) => {
      const before = s.findings.length;
      const f = m.addFinding(newFindingSchema.parse(finding), actor.id);
      if (s.findings.length > before) effects.forFinding(f);
      return { ...m.ack, id: f.id };
    },
    {
      validator: ({ finding, actor }) => {
        refuse(huntRefusal(s, actor, 'record findings'));
        refuse(phaseRefusal(s, ['execute'], 'recording findings'));
        const parsed = newFindingSchema.safeParse(finding);
        if (!parsed.success) {
          const problems = parsed.error.issues.map((i) => `finding.${i.path.join('.')}: ${i.message}`);
          refuse(refusal(ErrorCode.InvalidWorkItem, `invalid finding: ${problems.join('; ')}`, problems));
        }
      },
    },
  );

  setHandler(
    msg.withdrawFindingUpdate,
    ({ findingId, reason, actor }) => {
      const f = s.findings.find((x) => x.id === findingId)!;
      f.status = 'withdrawn';
      f.withdrawnReason = reason;
      m.audit(actor, 'finding.withdrawn', `${findingId}: ${reason}`);
      return { ...m.ack, id: findingId };
    },
    {
      validator: ({ findingId, actor }) => {
        refuse(huntRefusal(s, actor, 'withdraw findings'));
        const f = s.findings.find((x) => x.id === findingId);
        if (!f) refuse(refusal(ErrorCode.NotFound, `no finding ${findingId}`));
        else if (f.status !== 'open') refuse(refusal(ErrorCode.Duplicate, `finding ${findingId} is ${f.status}; only open findings are withdrawn`));
      },
    },
  );

  setHandler(
    msg.runQueryUpdate,
    async ({ title, query, from, to, actor }) => {
      const id = `Q${s.queries.length + 1}`;
      // Reserve the id before awaiting, so concurrent runs never share one.
      s.queries.push({ id, title, query, from, to, rowCount: 0, columns: [], sample: [], truncated: false, evidence: { name: '', path: '', bytes: 0, sha256: '' }, by: actor.id, at: m.now() });
      const run = await siem.runHuntQuery({ missionId: s.missionId, runId: id, query, from, to });
      const i = s.queries.findIndex((q) => q.id === id);
      s.queries[i] = { id, title, query, from, to, rowCount: run.rowCount, columns: run.columns, sample: run.sample, truncated: run.truncated, evidence: run.evidence, by: actor.id, at: m.now() };
      m.recordItem('queries', 'capeo', { runs: s.queries.length });
      m.audit(actor, 'query.run', `${id} ${title}: ${run.rowCount} rows`);
      return { ...m.ack, id };
    },
    {
      validator: ({ from, to, actor }) => {
        refuse(huntRefusal(s, actor, 'interrogate data'));
        refuse(phaseRefusal(s, ['execute'], 'interrogating data'));
        if (Date.parse(from) >= Date.parse(to)) refuse(refusal(ErrorCode.InvalidWorkItem, 'from must be before to', ['from']));
      },
    },
  );

  setHandler(
    msg.requestContainmentUpdate,
    ({ target, reason, findingId, actor }) => {
      const id = `C${s.containments.length + 1}`;
      s.containments.push({ id, target, reason, ...(findingId ? { findingId } : {}), requestedBy: actor.id, at: m.now(), status: 'pending-dfir' });
      m.audit(actor, 'containment.requested', `${id} isolate ${target.kind} ${target.id}`);
      return { ...m.ack, id };
    },
    {
      validator: ({ findingId, actor }) => {
        refuse(huntRefusal(s, actor, 'request containment'));
        refuse(phaseRefusal(s, ['execute'], 'requesting containment'));
        if (findingId && !s.findings.some((f) => f.id === findingId)) refuse(refusal(ErrorCode.NotFound, `no finding ${findingId}`));
      },
    },
  );

  setHandler(
    msg.decideContainmentUpdate,
    async ({ containmentId, decision, reason, actor }) => {
      const c = s.containments.find((x) => x.id === containmentId)!;
      c.dfir = { by: actor.id, at: m.now(), decision, reason };
      c.status = decision === 'approve' ? 'approved' : 'rejected';
      m.audit(actor, `containment.${c.status}`, `${c.id}: ${reason}`);
      if (decision === 'approve') {
        // Only after the DFIR approval does the containment activity run.
        c.action = await containmentActs.isolate({
          idempotencyKey: effectKey('containment', c.id),
          missionId: s.missionId,
          target: c.target,
          reason: c.reason,
        });
        c.status = 'executed';
        m.audit('capeo', 'containment.executed', `${c.id} → ${c.action.system} ${c.action.id}`);
      }
      return { ...m.ack, id: c.id };
    },
    {
      validator: ({ containmentId, actor }) => {
        refuse(closedRefusal(s));
        if (actor.role !== 'dfir') refuse(refusal(ErrorCode.NotEntitled, 'only the DFIR team decides containment'));
        const c = s.containments.find((x) => x.id === containmentId);
        if (!c) refuse(refusal(ErrorCode.NotFound, `no containment request ${containmentId}`));
        else if (c.status !== 'pending-dfir') refuse(refusal(ErrorCode.Duplicate, `containment ${containmentId} is already ${c.status}`));
      },
    },
  );

  setHandler(
    msg.cancelMissionUpdate,
    ({ reason, actor }) => {
      m.audit(actor, 'mission.cancel-requested', reason);
      m.stopClock('execution');
      m.stopClock('total');
      m.close('cancelled', reason);
      return m.ack;
    },
    {
      validator: ({ actor }) => {
        refuse(closedRefusal(s));
        if (!(actor.role === 'manager' || mayLead(s, actor))) refuse(refusal(ErrorCode.NotEntitled, 'only a hunt manager or the lead cancels'));
      },
    },
  );

  setHandler(
    msg.releaseReportUpdate,
    async ({ summary, actor }) => {
      await outcomes.release(actor, summary);
      return m.ack;
    },
    {
      validator: ({ actor }) => {
        refuse(leadOnlyRefusal(s, actor, 'releases the report'));
        refuse(phaseRefusal(s, ['outcomes'], 'releasing the report'));
        if (s.workItems['outcomes']?.['report'] || outcomes.releasing) refuse(refusal(ErrorCode.Duplicate, 'the report of this iteration is already released'));
      },
    },
  );
}

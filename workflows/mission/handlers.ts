import { condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { allocationProblems } from '../../domain/allocation';
import {
  allocationRefusal,
  gateDecisionRefusal,
  leadAssignmentRefusal,
  workItemRefusal,
} from '../../domain/gates';
import {
  assignLeadUpdate,
  decideGateUpdate,
  missionStateQuery,
  recordWorkItemUpdate,
  setAllocationUpdate,
} from '../../domain/messages';
import { SearchAttr } from '../../domain/temporal-names';
import { refuse, type Mission } from './mission-state';

/** Wires queries and Updates; validators refuse synchronously, handlers only mutate state. */
export function registerHandlers(m: Mission): void {
  const s = m.state;
  setHandler(missionStateQuery, () => s);

  setHandler(
    decideGateUpdate,
    async ({ gate, decision, reason, actor }) => {
      m.audit(actor, `gate.${decision === 'approve' ? 'approved' : 'rejected'}`, reason ? `${gate}: ${reason}` : gate);
      if (decision === 'reject') {
        if (gate === 'analyze') m.close('not_qualified', reason ?? 'rejected at the Analyze gate');
        return s;
      }
      s.openGate = null;
      // Answer once the main flow has acted on the approval: the caller sees the next phase.
      await condition(() => s.phase !== gate || s.status !== 'active');
      return s;
    },
    { validator: ({ actor, ...decision }) => refuse(gateDecisionRefusal(s, decision, actor)) },
  );

  setHandler(
    assignLeadUpdate,
    ({ lead, actor }) => {
      s.lead = lead;
      if (s.phase === 'plan') m.recordItem('lead', actor.id, { lead });
      upsertSearchAttributes([{ key: SearchAttr.lead, value: lead }]);
      m.audit(actor, 'lead.assigned', lead);
      return s;
    },
    { validator: ({ actor }) => refuse(leadAssignmentRefusal(s, actor)) },
  );

  setHandler(
    recordWorkItemUpdate,
    ({ item, data, actor }) => {
      m.recordItem(item, actor.id, data);
      m.audit(actor, 'work-item.recorded', `${s.phase}.${item}`);
      return s;
    },
    { validator: ({ item, actor }) => refuse(workItemRefusal(s, item, actor)) },
  );

  setHandler(
    setAllocationUpdate,
    ({ allocation, reason, actor }) => {
      const amended = s.allocation !== null;
      s.allocation = allocation;
      if (s.phase === 'plan') m.recordItem('time-allocation', actor.id, { ...allocation });
      m.audit(
        actor,
        amended ? 'allocation.amended' : 'allocation.set',
        `total ${allocation.totalHuntHours}h, execution ${allocation.executionPhaseHours}h${reason ? `: ${reason}` : ''}`,
      );
      return s;
    },
    { validator: ({ allocation, actor }) => refuse(allocationRefusal(s, actor, allocationProblems(allocation))) },
  );
}

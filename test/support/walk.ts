import type { Actor } from '../../domain/identity';
import type { MissionService } from '../../api/services/missions';

export const platform: Actor = { id: 'soc-platform', role: 'platform' };
export const manager: Actor = { id: 'maria.manager', role: 'manager' };
export const lead: Actor = { id: 'lucas.lead', role: 'lead' };
export const hunter: Actor = { id: 'hana.hunter', role: 'hunter' };

export const eavdRequest = {
  type: 'EAVD' as const,
  codeName: 'Barracuda Muffin',
  topic: 'Lookalike domains used for phishing our customers',
  trigger: 'intel' as const,
  keywords: ['lookalike'],
};

/** Waits until the workflow has finished its own work for the phase and opened the gate. */
export async function openGate(missions: MissionService, id: string, gate: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = await missions.get(id);
    if (s.openGate === gate) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gate ${gate} never opened on ${id}`);
}

/** Takes a started mission from Collect to a released report, through Updates only. */
export async function walkToCompletion(missions: MissionService, id: string): Promise<void> {
  await openGate(missions, id, 'collect');
  await missions.decideGate(id, { gate: 'collect', decision: 'approve' }, manager);
  await missions.assignLead(id, lead.id, manager);
  await missions.recordWorkItem(id, 'initial-research', { references: [{ title: 'dnstwist', link: 'https://example.org' }] }, hunter);
  await missions.recordWorkItem(id, 'feasibility', { qualifies: true }, lead);
  await missions.decideGate(id, { gate: 'analyze', decision: 'approve' }, lead);
  await missions.setAllocation(id, { totalHuntHours: 40, executionPhaseHours: 30 }, undefined, lead);
  await missions.recordWorkItem(id, 'objectives', { objectives: ['find lookalike domains with MX'] }, lead);
  await missions.decideGate(id, { gate: 'plan', decision: 'approve' }, lead);
  await missions.decideGate(id, { gate: 'execute', decision: 'approve' }, lead);
  await missions.decideGate(id, { gate: 'outcomes', decision: 'approve' }, lead);
}

export const PHASES = ['collect', 'analyze', 'plan', 'execute', 'outcomes'] as const;
export type Phase = (typeof PHASES)[number];

/** Where a mission is: one of the CAPEO phases while active, or how it ended. */
export const MISSION_STATUSES = ['active', 'completed', 'not_qualified', 'cancelled'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export function nextPhase(phase: Phase): Phase | undefined {
  return PHASES[PHASES.indexOf(phase) + 1];
}

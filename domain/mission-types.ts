import type { Phase } from './phases';

/** Who may record a work item. */
export type WorkItemAuthor = 'system' | 'lead' | 'squad';

export interface WorkItemDefinition {
  readonly name: string;
  readonly title: string;
  readonly required: boolean;
  readonly author: WorkItemAuthor;
}

export interface MissionTypeDefinition {
  readonly code: string;
  readonly title: string;
  readonly workItems: Readonly<Record<Phase, readonly WorkItemDefinition[]>>;
}

/**
 * The mission-type registry: adding an AIMOD2 type is adding data here (plus
 * optional activities), not rewriting the workflow.
 */
export const MISSION_TYPES = {
  EAVD: {
    code: 'EAVD',
    title: 'External Attack Vector Discovery',
    workItems: {
      collect: [
        { name: 'intel', title: 'Threat intel pulled from the TIP', required: true, author: 'system' },
      ],
      analyze: [
        { name: 'initial-research', title: 'Initial research references', required: true, author: 'squad' },
        { name: 'feasibility', title: 'Feasibility assessment', required: true, author: 'lead' },
      ],
      plan: [
        { name: 'lead', title: 'Mission lead designated', required: true, author: 'system' },
        { name: 'time-allocation', title: 'Total hunt and execution phase durations', required: true, author: 'lead' },
        { name: 'objectives', title: 'Tactical objectives', required: true, author: 'lead' },
      ],
      execute: [
        { name: 'discovery', title: 'Discovery notes and references', required: false, author: 'squad' },
      ],
      outcomes: [
        { name: 'lessons', title: 'Feedback and improvement opportunities', required: false, author: 'lead' },
      ],
    },
  },
} as const satisfies Record<string, MissionTypeDefinition>;

export type MissionTypeCode = keyof typeof MISSION_TYPES;
export const MISSION_TYPE_CODES = Object.keys(MISSION_TYPES) as [MissionTypeCode, ...MissionTypeCode[]];

export function workItemDefinition(type: MissionTypeCode, phase: Phase, name: string): WorkItemDefinition | undefined {
  return (MISSION_TYPES[type].workItems[phase] as readonly WorkItemDefinition[]).find((w) => w.name === name);
}

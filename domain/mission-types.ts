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
        { name: 'stakeholder-highlight', title: 'Important threats highlighted to stakeholders', required: true, author: 'system' },
      ],
      analyze: [
        { name: 'initial-research', title: 'Initial research references', required: true, author: 'squad' },
        { name: 'feasibility', title: 'Feasibility assessment (prioritisation model)', required: true, author: 'lead' },
        { name: 'owners', title: 'Business and technical owners', required: true, author: 'squad' },
        { name: 'team-engagement', title: 'Requirements to engage other teams', required: true, author: 'lead' },
        // Required when the hunt is hypothesis-driven (domain/gates.ts).
        { name: 'hypothesis', title: 'Hypothesis and its ABLE scope (actor, behaviour, location, evidence)', required: false, author: 'squad' },
      ],
      plan: [
        { name: 'lead', title: 'Mission lead designated', required: true, author: 'system' },
        { name: 'objectives', title: 'Tactical objectives', required: true, author: 'lead' },
        { name: 'time-allocation', title: 'Total hunt and execution phase durations', required: true, author: 'system' },
        { name: 'squad', title: 'Hunting squad formed', required: true, author: 'system' },
        { name: 'comms-channel', title: 'Squad comms channel set up', required: true, author: 'system' },
        { name: 'action-plan', title: 'Action plan in the agile tool', required: true, author: 'system' },
      ],
      execute: [
        { name: 'data-sources', title: 'Data source discovery', required: true, author: 'squad' },
        { name: 'stakeholders', title: 'Relevant stakeholders', required: false, author: 'squad' },
        { name: 'infrastructure-knowledge', title: 'Infrastructure knowledge', required: false, author: 'squad' },
        { name: 'previous-security-data', title: 'Previous security data', required: false, author: 'squad' },
        { name: 'queries', title: 'Data interrogated through the SIEM', required: true, author: 'system' },
      ],
      outcomes: [
        { name: 'playbook', title: 'Threat Hunt Playbook (notebook)', required: true, author: 'system' },
        { name: 'report', title: 'Threat Hunt Report released', required: true, author: 'system' },
        { name: 'comms', title: 'Comms sent to the audience', required: true, author: 'system' },
        { name: 'feedback', title: 'Feedback and improvement opportunities', required: false, author: 'lead' },
      ],
    },
  },
} as const satisfies Record<string, MissionTypeDefinition>;

export type MissionTypeCode = keyof typeof MISSION_TYPES;
export const MISSION_TYPE_CODES = Object.keys(MISSION_TYPES) as [MissionTypeCode, ...MissionTypeCode[]];

export function workItemDefinition(type: MissionTypeCode, phase: Phase, name: string): WorkItemDefinition | undefined {
  return (MISSION_TYPES[type].workItems[phase] as readonly WorkItemDefinition[]).find((w) => w.name === name);
}

type ItemOf<T extends MissionTypeCode> = (typeof MISSION_TYPES)[T]['workItems'][Phase][number];
/** Every work item name any mission type defines. */
export type WorkItemName = ItemOf<MissionTypeCode>['name'];

export function workItemDefinitions(type: MissionTypeCode, phase: Phase): readonly WorkItemDefinition[] {
  return MISSION_TYPES[type].workItems[phase] as readonly WorkItemDefinition[];
}

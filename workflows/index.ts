export { missionIterationWorkflow } from './iterations/iteration-workflow';
export { missionWorkflow } from './mission/mission-workflow';
export { missionCodeRegistryWorkflow } from './registry/registry-workflow';
export { visibilityWatchWorkflow } from './visibility/visibility-watch-workflow';
export { eavdSweepWorkflow } from './eavd/sweep-workflow';

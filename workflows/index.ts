export { huntMissionWorkflow } from './mission/mission-workflow';
export { missionIterationWorkflow } from './iterations/iteration-workflow';
export { effectRetryWorkflow } from './effects/effect-retry-workflow';
export { visibilityWatchWorkflow } from './visibility/visibility-watch-workflow';
export { eavdSweepWorkflow } from './eavd/sweep-workflow';
export { attackCatalogueWorkflow } from './attack/attack-catalogue-workflow';
export { ctMonitorWorkflow } from './eavd/ct-monitor-workflow';
export { nrdFeedWorkflow } from './eavd/nrd-feed-workflow';

export interface StartedIteration {
  missionId: string;
  code: string;
  iteration: number;
  displayName: string;
  previousMissionId: string;
}

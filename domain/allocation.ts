import { z } from 'zod';

export const DEFAULT_MAX_EXECUTION_RATIO = 0.75;

export const timeAllocationSchema = z.object({
  // A second at least: a clock of less cannot be kept (tests run clocks of seconds).
  totalHuntHours: z.number().min(1 / 3600).max(24 * 365),
  executionPhaseHours: z.number().min(1 / 3600).max(24 * 365),
});
export type TimeAllocation = z.infer<typeof timeAllocationSchema>;

/** The 75% rule: execution may take at most `maxRatio` of the total, leaving the rest for reporting. */
export function allocationProblems(a: TimeAllocation, maxRatio = DEFAULT_MAX_EXECUTION_RATIO): string[] {
  if (a.executionPhaseHours > a.totalHuntHours * maxRatio) {
    return [
      `executionPhaseHours (${a.executionPhaseHours}) may not exceed ${Math.round(maxRatio * 100)}% of totalHuntHours (${a.totalHuntHours})`,
    ];
  }
  return [];
}

import type { MissionState } from './mission';

/** The Threat Hunt Report in Markdown: a snapshot of this iteration. */
export function renderReportMarkdown(s: MissionState): string {
  const lines = [
    `# Threat Hunt Report — ${s.displayName} (iteration ${s.iteration})`,
    '',
    `- Type: ${s.type}`,
    `- Topic: ${s.topic}`,
    `- Trigger: ${s.trigger}`,
    `- Requester: ${s.requester}`,
    `- Mission lead: ${s.lead ?? 'none'}`,
    s.allocation
      ? `- Allocated: total ${s.allocation.totalHuntHours} h, execution ${s.allocation.executionPhaseHours} h`
      : '- Allocated: not set',
    '',
    '## Intel collected',
    '',
    s.intel
      ? `${s.intel.matched.length} relevant objects from ${s.intel.source} (${s.intel.indicators} indicators, ${s.intel.reports} reports, ${s.intel.observables} observables).`
      : 'None.',
    '',
    '## Audit timeline',
    '',
    '| when | who | what | detail |',
    '|---|---|---|---|',
    ...s.timeline.map((e) => `| ${e.at} | ${e.actor} | ${e.action} | ${(e.detail ?? '').replace(/\|/g, '\\|')} |`),
    '',
  ];
  return lines.join('\n');
}

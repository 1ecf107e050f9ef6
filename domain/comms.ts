import { toHtml, toMarkdown, type Block } from './document';
import type { MissionMetrics } from './metrics';
import type { MissionState } from './mission';

const TRIGGER: Record<MissionState['trigger'], string> = {
  intel: 'new threat intelligence',
  incident: 'a recent incident',
  schedule: 'our regular hunting schedule',
  request: 'a request from the business',
};

/** Comms: the hunt told as a story for the audience — why, what was done, what was found, what next. */
export function renderComms(s: MissionState, m: MissionMetrics, summary: string | null): { subject: string; text: string; html: string } {
  const live = s.findings.filter((f) => f.status !== 'withdrawn');
  const escalated = live.filter((f) => f.escalation);
  const subject = `${s.displayName}: ${live.length ? `${live.length} finding${live.length > 1 ? 's' : ''}` : 'nothing malicious found'} — ${s.topic}`;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `${s.displayName} — what we hunted and what we found` },
    { kind: 'heading', level: 2, text: 'Why we hunted' },
    { kind: 'paragraph', text: `Prompted by ${TRIGGER[s.trigger]}, the threat hunting team looked into: ${s.topic}.` },
    ...(summary ? [{ kind: 'paragraph' as const, text: summary }] : []),
    { kind: 'heading', level: 2, text: 'What we did' },
    {
      kind: 'paragraph',
      text: `A squad of ${m.squadSize} ran ${m.queriesRun} systematic ${m.queriesRun === 1 ? 'query' : 'queries'} over ${m.totalHunt.actualHours ?? 0} hours (iteration ${s.iteration}).`,
    },
    { kind: 'heading', level: 2, text: 'What we found' },
    live.length
      ? { kind: 'list', items: live.map((f) => `${f.title} (${f.category}, ${f.severity})${f.escalation ? ' — handed to incident response' : ''}`) }
      : {
          kind: 'paragraph',
          text: 'Nothing malicious was found. That is good news: the hunt confirmed we can see this threat, and its queries now run again with each iteration.',
        },
    ...(escalated.length ? [{ kind: 'paragraph' as const, text: `${escalated.length} suspicious event${escalated.length > 1 ? 's were' : ' was'} escalated to incident response.` }] : []),
    ...(m.visibilityGaps ? [{ kind: 'paragraph' as const, text: `${m.visibilityGaps} visibility gap${m.visibilityGaps > 1 ? 's were' : ' was'} raised and is being fixed.` }] : []),
    { kind: 'heading', level: 2, text: 'What happens next' },
    { kind: 'paragraph', text: 'The hunt playbook keeps what we learned; the next iteration starts from it. Questions and tips are welcome in reply.' },
  ];
  return { subject, text: toMarkdown(blocks), html: toHtml(subject, blocks) };
}

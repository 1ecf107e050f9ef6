import { toHtml, toMarkdown, type Block } from './document';
import type { Finding, FindingCategory } from './findings';
import type { MissionMetrics } from './metrics';
import type { MissionRecord } from './mission';
import { FINDING_CATEGORY_LABELS } from './report';
import { WORK_ITEM_PAYLOADS } from './work-items';

const TRIGGER: Record<MissionRecord['trigger'], string> = {
  intel: 'new threat intelligence',
  incident: 'a recent incident',
  schedule: 'our regular hunting schedule',
  request: 'a request from the business',
};

/** What each kind of finding means to the audience, and what happens to it next. */
const FOUND: Record<Exclude<FindingCategory, 'suspicious-security-event'>, { heading: string; next: (n: number) => string }> = {
  'visibility-gap': {
    heading: 'Places we could not see well enough (visibility gaps)',
    next: (n) => `The ${plural(n, 'visibility gap')} ${n === 1 ? 'has' : 'have'} been raised with the owners of the log sources to be closed.`,
  },
  'security-control-issue': {
    heading: 'Security controls to strengthen',
    next: (n) => `The ${plural(n, 'security control issue')} ${n === 1 ? 'goes' : 'go'} to the control owners to be fixed.`,
  },
  'detection-opportunity': {
    heading: 'New detections we can build',
    next: (n) => `Detection engineering will turn the ${plural(n, 'detection opportunity', 'detection opportunities')} into alerts.`,
  },
  'hunt-opportunity': {
    heading: 'Leads for future hunts',
    next: (n) => `The ${plural(n, 'hunt opportunity', 'hunt opportunities')} ${n === 1 ? 'joins' : 'join'} the hunt backlog.`,
  },
  'ti-event-of-interest': {
    heading: 'Threat intelligence we shared',
    next: (n) => `The ${plural(n, 'threat intelligence event')} ${n === 1 ? 'is' : 'are'} in our threat intelligence platform, watched for any change.`,
  },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A duration as people say it: minutes under an hour, else hours to one decimal. */
function hours(h: number | null): string {
  if (h === null) return 'no time';
  if (h < 1) return plural(Math.round(h * 60), 'minute');
  return plural(Math.round(h * 10) / 10, 'hour');
}

const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? ''));

/**
 * Comms: the hunt told as a story for its audience — what motivated it, what the
 * squad did, what it found (also, and explicitly, when nothing evil turned up),
 * the key numbers and what happens next. No internal detail such as query text.
 */
export function renderComms(s: MissionRecord, m: MissionMetrics, summary: string | null): { subject: string; text: string; html: string } {
  const live = s.findings.filter((f) => f.status !== 'withdrawn');
  const suspicious = live.filter((f) => f.category === 'suspicious-security-event');
  const escalated = live.filter((f) => f.escalation);
  const others = live.filter((f) => f.category !== 'suspicious-security-event');
  const objectives = WORK_ITEM_PAYLOADS.objectives.safeParse(s.workItems['plan']?.['objectives']?.data ?? {});
  const sources = WORK_ITEM_PAYLOADS['data-sources'].safeParse(s.workItems['execute']?.['data-sources']?.data ?? {});
  const sourceNames = sources.success ? sources.data.sources.map((x) => x.name) : [];
  const hunters = m.squadSize;

  const headline = suspicious.length
    ? `${plural(suspicious.length, 'suspicious event')} found${escalated.length ? ' and escalated' : ''}`
    : live.length
      ? `nothing malicious found, ${plural(live.length, 'finding')} to act on`
      : 'nothing malicious found';
  const subject = `${s.displayName}: ${headline} — ${s.topic}`;

  const why: Block[] = [
    { kind: 'heading', level: 2, text: 'Why we hunted' },
    {
      kind: 'paragraph',
      text: `Prompted by ${TRIGGER[s.trigger]}, the threat hunting team set out to answer one question: are we exposed to "${s.topic}"?${
        s.iteration > 1 ? ` This is iteration ${s.iteration} of the mission: we went back to check what has changed since the last one.` : ''
      }`,
    },
    ...(s.intel && s.intel.matched.length
      ? [{ kind: 'paragraph' as const, text: `Our threat intelligence held ${plural(s.intel.reports, 'report')} and ${plural(s.intel.indicators, 'indicator')} on the subject, which made it worth a closer look.` }]
      : []),
    ...(summary ? [{ kind: 'paragraph' as const, text: summary }] : []),
  ];

  const did: Block[] = [
    { kind: 'heading', level: 2, text: 'What we did' },
    {
      kind: 'paragraph',
      text: `A squad of ${plural(hunters, 'hunter')}${s.lead ? ` led by ${s.lead}` : ''} spent ${hours(m.totalHunt.actualHours)} on the hunt${
        m.totalHunt.allocatedHours !== null ? ` (${hours(m.totalHunt.allocatedHours)} were set aside)` : ''
      }${sourceNames.length ? `, looking through ${plural(sourceNames.length, 'data source')} (${and(sourceNames)})` : ''} with ${plural(m.queriesRun, 'systematic query', 'systematic queries')}.${
        objectives.success ? ' Our objectives were:' : ''
      }`,
    },
    ...(objectives.success ? [{ kind: 'list' as const, items: objectives.data.objectives }] : []),
  ];

  const found: Block[] = [{ kind: 'heading', level: 2, text: 'What we found' }];
  if (!live.length) {
    found.push({
      kind: 'paragraph',
      text: `Nothing malicious was found, and nothing else needed fixing. That is good news: we looked for this threat where it would show and saw no sign of it. We also know now that we can see it, and the hunt is kept ready to run again.`,
    });
  } else if (!suspicious.length) {
    found.push({
      kind: 'paragraph',
      text: `Nothing malicious was found in our environment — good news. The hunt did leave us better prepared, with ${plural(live.length, 'finding')} that make us stronger:`,
    });
  } else {
    found.push({
      kind: 'paragraph',
      text: `We found ${plural(suspicious.length, 'suspicious event')}${
        escalated.length ? `; ${escalated.length === suspicious.length ? (suspicious.length === 1 ? 'it was' : 'all were') : `${escalated.length} were`} escalated to incident response at once` : ''
      }:`,
    });
    found.push({ kind: 'list', items: suspicious.map(describeSuspicious) });
  }
  for (const category of Object.keys(FOUND) as Array<keyof typeof FOUND>) {
    const of = others.filter((f) => f.category === category);
    if (!of.length) continue;
    found.push({ kind: 'heading', level: 3, text: FOUND[category].heading });
    found.push({ kind: 'list', items: of.map((f) => `${f.title} (${f.severity})`) });
  }
  const contained = s.containments.filter((c) => c.status === 'executed' || c.status === 'approved');
  if (contained.length) {
    found.push({
      kind: 'paragraph',
      text: `To be safe, ${plural(contained.length, 'device or account', 'devices or accounts')} ${contained.length === 1 ? 'was' : 'were'} isolated after approval by the forensics team.`,
    });
  }

  const numbers: Block[] = [
    { kind: 'heading', level: 2, text: 'Key numbers' },
    {
      kind: 'list',
      items: [
        `Time spent: ${hours(m.totalHunt.actualHours)}${m.totalHunt.allocatedHours !== null ? ` of ${hours(m.totalHunt.allocatedHours)} allocated` : ''}`,
        `Queries run: ${m.queriesRun}`,
        `Findings: ${live.length}${
          live.length
            ? ` (${(Object.keys(FINDING_CATEGORY_LABELS) as FindingCategory[])
                .filter((c) => m.findingsPerCategory[c] > 0)
                .map((c) => plural(m.findingsPerCategory[c], FINDING_CATEGORY_LABELS[c].toLowerCase()))
                .join(', ')})`
            : ''
        }`,
        `Escalated to incident response: ${m.escalations.count}${
          m.escalations.meanHoursToEscalation !== null ? `, on average ${hours(m.escalations.meanHoursToEscalation)} after being found` : ''
        }`,
        `Visibility gaps raised: ${m.visibilityGaps}`,
        `Squad size: ${hunters}`,
      ],
    },
  ];

  const next: string[] = [];
  if (escalated.length) next.push('Incident response is handling the escalated events; we will share what they conclude.');
  if (suspicious.length > escalated.length) next.push('The suspicious events not yet escalated are being confirmed and will reach incident response.');
  for (const category of Object.keys(FOUND) as Array<keyof typeof FOUND>) {
    const n = others.filter((f) => f.category === category).length;
    if (n) next.push(FOUND[category].next(n));
  }
  next.push(`What we learned is kept in the mission's hunt playbook; the next iteration of ${s.code} starts from it.`);
  const closing: Block[] = [
    { kind: 'heading', level: 2, text: 'What happens next' },
    { kind: 'list', items: next },
    {
      kind: 'paragraph',
      text: `Seen something related, or have a question? Reply to this message${s.lead ? ` or contact ${s.lead}, the mission lead` : ''}.`,
    },
  ];

  const title = `${s.displayName} — what we hunted and what we found`;
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: title }, ...why, ...did, ...found, ...numbers, ...closing];
  return { subject, text: toMarkdown(blocks), html: toHtml(subject, blocks) };
}

function describeSuspicious(f: Finding): string {
  const handled = f.escalation ? ` — with incident response (${f.escalation.ticket.id})` : ' — being confirmed';
  return `${f.title} (severity ${f.severity})${handled}`;
}

import { notify, tip } from '../activity-proxies';
import { effectKey } from '../effects';
import type { Mission } from '../mission-state';

/** Collect: pull the intel relevant to the topic from the TIP, and highlight it to the stakeholders. */
export async function collect(m: Mission): Promise<void> {
  const s = m.state;
  m.recordIntel(await tip.pullIntel({ topic: s.topic, keywords: s.keywords }));
  const highlights = s.intel!.matched.slice(0, 10).map((o) => `- ${o.type}: ${o.name}`);
  const receipt = await notify.sendNotification({
    idempotencyKey: effectKey('intel-highlight'),
    kind: 'intel-highlight',
    to: s.stakeholders.length ? s.stakeholders : ['threat-intel'],
    subject: `[${s.displayName}] Threats relevant to: ${s.topic}`,
    text: highlights.length ? `Relevant intel from ${s.intel!.source}:\n${highlights.join('\n')}` : `No matching intel in ${s.intel!.source} yet.`,
    missionId: s.missionId,
  });
  m.recordItem('stakeholder-highlight', 'capeo', { notification: receipt.id });
}

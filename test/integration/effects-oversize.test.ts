import * as msg from '../../domain/messages';
import { missionHarness, outbox, tickets } from '../support/temporal';
import { eavdRequest, endMission, hunter, platform, untilFindings, walkToExecute } from '../support/walk';

test('an escalated finding too large for a ticket is shortened with a link to the whole record, never a wedge', async () => {
  const local = await missionHarness();
  try {
    const { missionId } = await local.missions.start(eavdRequest, platform);
    await walkToExecute(local.missions, missionId);
    const observables = Array.from({ length: 400 }, (_, i) => ({ type: 'url' as const, value: `https://examp1e-login.com/${'p'.repeat(300)}/${i}` }));
    const added = await local.missions.update(missionId, msg.addFindingUpdate, {
      finding: { category: 'suspicious-security-event', title: 'a phishing kit with 400 landing pages', description: 'd'.repeat(9_000), severity: 'critical', observables },
      actor: hunter,
    });
    await untilFindings(local.missions, missionId, (fs) => fs.some((f) => f.id === added.id && f.status === 'escalated'), 'escalation');
    const incident = tickets(local.dataDir).find((t) => String(t.id).startsWith('IR-') && t.findingId === added.id)!;
    const description = String(incident.description);
    expect(description.length).toBeLessThanOrEqual(100_000);
    expect(description).toContain(`shortened to fit; the full record: http://127.0.0.1:8080/missions/${missionId}/findings/${added.id}`);
    // The record itself is whole.
    expect((await local.missions.finding(missionId, added.id!)).observables).toHaveLength(400);
    const notice = outbox(local.dataDir).find((n) => n.kind === 'escalation' && n.missionId === missionId)!;
    expect(String(notice.text)).toMatch(/and 350 more/);
    await endMission(local.tw, missionId);
  } finally {
    await local.tw.close();
  }
}, 120_000);


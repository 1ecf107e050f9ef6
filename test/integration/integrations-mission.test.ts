/**
 * Issue 6's acceptance: a mission configured with a real TAXII 2.1 server (medallion) as its TIP, a
 * real SMTP server and a signed-webhook receiver as its notification channels runs end to end, and
 * its report cites the external ids it created there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import type { MissionOutcome } from '../../domain/mission-start';
import { startMedallion, type Medallion } from '../support/medallion';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { missionHarness, type TestWorker } from '../support/temporal';
import { eavdRequest, hunter, platform, until, untilFindings, walkFromExecute, walkToExecute } from '../support/walk';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const SECRET = `whsec_${Buffer.from('capeo-integration-suite-signing-key').toString('base64')}`;
const SEEDED = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--6a1b2c3d-0000-4000-8000-000000000001',
  created: '2026-11-01T00:00:00.000Z',
  modified: '2026-11-01T00:00:00.000Z',
  name: 'Lookalike phishing domain examp1e-login.com',
  pattern: "[domain-name:value = 'examp1e-login.com']",
  pattern_type: 'stix',
  valid_from: '2026-11-01T00:00:00Z',
};

/** A fan-out receipt id, `smtp:<id> webhook:<id>`, by channel. */
const ids = (receipt: string): Record<string, string> => Object.fromEntries(receipt.split(' ').map((pair) => [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)]));

/** Every string in a workflow history, payload bytes decoded. */
function historyText(node: unknown): string {
  if (node instanceof Uint8Array) return Buffer.from(node).toString('utf8');
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(historyText).join('\n');
  if (node && typeof node === 'object') return Object.values(node).map(historyText).join('\n');
  return '';
}

let taxii: Medallion;
let smtp: SmtpServer;
let hooks: WebhookReceiver;
let tw: TestWorker;
let missions: MissionService;
let dataDir: string;

beforeAll(async () => {
  [taxii, smtp, hooks] = await Promise.all([startMedallion({ objects: [SEEDED] }), startSmtpServer(), startWebhookReceiver(SECRET)]);
  ({ tw, missions, dataDir } = await missionHarness({
    CAPEO_TIP: 'taxii',
    CAPEO_TAXII_API_ROOT: taxii.apiRoot,
    CAPEO_TAXII_COLLECTION: taxii.collectionId,
    CAPEO_TAXII_USER: taxii.user,
    CAPEO_TAXII_PASSWORD: taxii.password,
    CAPEO_NOTIFY: 'smtp,webhook',
    CAPEO_SMTP_HOST: smtp.host,
    CAPEO_SMTP_PORT: String(smtp.port),
    CAPEO_SMTP_FROM: 'capeo@soc.example',
    CAPEO_SMTP_RECIPIENT_DOMAIN: 'soc.example',
    CAPEO_WEBHOOK_URL: hooks.url,
    CAPEO_WEBHOOK_SECRET: SECRET,
  }));
}, 60_000);
afterAll(async () => {
  await tw?.close();
  await Promise.all([taxii?.stop(), smtp?.stop(), hooks?.close()]);
});

test('TAXII pull and push, email and signed webhooks, end to end; the report cites the ids created', async () => {
  const { missionId } = await missions.start(eavdRequest, platform);
  // Collect pulled the seeded indicator from the TAXII collection.
  await until(missions, missionId, (s) => s.intel !== null, 'intel pulled');
  expect((await tw.store.reads.record(missionId))!.intel!.matched.map((m) => m.id)).toContain(SEEDED.id);

  await walkToExecute(missions, missionId);
  await missions.update(missionId, msg.addFindingUpdate, {
    finding: {
      category: 'suspicious-security-event',
      title: 'examp1e-login.com harvests credentials',
      severity: 'high',
      observables: [{ type: 'domain', value: 'examp1e-login.com' }],
    },
    actor: hunter,
  });
  await missions.update(missionId, msg.addFindingUpdate, {
    finding: {
      category: 'ti-event-of-interest',
      title: 'Fresh certificate for examp1e-secure.net',
      severity: 'medium',
      observables: [{ type: 'domain', value: 'examp1e-secure.net' }],
    },
    actor: hunter,
  });
  const handled = await untilFindings(missions, missionId, (fs) => fs.some((f) => f.status === 'escalated') && fs.some((f) => f.tip !== undefined), 'escalation and TIP push');
  await walkFromExecute(missions, missionId);
  const outcome: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(outcome.status).toBe('completed');
  const done = (await tw.store.reads.record(missionId))!;

  // TAXII: the TI finding's STIX is in the collection, under the id the mission recorded.
  const ti = handled.find((f) => f.category === 'ti-event-of-interest')!;
  expect(ti.tip).toMatchObject({ system: 'taxii' });
  const objects = await fetch(`${taxii.apiRoot}collections/${taxii.collectionId}/objects/?match[id]=${ti.tip!.id}`, {
    headers: { accept: 'application/taxii+json;version=2.1', authorization: `Basic ${Buffer.from(`${taxii.user}:${taxii.password}`).toString('base64')}` },
  }).then((r) => r.json() as Promise<{ objects?: Array<{ id: string; pattern?: string }> }>);
  expect(objects.objects?.map((o) => o.id)).toEqual([ti.tip!.id]);
  expect(objects.objects?.[0]?.pattern).toContain('examp1e-secure.net');

  // Email and webhook: the escalation arrived on both channels, once each, under the ids the receipt holds.
  const seoi = done.findings.find((f) => f.category === 'suspicious-security-event')!;
  const receipt = ids(seoi.escalation!.notification);
  expect(Object.keys(receipt).sort()).toEqual(['smtp', 'webhook']);
  const mails = await Promise.all(smtp.messages().map((m) => simpleParser(m.raw)));
  const escalationMails = mails.filter((m) => m.subject?.includes('SEOI escalated'));
  expect(escalationMails).toHaveLength(1);
  expect(escalationMails[0]!.messageId).toBe(receipt.smtp);
  expect(smtp.messages().find((m) => m.raw.includes(receipt.smtp!))!.rcptTos).toContain('incident-response@soc.example');
  const escalationHooks = hooks.received.filter((h) => h.body.includes('capeo.notification.escalation'));
  expect(escalationHooks).toHaveLength(1);
  expect(escalationHooks[0]).toMatchObject({ verified: true, headers: { 'webhook-id': receipt.webhook } });
  expect(hooks.received.every((h) => h.verified)).toBe(true);
  // The comms went out by both channels too, to the audience's address.
  const comms = ids(String(done.workItems['outcomes']?.['comms']?.data['notification']));
  const commsMail = mails.find((m) => m.messageId === comms.smtp);
  expect(commsMail?.to).toMatchObject({ text: 'security-newsletter@example.org' });
  expect(hooks.received.filter((h) => h.headers['webhook-id'] === comms.webhook)).toHaveLength(1);

  // Secrets stay in the worker's configuration: nothing of them in the mission's history (payloads decoded).
  const history = historyText(await tw.client.workflow.getHandle(missionId).fetchHistory());
  expect(history).toContain(ti.tip!.id);
  for (const secret of [taxii.password, SECRET, SECRET.slice('whsec_'.length)]) expect(history).not.toContain(secret);

  // The report cites every external id: the intel pushed, the escalation notice on both channels.
  const report = readFileSync(join(dataDir, 'artifacts', done.artifacts['report.md']!.path), 'utf8');
  expect(report).toContain(`| ${ti.id} intel | taxii | ${ti.tip!.id} |`);
  expect(report).toContain(`| ${seoi.id} escalation notice | smtp+webhook | ${seoi.escalation!.notification} |`);
}, 120_000);

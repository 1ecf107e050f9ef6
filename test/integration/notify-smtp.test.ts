import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { ExternalError } from '../../activities/http/http-client';
import { keyHash } from '../../activities/local-records/key-claims';
import type { Notification } from '../../activities/notify/notify-port';
import { SmtpNotifier, type SmtpSettings } from '../../activities/notify/smtp';
import { failure } from '../support/failures';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';

const USER = 'capeo-bot';
const PASSWORD = 'Sup3r-s3cret-pw';
const TIMEOUT_MS = 5_000;

let srv: SmtpServer;
let dirs: string[] = [];

const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'capeo-smtp-test-'));
  dirs.push(dir);
  return dir;
};

const settings = (over: Partial<SmtpSettings> = {}): SmtpSettings => ({
  CAPEO_SMTP_HOST: srv.host,
  CAPEO_SMTP_PORT: srv.port,
  CAPEO_SMTP_SECURE: false,
  CAPEO_SMTP_USER: USER,
  CAPEO_SMTP_PASSWORD: PASSWORD,
  CAPEO_SMTP_FROM: 'Capeo SOC <capeo@soc.example>',
  ...over,
});

const notification = (over: Partial<Notification> = {}): Notification => ({
  idempotencyKey: 'mission-eavd01:gate-reminder:outcomes:1',
  kind: 'gate-reminder',
  to: ['lead@soc.example', 'analyst@soc.example'],
  subject: 'Outcomes gate waiting\nfor a decision',
  text: 'The Outcomes gate of EAVD01 waits for your decision.',
  html: '<p>The <b>Outcomes</b> gate of EAVD01 waits for your decision.</p>',
  missionId: 'EAVD01',
  ...over,
});

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ''));

const parsed = (i: number): Promise<ParsedMail> => simpleParser(srv.messages()[i]!.raw);

beforeAll(async () => {
  srv = await startSmtpServer({ auth: { user: USER, password: PASSWORD }, reject: ['gone@soc.example'], defer: ['busy@soc.example'] });
});
afterAll(async () => {
  await srv.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('SmtpNotifier against a real SMTP server', () => {
  const dir = dataDir();
  const key = 'mission-eavd01:gate-reminder:outcomes:1';
  const hash = keyHash(key);

  test('sends one message with text, html, a Message-ID from the key and the capeo headers', async () => {
    const receipt = await new SmtpNotifier(settings(), TIMEOUT_MS, dir).send(notification());

    expect(receipt).toEqual({ id: `<${hash}@capeo>`, channel: 'smtp', deduplicated: false, at: expect.any(String) });
    expect(srv.messages()).toHaveLength(1);
    const [envelope] = srv.messages();
    expect(envelope!.mailFrom).toBe('capeo@soc.example');
    expect(envelope!.rcptTos).toEqual(['lead@soc.example', 'analyst@soc.example']);

    const mail = await parsed(0);
    expect(mail.subject).toBe('Outcomes gate waiting for a decision');
    expect(mail.from?.value).toEqual([{ address: 'capeo@soc.example', name: 'Capeo SOC' }]);
    expect(addresses(mail.to)).toEqual(['lead@soc.example', 'analyst@soc.example']);
    expect(mail.text?.trim()).toBe('The Outcomes gate of EAVD01 waits for your decision.');
    expect(mail.html).toBe('<p>The <b>Outcomes</b> gate of EAVD01 waits for your decision.</p>');
    expect(mail.messageId).toBe(`<${hash}@capeo>`);
    expect(mail.headers.get('x-capeo-notification')).toBe(hash);
    expect(mail.headers.get('x-capeo-mission')).toBe('EAVD01');
    expect(mail.headers.get('x-capeo-kind')).toBe('gate-reminder');
  });

  test('the same key again, from another notifier on the same folder, sends nothing and returns the first receipt', async () => {
    const again = await new SmtpNotifier(settings(), TIMEOUT_MS, dir).send(notification({ subject: 'changed' }));

    expect(again).toMatchObject({ id: `<${hash}@capeo>`, channel: 'smtp', deduplicated: true });
    expect(srv.messages()).toHaveLength(1);
  });

  test('a text-only notification without a mission has no html part and no mission header', async () => {
    const n = notification({ idempotencyKey: 'wf-2:comms:1', html: undefined, missionId: undefined, to: ['lead@soc.example'] });
    const receipt = await new SmtpNotifier(settings(), TIMEOUT_MS, dir).send(n);

    expect(srv.messages()).toHaveLength(2);
    const mail = await parsed(1);
    expect(receipt.id).toBe(`<${keyHash('wf-2:comms:1')}@capeo>`);
    expect(mail.messageId).toBe(receipt.id);
    expect(mail.html).toBe(false);
    expect(mail.headers.has('x-capeo-mission')).toBe(false);
    expect(mail.headers.get('x-capeo-notification')).toBe(keyHash('wf-2:comms:1'));
  });
});

describe('SmtpNotifier failures', () => {
  test('a wrong password is a permanent auth failure that never shows the password; the key stays free for a retry', async () => {
    const dir = dataDir();
    const before = srv.messages().length;
    const n = notification({ idempotencyKey: 'wf-3:escalation:1' });

    const err = await failure(new SmtpNotifier(settings({ CAPEO_SMTP_PASSWORD: 'wrong-Pa55word' }), TIMEOUT_MS, dir).send(n));

    expect(err.type).toBe(ExternalError.AuthRejected);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain('535');
    expect(err.message).toContain('CAPEO_SMTP_PASSWORD');
    expect(err.message).not.toContain('wrong-Pa55word');
    expect(err.message).not.toContain(Buffer.from('wrong-Pa55word').toString('base64'));
    expect(srv.messages()).toHaveLength(before);

    const fixed = await new SmtpNotifier(settings(), TIMEOUT_MS, dir).send(n);
    expect(fixed.deduplicated).toBe(false);
    expect(srv.messages()).toHaveLength(before + 1);
  });

  test('a recipient refused with 550 is a permanent failure', async () => {
    const before = srv.messages().length;
    const err = await failure(new SmtpNotifier(settings(), TIMEOUT_MS, dataDir()).send(notification({ idempotencyKey: 'wf-4:comms:1', to: ['gone@soc.example'] })));

    expect(err.type).toBe(ExternalError.RequestRejected);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain('550 5.1.1');
    expect(srv.messages()).toHaveLength(before);
  });

  test('a recipient deferred with 451 is retried', async () => {
    const err = await failure(new SmtpNotifier(settings(), TIMEOUT_MS, dataDir()).send(notification({ idempotencyKey: 'wf-5:comms:1', to: ['busy@soc.example'] })));

    expect(err.type).toBe(ExternalError.Unavailable);
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain('451');
  });

  test('a server that is down is retried', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.stop();

    const err = await failure(new SmtpNotifier(settings({ CAPEO_SMTP_PORT: port }), TIMEOUT_MS, dataDir()).send(notification({ idempotencyKey: 'wf-6:comms:1' })));

    expect(err.type).toBe(ExternalError.Unavailable);
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain(`127.0.0.1:${port} unreachable`);
    expect(err.message).not.toContain(PASSWORD);
  });

  test('an invalid notification is refused before any connection', async () => {
    const before = srv.messages().length;
    const err = await failure(new SmtpNotifier(settings(), TIMEOUT_MS, dataDir()).send(notification({ to: [] })));

    expect(err.type).toBe('NOTIFICATION_INVALID');
    expect(srv.messages()).toHaveLength(before);
  });
});

describe('SmtpNotifier.check', () => {
  test('good credentials: ok, and nothing is sent', async () => {
    const before = srv.messages().length;
    const result = await new SmtpNotifier(settings(), TIMEOUT_MS, dataDir()).check();

    expect(result).toEqual({ ok: true, detail: `SMTP server 127.0.0.1:${srv.port} reachable, authenticated as capeo-bot; mail from Capeo SOC <capeo@soc.example> (nothing sent)` });
    expect(srv.messages()).toHaveLength(before);
  });

  test('a wrong password: not ok, says what to fix, never shows the password', async () => {
    const result = await new SmtpNotifier(settings({ CAPEO_SMTP_PASSWORD: 'wrong-Pa55word' }), TIMEOUT_MS, dataDir()).check();

    expect(result.ok).toBe(false);
    expect(result.detail).toContain(`127.0.0.1:${srv.port} refused authentication as capeo-bot`);
    expect(result.detail).toContain('check CAPEO_SMTP_USER and CAPEO_SMTP_PASSWORD');
    expect(result.detail).not.toContain('wrong-Pa55word');
  });

  test('incomplete settings and an unreachable server: not ok, without throwing', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.stop();

    await expect(new SmtpNotifier(settings({ CAPEO_SMTP_PASSWORD: undefined }), TIMEOUT_MS, dataDir()).check()).resolves.toEqual({
      ok: false,
      detail: 'CAPEO_SMTP_USER is set without CAPEO_SMTP_PASSWORD',
    });
    const unreachable = await new SmtpNotifier(settings({ CAPEO_SMTP_PORT: port }), TIMEOUT_MS, dataDir()).check();
    expect(unreachable.ok).toBe(false);
    expect(unreachable.detail).toContain(`127.0.0.1:${port} unreachable`);
  });
});

describe('recipients that are capeo ids, not addresses', () => {
  test('are mailed at <id>@CAPEO_SMTP_RECIPIENT_DOMAIN; addresses pass as they are', async () => {
    const before = srv.messages().length;
    const n = new SmtpNotifier(settings({ CAPEO_SMTP_RECIPIENT_DOMAIN: 'soc.example' }), TIMEOUT_MS, dataDir());
    await n.send(notification({ idempotencyKey: 'ids-1', to: ['incident-response', 'lucas.lead', 'ana@partner.example'] }));
    expect(srv.messages()).toHaveLength(before + 1);
    expect(srv.messages()[before]!.rcptTos).toEqual(['incident-response@soc.example', 'lucas.lead@soc.example', 'ana@partner.example']);
  });

  test('without a domain, ids are left out; with no address left the send fails for good, naming the setting', async () => {
    const before = srv.messages().length;
    const n = new SmtpNotifier(settings(), TIMEOUT_MS, dataDir());
    await n.send(notification({ idempotencyKey: 'ids-2', to: ['incident-response', 'ana@partner.example'] }));
    expect(srv.messages()[before]!.rcptTos).toEqual(['ana@partner.example']);
    const f = await failure(n.send(notification({ idempotencyKey: 'ids-3', to: ['incident-response'] })));
    expect(f).toMatchObject({ type: ExternalError.NotConfigured, nonRetryable: true });
    expect(f.message).toContain('CAPEO_SMTP_RECIPIENT_DOMAIN');
    expect(srv.messages()).toHaveLength(before + 1);
  });
});

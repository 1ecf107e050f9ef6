import { ApplicationFailure } from '@temporalio/activity';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { CheckResult } from '../health-check';
import { ExternalError } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { keyHash } from '../local-records/key-claims';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from './notify-port';

export interface SmtpSettings {
  CAPEO_SMTP_HOST: string;
  CAPEO_SMTP_PORT: number;
  CAPEO_SMTP_SECURE: boolean;
  CAPEO_SMTP_USER?: string;
  CAPEO_SMTP_PASSWORD?: string;
  CAPEO_SMTP_FROM: string;
  /** Recipients that are not email addresses (`incident-response`, `lucas.lead`) are sent to `<name>@<this domain>`. */
  CAPEO_SMTP_RECIPIENT_DOMAIN?: string;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * capeo addresses people and teams by id (`lucas.lead`, `incident-response`); email needs addresses.
 * Addresses pass as they are; ids become `<id>@<domain>`, or are left out without a domain.
 */
export function emailRecipients(to: readonly string[], domain: string | undefined): { addresses: string[]; unaddressed: string[] } {
  const addresses: string[] = [];
  const unaddressed: string[] = [];
  for (const r of to) {
    if (EMAIL.test(r)) addresses.push(r);
    else if (domain && /^[\w.+-]+$/.test(r)) addresses.push(`${r}@${domain}`);
    else unaddressed.push(r);
  }
  return { addresses: [...new Set(addresses)], unaddressed };
}

const CHANNEL = 'smtp';

/** The Message-ID of a notification's email: the same for every attempt, so a receiving system can drop repeats. */
export const smtpMessageId = (idempotencyKey: string): string => `<${keyHash(idempotencyKey)}@capeo>`;

/** What nodemailer puts on its errors (SMTPConnection.SMTPError). */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Reply codes that mean "these credentials will not do": 530 authentication required, 534 mechanism too weak, 535 refused, 538 encryption required. */
const AUTH_CODES = new Set([530, 534, 535, 538]);

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/**
 * Email notifications over SMTP (nodemailer): one message per notification, text and optional HTML,
 * From `CAPEO_SMTP_FROM`, To the notification's recipients. The Message-ID is derived from the
 * idempotency key and `X-Capeo-Notification` carries the key's hash. The key is claimed on disk
 * (`KeyClaims`) before sending, so a retried activity whose first attempt was accepted sends nothing.
 * STARTTLS is used whenever the server offers it; with credentials and a host that is not loopback it
 * is required, so the password never crosses the network in clear text.
 */
export class SmtpNotifier extends ClaimingAdapter<SmtpSettings> implements NotifyPort {
  readonly name = CHANNEL;


  async check(): Promise<CheckResult> {
    const problem = this.settingsProblem();
    if (problem) return { ok: false, detail: problem };
    const transporter = this.transport();
    try {
      await transporter.verify();
      const auth = this.settings.CAPEO_SMTP_USER ? `authenticated as ${this.settings.CAPEO_SMTP_USER}` : 'no authentication';
      return { ok: true, detail: `SMTP server ${this.server()} reachable, ${auth}${this.tlsNote()}; mail from ${this.settings.CAPEO_SMTP_FROM} (nothing sent)` };
    } catch (err) {
      return { ok: false, detail: this.explain(err as SmtpError) };
    } finally {
      transporter.close();
    }
  }

  async send(input: Notification): Promise<NotificationReceipt> {
    const n = validNotification(input);
    const problem = this.settingsProblem();
    if (problem) throw ApplicationFailure.create({ type: ExternalError.NotConfigured, nonRetryable: true, message: `smtp: ${problem}` });
    const { value, deduplicated } = await this.claims.once(n.idempotencyKey, {
      create: () => this.deliver(n),
      // SMTP cannot look back at what a server accepted: an attempt that died after the server took the
      // message sends it again, with the same Message-ID (mail systems that de-duplicate drop it).
      find: () => Promise.resolve(undefined),
    });
    return { ...value, deduplicated };
  }

  private async deliver(n: Notification): Promise<Omit<NotificationReceipt, 'deduplicated'>> {
    const hash = keyHash(n.idempotencyKey);
    const messageId = smtpMessageId(n.idempotencyKey);
    const { addresses, unaddressed } = emailRecipients(n.to, this.settings.CAPEO_SMTP_RECIPIENT_DOMAIN);
    if (addresses.length === 0) {
      throw ApplicationFailure.create({
        type: ExternalError.NotConfigured,
        nonRetryable: true,
        message: `smtp: no email address among the recipients (${unaddressed.join(', ')}); set CAPEO_SMTP_RECIPIENT_DOMAIN or give addresses`,
      });
    }
    const transporter = this.transport();
    try {
      await transporter.sendMail({
        from: this.settings.CAPEO_SMTP_FROM,
        to: addresses,
        subject: n.subject,
        text: n.text,
        ...(n.html !== undefined && { html: n.html }),
        messageId,
        headers: {
          'X-Capeo-Notification': hash,
          'X-Capeo-Kind': n.kind,
          ...(n.missionId !== undefined && { 'X-Capeo-Mission': n.missionId }),
        },
      });
    } catch (err) {
      throw this.failure(err as SmtpError);
    } finally {
      transporter.close();
    }
    // A server that refuses some recipients but accepts others delivers to those it accepted: that is a
    // delivery (a retry would repeat it to them), and the refused addresses get the server's bounce.
    return { id: messageId, channel: CHANNEL, at: new Date().toISOString() };
  }

  private transport(): Transporter<SMTPTransport.SentMessageInfo> {
    const s = this.settings;
    const auth = s.CAPEO_SMTP_USER ? { user: s.CAPEO_SMTP_USER, pass: s.CAPEO_SMTP_PASSWORD ?? '' } : undefined;
    return createTransport({
      host: s.CAPEO_SMTP_HOST,
      port: s.CAPEO_SMTP_PORT,
      secure: s.CAPEO_SMTP_SECURE,
      requireTLS: this.requiresTls(),
      ...(auth && { auth }),
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
      dnsTimeout: this.timeoutMs,
      logger: false,
      debug: false,
    });
  }

  private requiresTls(): boolean {
    const s = this.settings;
    return !s.CAPEO_SMTP_SECURE && Boolean(s.CAPEO_SMTP_USER) && !isLoopback(s.CAPEO_SMTP_HOST);
  }

  private tlsNote(): string {
    if (this.settings.CAPEO_SMTP_SECURE) return ', TLS';
    return this.requiresTls() ? ', STARTTLS' : '';
  }

  private settingsProblem(): string | undefined {
    const s = this.settings;
    if (!s.CAPEO_SMTP_HOST) return 'CAPEO_SMTP_HOST is not set';
    if (!Number.isInteger(s.CAPEO_SMTP_PORT) || s.CAPEO_SMTP_PORT < 1 || s.CAPEO_SMTP_PORT > 65535) return 'CAPEO_SMTP_PORT must be a port number';
    if (!s.CAPEO_SMTP_FROM || !s.CAPEO_SMTP_FROM.includes('@')) return 'CAPEO_SMTP_FROM must be an email address';
    if (s.CAPEO_SMTP_PASSWORD && !s.CAPEO_SMTP_USER) return 'CAPEO_SMTP_PASSWORD is set without CAPEO_SMTP_USER';
    if (s.CAPEO_SMTP_USER && !s.CAPEO_SMTP_PASSWORD) return 'CAPEO_SMTP_USER is set without CAPEO_SMTP_PASSWORD';
    return undefined;
  }

  private server(): string {
    return `${this.settings.CAPEO_SMTP_HOST}:${this.settings.CAPEO_SMTP_PORT}`;
  }

  /** Auth refusals and 5xx replies are permanent; 4xx replies, connection errors and timeouts are retried. */
  private failure(err: SmtpError): ApplicationFailure {
    const message = `smtp: ${this.explain(err)}`;
    const code = err.responseCode;
    if (isAuthRefusal(err)) return ApplicationFailure.create({ type: ExternalError.AuthRejected, nonRetryable: true, message });
    if (code !== undefined && code >= 400 && code < 500) return ApplicationFailure.create({ type: ExternalError.Unavailable, message });
    if ((code !== undefined && code >= 500) || err.code === 'EENVELOPE' || err.code === 'EMESSAGE') {
      return ApplicationFailure.create({ type: ExternalError.RequestRejected, nonRetryable: true, message });
    }
    return ApplicationFailure.create({ type: ExternalError.Unavailable, message });
  }

  /** One line saying what went wrong and what to do, with the server's reply but never the password. */
  private explain(err: SmtpError): string {
    const reply = this.redact(oneLine(err.response ?? err.message ?? String(err)));
    const server = this.server();
    if (isAuthRefusal(err)) {
      const who = this.settings.CAPEO_SMTP_USER ? `authentication as ${this.settings.CAPEO_SMTP_USER}` : 'sending without authentication';
      return `${server} refused ${who} (${reply}): check CAPEO_SMTP_USER and CAPEO_SMTP_PASSWORD`;
    }
    if (err.responseCode !== undefined) return `${server} answered ${err.command ? `${err.command} with ` : ''}${reply}`;
    if (err.code === 'ETIMEDOUT') return `${server} did not answer within ${this.timeoutMs} ms (${reply})`;
    return `${server} unreachable (${err.code ? `${err.code}: ` : ''}${reply})`;
  }

  /** The password, and the base64 forms AUTH LOGIN/PLAIN send it in, removed from text a server may echo. */
  private redact(text: string): string {
    const { CAPEO_SMTP_USER: user = '', CAPEO_SMTP_PASSWORD: password } = this.settings;
    if (!password) return text;
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const secrets = [password, b64(password), b64(`\u0000${user}\u0000${password}`), b64(`${user}\u0000${user}\u0000${password}`)];
    return secrets.reduce((t, s) => t.split(s).join('***'), text);
  }
}

function isAuthRefusal(err: SmtpError): boolean {
  if (err.responseCode !== undefined && AUTH_CODES.has(err.responseCode)) return true;
  return err.code === 'EAUTH' && (err.responseCode === undefined || err.responseCode >= 500);
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 300);

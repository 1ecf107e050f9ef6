import { readFileSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { parseJsonLines, readTextOrEmpty } from '../local-records/atomic-files';
import { KeyClaims, keyHash, type KeyClaimOptions } from '../local-records/key-claims';
import { serially } from '../local-records/serial';
import { validNotification, type Notification, type NotificationReceipt, type NotifyPort } from './notify-port';
import { writableDir, type CheckResult } from '../health-check';
import { ensureDir } from '../local-records/ensure-dir';

/** One line of `outbox.jsonl` (a type literal, so it reads as a plain record too). */
export type OutboxEntry = {
  id: string;
  at: string;
  idempotencyKey: string;
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  missionId?: string;
};

const OUTBOX = 'outbox.jsonl';
const CHANNEL = 'outbox';

/** Every notification in the outbox, oldest first (synchronous: for tests, the CLI and the API's small reads). */
export function readOutbox(dir: string): OutboxEntry[] {
  let text: string;
  try {
    text = readFileSync(join(dir, OUTBOX), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return parseJsonLines<OutboxEntry>(text);
}

/**
 * The embedded notification channel: appends one JSON line per notification to `<dir>/outbox.jsonl`,
 * at most once per idempotency key — across retries, restarts and processes sharing the directory
 * (claims in `<dir>/keys/` are taken exclusively before the append).
 */
export class OutboxNotifier implements NotifyPort {
  readonly name = CHANNEL;
  private readonly dir: string;
  private readonly claims: KeyClaims;

  constructor(
    dir: string,
    private readonly log?: Logger,
    options?: KeyClaimOptions,
  ) {
    this.dir = resolve(dir);
    this.claims = new KeyClaims(join(this.dir, 'keys'), options);
  }

  check(): Promise<CheckResult> {
    return writableDir(this.dir, 'notifications appended to outbox.jsonl');
  }

  async send(input: Notification): Promise<NotificationReceipt> {
    const n = validNotification(input);
    await ensureDir(this.dir);
    const { value, deduplicated } = await this.claims.once(n.idempotencyKey, {
      create: () => this.append(n),
      find: () => this.find(n.idempotencyKey),
    });
    // Ids and counts only: subjects, bodies and addresses can carry sensitive findings and stay out of the log.
    this.log?.info(
      { notification: value.id, kind: n.kind, missionId: n.missionId, recipients: n.to.length, deduplicated },
      deduplicated ? 'notification already in the outbox' : 'notification written to the outbox',
    );
    return { ...value, deduplicated };
  }

  private append(n: Notification): Promise<Omit<NotificationReceipt, 'deduplicated'>> {
    const file = join(this.dir, OUTBOX);
    return serially(file, async () => {
      const entry: OutboxEntry = { id: `ntf-${keyHash(n.idempotencyKey).slice(0, 20)}`, at: new Date().toISOString(), ...n };
      // A writer that died mid-line leaves no newline: start on a fresh line so the torn one stays alone.
      const prefix = (await endsWithNewline(file)) ? '' : '\n';
      await appendFile(file, `${prefix}${JSON.stringify(entry)}\n`);
      return { id: entry.id, channel: CHANNEL, at: entry.at };
    });
  }

  private async find(key: string): Promise<Omit<NotificationReceipt, 'deduplicated'> | undefined> {
    const entries = parseJsonLines<OutboxEntry>(await readTextOrEmpty(join(this.dir, OUTBOX)));
    const entry = entries.find((e) => e.idempotencyKey === key);
    return entry && { id: entry.id, channel: CHANNEL, at: entry.at };
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

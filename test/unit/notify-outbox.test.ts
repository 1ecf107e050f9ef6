import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import pino from 'pino';
import { keyHash } from '../../activities/local-records/key-claims';
import { NotifyError, type Notification } from '../../activities/notify/notify-port';
import { OutboxNotifier, readOutbox } from '../../activities/notify/outbox-notifier';

const ROOT = join(__dirname, '..', '..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-outbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const note = (key: string, extra: Partial<Notification> = {}): Notification => ({
  idempotencyKey: key,
  kind: 'escalation',
  to: ['incident-response', 'lead-1'],
  subject: `SEOI escalated (${key})`,
  text: 'login-acme.example resolves and serves a cloned page',
  missionId: 'mission-1',
  ...extra,
});

/** Lines in the file itself, not through the reader that skips torn ones. */
const rawLines = (): string[] => readFileSync(join(dir, 'outbox.jsonl'), 'utf8').split('\n').filter(Boolean);

/** A pid that belonged to a process which has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

function leaveClaim(key: string, pid: number, at = new Date().toISOString()): void {
  mkdirSync(join(dir, 'keys'), { recursive: true });
  writeFileSync(join(dir, 'keys', `${keyHash(key)}.claim`), JSON.stringify({ token: `t-${pid}`, pid, host: hostname(), at }));
}

describe('OutboxNotifier', () => {
  it('a retry with the same key returns the first receipt and appends nothing', async () => {
    const outbox = new OutboxNotifier(dir);
    const first = await outbox.send(note('wf-1:escalation:f-1'));
    const again = await outbox.send(note('wf-1:escalation:f-1'));

    expect(first).toMatchObject({ channel: 'outbox', deduplicated: false });
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(rawLines()).toHaveLength(1);
    expect(readOutbox(dir)).toEqual([
      expect.objectContaining({ id: first.id, at: first.at, idempotencyKey: 'wf-1:escalation:f-1', kind: 'escalation', to: ['incident-response', 'lead-1'] }),
    ]);
  });

  it('different keys make different notifications', async () => {
    const outbox = new OutboxNotifier(dir);
    const a = await outbox.send(note('wf-1:escalation:f-1'));
    const b = await outbox.send(note('wf-1:escalation:f-2'));
    expect(a.id).not.toBe(b.id);
    expect(readOutbox(dir).map((e) => e.id)).toEqual([a.id, b.id]);
  });

  it('remembers keys across a restart (a new instance on the same folder)', async () => {
    const before = await new OutboxNotifier(dir).send(note('wf-1:comms'));
    const after = await new OutboxNotifier(dir).send(note('wf-1:comms'));
    expect(after).toEqual({ ...before, deduplicated: true });
    expect(rawLines()).toHaveLength(1);
  });

  it('20 concurrent sends with 5 distinct keys write exactly 5 lines', async () => {
    const instances = [new OutboxNotifier(dir), new OutboxNotifier(dir)];
    const keys = Array.from({ length: 20 }, (_, i) => `wf-1:gate-reminder:${i % 5}`);
    const receipts = await Promise.all(keys.map((k, i) => instances[i % 2]!.send(note(k))));

    expect(rawLines()).toHaveLength(5);
    expect(new Set(readOutbox(dir).map((e) => e.idempotencyKey))).toEqual(new Set(keys));
    expect(receipts.filter((r) => !r.deduplicated)).toHaveLength(5);
    for (let i = 0; i < 20; i++) expect(receipts[i]!.id).toBe(receipts[i % 5]!.id);
  });

  it('processes sharing the folder append each key once', async () => {
    const script = join(dir, 'child.ts');
    writeFileSync(
      script,
      `import { OutboxNotifier } from ${JSON.stringify(join(ROOT, 'activities/notify/outbox-notifier'))};
const outbox = new OutboxNotifier(process.argv[2]!);
const sends = Array.from({ length: 10 }, (_, i) =>
  outbox.send({ idempotencyKey: 'wf-x:' + (i % 5), kind: 'comms', to: ['all'], subject: 's', text: 't' }));
Promise.all(sends).then((r) => console.log(JSON.stringify(r.map((x) => x.id))), (e) => { console.error(e); process.exit(1); });
`,
    );
    const out = join(dir, 'out');
    const run = (): Promise<string[]> =>
      new Promise((resolvePromise, reject) => {
        const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [script, out], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolvePromise(JSON.parse(stdout) as string[]) : reject(new Error(stderr))));
      });
    const results = await Promise.all([run(), run(), run()]);

    const lines = readFileSync(join(out, 'outbox.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('recovers a key whose holder died before appending: the line is written once', async () => {
    leaveClaim('wf-1:comms', deadPid());
    const outbox = new OutboxNotifier(dir);
    const receipt = await outbox.send(note('wf-1:comms'));
    expect(receipt.deduplicated).toBe(false);
    expect(await outbox.send(note('wf-1:comms'))).toEqual({ ...receipt, deduplicated: true });
    expect(rawLines()).toHaveLength(1);
  });

  it('recovers a key whose holder died after appending: no second line, the first receipt', async () => {
    const first = await new OutboxNotifier(dir).send(note('wf-1:comms'));
    // The holder appended, then died before recording the result.
    rmSync(join(dir, 'keys', `${keyHash('wf-1:comms')}.json`));
    leaveClaim('wf-1:comms', deadPid());

    const again = await new OutboxNotifier(dir).send(note('wf-1:comms'));
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(rawLines()).toHaveLength(1);
  });

  it('waits for a live holder in another process, then fails retryably; a stale claim is taken over', async () => {
    leaveClaim('wf-1:comms', process.ppid);
    const busy = new OutboxNotifier(dir, undefined, { waitMs: 60, pollMs: 10 });
    await expect(busy.send(note('wf-1:comms'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_BUSY' });
    expect(readOutbox(dir)).toHaveLength(0);

    leaveClaim('wf-1:comms', process.ppid, new Date(Date.now() - 10 * 60_000).toISOString());
    const receipt = await busy.send(note('wf-1:comms'));
    expect(receipt.deduplicated).toBe(false);
    expect(rawLines()).toHaveLength(1);
  });

  it('a line torn by a crash stays alone and is skipped by the reader', async () => {
    writeFileSync(join(dir, 'outbox.jsonl'), '{"id":"ntf-torn","subj');
    await new OutboxNotifier(dir).send(note('wf-1:comms'));
    expect(readOutbox(dir).map((e) => e.idempotencyKey)).toEqual(['wf-1:comms']);
  });

  it('refuses bad input permanently and folds line breaks out of the subject', async () => {
    const outbox = new OutboxNotifier(dir);
    const refused = outbox.send(note('wf-1:x', { to: [] }));
    await expect(refused).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(refused).rejects.toMatchObject({ type: NotifyError.Invalid, nonRetryable: true });
    await expect(outbox.send(note(''))).rejects.toMatchObject({ type: NotifyError.Invalid });
    await expect(outbox.send(note('wf-1:y', { kind: 'Bad Kind' }))).rejects.toMatchObject({ type: NotifyError.Invalid });

    await outbox.send(note('wf-1:z', { subject: 'Finding\r\nBcc: everyone@example.com', to: ['a', 'a', ' b '] }));
    expect(readOutbox(dir)[0]).toMatchObject({ subject: 'Finding Bcc: everyone@example.com', to: ['a', 'b'] });
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['outbox.jsonl', 'keys']));
  });

  it('logs ids and counts, never the body', async () => {
    const written: string[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => written.push(s) });
    await new OutboxNotifier(dir, logger).send(note('wf-1:comms', { text: 'api token s3cr3t-value', html: '<p>s3cr3t-value</p>' }));

    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0]!)).toMatchObject({ notification: expect.stringMatching(/^ntf-/), kind: 'escalation', recipients: 2, deduplicated: false });
    expect(written.join('')).not.toContain('s3cr3t');
  });
});

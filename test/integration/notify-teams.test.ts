import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../../activities/http/http-client';
import type { Notification } from '../../activities/notify/notify-port';
import { TeamsNotifier } from '../../activities/notify/teams';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { failure } from '../support/failures';

const FLOW = '/workflows/6f1c2a9b0d3e4f5a8b7c6d5e4f3a2b1c/triggers/manual/paths/invoke';
const QUERY = '?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cretSig';

const n: Notification = {
  idempotencyKey: 'mission-EAVD01-1:escalation:seoi-3',
  kind: 'escalation',
  to: ['incident-response'],
  subject: 'SEOI escalated for EAVD01',
  text: 'login-acme.example resolves and serves a **cloned** page',
  missionId: 'mission-EAVD01-1',
};

const card = (body: unknown[]) => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
    },
  ],
});

let srv: ContractServer;
let dir: string;

beforeAll(async () => {
  srv = await startContractServer({
    [`POST ${FLOW}${QUERY}`]: { status: 202 },
    [`POST /workflows/revoked/triggers/manual/paths/invoke${QUERY}`]: { status: 401, body: { error: { code: 'DirectApiAuthorizationRequired', message: 'revoked' } } },
    [`POST /workflows/bad/triggers/manual/paths/invoke${QUERY}`]: { status: 400, body: { error: { code: 'TriggerInputSchemaMismatch', message: 'bad card' } } },
    [`POST /workflows/busy/triggers/manual/paths/invoke${QUERY}`]: { status: 429, headers: { 'retry-after': '12' }, body: { error: { code: 'WorkflowTriggerIsThrottled' } } },
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capeo-teams-'));
  srv.requests.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const notifier = (url = `${srv.baseUrl}${FLOW}${QUERY}`) => new TeamsNotifier({ CAPEO_TEAMS_WEBHOOK_URL: url }, 5000, dir);

describe('TeamsNotifier', () => {
  it('posts one Adaptive Card message to the Workflows webhook, once per key', async () => {
    const receipt = await notifier().send(n);
    const hash = createHash('sha256').update(n.idempotencyKey).digest('hex').slice(0, 32);
    expect(receipt).toEqual({ id: `teams/${hash}`, channel: 'teams', deduplicated: false, at: expect.any(String) });

    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${FLOW}${QUERY}`]);
    expect(srv.requests[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'capeo' });
    expect(srv.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(srv.requests[0]!.body)).toEqual(
      card([
        { type: 'TextBlock', text: 'SEOI escalated for EAVD01', weight: 'bolder', size: 'medium', wrap: true },
        { type: 'TextBlock', text: 'login-acme.example resolves and serves a **cloned** page', wrap: true },
        {
          type: 'FactSet',
          facts: [
            { title: 'Kind', value: 'escalation' },
            { title: 'Mission', value: 'mission-EAVD01-1' },
          ],
        },
      ]),
    );

    srv.requests.length = 0;
    // A new instance over the same folder: what a retried activity on a restarted worker gets.
    expect(await notifier().send(n)).toEqual({ ...receipt, deduplicated: true });
    expect(srv.requests).toEqual([]);
  });

  it('without a mission, the facts hold only the kind; a long text is cut', async () => {
    await notifier().send({ ...n, idempotencyKey: 'k-2', missionId: undefined, text: 'x'.repeat(30_000) });
    const body = (JSON.parse(srv.requests[0]!.body) as ReturnType<typeof card>).attachments[0]!.content.body as Array<Record<string, unknown>>;
    expect(body[2]).toEqual({ type: 'FactSet', facts: [{ title: 'Kind', value: 'escalation' }] });
    expect(body[1]!.text).toBe(`${'x'.repeat(19_988)}\n(truncated)`);
  });

  it('a revoked URL (401) and a refused card (400) fail for good; throttling (429) is retried after Retry-After', async () => {
    const base = (flow: string) => `${srv.baseUrl}/workflows/${flow}/triggers/manual/paths/invoke${QUERY}`;
    const revoked = await failure(notifier(base('revoked')).send(n));
    expect(revoked).toMatchObject({ type: ExternalError.AuthRejected, nonRetryable: true });
    expect(revoked.message).toMatch(/^teams answered 401/);
    expect(revoked.message).not.toContain('s3cretSig');
    expect(await failure(notifier(base('bad')).send(n))).toMatchObject({ type: ExternalError.RequestRejected, nonRetryable: true });
    expect(await failure(notifier(base('busy')).send(n))).toMatchObject({ type: ExternalError.Unavailable, nonRetryable: false, nextRetryDelay: 12_000 });

    // Nothing was accepted, so the key is still free: the retry posts.
    srv.requests.length = 0;
    expect(await notifier().send(n)).toMatchObject({ deduplicated: false });
    expect(srv.requests).toHaveLength(1);
  });

  it('check: the URL shape only, never calling it', async () => {
    const logic = `https://prod-23.westeurope.logic.azure.com:443${FLOW}${QUERY}`;
    const ok = await notifier(logic).check();
    expect(ok).toEqual({ ok: true, detail: 'CAPEO_TEAMS_WEBHOOK_URL has the shape of a Teams Workflows webhook (not called: every call to it posts a message)' });
    const platform = `https://default1234.56.environment.api.powerplatform.com:443/powerautomate/automations/direct${FLOW}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=abc`;
    expect(await notifier(platform).check()).toMatchObject({ ok: true });

    const legacy = await notifier('https://acme.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d').check();
    expect(legacy).toMatchObject({ ok: false });
    expect(legacy.detail).toContain('retired');
    const noSig = await notifier(`https://prod-23.westeurope.logic.azure.com${FLOW}?api-version=2016-06-01`).check();
    expect(noSig).toMatchObject({ ok: false });
    expect(noSig.detail).toContain('no sig parameter');
    expect(await notifier('https://example.com/hook?sig=s3cretSig').check()).toMatchObject({ ok: false });
    expect(await notifier('not a url').check()).toEqual({ ok: false, detail: 'CAPEO_TEAMS_WEBHOOK_URL is not a URL' });
    expect(await notifier('').check()).toEqual({ ok: false, detail: 'set CAPEO_TEAMS_WEBHOOK_URL (the URL of a Teams Workflows webhook)' });
    for (const url of [logic, 'https://example.com/hook?sig=s3cretSig']) expect((await notifier(url).check()).detail).not.toContain('s3cretSig');
    expect(srv.requests).toEqual([]);
  });

  it('refuses to send without a URL', async () => {
    expect(await failure(notifier('').send(n))).toMatchObject({ type: ExternalError.NotConfigured, nonRetryable: true, message: 'teams: set CAPEO_TEAMS_WEBHOOK_URL' });
  });
});

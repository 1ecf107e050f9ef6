import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '../../activities/notify/standard-webhooks';

export interface ReceivedWebhook {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  verified: boolean;
  /** Why verification failed (WebhookVerificationError.reason). */
  reason?: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status to answer instead of 204 for the next deliveries that verify (503 to play an outage); undefined to accept. */
  answerWith?: { status: number; headers?: Record<string, string> };
  close(): Promise<void>;
}

/**
 * A Standard Webhooks receiver on loopback: verifies each delivery with `secret`, records it, and
 * answers 204 (accepted), 401 (verification failed) or `answerWith`.
 */
export async function startWebhookReceiver(secret: string, path = '/hooks/capeo'): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', received: [], close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let verified = false;
      let reason: string | undefined;
      try {
        verified = verifyWebhook(secret, req.headers, raw);
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) throw err;
        reason = err.reason;
      }
      receiver.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw.toString('utf8'), verified, ...(reason && { reason }) });
      const answer = !verified ? { status: 401 } : req.url !== path ? { status: 404 } : (receiver.answerWith ?? { status: 204 });
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...('headers' in answer ? answer.headers : {}) });
      res.end(answer.status === 204 ? undefined : reason ?? `status ${answer.status}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  receiver.url = `http://127.0.0.1:${port}${path}`;
  receiver.close = () => new Promise((done) => server.close(() => done()));
  return receiver;
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ContractServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** `body` is sent as one JSON document; `text` as it is (a line-delimited or streamed body such as Splunk's NDJSON export). */
export type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

/**
 * A recorded-contract HTTP server on loopback for a SaaS that cannot run here:
 * answers `METHOD path?query` from a table (404 otherwise) and records every
 * request, so a test asserts exactly what was sent.
 */
export async function startContractServer(routes: Record<string, Answer | ((r: RecordedRequest) => Answer | Promise<Answer>)>): Promise<ContractServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', async () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(r);
      const route = routes[`${r.method} ${r.url}`];
      // A route may take its time (a test holding a call open answers when it lets it go).
      const answer = typeof route === 'function' ? await route(r) : (route ?? { status: 404, body: { errorCode: 404 } });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

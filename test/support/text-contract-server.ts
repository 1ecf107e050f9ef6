import { createServer, type Server } from 'node:http';
import type { ContractServer, RecordedRequest } from './contract-server';

/** An answer sent as it is: a streamed or line-delimited body (Splunk's NDJSON export), with its own content type. */
export type TextAnswer = { status: number; text?: string; headers?: Record<string, string> };

/**
 * Like startContractServer, for APIs whose answers are not one JSON document: answers `METHOD path?query`
 * from a table with a raw body (404 otherwise) and records every request.
 */
export async function startTextContractServer(routes: Record<string, TextAnswer | ((r: RecordedRequest) => TextAnswer)>): Promise<ContractServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(r);
      const route = routes[`${r.method} ${r.url}`];
      const answer = typeof route === 'function' ? route(r) : (route ?? { status: 404, text: '{"messages":[{"type":"ERROR","text":"Not Found"}]}' });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.text ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

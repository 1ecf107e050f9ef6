import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';

/**
 * Clients of several API replicas, as a SOC platform behind a load balancer sees them. `Replicas`
 * sends each request to the next replica in turn; a request that meets a replica gone (connection
 * refused or cut), or an answer that says to come back (502, 503, 429), is sent again to the next one,
 * with the same Idempotency-Key for a write, so it is applied once whatever happened to the others.
 * `roundRobinProxy` is the load balancer itself, for clients with one URL (the README's curl walk).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: ${status} ${body.slice(0, 500)}`);
  }
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

export class Replicas {
  private next = 0;
  /** Requests each replica answered. */
  readonly served: number[];
  /** Attempts sent again after a replica was gone or busy. */
  retries = 0;

  constructor(
    readonly urls: string[],
    private readonly patienceMs = 180_000,
  ) {
    this.served = urls.map(() => 0);
  }

  /** A JSON call with the Bearer key; answers the body of a 2xx, throws ApiError otherwise. */
  async call<T = unknown>(key: string, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = `topology-${randomUUID()}`;
    const deadline = Date.now() + this.patienceMs;
    let last = '';
    for (;;) {
      const i = this.next++ % this.urls.length;
      try {
        const res = await fetch(`${this.urls[i]}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.ok) {
          this.served[i]!++;
          return (text ? JSON.parse(text) : undefined) as T;
        }
        if (!RETRY_STATUS.has(res.status)) throw new ApiError(res.status, text, `${method} ${path}`);
        last = `${res.status} ${text.slice(0, 200)}`;
      } catch (err) {
        if (err instanceof ApiError) throw err;
        last = `${(err as Error).message} ${((err as Error).cause as Error | undefined)?.message ?? ''}`;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no replica answered within ${this.patienceMs / 1000} s (last: ${last})`);
      this.retries++;
      await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
    }
  }
}

export interface Proxy {
  url: string;
  /** Requests each upstream answered. */
  served: number[];
  close(): Promise<void>;
}

/** An HTTP load balancer on loopback: request n goes to upstream n mod N; one refused goes to the next. */
export async function roundRobinProxy(upstreams: string[]): Promise<Proxy> {
  let next = 0;
  const served = upstreams.map(() => 0);
  const forward = (req: IncomingMessage, body: Buffer, i: number, tries: number, res: import('node:http').ServerResponse) => {
    const target = new URL(upstreams[i]!);
    const up = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        served[i]!++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' && tries < upstreams.length) forward(req, body, (i + 1) % upstreams.length, tries + 1, res);
      else res.destroy(err);
    });
    up.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, Buffer.concat(chunks), next++ % upstreams.length, 1, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

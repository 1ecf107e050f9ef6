import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * The benches' HTTP client: node:http on keep-alive sockets. The client shares this process (and the
 * cores) with the API it measures, and fetch costs it two to three times the CPU per request, which
 * the figures would charge to the API.
 */
export function httpClient(baseUrl: string, headers: Record<string, string>) {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const call = (method: string, path: string, body?: string): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          method,
          path,
          agent,
          headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, JSON.stringify(body)),
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

/** The answer's JSON body when it has the expected status; otherwise an error that says what came. */
export function expectStatus<T>(a: HttpAnswer, status: number, what: string): T {
  if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${a.text.slice(0, 300)}`);
  return JSON.parse(a.text) as T;
}

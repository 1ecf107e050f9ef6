/**
 * A certificate-transparency log on loopback serving both APIs over one list of real certificates:
 * RFC 6962 (`/rfc6962/ct/v1/get-sth`, `/rfc6962/ct/v1/get-entries`, at most `pageMax` entries an
 * answer whatever the range asked: short pages) and static-CT (`/static/checkpoint`,
 * `/static/tile/data/…`, the last tile partial, a partial tile gone once its full tile exists). The
 * log can grow while it is read; every entries request is recorded with the range it served.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import { CT_MONITOR_MEMO, type CtMonitorProgress } from '../../domain/ct-monitor';
import type { TestCa, TestCert } from './ct-certificates';

export interface CtRequest {
  api: 'rfc6962' | 'static';
  /** The entries served: [start, end). */
  start: number;
  end: number;
  path: string;
}

export interface CtLogDouble {
  baseUrl: string;
  /** Prefixes for CAPEO_CT_LOGS: `rfc6962:<rfc6962Url>`, `static:<staticUrl>`. */
  rfc6962Url: string;
  staticUrl: string;
  requests: CtRequest[];
  size(): number;
  append(certs: TestCert[]): void;
  /** Milliseconds each entries answer waits (so a test can stop a reader mid-way). */
  delayMs: number;
  close(): Promise<void>;
}

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u24 = (n: number) => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const opaque24 = (b: Buffer) => Buffer.concat([u24(b.length), b]);

export interface Encoded {
  leafInput: string;
  extraData: string;
  tileLeaf: Buffer;
}

export function encodeEntry(index: number, cert: TestCert, ca: TestCa, timestamp: number): Encoded {
  const type = cert.precert ? 1 : 0;
  const signedEntry = cert.precert ? Buffer.concat([ca.keyHash, opaque24(cert.tbsForLog!)]) : opaque24(cert.der);
  const head = Buffer.concat([u64(timestamp), u16(type), signedEntry]);
  const leafInput = Buffer.concat([u8(0), u8(0), head, u16(0)]);
  const chain = opaque24(opaque24(ca.der));
  const extraData = cert.precert ? Buffer.concat([opaque24(cert.der), chain]) : chain;
  // static-CT: the leaf_index extension (type 0, a 40-bit index), the pre_certificate, the issuers' fingerprints.
  const leafIndex = Buffer.concat([u8(0), u16(5), Buffer.from([index / 2 ** 32, index >> 24, index >> 16, index >> 8, index].map((x) => Math.floor(x) & 0xff))]);
  const fingerprints = createHash('sha256').update(ca.der).digest();
  const tileLeaf = Buffer.concat([head, u16(leafIndex.length), leafIndex, ...(cert.precert ? [opaque24(cert.der)] : []), u16(fingerprints.length), fingerprints]);
  return { leafInput: leafInput.toString('base64'), extraData: extraData.toString('base64'), tileLeaf };
}

/** The tile number and width of a data-tile path (x001/x234/067[.p/W]); null for any other path. */
function parseTilePath(path: string): { n: number; width: number } | null {
  const m = /^\/static\/tile\/data\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d{1,3}))?$/.exec(path);
  if (!m) return null;
  const width = m[2] ? Number(m[2]) : 256;
  if (m[2] && (width < 1 || width > 255)) return null;
  return { n: Number(m[1]!.replace(/[x/]/g, '')), width };
}

export async function startCtLogDouble(ca: TestCa, certs: TestCert[], o: { pageMax?: number } = {}): Promise<CtLogDouble> {
  const pageMax = o.pageMax ?? 7;
  const entries: Encoded[] = [];
  const requests: CtRequest[] = [];
  const t0 = Date.now() - 3_600_000;
  const append = (more: TestCert[]) => {
    for (const c of more) entries.push(encodeEntry(entries.length, c, ca, t0 + entries.length));
  };
  append(certs);
  const state = { delayMs: 0 };
  const send = (res: ServerResponse, status: number, body: string | Buffer, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const wait = () => (state.delayMs ? new Promise((r) => setTimeout(r, state.delayMs)) : Promise.resolve());

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const size = entries.length;
    if (url.pathname === '/rfc6962/ct/v1/get-sth') {
      return send(res, 200, JSON.stringify({ tree_size: size, timestamp: Date.now(), sha256_root_hash: Buffer.alloc(32).toString('base64'), tree_head_signature: 'BAMARjBEAiA=' }));
    }
    if (url.pathname === '/rfc6962/ct/v1/get-entries') {
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || start >= size) return send(res, 400, JSON.stringify({ error: 'bad range' }));
      const last = Math.min(end, size - 1, start + pageMax - 1);
      await wait();
      requests.push({ api: 'rfc6962', start, end: last + 1, path: url.pathname + url.search });
      return send(res, 200, JSON.stringify({ entries: entries.slice(start, last + 1).map((e) => ({ leaf_input: e.leafInput, extra_data: e.extraData })) }));
    }
    if (url.pathname === '/static/checkpoint') {
      return send(res, 200, `capeo.test/static-log\n${size}\n${Buffer.alloc(32).toString('base64')}\n\n— capeo.test/static-log AAAAAA==\n`, 'text/plain; charset=utf-8');
    }
    const tile = parseTilePath(url.pathname);
    if (tile) {
      const first = tile.n * 256;
      const full = first + 256 <= size;
      // A full tile exists once the log holds its 256 entries; then its partial tiles are gone.
      if (tile.width === 256 ? !full : full || first + tile.width > size) return send(res, 404, 'not found', 'text/plain');
      await wait();
      requests.push({ api: 'static', start: first, end: first + tile.width, path: url.pathname });
      return send(res, 200, Buffer.concat(entries.slice(first, first + tile.width).map((e) => e.tileLeaf)), 'application/octet-stream');
    }
    send(res, 404, 'not found', 'text/plain');
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => send(res, 500, 'error', 'text/plain')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    rfc6962Url: `${baseUrl}/rfc6962/`,
    staticUrl: `${baseUrl}/static/`,
    requests,
    size: () => entries.length,
    append,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The CT monitor's progress, from its memo (capeo sends no workflow queries). */
export async function monitorProgress(handle: WorkflowHandle): Promise<CtMonitorProgress> {
  const memo = (await handle.describe()).memo ?? {};
  return (memo[CT_MONITOR_MEMO] as CtMonitorProgress | undefined) ?? { run: 0, logs: [] };
}

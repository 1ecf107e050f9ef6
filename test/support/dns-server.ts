/**
 * A real authoritative DNS server for tests and benchmarks: nsd (installed by
 * scripts/ensure-test-servers.sh) in the foreground on a free loopback port, UDP and TCP, serving the
 * given zones. Names under a served zone that are not in it get NXDOMAIN, names outside every zone
 * REFUSED. A delegation (NS records below the apex) answers A/AAAA/MX/NS queries with a referral,
 * which a stub resolver sees as NOERROR without records.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Resolver } from 'node:dns/promises';
import { stopProcess } from './processes';

export interface DnsServer {
  /** `127.0.0.1:port`, as resolveDomains' servers take it. */
  address: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const ATTEMPTS = 5;

function nsdBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs.map((d) => join(d, 'nsd')).find((p) => p !== 'nsd' && existsSync(p));
  if (!found) throw new Error('nsd is not installed: run `bash scripts/ensure-test-servers.sh`');
  return found;
}

/**
 * A port free for both UDP and TCP on 127.0.0.1 (nsd listens on both). The system gives a free UDP
 * port; its TCP twin may be another process's: then another port is tried.
 */
async function freeDnsPort(): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await udpAndTcpPort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw err;
    }
  }
}

async function udpAndTcpPort(): Promise<number> {
  const udp = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(0, '127.0.0.1', resolve);
  });
  const { port } = udp.address();
  try {
    await new Promise<void>((resolve, reject) => {
      const tcp = createServer();
      tcp.once('error', reject);
      tcp.listen(port, '127.0.0.1', () => tcp.close(() => resolve()));
    });
    return port;
  } finally {
    await new Promise<void>((resolve) => udp.close(() => resolve()));
  }
}

const fqdn = (zone: string): string => (zone.endsWith('.') ? zone : `${zone}.`);
const quote = (s: string): string => JSON.stringify(s);

function writeConfig(dir: string, port: number, zones: Record<string, string>): string {
  const zoneBlocks = Object.entries(zones).map(([name, text], i) => {
    const file = `zone-${i}.zone`;
    writeFileSync(join(dir, file), text.endsWith('\n') ? text : `${text}\n`);
    return ['zone:', `  name: ${quote(fqdn(name))}`, `  zonefile: ${quote(file)}`].join('\n');
  });
  const conf = [
    'server:',
    '  ip-address: 127.0.0.1',
    `  port: ${port}`,
    '  do-ip6: no',
    '  server-count: 1',
    '  username: ""',
    '  chroot: ""',
    `  zonesdir: ${quote(dir)}`,
    `  pidfile: ${quote(join(dir, 'nsd.pid'))}`,
    '  database: ""',
    `  zonelistfile: ${quote(join(dir, 'zone.list'))}`,
    `  xfrdfile: ${quote(join(dir, 'xfrd.state'))}`,
    `  xfrdir: ${quote(dir)}`,
    `  logfile: ${quote(join(dir, 'nsd.log'))}`,
    '  verbosity: 1',
    '  hide-version: yes',
    // Benchmarks send thousands of queries a second from one address: no response rate limiting.
    '  rrl-ratelimit: 0',
    '  rrl-whitelist-ratelimit: 0',
    'remote-control:',
    '  control-enable: no',
    ...zoneBlocks,
  ].join('\n');
  const path = join(dir, 'nsd.conf');
  writeFileSync(path, `${conf}\n`);
  return path;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once nsd answers for `zone`; rejects when it exits or does not answer in time. */
async function waitUntilServing(child: ChildProcess, address: string, zone: string, log: () => string): Promise<void> {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([address]);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nsd exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      await resolver.resolveSoa(zone);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nsd did not answer on ${address} within ${START_TIMEOUT_MS} ms:\n${log()}`);
      await sleep(50);
    }
  }
}

/** Starts nsd serving `zones` (zone name → zone file text; the zone name is the default $ORIGIN). */
export async function startDnsServer(zones: Record<string, string>): Promise<DnsServer> {
  const names = Object.keys(zones);
  if (names.length === 0) throw new Error('startDnsServer needs at least one zone');
  const nsd = nsdBinary();
  let lastError: unknown;
  // The free port can be taken between the probe and nsd's bind: try again on another one.
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'capeo-nsd-'));
    const port = await freeDnsPort();
    const conf = writeConfig(dir, port, zones);
    const child = spawn(nsd, ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err) => (stderr += `${err.message}\n`));
    const log = (): string => {
      const file = join(dir, 'nsd.log');
      return stderr + (existsSync(file) ? readFileSync(file, 'utf8') : '');
    };
    const address = `127.0.0.1:${port}`;
    try {
      await waitUntilServing(child, address, fqdn(names[0]!), log);
      return {
        address,
        port,
        async stop() {
          await stopProcess(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      lastError = err;
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw lastError;
}

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { formatTable } from './table';

/** CPU seconds per process tree, by name. */
export type CpuSample = Record<string, number>;

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** pid → [ppid, utime + stime in ticks] of every process (Linux /proc; empty elsewhere). */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return table;
  }
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(e), [Number(f[1]), Number(f[11]) + Number(f[12])]);
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

function treeTicks(table: Map<number, [number, number]>, root: number): number {
  let ticks = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    ticks += table.get(pid)?.[1] ?? 0;
    for (const [child, [ppid]] of table) if (ppid === pid) queue.push(child);
  }
  return ticks;
}

/**
 * CPU used so far by this process (the bench client, the API and the worker share it) and by each
 * given server's process tree. On a small machine they all share the cores, so a path's cost is the
 * CPU it takes from all of them, not only its own latency.
 */
export function sampleCpu(servers: Record<string, number>): CpuSample {
  const table = processTable();
  const own = process.cpuUsage();
  const out: CpuSample = { node: (own.user + own.system) / 1e6 };
  for (const [name, pid] of Object.entries(servers)) out[name] = treeTicks(table, pid) / TICKS_PER_SECOND;
  return out;
}

export const cpuSince = (before: CpuSample, after: CpuSample): CpuSample => Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));

export function sumCpu(samples: readonly CpuSample[]): CpuSample {
  const out: CpuSample = {};
  for (const c of samples) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** CPU milliseconds per operation of each path, by process, and the total. */
export function cpuTable(unit: string, rows: ReadonlyArray<{ label: string; ops: number; cpu: CpuSample }>): string[] {
  const names = Object.keys(rows[0]?.cpu ?? {});
  const table = [
    ['path', ...names.map((n) => `${n} ms/${unit}`), `total ms/${unit}`],
    ...rows.map((r) => {
      const per = names.map((n) => (r.cpu[n]! * 1000) / r.ops);
      return [r.label, ...[...per, per.reduce((s, v) => s + v, 0)].map((v) => v.toFixed(2))];
    }),
  ];
  return formatTable(table);
}

/**
 * Waits until the servers' process trees have used less than `share` of a core over `quietMs`, so
 * that background work one phase left (a checkpoint, a task backlog) does not load the next.
 */
export async function settleServers(servers: Record<string, number>, share = 0.2, quietMs = 500, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = sampleCpu(servers);
    await new Promise((r) => setTimeout(r, quietMs));
    const used = cpuSince(before, sampleCpu(servers));
    const busy = Object.keys(servers).reduce((s, k) => s + used[k]!, 0);
    if (busy < (share * quietMs) / 1000) return;
  }
}

/** Every pid of a process tree (the process, its threads' process and its children). */
function treePids(root: number): number[] {
  const table = processTable();
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    out.push(pid);
    for (const [child, [ppid]] of table) if (ppid === pid) queue.push(child);
  }
  return out;
}

/**
 * Pins process trees to CPUs (every thread, with taskset): `{ 0: [temporal], 1: [node, postgres] }`
 * gives the Temporal server a core of its own, as on a deployment where it runs on its own hosts.
 * Answers false where taskset is missing or the machine has one CPU.
 */
export function pinTrees(layout: Record<number, number[]>): boolean {
  try {
    for (const [cpu, roots] of Object.entries(layout)) {
      for (const root of roots) for (const pid of treePids(root)) execFileSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
    }
    return true;
  } catch {
    return false;
  }
}

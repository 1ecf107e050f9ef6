import { accessSync, constants, statSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { getServers } from 'node:dns';
import { Connection } from '@temporalio/client';
import { buildAdapter, type Port } from '../activities/adapters';
import type { CheckResult } from '../activities/health-check';
import { feedLabel } from '../activities/eavd/nrd/feed-reader';
import { httpCall } from '../activities/http/http-client';
import type { Config } from '../config';
import { temporalConnectionOptions } from '../config/temporal';

export interface DoctorLine extends CheckResult {
  /** What was checked: `temporal`, `tip`, `siem`, `notify`, `ticketing`, `chat`, `dns`, `ct`, `rdap`, `nrd`. */
  part: string;
  /** The adapter or endpoint, e.g. `misp`, `local-ticketing`, `127.0.0.1:5353`. */
  subject: string;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function checkTemporal(config: Config): Promise<DoctorLine> {
  if (!config.TEMPORAL_ADDRESS) {
    return { part: 'temporal', subject: 'embedded', ok: true, detail: 'no TEMPORAL_ADDRESS: `npm start` runs an embedded dev server' };
  }
  try {
    const connection = await Connection.connect({ ...temporalConnectionOptions(config, config.TEMPORAL_ADDRESS), connectTimeout: 5000 });
    try {
      const ns = await connection.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE });
      return { part: 'temporal', subject: config.TEMPORAL_ADDRESS, ok: true, detail: `namespace ${ns.namespaceInfo?.name ?? config.TEMPORAL_NAMESPACE} reachable` };
    } finally {
      await connection.close();
    }
  } catch (err) {
    return { part: 'temporal', subject: config.TEMPORAL_ADDRESS, ok: false, detail: `cannot reach namespace ${config.TEMPORAL_NAMESPACE}: ${errorText(err)}` };
  }
}

async function checkPort(config: Config, part: Port): Promise<DoctorLine[]> {
  let adapter;
  try {
    adapter = buildAdapter[part](config);
  } catch (err) {
    return [{ part, subject: 'configuration', ok: false, detail: errorText(err).replace(/^invalid configuration:\s*/, '') }];
  }
  const subjects = 'channels' in adapter && Array.isArray(adapter.channels) ? (adapter.channels as Array<typeof adapter>) : [adapter];
  return Promise.all(
    subjects.map(async (a): Promise<DoctorLine> => {
      if (!a.check) return { part, subject: a.name, ok: true, detail: 'no check available for this adapter' };
      try {
        return { part, subject: a.name, ...(await a.check()) };
      } catch (err) {
        return { part, subject: a.name, ok: false, detail: errorText(err) };
      }
    }),
  );
}

/** Each configured DNS resolver answers (any answer, even a refusal, shows it is there). */
async function checkDns(config: Config): Promise<DoctorLine[]> {
  const servers = config.CAPEO_DNS_SERVERS?.split(',') ?? getServers();
  if (servers.length === 0) return [{ part: 'dns', subject: 'system', ok: false, detail: 'no resolver configured (CAPEO_DNS_SERVERS) and none in the system' }];
  return Promise.all(
    servers.map(async (server): Promise<DoctorLine> => {
      const r = new Resolver({ timeout: config.CAPEO_DNS_TIMEOUT_MS, tries: 1 });
      try {
        r.setServers([server]);
        await r.resolveSoa('.');
        return { part: 'dns', subject: server, ok: true, detail: 'answers' };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code && ['ENOTFOUND', 'ENODATA', 'EREFUSED', 'ESERVFAIL', 'ENOTIMP', 'EFORMERR'].includes(code)) {
          return { part: 'dns', subject: server, ok: true, detail: `answers (${code} for the root SOA)` };
        }
        return { part: 'dns', subject: server, ok: false, detail: `no answer (${code ?? errorText(err)}): EAVD sweeps cannot resolve lookalikes` };
      }
    }),
  );
}

async function checkEndpoint(part: string, url: string, timeoutMs: number): Promise<DoctorLine> {
  try {
    await httpCall({ system: part, url, timeoutMs, read: 'none', nullOn: [400, 404, 405] });
    return { part, subject: new URL(url).host, ok: true, detail: 'reachable' };
  } catch (err) {
    return { part, subject: new URL(url).host, ok: false, detail: errorText(err) };
  }
}

/** Each newly-registered-domain feed (CAPEO_NRD_FEEDS): a URL answers, a file is there and readable. Shown without tokens. */
async function checkNrdFeeds(config: Config): Promise<DoctorLine[]> {
  const feeds = config.CAPEO_NRD_FEEDS?.split(',') ?? [];
  return Promise.all(
    feeds.map(async (feed): Promise<DoctorLine> => {
      const subject = feedLabel(feed);
      if (/^https?:\/\//i.test(feed)) {
        try {
          await httpCall({ system: 'nrd', url: feed, method: 'GET', timeoutMs: config.CAPEO_HTTP_TIMEOUT_MS, read: 'none' });
          return { part: 'nrd', subject, ok: true, detail: 'reachable' };
        } catch (err) {
          return { part: 'nrd', subject, ok: false, detail: errorText(err) };
        }
      }
      try {
        accessSync(feed, constants.R_OK);
        if (!statSync(feed).isFile()) return { part: 'nrd', subject, ok: false, detail: 'not a file' };
        return { part: 'nrd', subject, ok: true, detail: 'readable' };
      } catch (err) {
        return { part: 'nrd', subject, ok: false, detail: (err as NodeJS.ErrnoException).code ?? errorText(err) };
      }
    }),
  );
}

/**
 * `capeo doctor`: checks Temporal, every port's configured adapter (settings, credentials,
 * reachability; nothing is written anywhere) and the EAVD endpoints.
 */
export async function runDoctor(config: Config): Promise<DoctorLine[]> {
  const ports: Port[] = ['tip', 'siem', 'notify', 'ticketing', 'chat'];
  const groups = await Promise.all([
    checkTemporal(config).then((l) => [l]),
    ...ports.map((p) => checkPort(config, p)),
    checkDns(config),
    checkEndpoint('ct', config.CAPEO_CT_URL, config.CAPEO_HTTP_TIMEOUT_MS).then((l) => [l]),
    checkEndpoint('rdap', config.CAPEO_RDAP_BOOTSTRAP_URL, config.CAPEO_HTTP_TIMEOUT_MS).then((l) => [l]),
    checkNrdFeeds(config),
  ]);
  return groups.flat();
}

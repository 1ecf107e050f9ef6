import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MissionService } from '../../api/services/missions';
import * as msg from '../../domain/messages';
import type { MissionOutcome } from '../../domain/mission-start';
import { openStore, type MissionStore } from '../../store';
import { startPostgresServer, systemPostgresBinDir, type PostgresServer } from '../../store/postgres-server';
import { freePort } from '../../scripts/dev-server';
import { as, buildTestApp } from '../support/api';
import { realActivities, startTestWorker, testEnv, type TestWorker } from '../support/temporal';
import { allFindings, eavdRequest, hunter, manager, platform, walkFromExecute, walkToExecute } from '../support/walk';

/**
 * PostgreSQL stopped for 30 s in the middle of a mission: the store's writes wait and retry, nothing is
 * lost, readiness reports the store down while it is, and the mission goes on when it is back.
 */
let pg: PostgresServer;
let store: MissionStore;
let tw: TestWorker;
let api: FastifyInstance;
const dataDir = join(mkdtempSync(join(testEnv().dir, 'outage-')), 'pg');
let port: number;
const boot = () => startPostgresServer({ binDir: systemPostgresBinDir()!, dataDir, port, database: 'capeo' });

beforeAll(async () => {
  port = await freePort();
  pg = await boot();
  store = await openStore(pg.url);
  tw = await startTestWorker(realActivities().activities, testEnv().address, store, `outage-${process.pid}`);
  api = await buildTestApp(tw, [manager, hunter]);
});
afterAll(async () => {
  await api?.close();
  await tw?.close();
  await store?.close();
  await pg?.stop();
});

const ready = async () => (await api.inject({ url: '/readyz' })).json() as { status: string; store: boolean };

test('PostgreSQL down for 30 s mid-mission: writes wait and retry, readiness says the store is down, nothing is lost', async () => {
  const missions = new MissionService(tw.client, store, tw.taskQueue);
  const { missionId } = await missions.start(eavdRequest, platform);
  await walkToExecute(missions, missionId);
  expect(await ready()).toMatchObject({ status: 'ready', store: true });
  // The hunter's key is vouched for while the store is up (and accepted from the cache while it is down).
  expect((await api.inject({ url: `/missions/${missionId}`, headers: as(hunter) })).statusCode).toBe(200);

  // A hunter's finding is in flight when the store goes down: its answer waits for the store. (Sent
  // to the workflow straight away: the service's own check that the mission exists reads the store,
  // and would race the shutdown below.)
  const inFlight = tw.client.workflow.getHandle(missionId).executeUpdate(msg.addFindingUpdate, {
    args: [
      {
        finding: { category: 'suspicious-security-event', title: 'examp1e-outage.com with MX', severity: 'high', sourceKey: 'outage:1', observables: [{ type: 'domain', value: 'examp1e-outage.com' }] },
        actor: hunter,
      },
    ],
  });
  const down = Date.now();
  await pg.stop();
  // A sweep keeps reporting while the store is down.
  await tw.client.workflow.getHandle(missionId).signal(msg.sweepFindingsSignal, {
    sweep: 1,
    findings: [1, 2].map((i) => ({ category: 'ti-event-of-interest' as const, title: `lookalike ${i}`, description: '', severity: 'low' as const, evidence: [], observables: [], flags: [], sourceKey: `outage:sweep:${i}` })),
  });
  expect(await ready()).toMatchObject({ status: 'not ready', store: false });
  const read = await api.inject({ url: `/missions/${missionId}`, headers: as(manager) });
  expect(read.statusCode).toBe(503);
  expect(read.headers['retry-after']).toBeDefined();
  expect(read.json().code).toBe('STORE_UNAVAILABLE');
  // A keyed write meets the store down at its Idempotency-Key's claim: a 503 to retry with the key, not a 500.
  const write = await api.inject({
    method: 'POST',
    url: `/missions/${missionId}/findings`,
    headers: { ...as(hunter), 'idempotency-key': `outage-${process.pid}` },
    payload: { category: 'hunt-opportunity', severity: 'low', title: 'sent while the store is down' },
  });
  expect(write.statusCode).toBe(503);
  expect(write.headers['retry-after']).toBeDefined();
  expect(write.json().code).toBe('STORE_UNAVAILABLE');

  await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - down))));
  pg = await boot();
  const ack = await inFlight;
  expect(ack).toMatchObject({ created: true, phase: 'execute' });
  expect(await ready()).toMatchObject({ status: 'ready', store: true });

  await walkFromExecute(missions, missionId);
  const outcome: MissionOutcome = await tw.client.workflow.getHandle(missionId).result();
  expect(outcome.status).toBe('completed');
  const findings = await allFindings(missions, missionId);
  expect(findings.filter((f) => f.sourceKey?.startsWith('outage:')).map((f) => f.sourceKey).sort()).toEqual(['outage:1', 'outage:sweep:1', 'outage:sweep:2']);
  expect(findings.find((f) => f.sourceKey === 'outage:1')).toMatchObject({ status: 'escalated' });
}, 180_000);

import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MissionService } from '../services/missions';

/** Liveness, readiness and Prometheus metrics (HTTP and missions), for the ops team. */
export async function opsRoutes(app: FastifyInstance, { missions }: { missions: MissionService }): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'capeo_api_' });
  const requests = new Counter({
    name: 'capeo_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'capeo_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const perPhase = new Gauge({ name: 'capeo_missions_running', help: 'Running missions per phase', labelNames: ['phase'] as const, registers: [registry] });
  const overrun = new Gauge({ name: 'capeo_missions_overrun', help: 'Running missions past their Total Hunt Duration', registers: [registry] });
  const gatesOpen = new Gauge({ name: 'capeo_gates_open', help: 'Open gates awaiting a decision, per phase', labelNames: ['phase'] as const, registers: [registry] });
  const gateWait = new Gauge({
    name: 'capeo_gate_oldest_wait_seconds',
    help: 'How long the oldest open gate of each phase has waited for its decision',
    labelNames: ['phase'] as const,
    registers: [registry],
  });
  const pollers = new Gauge({ name: 'capeo_worker_pollers', help: 'Workers polling the mission task queue', registers: [registry] });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const r = await missions.readiness();
    const ready = r.temporal && r.workerPollers > 0;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', ...r });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    // Mission gauges are read from Temporal visibility at scrape time.
    const [counts, gates, ready] = await Promise.all([
      missions.runningCounts().catch(() => null),
      missions.openGates().catch(() => null),
      missions.readiness(),
    ]);
    if (counts) {
      for (const [phase, n] of Object.entries(counts.perPhase)) perPhase.set({ phase }, n);
      overrun.set(counts.overrun);
    }
    for (const [phase, g] of Object.entries(gates ?? {})) {
      gatesOpen.set({ phase }, g.open);
      gateWait.set({ phase }, Math.round(g.oldestSeconds));
    }
    pollers.set(ready.workerPollers);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

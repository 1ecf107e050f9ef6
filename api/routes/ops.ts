import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { PHASES } from '../../domain/phases';
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
  const failedEffects = new Gauge({ name: 'capeo_effects_failed', help: 'Failed side effects of active missions, waiting for a retry', registers: [registry] });
  const storeUp = new Gauge({ name: 'capeo_store_up', help: 'The mission store answers (1) or not (0)', registers: [registry] });

  // A callback hook, not an async one: nothing to wait for, so no promise per request.
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const r = await missions.readiness();
    const ready = r.temporal && r.workerPollers > 0 && r.store;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', ...r });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    // Mission gauges are read from the mission store at scrape time.
    const [gauges, ready] = await Promise.all([missions.gauges().catch(() => null), missions.readiness()]);
    if (gauges) {
      for (const phase of PHASES) {
        perPhase.set({ phase }, gauges.perPhase[phase] ?? 0);
        gatesOpen.set({ phase }, gauges.gates[phase]?.open ?? 0);
        gateWait.set({ phase }, Math.round(gauges.gates[phase]?.oldestSeconds ?? 0));
      }
      overrun.set(gauges.overrun);
      failedEffects.set(gauges.failedEffects);
    }
    pollers.set(ready.workerPollers);
    storeUp.set(ready.store ? 1 : 0);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../identity';
import type { MissionService } from '../../services/missions';

const POLL_MS = 1000;

/**
 * Live watch with Server-Sent Events, read from Temporal (the mission's query and
 * visibility): one mission's audit events as they happen, or every mission's
 * phase and overrun changes.
 */
export const watchRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  app.get(
    '/missions/:id/events',
    { schema: { params: z.object({ id: z.string().min(1).max(100) }), summary: 'Watch one mission (Server-Sent Events)' } },
    async (req, reply) => {
      actorOf(req);
      let seen = 0;
      const first = await missions.get(req.params.id); // 404 before the stream opens
      const stream = openStream(reply);
      const lastId = Number(req.headers['last-event-id']);
      seen = Number.isInteger(lastId) && lastId >= 0 ? lastId : 0;
      let state = first;
      while (!stream.closed()) {
        for (const [i, e] of state.timeline.entries()) {
          if (i < seen) continue;
          stream.send('audit', i + 1, { ...e, phase: state.phase, status: state.status, openGate: state.openGate });
        }
        seen = state.timeline.length;
        if (state.status !== 'active') {
          stream.send('end', seen, { status: state.status });
          break;
        }
        await stream.sleep(POLL_MS);
        if (stream.closed()) break;
        state = await missions.get(req.params.id);
      }
      stream.end();
    },
  );

  app.get('/missions/events', { schema: { summary: 'Watch all missions: phase and overrun changes (Server-Sent Events)' } }, async (req, reply) => {
    actorOf(req);
    const stream = openStream(reply);
    const known = new Map<string, string>();
    while (!stream.closed()) {
      for (const m of await missions.list({ status: 'active', limit: 500 })) {
        const key = `${m.phase}|${m.overrun}|${m.lead}`;
        if (known.get(m.missionId) !== key) {
          stream.send('mission', undefined, m);
          known.set(m.missionId, key);
        }
      }
      await stream.sleep(POLL_MS * 2);
    }
    stream.end();
  });
};

function openStream(reply: { hijack(): void; raw: NodeJS.WritableStream & { writeHead(s: number, h: Record<string, string>): void; on(e: 'close', f: () => void): void; destroyed?: boolean } }) {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  let closed = false;
  let wake: (() => void) | undefined;
  raw.on('close', () => {
    closed = true;
    wake?.();
  });
  return {
    closed: () => closed,
    send(event: string, id: number | undefined, data: unknown) {
      if (!closed) raw.write(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
    },
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      }),
    end() {
      if (!closed) raw.end();
    },
  };
}

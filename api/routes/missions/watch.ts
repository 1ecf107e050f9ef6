import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../identity';
import type { MissionService } from '../../services/missions';

const POLL_MS = 1000;
/** How often the all-missions watch asks whether anything changed (one cheap query). */
const WATCH_ALL_POLL_MS = 250;

/** What a watch answers: a stream of events that does not end while the mission is active. */
const eventStream = (description: string) => ({
  produces: ['text/event-stream'],
  response: { 200: z.string().describe(`${description}: \`event:\`, \`id:\` and \`data:\` (JSON) lines, an empty line after each event`) },
});

/**
 * Live watch with Server-Sent Events, read from the mission store: one mission's audit events as
 * they happen (`Last-Event-ID` resumes after an entry), or every active mission's changes.
 */
export const watchRoutes: FastifyPluginAsyncZod<{ missions: MissionService }> = async (app, { missions }) => {
  app.get(
    '/missions/:id/events',
    {
      schema: {
        params: z.object({ id: z.string().min(1).max(100) }),
        headers: z.object({ 'last-event-id': z.string().max(20).optional().describe('the id of the last event received: the stream resumes after it') }),
        summary: 'Watch one mission (Server-Sent Events)',
        ...eventStream("`audit` events (id: the entry's sequence number), then `end` when the mission ends"),
      },
    },
    async (req, reply) => {
      actorOf(req);
      await missions.summary(req.params.id); // 404 before the stream opens
      const stream = openStream(reply);
      const lastId = Number(req.headers['last-event-id']);
      let seen = Number.isInteger(lastId) && lastId >= 0 ? lastId : 0;
      while (!stream.closed()) {
        // The audit timeline from the mission store, page by page, each entry with the mission as it stands.
        const mission = await missions.summary(req.params.id);
        for (;;) {
          const page = await missions.timeline(req.params.id, { limit: 500, afterSeq: seen });
          for (const { seq, ...e } of page.items) stream.send('audit', seq, { ...e, phase: mission.phase, status: mission.status, openGate: mission.openGate });
          if (page.items.length) seen = page.items.at(-1)!.seq;
          if (!page.nextCursor) break;
        }
        if (mission.status !== 'active') {
          stream.send('end', seen, { status: mission.status });
          break;
        }
        await stream.sleep(POLL_MS);
      }
      stream.end();
    },
  );

  const allMissions = {
    summary: 'Watch all missions: phase, gate, lead, overrun and failed-effect changes (Server-Sent Events)',
    ...eventStream('a `mission` event (the mission list entry) whenever an active mission changes, and `ended` ({ missionId }) when one is no longer active'),
  };
  app.get('/missions/events', { schema: allMissions }, async (req, reply) => {
    actorOf(req);
    const stream = openStream(reply);
    const known = new Map<string, string>();
    let version = '';
    while (!stream.closed()) {
      // The active missions are listed again only when some mission changed since the last look.
      const now = await missions.listVersion();
      if (now !== version) {
        version = now;
        const seen = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await missions.list({ status: 'active', limit: 500, ...(cursor ? { cursor } : {}) });
          for (const m of page.items) {
            seen.add(m.missionId);
            const key = JSON.stringify([m.phase, m.openGate, m.overrun, m.lead, m.failedEffects, m.escalated, m.findings, m.clocks]);
            if (known.get(m.missionId) !== key) {
              stream.send('mission', undefined, m);
              known.set(m.missionId, key);
            }
          }
          cursor = page.nextCursor ?? undefined;
        } while (cursor && !stream.closed());
        // A mission no longer active (completed, cancelled, not qualified) leaves the board.
        for (const id of known.keys()) {
          if (seen.has(id)) continue;
          stream.send('ended', undefined, { missionId: id });
          known.delete(id);
        }
      }
      await stream.sleep(WATCH_ALL_POLL_MS);
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

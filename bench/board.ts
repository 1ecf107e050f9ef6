/**
 * The web board with many active missions, in chromium (playwright-core, Debian's browser):
 *
 * 1. First cards: from navigation to the first card on screen, with MISSIONS active missions, against
 *    the reference of the data it shows: `GET /missions?status=active&limit=500` read over HTTP by
 *    this process (what the board must fetch before it draws anything).
 * 2. A change reaching an open board: a mission's row changes in the store (what the mission's own
 *    store write does when it enters its next phase) and its card moves column; from the commit to
 *    the card in the new column, against the reference of a plain Server-Sent Events client of
 *    `GET /missions/events` in this process receiving the same change.
 *
 * No worker runs: the missions sit at their start, and the changes are written as a mission writes
 * them, so what is measured is the board and its stream, not the missions' work.
 *
 *   npx tsx bench/board.ts [MISSIONS] [CHANGES]      (npm run bench:board -- …)
 *   env: BENCH_MISSIONS (500), BENCH_CHANGES (20), CAPEO_CHROMIUM (/usr/bin/chromium)
 */
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { parseSse } from '../cli/sse';
import { eavdRequest, manager, platform } from '../test/support/walk';
import { positiveInt, runBenchmark } from './lib/args';
import { expectStatus, httpClient } from './lib/http';
import { startBenchStack } from './lib/stack';
import { percentile } from './lib/stats';
import { formatTable } from './lib/table';

const MISSIONS = positiveInt('MISSIONS', process.argv[2] ?? process.env.BENCH_MISSIONS, 500);
const CHANGES = positiveInt('CHANGES', process.argv[3] ?? process.env.BENCH_CHANGES, 20);
const CHROMIUM = process.env.CAPEO_CHROMIUM ?? '/usr/bin/chromium';
const FIRST_CARDS_RUNS = 5;

const ms = (v: number) => `${v.toFixed(0)} ms`;

async function main(): Promise<number> {
  const stack = await startBenchStack({ worker: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const abort = new AbortController();
  try {
    const starter = httpClient(stack.api.url, { authorization: `Bearer ${await stack.keyFor(platform)}` });
    for (let i = 0; i < MISSIONS; i++) expectStatus(await starter.post('/missions', { ...eavdRequest, codeName: `Board Bench ${i}` }), 201, 'start');
    const key = await stack.keyFor(manager);
    const reader = httpClient(stack.api.url, { authorization: `Bearer ${key}` });

    // 1. First cards, against reading what they show.
    const reads: number[] = [];
    for (let i = 0; i < FIRST_CARDS_RUNS * 2; i++) {
      const t = performance.now();
      expectStatus(await reader.get('/missions?status=active&limit=500'), 200, 'list');
      reads.push(performance.now() - t);
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(`sessionStorage.setItem('capeo.key', ${JSON.stringify(key)})`);
    const page = await context.newPage();
    const firstCards: number[] = [];
    const allCards: number[] = [];
    for (let i = 0; i < FIRST_CARDS_RUNS; i++) {
      const t = performance.now();
      await page.goto(`${stack.api.url}/ui`);
      await page.locator('[data-mission]').first().waitFor();
      firstCards.push(performance.now() - t);
      await page.waitForFunction(`document.querySelectorAll('[data-mission]').length >= ${MISSIONS}`, undefined, { timeout: 60_000 });
      allCards.push(performance.now() - t);
    }

    // 2. Changes: the stream in this process and the board, both open; a mission's row moves to Analyze.
    const streamSeen = new Map<string, number>();
    const stream = (async () => {
      const res = await fetch(`${stack.api.url}/missions/events`, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, signal: abort.signal });
      let buffer = '';
      for await (const chunk of res.body!) {
        buffer += Buffer.from(chunk as Uint8Array).toString('utf8');
        const { events, rest } = parseSse(buffer);
        buffer = rest;
        for (const e of events) {
          const m = e.data as { missionId: string; phase: string };
          if (e.event === 'mission' && m.phase === 'analyze' && !streamSeen.has(m.missionId)) streamSeen.set(m.missionId, performance.now());
        }
      }
    })().catch(() => undefined);
    const ids = (await stack.store.db.query<{ mission_id: string }>(`select mission_id from missions where status = 'active' order by list_seq limit $1`, [CHANGES])).rows.map((r) => r.mission_id);
    await new Promise((r) => setTimeout(r, 3000)); // both have their first listing
    const toBoard: number[] = [];
    const toStream: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await stack.store.db.query(`update missions set phase = 'analyze', updated_at = now() where mission_id = $1`, [id]);
      await page.locator(`[data-phase="analyze"] [data-mission="${id}"]`).waitFor({ timeout: 30_000 });
      toBoard.push(performance.now() - t);
      for (let i = 0; i < 300 && !streamSeen.has(id); i++) await new Promise((r) => setTimeout(r, 10));
      toStream.push((streamSeen.get(id) ?? Number.NaN) - t);
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 400));
    }
    abort.abort();
    await stream;

    const row = (label: string, v: number[], ref: number[]) => [label, ms(percentile(v, 50)), ms(percentile(v, 95)), ms(percentile(ref, 50)), (percentile(v, 50) / percentile(ref, 50)).toFixed(2)];
    const out = [
      '',
      `capeo web board: ${MISSIONS} active missions, ${FIRST_CARDS_RUNS} loads, ${CHANGES} changes (chromium ${browser.version()})`,
      ...formatTable([
        ['what', 'p50', 'p95', 'reference p50', 'ratio'],
        row('first card on screen (ref: GET /missions, 500)', firstCards, reads),
        row(`all ${MISSIONS} cards on screen (ref: the same read)`, allCards, reads),
        row('a change on the open board (ref: an SSE client)', toBoard, toStream),
      ]),
      'Goals (not asserted): first cards under 1 s; a change on an open board under 1 s.',
      '',
    ];
    process.stdout.write(out.join('\n'));
    return 0;
  } finally {
    abort.abort();
    await browser.close();
    await stack.cleanup();
  }
}

runBenchmark(main);

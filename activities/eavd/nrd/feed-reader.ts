/**
 * Reading a newly-registered-domain list as a stream of names, in bounded memory: a file path or an
 * http(s) URL, plain text or gzip (recognised by its magic bytes, whatever the name or content type),
 * one domain a line, `#` comments and blank lines skipped; a line with more columns (`domain,date`)
 * gives its first.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ApplicationFailure } from '@temporalio/activity';
import { ExternalError } from '../../http/http-client';

/** The feed as it may be shown (evidence, logs, workflow history): no user-info, query or fragment, which may hold a token. */
export function feedLabel(feed: string): string {
  if (!/^https?:\/\//i.test(feed)) return feed;
  try {
    const u = new URL(feed);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

async function open(feed: string, signal?: AbortSignal): Promise<Readable> {
  if (/^https?:\/\//i.test(feed)) {
    let res: Response;
    try {
      res = await fetch(feed, { ...(signal && { signal }), redirect: 'follow' });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `NRD feed ${feedLabel(feed)}: ${(err as Error).message}` });
    }
    if (!res.ok || !res.body) {
      // 404 is retried like an outage: a daily list is often published a little late.
      const permanent = res.status === 401 || res.status === 403 || res.status === 410;
      throw ApplicationFailure.create({
        type: permanent ? ExternalError.RequestRejected : ExternalError.Unavailable,
        message: `NRD feed ${feedLabel(feed)}: HTTP ${res.status}`,
        nonRetryable: permanent,
      });
    }
    return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  }
  const stream = createReadStream(feed);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err: NodeJS.ErrnoException) =>
      reject(ApplicationFailure.create({ type: ExternalError.NotConfigured, message: `NRD feed ${feed}: ${err.code ?? err.message}`, nonRetryable: err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR' })),
    );
  });
  return stream;
}

/** The stream, gunzipped when it starts with gzip's magic bytes. */
async function* decoded(input: Readable): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first = await it.next();
  while (!first.done && first.value.length < 2) {
    const more = await it.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  if (first.done) return;
  const rest = (async function* () {
    yield first.value;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })();
  if (first.value[0] === 0x1f && first.value[1] === 0x8b) {
    yield* Readable.from(rest).pipe(createGunzip());
  } else {
    yield* rest;
  }
}

/** The name of one line of a feed, or null for a comment, a blank line or a header. */
export function feedLine(line: string): string | null {
  const hash = line.indexOf('#');
  const body = (hash === -1 ? line : line.slice(0, hash)).trim();
  if (body === '') return null;
  const first = body.split(/[\s,;]/, 1)[0]!;
  return first.includes('.') ? first : null;
}

/**
 * Every line of the feed, numbered from 1 (comments included, so the numbers are the file's and a
 * resumed read skips exactly what it did before). Throws an ApplicationFailure with ExternalError's
 * types when the feed cannot be opened or read.
 */
export async function* feedLines(feed: string, signal?: AbortSignal): AsyncGenerator<{ line: number; text: string }> {
  const input = await open(feed, signal);
  const lines = createInterface({ input: Readable.from(decoded(input)), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      yield { line, text };
    }
  } catch (err) {
    if (err instanceof ApplicationFailure || signal?.aborted) throw err;
    throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `NRD feed ${feedLabel(feed)}: read failed (${(err as Error).message})` });
  } finally {
    lines.close();
    input.destroy();
  }
}

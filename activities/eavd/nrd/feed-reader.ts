/**
 * Reading a newly-registered-domain list as a stream of names, in bounded memory: a file path or an
 * http(s) URL, plain text or gzip (recognised by its magic bytes, whatever the name or content type),
 * one domain a line, `#` comments and blank lines skipped; a line with more columns (`domain,date`)
 * gives its first.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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
    // A source that fails ends the gunzip (which hands over what it decompressed, then fails on the
    // truncated data) and fails the read after it, even when the cut falls between two gzip members.
    const source = Readable.from(rest);
    const gunzip = createGunzip();
    let failed: unknown;
    source.once('error', (err) => {
      failed = err;
      gunzip.end();
    });
    try {
      yield* source.pipe(gunzip);
    } finally {
      source.destroy();
    }
    if (failed !== undefined) throw failed;
  } else {
    yield* rest;
  }
}

/** A line longer than this is no list of domains (and would hold memory unbounded). */
const MAX_LINE = 64 * 1024;

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
  const decoder = new StringDecoder('utf8');
  let line = 0;
  let carry = '';
  try {
    // Split here rather than with readline: every line read before a failure is handed over, then the failure.
    for await (const chunk of decoded(input)) {
      const text = carry + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        line++;
        yield { line, text: text.slice(start, nl).replace(/\r$/, '') };
        start = nl + 1;
      }
      carry = text.slice(start);
      if (carry.length > MAX_LINE) throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `NRD feed ${feedLabel(feed)}: line ${line + 1} is longer than ${MAX_LINE} characters`, nonRetryable: true });
    }
    carry += decoder.end();
    if (carry !== '') yield { line: line + 1, text: carry.replace(/\r$/, '') };
  } catch (err) {
    if (err instanceof ApplicationFailure || signal?.aborted) throw err;
    throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `NRD feed ${feedLabel(feed)}: read failed after line ${line} (${(err as Error).message})` });
  } finally {
    input.destroy();
  }
}

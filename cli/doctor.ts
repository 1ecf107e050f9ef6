import { ConfigError, loadConfig } from '../config';
import { runDoctor as checkEverything } from '../worker/doctor';
import { EXIT } from './api-client';
import { parse } from './args';
import { help } from './help';
import type { Io } from './io';

/**
 * `capeo doctor [--json]`: reads the service's configuration (the same environment the worker
 * reads), checks Temporal, every configured integration and the EAVD endpoints without side
 * effects, prints one line per check. Exit 0 when all pass, 1 when one fails, 2 on bad configuration.
 */
export async function runDoctor(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {}, { min: 0, max: 0, names: 'no argument' }, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return help(io, 'doctor');
  let config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`capeo doctor: ${err.message}`);
    return EXIT.usage;
  }
  const lines = await checkEverything(config);
  const failing = lines.filter((l) => !l.ok).length;
  if (values.json) io.out(JSON.stringify(lines, null, 2));
  else {
    for (const l of lines) io.out(`${l.ok ? 'ok  ' : 'FAIL'}  ${l.part.padEnd(9)} ${l.subject}: ${l.detail}`);
    io.out(failing ? `${failing} of ${lines.length} checks failed` : `all ${lines.length} checks passed`);
  }
  return failing ? EXIT.other : EXIT.ok;
}

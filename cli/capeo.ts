import { CliError, EXIT } from './api-client';
import { effectsList, effectsRetry } from './effects';
import { findingsAdd, findingsList, findingsSearch } from './findings';
import { gateDecide } from './gate';
import { help, HELP, type HelpTopic } from './help';
import type { Io } from './io';
import { lookalikesCommand } from './lookalikes';
import { lookalikesCheck } from './lookalikes-check';
import { missionsList, missionsShow } from './missions';
import { missionsWatch } from './watch';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'missions list': missionsList,
  'missions show': missionsShow,
  'missions watch': missionsWatch,
  'gate approve': (argv, io) => gateDecide('approve', argv, io),
  'gate reject': (argv, io) => gateDecide('reject', argv, io),
  'findings add': findingsAdd,
  'findings list': findingsList,
  'findings search': findingsSearch,
  'effects list': effectsList,
  'effects retry': effectsRetry,
  'lookalikes check': lookalikesCheck,
  lookalikes: lookalikesCommand,
  // Loaded on demand: the doctor builds every adapter (DuckDB, nodemailer, Temporal), which no other command needs.
  doctor: async (argv, io) => (await import('./doctor')).runDoctor(argv, io),
};

/** The command named by the first one or two words, and the arguments after them. */
export function resolve(argv: string[]): { name: string; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  if (two in COMMANDS) return { name: two, rest: argv.slice(2) };
  if (argv[0] !== undefined && argv[0] in COMMANDS) return { name: argv[0], rest: argv.slice(1) };
  return undefined;
}

/** Runs one command line; the answer is the exit code. Errors are one line on stderr. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') return help(io, 'capeo');
  if (first === 'help') {
    const topic = argv.slice(1).join(' ');
    if (topic === '') return help(io, 'capeo');
    if (topic in HELP) return help(io, topic as HelpTopic);
    io.err(`capeo: no help for ${JSON.stringify(topic)}; commands: ${Object.keys(HELP).filter((k) => k !== 'capeo').join(', ')}`);
    return EXIT.usage;
  }
  const command = resolve(argv);
  if (!command) {
    const group = Object.keys(COMMANDS).filter((k) => k.startsWith(`${first} `));
    io.err(
      group.length
        ? `capeo ${first}: expected one of ${group.map((k) => k.split(' ')[1]).join(', ')}`
        : `capeo: unknown command ${JSON.stringify(first)}; run 'capeo help'`,
    );
    return EXIT.usage;
  }
  try {
    return await COMMANDS[command.name]!(command.rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`capeo ${command.name}: ${err.message}`);
      return err.exitCode;
    }
    io.err(`capeo ${command.name}: ${(err as Error).message}`);
    return EXIT.other;
  }
}

/** The process entry: stdout and stderr, Ctrl-C ends a watch cleanly, the exit code is the command's. */
export function main(argv: string[]): void {
  const abort = new AbortController();
  // Only a watch ends gracefully on Ctrl-C (exit 0 once the stream is closed); anything else stops at once.
  const watching = resolve(argv)?.name === 'missions watch';
  const stop = () => {
    if (!watching || abort.signal.aborted) process.exit(130);
    abort.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A reader that goes away (capeo ... | head) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  run(argv, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    signal: abort.signal,
  }).then(
    (code) => {
      process.exitCode = code;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
    (err: unknown) => {
      process.stderr.write(`capeo: ${(err as Error).message}\n`);
      process.exitCode = EXIT.other;
    },
  );
}

if (require.main === module) main(process.argv.slice(2));

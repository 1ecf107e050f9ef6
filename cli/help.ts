import { FINDING_CATEGORIES, OBSERVABLE_TYPES, SEVERITIES } from '../domain/findings';
import { FUZZERS } from '../activities/eavd/permutations';
import { PHASES } from '../domain/phases';
import type { Io } from './io';

const GLOBAL = `Global options (API commands):
  --url URL         the capeo API (default: $CAPEO_URL, else http://127.0.0.1:8080)
  --key-file FILE   read the API key from FILE (default: $CAPEO_API_KEY); sent as a Bearer token, never printed
  --json            print the API's JSON instead of text
  -h, --help        this command's help`;

const EXITS = `Exit codes: 0 ok, 1 other error, 2 usage or bad input, 3 not authenticated or not allowed (401/403),
4 not found, 5 conflict or refused (409: a refused gate lists what is missing).`;

export const HELP = {
  capeo: `capeo — threat-hunt missions from the command line

Usage: capeo <command> [options]

Commands:
  missions list      list missions (filters; --all follows the pages)
  missions show      one mission: phase, open gate and what it misses, clocks, work items, findings, audit
  missions watch     live events of one mission, or phase/lead/overrun changes of all missions
  gate approve       approve a mission's open gate (or --phase P)
  gate reject        reject it, with --reason
  findings add       record a finding
  lookalikes         lookalike domains of a domain, computed locally (no API)
  doctor             check the configuration and every integration
  help [command]     this help, or a command's

${GLOBAL}

${EXITS}
Run 'capeo help <command>' (or '<command> --help') for a command's options.`,

  'missions list': `Usage: capeo missions list [--phase P] [--status S] [--type T] [--lead L] [--overrun] [--code TEXT]
                           [--limit N] [--cursor C] [--all] [--json]

  --phase P     ${PHASES.join(', ')}
  --status S    active, completed, not_qualified, cancelled
  --type T      mission type code, e.g. EAVD
  --lead L      the lead's identity
  --overrun     only missions whose Total Hunt Duration overran
  --code TEXT   a mission code (EAVD01), else a code-name prefix ("barracuda")
  --limit N     missions per page (1-500, API default 50)
  --cursor C    start at this page (as printed after a partial list)
  --all         follow every page; with --json prints {"missions":[...all],"nextCursor":null}

${GLOBAL}`,

  'missions show': `Usage: capeo missions show <missionId> [--audit N] [--json]

Phase and status, the open gate and its missing items, the clocks (allocated, elapsed, remaining, percent),
work items, findings and the last N audit events (default 10). --json prints GET /missions/{id} as is.

${GLOBAL}`,

  'missions watch': `Usage: capeo missions watch [<missionId>] [--json]

With a mission id: its audit events as they happen, until the mission ends (exit 0).
Without: every active mission's phase, lead and overrun changes, until interrupted (Ctrl-C).
A dropped connection is reopened (with Last-Event-ID for one mission: no event twice).
--json prints one JSON object per line: {"event":"audit","id":"3","data":{...}}.

${GLOBAL}`,

  'gate approve': `Usage: capeo gate approve <missionId> [--phase P] [--note TEXT] [--json]

Approves the gate named by --phase (${PHASES.join(', ')}), else the mission's open gate.
A refused approval exits 5 and prints what is missing, e.g. "missing: analyze.owners".

${GLOBAL}`,

  'gate reject': `Usage: capeo gate reject <missionId> --reason TEXT [--phase P] [--json]

Rejects the open gate (or --phase P). Rejecting the Analyze gate ends the mission as not qualified.

${GLOBAL}`,

  'findings add': `Usage: capeo findings add <missionId> --category C --title T [--severity S] [--description D]
                         [--observable type:value ...] [--json]

  --category C     ${FINDING_CATEGORIES.join(', ')}
  --title T        3 to 200 characters
  --severity S     ${SEVERITIES.join(', ')} (default medium)
  --description D  free text
  --observable     type:value, repeatable; types: ${OBSERVABLE_TYPES.join(', ')}

${GLOBAL}`,

  lookalikes: `Usage: capeo lookalikes <domain> [--fuzzers a,b] [--dictionary FILE] [--tld FILE] [--keywords a,b]
                        [--format json|csv|text] [--json]

Lookalike domains computed locally (no API) by capeo's permutation engine, in ASCII (Punycode) form.
  --fuzzers a,b      only these fuzzers: ${FUZZERS.join(', ')}
  --dictionary FILE  words for the dictionary fuzzer, one per line
  --tld FILE         TLDs for the tld-swap fuzzer, one per line
  --keywords a,b     brand keywords for combosquatting (default: login, secure, support, ...)
  --format F         text (aligned columns, default), csv (header fuzzer,domain), json ([{"fuzzer","domain"}])
  --json             same as --format json`,

  doctor: `Usage: capeo doctor [--json]

Reads the service's configuration from the environment (the settings the worker reads; see README and
docs/integrations/) and checks, without side effects: Temporal (when TEMPORAL_ADDRESS is set), the TIP,
SIEM, notification channels, ticketing and chat adapters (settings, credentials, reachability), the DNS
resolvers and the certificate-transparency and RDAP endpoints of lookalike discovery. One line per check.
Exit 0: all passed; 1: a check failed; 2: the configuration itself is invalid.`,
} as const;

export type HelpTopic = keyof typeof HELP;

export function help(io: Io, topic: HelpTopic): number {
  io.out(HELP[topic]);
  return 0;
}

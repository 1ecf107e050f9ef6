import { EFFECT_STATES } from '../domain/effects';
import { FINDING_CATEGORIES, OBSERVABLE_TYPES, SEVERITIES } from '../domain/findings';
import { FUZZERS } from '../activities/eavd/permutations';
import { MISSION_STATUSES, PHASES } from '../domain/phases';
import type { Io } from './io';

const GLOBAL = `Global options (API commands):
  --url URL         the capeo API (default: $CAPEO_URL, else http://127.0.0.1:8080)
  --key-file FILE   read the API key from FILE (default: $CAPEO_API_KEY); sent as a Bearer token, never printed
  --json            print the API's JSON instead of text
  -h, --help        this command's help`;

const EXITS = `Exit codes: 0 ok, 1 other error (or an effect that failed again), 2 usage or bad input (400),
3 not authenticated or not allowed (401/403), 4 not found, 5 conflict or refused (409: a refused gate lists
what is missing), 6 busy: retry shortly (503, 429).`;

/** The paging flags, aligned with the options column of the help they end (`key`: the array the JSON holds). */
const paging = (width: number, key = 'items') =>
  [
    ['--limit N', 'per page (1-500, API default 50)'],
    ['--cursor C', 'start at this page (as printed after a partial list)'],
    ['--all', `follow every page; with --json prints {"${key}":[...all],"nextCursor":null}`],
  ]
    .map(([flag, what]) => `  ${flag!.padEnd(width)}${what}`)
    .join('\n');

const FINDING_FILTERS = `  --category C     ${FINDING_CATEGORIES.join(', ')}
  --status S       open, escalated, withdrawn
  --severity S     ${SEVERITIES.join(', ')}
  --observable O   a value (examp1e.com, any type, without case) or type:value (domain:examp1e.com)`;

export const HELP = {
  capeo: `capeo — threat-hunt missions from the command line

Usage: capeo <command> [options]

Commands:
  missions list      list missions (filters; --all follows the pages)
  missions show      one mission: phase, open gate and what it misses, clocks, counts, latest findings and audit
  missions watch     live events of one mission, or phase/gate/lead/overrun/failed-effect changes of all missions
  gate approve       approve a mission's open gate (or --phase P)
  gate reject        reject it, with --reason
  findings add       record a finding
  findings list      a mission's findings (filters)
  findings search    findings across missions, by observable, category, status, severity, time
  effects list       a mission's effect log (tickets, escalations, notifications…), e.g. --state failed
  effects retry      retry a mission's failed effects (all, or the ids given)
  program metrics    the hunt program over a period: outcomes, overruns, detections, gaps, escalations, ATT&CK
  attack layer       the ATT&CK Navigator layer of a mission or of a period
  lookalikes         lookalike domains of a domain, computed locally (no API)
  lookalikes check   is a domain a lookalike of one of our brands? which, how, how risky
  doctor             check the configuration and every integration
  help [command]     this help, or a command's

${GLOBAL}

${EXITS}
Run 'capeo help <command>' (or '<command> --help') for a command's options.`,

  'missions list': `Usage: capeo missions list [--phase P] [--status S] [--type T] [--lead L] [--overrun] [--code TEXT]
                           [--limit N] [--cursor C] [--all] [--json]

Newest first. Columns: mission, status, phase, open gate, lead, overrun, failed effects, deadline, created.
  --phase P     ${PHASES.join(', ')}
  --status S    ${MISSION_STATUSES.join(', ')}
  --type T      mission type code, e.g. EAVD
  --lead L      the lead's identity
  --overrun     only missions whose Total Hunt Duration overran
  --code TEXT   a mission code (EAVD01), else a code-name prefix ("barracuda")
${paging(14, 'missions')}

${GLOBAL}`,

  'missions show': `Usage: capeo missions show <missionId> [--findings N] [--audit N] [--json]

Phase and status, the open gate with its missing items and failed system steps, the clocks (allocated,
elapsed, remaining, percent), counts (findings, queries, containments, effects), the latest activity,
work items, pending containments, the last N findings (default 10) and the last N audit entries
(default 10). --json prints the summary GET /missions/{id} answers, as is.

${GLOBAL}`,

  'missions watch': `Usage: capeo missions watch [<missionId>] [--json]

With a mission id: its audit events as they happen, until the mission ends (exit 0).
Without: every active mission's phase, open gate, lead, overrun and failed-effect changes, until
interrupted (Ctrl-C). A dropped connection (or a 503) is reopened (with Last-Event-ID for one mission:
no event twice).
--json prints one JSON object per line: {"event":"audit","id":"3","data":{...}}.

${GLOBAL}`,

  'gate approve': `Usage: capeo gate approve <missionId> [--phase P] [--note TEXT] [--json]

Approves the gate named by --phase (${PHASES.join(', ')}), else the mission's open gate.
A refused approval exits 5 and prints what is missing, e.g. "missing: analyze.owners".
--json prints the acknowledgement: {"phase","status","openGate"} after the decision.

${GLOBAL}`,

  'gate reject': `Usage: capeo gate reject <missionId> --reason TEXT [--phase P] [--json]

Rejects the open gate (or --phase P). Rejecting the Analyze gate ends the mission as not qualified.

${GLOBAL}`,

  'findings add': `Usage: capeo findings add <missionId> --category C --title T [--severity S] [--description D]
                         [--observable type:value ...] [--source-key K] [--json]

  --category C     ${FINDING_CATEGORIES.join(', ')}
  --title T        3 to 200 characters
  --severity S     ${SEVERITIES.join(', ')} (default medium)
  --description D  free text
  --observable     type:value, repeatable; types: ${OBSERVABLE_TYPES.join(', ')}
  --source-key K   a stable id of what was found: adding it again records nothing (safe to repeat)
--json prints {"id","created","finding","mission":{"phase","status","openGate"}}.

${GLOBAL}`,

  'findings list': `Usage: capeo findings list <missionId> [--category C] [--status S] [--severity S] [--observable O]
                          [--limit N] [--cursor C] [--all] [--json]

A mission's findings, oldest first.
${FINDING_FILTERS}
${paging(17)}

${GLOBAL}`,

  'findings search': `Usage: capeo findings search [--observable O] [--category C] [--status S] [--severity S]
                            [--since T] [--until T] [--limit N] [--cursor C] [--all] [--json]

Findings across missions, newest first, each with its mission.
${FINDING_FILTERS}
  --since T        recorded at or after T (ISO 8601 with offset, e.g. 2026-11-01T00:00:00Z)
  --until T        recorded before T
${paging(17)}

${GLOBAL}`,

  'program metrics': `Usage: capeo program metrics [--from DATE] [--to DATE] [--json]

The hunt program over the missions created from --from (default: 90 days before --to) to --to (default:
now): missions by outcome, hours against allocations and the overrun rate, findings per category,
detections proposed and accepted, visibility gaps raised and resolved, escalations and the time to
escalate, ATT&CK techniques hunted; per mission type and per lead. DATE is 2026-10-01 or an RFC 3339 time.

${GLOBAL}`,

  'attack layer': `Usage: capeo attack layer [<missionId>] [--from DATE] [--to DATE] [--out FILE] [--json]

The ATT&CK Navigator layer (format 4.5) of a mission, or of the missions created in a period: techniques
hunted (blue) and with findings (orange, scored by their findings). Printed, or written to FILE.

${GLOBAL}`,

  'effects list': `Usage: capeo effects list <missionId> [--state S] [--limit N] [--cursor C] [--all] [--json]

The mission's effect log, oldest first: each ticket, escalation, TIP push, channel, notification and
containment the mission caused, its state, attempts and last error.
  --state S     ${EFFECT_STATES.join(', ')}
${paging(14)}

${GLOBAL}`,

  'effects retry': `Usage: capeo effects retry <missionId> [effectId ...] [--json]

Retries the mission's failed effects once the integration works again: the ids given (E3 E7), else every
failed one. For the mission lead or a hunt manager. Prints each effect's outcome; exit 0 when every
retried effect is done, 1 when one failed again, 5 when a given effect is not failed, 4 when unknown.

${GLOBAL}`,

  lookalikes: `Usage: capeo lookalikes <domain> [--fuzzers a,b] [--dictionary FILE] [--tld FILE] [--keywords a,b]
                        [--tld-family none|common|all] [--all-tlds] [--public-suffixes] [--dynamic-dns] [--all-homoglyphs]
                        [--no-combo-dictionary] [--format json|csv|text] [--json]

Lookalike domains computed locally (no API) by capeo's permutation engine, in ASCII (Punycode) form,
each with every algorithm that produced it (the first one is its fuzzer).
  --fuzzers a,b          only these algorithms: ${FUZZERS.join(', ')}
  --dictionary FILE      words for the dictionary fuzzer, one per line
  --tld FILE             extra TLDs for the tld-swap fuzzer, one per line
  --keywords a,b         brand keywords for combosquatting, added to the built-in dictionary of ~800 words
  --no-combo-dictionary  combosquatting with --keywords only
  --tld-family F         TLDs of tld-swap, add-tld, dot-to-hyphen: common (default: ccTLDs and common
                         gTLDs), all (every IANA TLD, large), none
  --all-tlds             same as --tld-family all
  --public-suffixes      tld-swap also under every public-suffix entry of the TLD (large)
  --dynamic-dns          the dynamic-dns algorithm: ~35,000 dynamic-DNS suffixes (very large)
  --all-homoglyphs       homoglyph also two rounds of ail-typo-squatting's look-alike runs (large)
  --format F             text (aligned columns, default), csv (header fuzzer,domain,algorithms; algorithms
                         space-separated), json ([{"fuzzer","domain","algorithms"}])
  --json                 same as --format json`,

  'lookalikes check': `Usage: capeo lookalikes check <domain> [--brand example.com,…] [--keywords a,b] [--local] [--json]

Which brand the domain imitates, how (a permutation with its fuzzer, a confusable skeleton, Damerau-
Levenshtein distance, the brand label inside it) and its risk signals (suspicious TLD, lure words,
hyphens, subdomain levels, entropy, punycode, free hosting), each point with its reason. Asks the API
(POST /lookalikes/check): against the brands of the active missions, or against --brand.
  --brand a,b     the brand's own domains, comma-separated (instead of the active missions')
  --keywords a,b  the brand's lure keywords, for combosquatting (with --brand)
  --local         compute it here with capeo's matcher, without the API (needs --brand)
Exit 0 whether or not it matches (the text says which; --json has "match": null when none).

${GLOBAL}`,

  doctor: `Usage: capeo doctor [--json]

Reads the service's configuration from the environment (the settings the worker reads; see README and
docs/integrations/) and checks, without side effects: Temporal (when TEMPORAL_ADDRESS is set), the TIP,
SIEM, notification channels, ticketing and chat adapters (settings, credentials, reachability), the DNS
resolvers, the certificate-transparency and RDAP endpoints and the newly-registered-domain feeds of lookalike
discovery. One line per check.
Exit 0: all passed; 1: a check failed; 2: the configuration itself is invalid.`,
} as const;

export type HelpTopic = keyof typeof HELP;

export function help(io: Io, topic: HelpTopic): number {
  io.out(HELP[topic]);
  return 0;
}

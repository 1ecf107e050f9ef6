/**
 * The order jest starts test files in. With two workers, a long file started last runs on alone
 * while the other worker idles (schemathesis, minutes long and a small file, came last on a fresh
 * clone, where jest has no timings and orders by file size). The files known to be long start first,
 * longest first; the others follow in jest's own order (its cached timings, else file size).
 */
import sequencer from '@jest/test-sequencer';
import { relative } from 'node:path';

const Sequencer = sequencer.default ?? sequencer;

/** Longest first (seconds each took in a full run on the 2-core machine, for the record). */
const LONG_FIRST = [
  // The fault and scale files (their own run, after the others).
  'test/faults/mission-scale.test.ts', // ~350-460
  'test/faults/chaos-worker-kill.test.ts', // ~230
  'test/integration/api-schemathesis.test.ts', // ~500
  'test/integration/mission-continue-as-new.test.ts', // ~150-220
  'test/integration/cli.test.ts', // ~70
  'test/integration/web-board.test.ts', // ~50
  'test/integration/eavd-scale.test.ts', // ~40
  'test/e2e/readme-walk.test.ts', // ~35
  'test/integration/eavd-mission.test.ts', // ~35
  'test/integration/ct-monitor.test.ts', // ~35
  'test/integration/playbook-nbformat.test.ts', // ~27
  'test/integration/mission-workflow.test.ts', // ~23
];

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (t) => LONG_FIRST.indexOf(relative(t.context.config.rootDir, t.path).split('\\').join('/'));
    const known = tests.filter((t) => rank(t) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...known, ...super.sort(tests.filter((t) => rank(t) < 0))];
  }
}

export default LongFirstSequencer;

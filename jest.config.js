/**
 * Unit tests: pure, no I/O. Integration tests: a real Temporal dev server and a real PostgreSQL started
 * once per run. Fault and scale tests (worker SIGKILLs, a PostgreSQL outage, a server restart, a mission
 * of 10,000 findings) load the machine on purpose: scripts/test.sh runs them after the others, one at a time.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
module.exports = {
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform, testEnvironment: 'node' },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    // The production topology (scripts/test-topology.sh): its own Temporal server, PostgreSQL, workers and API replicas.
    { displayName: 'topology', testMatch: ['<rootDir>/test/topology/**/*.test.ts'], transform, testEnvironment: 'node' },
    { displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], transform, testEnvironment: 'node' },
  ],
  // Long files first, so that neither worker runs one on alone at the end (test/sequencer.mjs).
  testSequencer: '<rootDir>/test/sequencer.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};

import { defineConfig } from 'vitest/config';

// The packages are tested as built (dist/, compiled by tsc with decorator metadata) and loaded by
// Node itself, like their dependencies: one module graph, so one instance of `graphql` (which
// refuses types "from another realm") and of MikroORM's metadata.
const external = [/\/packages\/[^/]+\/dist\//];

/**
 * Test projects by kind: `unit` needs no database; `integration` and `e2e` share one embedded
 * PostgreSQL per run (started in the global setup) and give each test file its own database,
 * cloned from a migrated template.
 */
export default defineConfig({
  test: {
    server: { deps: { external } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // site/tests: unit tests of site modules, type-checked with the site (its bundler-style imports)
          include: ['tests/unit/**/*.test.ts', 'site/tests/**/*.test.ts'],
          // Exhaustive and property-based tests are CPU-bound; on a busy shared machine they can take
          // several times their usual second. A timeout here catches hangs, not slowness.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/issues/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships both index.mjs and CJS index.js; Node (and so type-graphql) loads the CJS one,
// Vite would pick the .mjs one, and graphql refuses types from "another realm". Pin the CJS entry.
const graphqlEntry = createRequire(new URL('./packages/api/package.json', import.meta.url)).resolve('graphql');

/**
 * Test projects by kind: `unit` needs no database; `integration` and `e2e` share one embedded
 * PostgreSQL per run (started in the global setup) and give each test file its own database,
 * cloned from a migrated template.
 */
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/issues/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

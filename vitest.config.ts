import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 * - unit: pure code (src/domain, parsers, CLI commands without a database)
 * - integration: the real HTTP server on a real database (SQLite; PostgreSQL when
 *   TEST_DATABASE_URL is set — scripts/test.mjs runs the project once per database)
 * - e2e: real Chromium (Debian package) driven by playwright-core
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'test/e2e/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
          // Two servers on one database need PostgreSQL by nature: npm test's SQLite pass leaves the file out.
          exclude: ['test/e2e/**', 'node_modules/**', ...(process.env.SODIEM_TEST_PASS === 'sqlite' ? ['test/integration/two-process*', 'test/integration/postgres-*'] : [])],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

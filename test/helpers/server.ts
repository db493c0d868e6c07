/**
 * The real HTTP server on a real database, listening on a random loopback port.
 * Integration and browser tests talk to it over HTTP; nothing is mocked.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { parseEnv } from '../../src/server/platform/env.ts';
import { type DemoSeed, describeDemo, seedDemo } from '../../src/server/demo/seed-demo.ts';
import { parseInstant } from '../../src/server/platform/clock.ts';
import { runCli } from './cli.ts';
import { type TestDatabase, createTestDatabase } from './database.ts';

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  demo: DemoSeed | null;
  /** The server's business clock (test-clock.ts). */
  clock: Clock;
  close(): Promise<void>;
}

import { TEST_NOW, registerClock, testClock } from './test-clock.ts';
import type { Clock } from '../../src/server/platform/clock.ts';

export { TEST_NOW, testClock };

export async function startTestServer(
  options: {
    demo?: boolean;
    demoScores?: boolean;
    /** Seed the demo with the real CLI, `sodiem demo --at YYYY-MM-DD`, and run the server's clock from 09:00 that day. */
    demoAt?: string;
    web?: boolean;
    now?: string;
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const clock = testClock(options.demoAt ? new Date(parseInstant(options.demoAt)).toISOString() : options.now);
  let demo: DemoSeed | null = null;
  if (options.demoAt) {
    const seeded = runCli(['demo', '--at', options.demoAt], { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl });
    if (seeded.status !== 0) throw new Error(`sodiem demo --at ${options.demoAt} → ${seeded.status}: ${seeded.stderr}`);
    demo = await describeDemo(database.handle.db);
  } else if (options.demo) {
    demo = await seedDemo(database.handle.db, { now: clock(), scores: options.demoScores });
  }
  const env = parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', PORT: '0', ...options.env });
  const app = await buildApp({
    env,
    database: database.handle,
    webRoot: options.web ? join(process.cwd(), 'dist', 'web') : undefined,
    clock,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  registerClock(baseUrl, clock);
  return {
    baseUrl,
    app,
    database,
    demo,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * The real HTTP server on a real database, listening on a random loopback port.
 * Integration and browser tests talk to it over HTTP; nothing is mocked.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { parseEnv } from '../../src/server/env.ts';
import { seedDemo } from '../../src/server/db/seed/seed-demo.ts';
import { type TestDatabase, createTestDatabase } from './database.ts';

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  demo: Awaited<ReturnType<typeof seedDemo>> | null;
  /** The server's business clock (test-clock.ts). */
  clock: Clock;
  close(): Promise<void>;
}

import { TEST_NOW, registerClock, testClock } from './test-clock.ts';
import type { Clock } from '../../src/server/clock.ts';

export { TEST_NOW, testClock };

export async function startTestServer(
  options: { demo?: boolean; demoScores?: boolean; web?: boolean; now?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const clock = testClock(options.now);
  const demo = options.demo ? await seedDemo(database.handle.db, { now: clock(), scores: options.demoScores }) : null;
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

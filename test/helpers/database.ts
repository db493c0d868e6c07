/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or — when
 * TEST_DATABASE_URL is set — a new PostgreSQL database created on that server and dropped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase as createPostgresOn } from '../../bench/support/scratch-database.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/server/platform/db/database.ts';

export interface TestDatabase {
  handle: DatabaseHandle;
  dataDir: string;
  databaseUrl: string | undefined;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export const testDialect = (): 'sqlite' | 'postgres' => (process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');

/** Creates an empty PostgreSQL database on the TEST_DATABASE_URL server; returns its URL. */
export const createPostgresDatabase = (prefix = 'sodiem_test'): Promise<{ url: string; drop: () => Promise<void> }> =>
  createPostgresOn(process.env.TEST_DATABASE_URL as string, prefix);

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sodiem-test-'));
  let databaseUrl: string | undefined;
  let dropPg: (() => Promise<void>) | undefined;
  if (process.env.TEST_DATABASE_URL) {
    const created = await createPostgresDatabase();
    databaseUrl = created.url;
    dropPg = created.drop;
  }
  const handle = openDatabase({ dataDir, databaseUrl });
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    handle,
    dataDir,
    databaseUrl,
    kind: handle.dialect,
    drop: async () => {
      await handle.close();
      if (dropPg) await dropPg();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

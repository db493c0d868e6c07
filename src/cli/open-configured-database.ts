import { type DatabaseHandle, migrateToLatest, openDatabase } from '../server/db/database.ts';
import { type Env, parseEnv } from '../server/env.ts';

/** The database the server would use, with the same configuration (contracts/cli.md). */
export async function openConfiguredDatabase(options: { migrate?: boolean } = {}): Promise<{ env: Env; database: DatabaseHandle }> {
  const env = parseEnv();
  const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  if (options.migrate !== false) await migrateToLatest(database.db);
  return { env, database };
}

import { type DatabaseHandle, migrateToLatest, openDatabase } from '../server/platform/db/database.ts';
import { type Env, parseEnv } from '../server/platform/env.ts';
import { type Clock, configuredClock } from '../server/platform/clock.ts';

/** The database the server would use, with the same configuration (contracts/cli.md), and the same clock (SODIEM_NOW). */
export async function openConfiguredDatabase(options: { migrate?: boolean } = {}): Promise<{ env: Env; database: DatabaseHandle; clock: Clock }> {
  const env = parseEnv();
  const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  if (options.migrate !== false) await migrateToLatest(database.db);
  return { env, database, clock: configuredClock(env.clockStart) };
}

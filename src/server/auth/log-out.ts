/** Logging out: the session ends. */
import type { Db } from '../platform/db/database.ts';

export interface LogOutOptions {
  db: Db;
  sessionId: string;
}

export async function logOut({ db, sessionId }: LogOutOptions): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

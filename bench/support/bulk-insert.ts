/** Multi-row INSERTs for generated data sets (benches, fixtures): `chunk` rows per statement, in order. */
import type { Executor } from '../../src/server/platform/db/database.ts';
import type { Database, NewRow } from '../../src/server/platform/db/schema.ts';

export async function insertInChunks<T extends keyof Database & string>(db: Executor, table: T, rows: readonly (NewRow<T> | Record<string, unknown>)[], chunk: number): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}

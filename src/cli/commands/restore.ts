import { resolve } from 'node:path';
import { RestoreError, restoreFrom } from '../../server/platform/backup/backup.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const file = args[0];
  if (!file) {
    io.stderr('Cách dùng: sodiem restore FILE\n');
    return 2;
  }
  const { env, database } = await openConfiguredDatabase({ migrate: false });
  try {
    const result = await restoreFrom(database, env.dataDir, resolve(file));
    io.stdout(`Đã phục hồi vào ${database.describe}: ${result.rows} dòng dữ liệu, ${result.files} tệp.\n`);
    return 0;
  } catch (e) {
    if (e instanceof RestoreError) {
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  } finally {
    await database.close();
  }
}

import { resolve } from 'node:path';
import { backupTo } from '../../server/platform/backup/backup.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const file = args[0];
  if (!file) {
    io.stderr('Cách dùng: sodiem backup FILE\n');
    return 2;
  }
  const { env, database, clock } = await openConfiguredDatabase();
  try {
    const result = await backupTo(database, env.dataDir, resolve(file), clock());
    io.stdout(`Đã sao lưu ${database.describe} vào ${resolve(file)}: ${result.rows} dòng dữ liệu, ${result.files} tệp.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

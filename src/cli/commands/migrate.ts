import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';
import { migrateToLatest } from '../../server/platform/db/database.ts';

export async function migrateCommand(_args: string[], io: CliIo): Promise<number> {
  const { database } = await openConfiguredDatabase({ migrate: false });
  try {
    const applied = await migrateToLatest(database.db);
    io.stdout(applied.length ? `Đã áp dụng: ${applied.join(', ')}\n` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.\n');
    return 0;
  } finally {
    await database.close();
  }
}

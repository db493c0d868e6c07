/**
 * `sodiem verify-audit`: recomputes every audit chain and reports the first broken link of each
 * broken chain; exit 0 when all are intact, 1 otherwise (contracts/cli.md).
 */
import { verifyAuditChains } from '../../server/audit.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function verifyAuditCommand(_args: string[], io: CliIo): Promise<number> {
  const { database } = await openConfiguredDatabase();
  try {
    const result = await verifyAuditChains(database.db);
    if (!result.breaks.length) {
      io.stdout(`Nhật kí toàn vẹn: ${result.chains} chuỗi, ${result.events} sự kiện.\n`);
      return 0;
    }
    for (const b of result.breaks) {
      io.stdout(`HỎNG chuỗi ${b.chainKey} tại sự kiện số ${b.seq}${b.eventId ? ` (id ${b.eventId})` : ''}: ${b.problem}\n`);
    }
    io.stdout(`${result.breaks.length}/${result.chains} chuỗi bị hỏng.\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/**
 * `sodiem verify-audit`: recomputes every audit chain and reports the first broken link of each
 * broken chain; exit 0 when all are intact, 1 otherwise (contracts/cli.md).
 */
import { verifyAuditChains, verifyStoredCells } from '../../server/platform/audit/audit-log.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function verifyAuditCommand(_args: string[], io: CliIo): Promise<number> {
  const { database } = await openConfiguredDatabase();
  try {
    const result = await verifyAuditChains(database.db);
    const mismatches = await verifyStoredCells(database.db);
    if (!result.breaks.length && !mismatches.length) {
      io.stdout(`Nhật kí toàn vẹn: ${result.chains} chuỗi, ${result.events} sự kiện; mọi ô điểm khớp nhật kí.\n`);
      return 0;
    }
    for (const b of result.breaks) {
      io.stdout(`HỎNG chuỗi ${b.chainKey} tại sự kiện số ${b.seq}${b.eventId ? ` (id ${b.eventId})` : ''}: ${b.problem}\n`);
    }
    // One line per chain: the first record that no longer matches its last audited value.
    const firstPerChain = new Map<string, (typeof mismatches)[number]>();
    for (const m of mismatches) if (!firstPerChain.has(m.chainKey)) firstPerChain.set(m.chainKey, m);
    for (const m of firstPerChain.values()) io.stdout(`HỎNG dữ liệu chuỗi ${m.chainKey}: ô điểm ${m.entityId}: ${m.problem}\n`);
    io.stdout(`${result.breaks.length}/${result.chains} chuỗi bị hỏng; ${mismatches.length} ô điểm không khớp nhật kí.\n`);
    return 1;
  } finally {
    await database.close();
  }
}

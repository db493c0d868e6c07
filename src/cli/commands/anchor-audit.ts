/**
 * `sodiem anchor-audit`: writes a signed checkpoint of every audit chain's head, signed with the
 * server's anchor key in DATA_DIR (and the school's seal where configured); exit 0
 * (contracts/cli.md).
 */
import { anchorAudit } from '../../server/platform/audit/anchor-audit.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function anchorAuditCommand(_args: string[], io: CliIo): Promise<number> {
  const { database, env, clock } = await openConfiguredDatabase();
  try {
    const checkpoint = await anchorAudit(database.db, env, clock(), 'Lập bằng lệnh sodiem anchor-audit', (error) =>
      io.stderr(`Cảnh báo: không lấy được dấu thời gian RFC 3161 từ ${env.tsaUrl} (${(error as Error).message}); điểm neo vẫn được ký.\n`),
    );
    if (!checkpoint) {
      io.stdout('Không có chuỗi nào thay đổi từ điểm neo trước: không cần điểm neo mới.\n');
      return 0;
    }
    const body = JSON.parse(checkpoint.body) as { chains: number; heads: Record<string, unknown> };
    io.stdout(
      `Đã ký điểm neo số ${checkpoint.seq} (${Object.keys(body.heads).length}/${body.chains} chuỗi thay đổi), SHA-256 ${checkpoint.sha256}${checkpoint.seal_cms ? ', có chữ ký con dấu' : ''}${checkpoint.tsa_token ? ', có dấu thời gian RFC 3161' : ''}.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

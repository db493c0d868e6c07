/**
 * `sodiem verify-audit`: recomputes every audit chain, checks every signed checkpoint (its
 * signature, its file in DATA_DIR, each head it signed against the events) and every stored
 * record of every audited table against its chain, both ways; exit 0 when all hold, 1 otherwise
 * (contracts/cli.md).
 */
import { verifyAuditChains } from '../../server/platform/audit/audit-log.ts';
import { verifyCheckpoints } from '../../server/platform/audit/audit-checkpoints.ts';
import { verifyStoredRecords } from '../../server/platform/audit/audited-records.ts';
import { createSigner, verifyDetachedSignature } from '../../server/platform/signing/index.ts';
import { sha256Hex } from '../../server/platform/sha256.ts';
import type { Env } from '../../server/platform/env.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

/** Checks a checkpoint's seal signature; with a seal configured, also that it is that seal. */
async function sealVerifier(env: Env): Promise<(body: Buffer, cms: Buffer) => string | null> {
  let sealSha256: string | null = null;
  if (env.signing.seal) {
    const signer = await createSigner(env.signing.seal);
    try {
      const [own] = await signer.certificateChain();
      sealSha256 = own ? sha256Hex(own) : null;
    } finally {
      await signer.close?.();
    }
  }
  return (body, cms) => {
    const check = verifyDetachedSignature(body, cms, 'điểm neo');
    if (!check.valid) return check.problem;
    if (sealSha256 && check.certificate.sha256 !== sealSha256) return `ký bằng chứng thư "${check.certificate.subject}", không phải con dấu đang cấu hình`;
    return null;
  };
}

export async function verifyAuditCommand(_args: string[], io: CliIo): Promise<number> {
  const { database, env } = await openConfiguredDatabase();
  try {
    const result = await verifyAuditChains(database.db);
    const anchors = await verifyCheckpoints(database.db, env.dataDir, await sealVerifier(env));
    const mismatches = await verifyStoredRecords(database.db);
    if (!result.breaks.length && !anchors.problems.length && !mismatches.length) {
      io.stdout(`Nhật kí toàn vẹn: ${result.chains} chuỗi, ${result.events} sự kiện; mọi bản ghi khớp nhật kí.\n`);
      io.stdout(
        anchors.checkpoints
          ? `${anchors.checkpoints} điểm neo đã ký đều hợp lệ (${anchors.heads} đầu chuỗi khớp nhật kí${anchors.timestamped ? `; ${anchors.timestamped} có dấu thời gian RFC 3161` : ''}).\n`
          : 'Chưa có điểm neo nào: chạy `sodiem anchor-audit` để ký một điểm neo.\n',
      );
      return 0;
    }
    for (const b of result.breaks) {
      io.stdout(`HỎNG chuỗi ${b.chainKey} tại sự kiện số ${b.seq}${b.eventId ? ` (id ${b.eventId})` : ''}: ${b.problem}\n`);
    }
    for (const p of anchors.problems) io.stdout(`HỎNG điểm neo số ${p.seq}: ${p.problem}\n`);
    // One line per record: the first field that no longer matches its last audited value.
    for (const m of mismatches) io.stdout(`HỎNG dữ liệu bảng ${m.table}${m.chainKey ? ` (chuỗi ${m.chainKey})` : ''}: ${m.problem}\n`);
    io.stdout(
      `${result.breaks.length}/${result.chains} chuỗi bị hỏng; ${anchors.problems.length} lỗi ở ${anchors.checkpoints} điểm neo; ${mismatches.length} bản ghi không khớp nhật kí.\n`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

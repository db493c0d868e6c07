/**
 * Enabling TOTP once the user types a right code from the secret set up before (which also
 * turns on the recovery codes made with it); audited in the same transaction.
 */
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { totpStepAt } from './totp.ts';

export interface EnableTotpOptions {
  db: Db;
  userId: string;
  code: string;
  audit: AuditContext;
}

export async function enableTotp({ db, userId, code, audit }: EnableTotpOptions): Promise<void> {
  const fresh = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (!fresh.totp_secret) throw new AppError('INVALID_STATE', 'Chưa tạo khóa TOTP. Hãy bấm "Tạo mã QR" trước.');
  const step = totpStepAt(fresh.totp_secret, code, new Date(audit.now));
  if (step === null) {
    const message = 'Mã xác thực không đúng. Kiểm tra đồng hồ điện thoại và thử lại.';
    throw new AppError('VALIDATION', message, { errors: [{ field: 'code', message }] });
  }
  await db.transaction().execute(async (tx) => {
    // The code that turned TOTP on is used: it cannot log in again.
    await tx.updateTable('users').set({ totp_enabled: 1, totp_last_step: step, updated_at: audit.now }).where('id', '=', fresh.id).execute();
    await writeAudit(tx, audit, {
      chainKey: fresh.school_id ? schoolChain(fresh.school_id) : systemChain,
      schoolId: fresh.school_id,
      action: 'account.totp_enabled',
      entityType: 'user',
      entityId: fresh.id,
      before: { totpEnabled: false },
      after: { totpEnabled: true },
    });
  });
}

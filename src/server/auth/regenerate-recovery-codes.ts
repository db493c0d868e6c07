/**
 * New recovery codes, asked by the owner of an account with TOTP enabled once she has typed her
 * password again (throttled like a login: this is no way around it). The old codes stop working;
 * the new ones are shown this once. Audited in the same transaction.
 */
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { confirmPassword } from './confirm-password.ts';
import { RECOVERY_CODE_COUNT, replaceRecoveryCodes } from './recovery-codes.ts';

export interface RegenerateRecoveryCodesOptions {
  db: Db;
  user: Row<'users'>;
  password: string;
  audit: AuditContext;
}

export async function regenerateRecoveryCodes({ db, user, password, audit }: RegenerateRecoveryCodesOptions): Promise<string[]> {
  if (!user.totp_enabled) throw new AppError('INVALID_STATE', 'Tài khoản chưa bật xác thực hai lớp nên không có mã khôi phục.');
  const confirmed = await confirmPassword(db, user, password, 'password', audit);
  const chainKey = user.school_id ? schoolChain(user.school_id) : systemChain;
  return db.transaction().execute(async (tx) => {
    await confirmed.clear(tx);
    const codes = await replaceRecoveryCodes(tx, user.id, audit.now);
    await writeAudit(tx, audit, {
      chainKey,
      schoolId: user.school_id,
      action: 'account.recovery_codes_generated',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { count: RECOVERY_CODE_COUNT },
    });
    return codes;
  });
}

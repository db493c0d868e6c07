/**
 * Changing one's password (required at the first login): the new one must be strong and
 * different; then the current password is checked, throttled and audited like a login
 * (confirm-password.ts); every other session of the user ends; audited in the same transaction.
 */
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { confirmPassword } from './confirm-password.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export interface ChangePasswordOptions {
  db: Db;
  user: Row<'users'>;
  /** The session that stays open. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  audit: AuditContext;
}

export async function changePassword({ db, user, sessionId, currentPassword, newPassword, audit }: ChangePasswordOptions): Promise<void> {
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw new AppError('VALIDATION', problem, { errors: [{ field: 'newPassword', message: problem }] });
  if (newPassword === currentPassword) {
    const message = 'Mật khẩu mới phải khác mật khẩu cũ.';
    throw new AppError('VALIDATION', message, { errors: [{ field: 'newPassword', message }] });
  }
  const confirmed = await confirmPassword(db, user, currentPassword, 'currentPassword', audit);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, must_change_password: 0, updated_at: audit.now, version: eb('version', '+', 1) }))
      .where('id', '=', user.id)
      .execute();
    await confirmed.clear(tx);
    // Every other session of this user ends.
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', sessionId).execute();
    await writeAudit(tx, audit, {
      chainKey: user.school_id ? schoolChain(user.school_id) : systemChain,
      schoolId: user.school_id,
      action: 'account.password_changed',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: null,
    });
  });
}

/**
 * Turning off a lost second factor (the phone and the recovery codes both gone): the TOTP secret
 * and every recovery code are removed and every session of the account ends, audited in the same
 * transaction. The owner turns TOTP on again after her next login. As with a password reset, a
 * principal's or admin board's account is the principal's alone; the principal's own is reset
 * by the server's operator (`sodiem reset-second-factor`), with no actor.
 */
import type { Actor } from '../../domain/policies/actor.ts';
import { releaseAccountCounters } from '../auth/index.ts';
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { accountRoles } from './account-queries.ts';
import { checkPrivilegedGrant } from './create-account.ts';

export interface ResetSecondFactorOptions {
  db: Db;
  /** Null: the server's operator, from the command line. */
  actor: Actor | null;
  user: Row<'users'>;
  audit: AuditContext;
}

export async function resetSecondFactor({ db, actor, user, audit }: ResetSecondFactorOptions): Promise<void> {
  if (actor && user.school_id) checkPrivilegedGrant(actor, user.school_id, await accountRoles(db, user.id));
  if (!user.totp_enabled && !user.totp_secret) throw new AppError('INVALID_STATE', 'Tài khoản này chưa bật xác thực hai lớp.');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set((eb) => ({ totp_secret: null, totp_enabled: 0, totp_last_step: null, updated_at: audit.now, version: eb('version', '+', 1) }))
      .where('id', '=', user.id)
      .execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await releaseAccountCounters(tx, user.username, user.id);
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await writeAudit(tx, audit, {
      chainKey: user.school_id ? schoolChain(user.school_id) : systemChain,
      schoolId: user.school_id,
      action: 'account.secondFactorReset',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: null,
    });
  });
}

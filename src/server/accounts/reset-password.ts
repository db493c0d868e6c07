/**
 * Resetting an account's password (S2): a new one-time password (also releasing the account's
 * login throttle), every session of the account ended, audited in the same transaction.
 * Resetting a principal's or admin board's password is the principal's alone.
 */
import type { Actor } from '../../domain/policies/actor.ts';
import { hashPassword, oneTimePassword, releaseAccountCounters } from '../auth/index.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { accountRoles } from './account-queries.ts';
import { checkPrivilegedGrant } from './create-account.ts';

export interface ResetPasswordOptions {
  db: Db;
  actor: Actor;
  user: Row<'users'> & { school_id: string };
  audit: AuditContext;
}

/** Returns the new one-time password, for the account slip. */
export async function resetPassword({ db, actor, user, audit }: ResetPasswordOptions): Promise<string> {
  checkPrivilegedGrant(actor, user.school_id, await accountRoles(db, user.id));
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, must_change_password: 1, updated_at: audit.now, version: eb('version', '+', 1) }))
      .where('id', '=', user.id)
      .execute();
    await releaseAccountCounters(tx, user.username, user.id);
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(user.school_id), schoolId: user.school_id, action: 'account.passwordReset', entityType: 'user', entityId: user.id, before: null, after: null });
  });
  return password;
}

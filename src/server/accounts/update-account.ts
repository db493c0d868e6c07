/**
 * Changing an account's roles or disabling it (S2, R9), from the version the admin read. A
 * guardian account keeps its role; nobody disables or demotes their own account; granting or
 * revoking principal or admin-board roles, or disabling such an account, is the principal's
 * alone. The change and its audit entry are one transaction, a disabled account's sessions end
 * with it, and an edit made elsewhere since that version is a conflict, never a silent overwrite.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../domain/policies/actor.ts';
import type { ZUpdateAccountInput } from '../../shared/accounts.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { accountRoles } from './account-queries.ts';
import { checkPrivilegedGrant } from './create-account.ts';

export interface UpdateAccountOptions {
  db: Db;
  actor: Actor;
  user: Row<'users'> & { school_id: string };
  /** The new roles or disabled flag, and the version the admin read. */
  input: z.infer<typeof ZUpdateAccountInput>;
  audit: AuditContext;
}

const editedElsewhere = () => new AppError('CONFLICT', 'Tài khoản vừa được người khác sửa. Hãy tải lại trang.');

export async function updateAccount({ db, actor, user, input: b, audit }: UpdateAccountOptions): Promise<void> {
  // The loaded row must be the version the admin read, so it is the audit's `before`.
  if (b.version !== Number(user.version)) throw editedElsewhere();
  const currentRoles = await accountRoles(db, user.id);
  if (currentRoles.includes('guardian') && b.roles) throw new AppError('INVALID_STATE', 'Không đổi vai trò của tài khoản phụ huynh.');
  if (user.id === actor.userId && (b.disabled || (b.roles && !b.roles.some((r) => r === 'principal' || r === 'admin')))) {
    throw new AppError('INVALID_STATE', 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.');
  }
  if (b.disabled !== undefined) checkPrivilegedGrant(actor, user.school_id, currentRoles);
  if (b.roles) {
    const changed = [...new Set([...currentRoles, ...b.roles])].filter((r) => currentRoles.includes(r) !== b.roles!.includes(r as never));
    checkPrivilegedGrant(actor, user.school_id, changed);
  }
  await db.transaction().execute(async (tx) => {
    // First, so that of two edits from the same version only one gets through; the other finds
    // no row (on PostgreSQL it waits for the first to commit) and rolls back without an audit entry.
    const res = await tx
      .updateTable('users')
      .set({ ...(b.disabled !== undefined && { disabled: b.disabled ? 1 : 0 }), updated_at: audit.now, version: b.version + 1 })
      .where('id', '=', user.id)
      .where('version', '=', b.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw editedElsewhere();
    if (b.roles) {
      await tx.deleteFrom('user_roles').where('user_id', '=', user.id).execute();
      for (const role of b.roles) {
        await tx.insertInto('user_roles').values({ id: randomUUID(), user_id: user.id, role, school_id: user.school_id, org_unit_id: null, student_id: null, created_at: audit.now }).execute();
      }
    }
    if (b.disabled) await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await writeAudit(tx, audit, {
      chainKey: schoolChain(user.school_id),
      schoolId: user.school_id,
      action: b.roles ? 'account.rolesChanged' : b.disabled ? 'account.disabled' : 'account.updated',
      entityType: 'user',
      entityId: user.id,
      before: { roles: currentRoles, disabled: user.disabled === 1 },
      after: { roles: b.roles ?? currentRoles, disabled: b.disabled ?? user.disabled === 1 },
    });
  });
}

/** Queries for a school's accounts (S2): plain objects out, no rules. */
import { ROLE_LABELS, type Role } from '../../domain/policies/actor.ts';
import { nameRetryTimes } from '../auth/index.ts';
import type { Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';

/** The school's accounts by username (or only one), with their roles; never a password hash. */
export async function loadAccounts(db: Executor, schoolId: string, onlyId?: string) {
  let q = db.selectFrom('users').selectAll().where('school_id', '=', schoolId);
  if (onlyId) q = q.where('id', '=', onlyId);
  const users = await q.orderBy('username').execute();
  if (!users.length) return [];
  const roles = await db.selectFrom('user_roles').selectAll().where('user_id', 'in', users.map((u) => u.id)).execute();
  const retryTimes = await nameRetryTimes(db, users.map((u) => u.username));
  return users.map((u) => {
    const mine = roles.filter((r) => r.user_id === u.id);
    const roleSet = [...new Set(mine.map((r) => r.role as Role))];
    return {
      id: u.id,
      username: u.username,
      fullName: u.full_name,
      staffId: u.staff_id,
      roles: roleSet,
      roleLabels: roleSet.map((r) => ROLE_LABELS[r]),
      studentIds: mine.filter((r) => r.student_id).map((r) => r.student_id as string),
      disabled: u.disabled === 1,
      mustChangePassword: u.must_change_password === 1,
      totpEnabled: u.totp_enabled === 1,
      // No account is ever locked (issue 14): a name slowed by failed logins, until when.
      lockedUntil: retryTimes.get(u.username) ?? null,
      lastLoginAt: u.last_login_at,
      version: Number(u.version),
    };
  });
}

/** An account slip (phiếu tài khoản): the account, its one-time password and the school's name. */
export async function loadAccountSlip(db: Executor, schoolId: string, userId: string, oneTimePassword: string) {
  const school = await db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow();
  const [account] = await loadAccounts(db, schoolId, userId);
  return { account, oneTimePassword, schoolName: school.name, loginUrlHint: 'Mở địa chỉ trang Sổ Điểm Số của trường và chọn "Đăng nhập".' };
}

/** A school's account (an org-unit account is not one). */
export async function getAccountOr404(db: Executor, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || !user.school_id) throw notFound('tài khoản');
  return user as typeof user & { school_id: string };
}

/** The roles an account holds. */
export async function accountRoles(db: Executor, userId: string): Promise<Role[]> {
  return (await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map((r) => r.role as Role);
}

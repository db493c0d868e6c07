/**
 * Creating an account (S2, R9): the admin board creates staff and guardian accounts; the
 * account starts with a one-time password, printed on an account slip, that must be changed at
 * first login. Granting principal or admin-board roles is the principal's alone.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { suggestUsername } from '../../domain/names/suggest-username.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import { hashPassword, oneTimePassword } from '../auth/index.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';

export const PRIVILEGED_ROLES: Role[] = ['principal', 'admin'];

export function checkPrivilegedGrant(actor: Actor, schoolId: string, roles: Role[]): void {
  if (roles.some((r) => PRIVILEGED_ROLES.includes(r))) {
    const decision = can(actor, 'account.grantPrivileged', { schoolId });
    if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason);
  }
}

export interface CreateAccountOptions {
  db: Db;
  actor: Actor;
  schoolId: string;
  fullName: string;
  username?: string;
  staffId: string | null;
  roles: Role[];
  /** guardian accounts: the children */
  studentIds?: string[];
  audit: AuditContext;
}

export async function createAccount(options: CreateAccountOptions): Promise<{ userId: string; oneTimePassword: string }> {
  const { db, schoolId, audit } = options;
  checkPrivilegedGrant(options.actor, schoolId, options.roles);
  if (options.staffId) {
    const staff = await db.selectFrom('staff').select(['school_id']).where('id', '=', options.staffId).executeTakeFirst();
    if (!staff || staff.school_id !== schoolId) throw new AppError('VALIDATION', 'Cán bộ, giáo viên được chọn không thuộc trường này.', { errors: [{ field: 'staffId', message: 'không thuộc trường' }] });
    const linked = await db.selectFrom('users').select('username').where('staff_id', '=', options.staffId).executeTakeFirst();
    if (linked) throw new AppError('CONFLICT', `Giáo viên này đã có tài khoản ${linked.username}.`);
  }
  for (const studentId of options.studentIds ?? []) {
    const s = await db.selectFrom('students').select('school_id').where('id', '=', studentId).executeTakeFirst();
    if (!s || s.school_id !== schoolId) throw new AppError('VALIDATION', 'Học sinh được chọn không thuộc trường này.', { errors: [{ field: 'studentIds', message: 'không thuộc trường' }] });
  }
  let username = options.username;
  if (username) {
    const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', `Tên đăng nhập ${username} đã có người dùng.`, { errors: [{ field: 'username', message: 'đã có người dùng' }] });
  } else {
    const similar = await db.selectFrom('users').select('username').execute();
    username = suggestUsername(options.fullName, new Set(similar.map((u) => u.username)));
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const userId = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('users')
      .values({
        id: userId,
        username: username as string,
        password_hash: passwordHash,
        full_name: options.fullName,
        school_id: schoolId,
        org_unit_id: null,
        staff_id: options.staffId,
        must_change_password: 1,
        totp_secret: null,
        totp_enabled: 0,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        last_login_at: null,
        created_at: audit.now,
        updated_at: audit.now,
        version: 1,
      })
      .execute();
    const grants = options.studentIds?.length
      ? options.studentIds.map((studentId) => ({ role: 'guardian' as Role, studentId }))
      : options.roles.map((role) => ({ role, studentId: null }));
    for (const g of grants) {
      await tx
        .insertInto('user_roles')
        .values({ id: randomUUID(), user_id: userId, role: g.role, school_id: schoolId, org_unit_id: null, student_id: g.studentId, created_at: audit.now })
        .execute();
    }
    await writeAudit(tx, audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: 'account.created',
      entityType: 'user',
      entityId: userId,
      before: null,
      after: { username, fullName: options.fullName, staffId: options.staffId, grants },
    });
  });
  return { userId, oneTimePassword: password };
}

/** Accounts and permissions of a school (S2, R9, Q1): create, slips, roles, disable, reset. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLE_LABELS, type Role } from '../../domain/policies/actor.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import {
  ZAccount,
  ZAccountSlip,
  ZCreateAccountInput,
  ZCreateGuardianAccountInput,
  ZUpdateAccountInput,
} from '../../shared/accounts.ts';
import { checkPrivilegedGrant, createAccount } from './create-account.ts';
import { schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import { hashPassword, oneTimePassword } from '../auth/index.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['accounts'];

async function loadAccounts(db: Db, schoolId: string, onlyId?: string) {
  let q = db.selectFrom('users').selectAll().where('school_id', '=', schoolId);
  if (onlyId) q = q.where('id', '=', onlyId);
  const users = await q.orderBy('username').execute();
  if (!users.length) return [];
  const roles = await db.selectFrom('user_roles').selectAll().where('user_id', 'in', users.map((u) => u.id)).execute();
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
      lockedUntil: u.locked_until,
      lastLoginAt: u.last_login_at,
      version: Number(u.version),
    };
  });
}

export async function registerAccountRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  async function slip(schoolId: string, userId: string, password: string) {
    const school = await db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow();
    const [account] = await loadAccounts(db, schoolId, userId);
    return { account, oneTimePassword: password, schoolName: school.name, loginUrlHint: 'Mở địa chỉ trang Sổ Điểm Số của trường và chọn "Đăng nhập".' };
  }

  async function getAccountOr404(userId: string) {
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user || !user.school_id) throw notFound('tài khoản');
    return user as typeof user & { school_id: string };
  }

  api.get(
    '/schools/:schoolId/accounts',
    { schema: { tags, summary: 'Danh sách tài khoản của trường', params: z.object({ schoolId: ZId }), response: { 200: z.array(ZAccount), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'account.manage', { schoolId: request.params.schoolId });
      return loadAccounts(db, request.params.schoolId);
    },
  );

  api.post(
    '/schools/:schoolId/accounts',
    { schema: { tags, summary: 'Tạo tài khoản cán bộ, giáo viên (mật khẩu dùng một lần)', params: z.object({ schoolId: ZId }), body: ZCreateAccountInput, response: { 200: ZAccountSlip, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'account.manage', { schoolId });
      const created = await createAccount({ db, actor: auth.actor, schoolId, ...request.body, audit: auditContext(request) });
      return slip(schoolId, created.userId, created.oneTimePassword);
    },
  );

  api.post(
    '/schools/:schoolId/guardian-accounts',
    { schema: { tags, summary: 'Tạo tài khoản phụ huynh gắn với học sinh', params: z.object({ schoolId: ZId }), body: ZCreateGuardianAccountInput, response: { 200: ZAccountSlip, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'account.manage', { schoolId });
      const created = await createAccount({
        db,
        actor: auth.actor,
        schoolId,
        fullName: request.body.fullName,
        username: request.body.username,
        staffId: null,
        roles: ['guardian'],
        studentIds: request.body.studentIds,
        audit: auditContext(request),
      });
      return slip(schoolId, created.userId, created.oneTimePassword);
    },
  );

  api.patch(
    '/accounts/:userId',
    { schema: { tags, summary: 'Phân quyền, khóa hoặc mở tài khoản', params: z.object({ userId: ZId }), body: ZUpdateAccountInput, response: { 200: ZAccount, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const user = await getAccountOr404(request.params.userId);
      authorize(auth, 'account.manage', { schoolId: user.school_id });
      const b = request.body;
      if (b.version !== Number(user.version)) throw new AppError('CONFLICT', 'Tài khoản vừa được người khác sửa. Hãy tải lại trang.');
      const currentRoles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()).map((r) => r.role as Role);
      if (currentRoles.includes('guardian') && b.roles) throw new AppError('INVALID_STATE', 'Không đổi vai trò của tài khoản phụ huynh.');
      if (user.id === auth.user.id && (b.disabled || (b.roles && !b.roles.some((r) => r === 'principal' || r === 'admin')))) {
        throw new AppError('INVALID_STATE', 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.');
      }
      if (b.disabled !== undefined) checkPrivilegedGrant(auth.actor, user.school_id, currentRoles);
      if (b.roles) {
        const changed = [...new Set([...currentRoles, ...b.roles])].filter((r) => currentRoles.includes(r) !== b.roles!.includes(r as never));
        checkPrivilegedGrant(auth.actor, user.school_id, changed);
      }
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        if (b.roles) {
          await tx.deleteFrom('user_roles').where('user_id', '=', user.id).execute();
          for (const role of b.roles) {
            await tx.insertInto('user_roles').values({ id: randomUUID(), user_id: user.id, role, school_id: user.school_id, org_unit_id: null, student_id: null, created_at: ctx.now }).execute();
          }
        }
        await tx
          .updateTable('users')
          .set({ ...(b.disabled !== undefined && { disabled: b.disabled ? 1 : 0 }), updated_at: ctx.now, version: Number(user.version) + 1 })
          .where('id', '=', user.id)
          .execute();
        if (b.disabled) await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
        await writeAudit(tx, ctx, {
          chainKey: schoolChain(user.school_id),
          schoolId: user.school_id,
          action: b.roles ? 'account.rolesChanged' : b.disabled ? 'account.disabled' : 'account.updated',
          entityType: 'user',
          entityId: user.id,
          before: { roles: currentRoles, disabled: user.disabled === 1 },
          after: { roles: b.roles ?? currentRoles, disabled: b.disabled ?? user.disabled === 1 },
        });
      });
      const [account] = await loadAccounts(db, user.school_id, user.id);
      return account;
    },
  );

  api.post(
    '/accounts/:userId/reset-password',
    { schema: { tags, summary: 'Cấp lại mật khẩu dùng một lần (mở khóa tài khoản)', params: z.object({ userId: ZId }), response: { 200: ZAccountSlip, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const user = await getAccountOr404(request.params.userId);
      authorize(auth, 'account.manage', { schoolId: user.school_id });
      const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()).map((r) => r.role as Role);
      checkPrivilegedGrant(auth.actor, user.school_id, roles);
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({ password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null, updated_at: ctx.now, version: Number(user.version) + 1 })
          .where('id', '=', user.id)
          .execute();
        await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(user.school_id), schoolId: user.school_id, action: 'account.passwordReset', entityType: 'user', entityId: user.id, before: null, after: null });
      });
      return slip(user.school_id, user.id, password);
    },
  );
}

/** Accounts and permissions of a school (S2, R9, Q1): create, slips, roles, disable, reset. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import {
  ZAccount,
  ZAccountSlip,
  ZCreateAccountInput,
  ZCreateGuardianAccountInput,
  ZUpdateAccountInput,
} from '../../shared/accounts.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getAccountOr404, loadAccountSlip, loadAccounts } from './account-queries.ts';
import { createAccount } from './create-account.ts';
import { resetPassword } from './reset-password.ts';
import { resetSecondFactor } from './reset-second-factor.ts';
import { updateAccount } from './update-account.ts';

const tags = ['accounts'];

export async function registerAccountRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

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
      return loadAccountSlip(db, schoolId, created.userId, created.oneTimePassword);
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
      return loadAccountSlip(db, schoolId, created.userId, created.oneTimePassword);
    },
  );

  api.patch(
    '/accounts/:userId',
    { schema: { tags, summary: 'Phân quyền, khóa hoặc mở tài khoản', params: z.object({ userId: ZId }), body: ZUpdateAccountInput, response: { 200: ZAccount, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const user = await getAccountOr404(db, request.params.userId);
      authorize(auth, 'account.manage', { schoolId: user.school_id });
      await updateAccount({ db, actor: auth.actor, user, input: request.body, audit: auditContext(request) });
      const [account] = await loadAccounts(db, user.school_id, user.id);
      return account;
    },
  );

  api.post(
    '/accounts/:userId/reset-password',
    { schema: { tags, summary: 'Cấp lại mật khẩu dùng một lần (mở khóa tài khoản)', params: z.object({ userId: ZId }), response: { 200: ZAccountSlip, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const user = await getAccountOr404(db, request.params.userId);
      authorize(auth, 'account.manage', { schoolId: user.school_id });
      const password = await resetPassword({ db, actor: auth.actor, user, audit: auditContext(request) });
      return loadAccountSlip(db, user.school_id, user.id, password);
    },
  );

  api.post(
    '/accounts/:userId/reset-second-factor',
    { schema: { tags, summary: 'Tắt xác thực hai lớp khi người dùng mất cả điện thoại và mã khôi phục', params: z.object({ userId: ZId }), response: { 200: ZAccount, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const user = await getAccountOr404(db, request.params.userId);
      authorize(auth, 'account.manage', { schoolId: user.school_id });
      await resetSecondFactor({ db, actor: auth.actor, user, audit: auditContext(request) });
      const [account] = await loadAccounts(db, user.school_id, user.id);
      return account;
    },
  );
}

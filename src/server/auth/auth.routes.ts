/** Log in (password, then TOTP), log out, change password, set up TOTP, and "who am I". */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLE_LABELS } from '../../domain/policies/actor.ts';
import { abilities } from '../../domain/policies/policy.ts';
import {
  ZChangePasswordInput,
  ZLoginInput,
  ZLoginResult,
  ZMe,
  ZTotpInput,
} from '../../shared/auth.ts';
import { ZErrorResponse, ZOk } from '../../shared/api-common.ts';
import { logIn } from './log-in.ts';
import { schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { newTotpSecret, otpauthUri, totpMatches } from './totp.ts';
import { AppError } from '../platform/errors.ts';
import {
  SESSION_COOKIE,
  auditContext,
  loginNext,
  requireAuth,
  setSessionCookie,
} from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse, 429: ZErrorResponse };

export async function registerAuthRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.post(
    '/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
        body: ZLoginInput,
        response: { 200: ZLoginResult, ...errors },
      },
    },
    async (request, reply) => {
      const { token, csrfToken, next } = await logIn({
        db,
        username: request.body.username,
        password: request.body.password,
        audit: auditContext(request),
        idleMinutes: deps.env.sessionIdleMinutes,
      });
      setSessionCookie(reply, token, deps.env.secureCookies);
      return { next, csrfToken };
    },
  );

  api.post(
    '/auth/totp',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Bước 2 của đăng nhập: mã xác thực TOTP',
        body: ZTotpInput,
        response: { 200: ZLoginResult, ...errors },
      },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth || !auth.session.pending_totp || !auth.user.totp_secret) {
        throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
      }
      const ok = totpMatches(auth.user.totp_secret, request.body.code, request.now);
      const ctx = auditContext(request);
      const chainKey = auth.user.school_id ? schoolChain(auth.user.school_id) : systemChain;
      await db.transaction().execute(async (tx) => {
        if (ok) await tx.updateTable('sessions').set({ pending_totp: 0 }).where('id', '=', auth.session.id).execute();
        else await tx.deleteFrom('sessions').where('id', '=', auth.session.id).execute();
        await writeAudit(tx, ctx, {
          chainKey,
          schoolId: auth.user.school_id,
          action: ok ? 'login.succeeded' : 'login.totp_failed',
          entityType: 'user',
          entityId: auth.user.id,
          before: null,
          after: null,
          source: 'login',
        });
      });
      if (!ok) throw new AppError('UNAUTHENTICATED', 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng đăng nhập lại.');
      auth.session.pending_totp = 0;
      return { next: loginNext(auth), csrfToken: auth.session.csrf_token };
    },
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['accounts'], summary: 'Đăng xuất', response: { 200: ZOk } } },
    async (request, reply) => {
      if (request.auth) await db.deleteFrom('sessions').where('id', '=', request.auth.session.id).execute();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/auth/me',
    { schema: { tags: ['accounts'], summary: 'Người dùng hiện tại, quyền và trường', response: { 200: ZMe, ...errors } } },
    async (request) => {
      const auth = requireAuth(request, { allowIncompleteLogin: true });
      const { actor, user } = auth;
      const schoolIds = new Set<string>(actor.overseenSchoolIds);
      for (const g of actor.grants) if (g.schoolId) schoolIds.add(g.schoolId);
      const guardianStudents = actor.grants.filter((g) => g.role === 'guardian' && g.studentId).map((g) => g.studentId as string);
      if (guardianStudents.length) {
        const rows = await db.selectFrom('students').select('school_id').where('id', 'in', guardianStudents).execute();
        for (const r of rows) schoolIds.add(r.school_id);
      }
      const schools = schoolIds.size
        ? await db.selectFrom('schools').select(['id', 'name', 'code', 'level']).where('id', 'in', [...schoolIds]).orderBy('name').execute()
        : [];
      return {
        user: { id: user.id, username: user.username, fullName: user.full_name, totpEnabled: user.totp_enabled === 1 },
        next: loginNext(auth),
        csrfToken: auth.session.csrf_token,
        grants: actor.grants.map((g) => ({ ...g, roleLabel: ROLE_LABELS[g.role] })),
        schools,
        homeroomClassIds: actor.homeroomClassIds,
        teaching: actor.teaching,
        abilities: Object.fromEntries(schools.map((s) => [s.id, abilities(actor, s.id)])),
        now: request.now.toISOString(),
      };
    },
  );

  api.post(
    '/auth/change-password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Đổi mật khẩu (bắt buộc ở lần đăng nhập đầu)',
        body: ZChangePasswordInput,
        response: { 200: ZLoginResult, ...errors },
      },
    },
    async (request) => {
      const auth = requireAuth(request, { allowIncompleteLogin: true });
      const { user } = auth;
      if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new AppError('VALIDATION', 'Mật khẩu hiện tại không đúng.', {
          errors: [{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }],
        });
      }
      const problem = passwordProblem(request.body.newPassword, user.username);
      if (problem) throw new AppError('VALIDATION', problem, { errors: [{ field: 'newPassword', message: problem }] });
      if (request.body.newPassword === request.body.currentPassword) {
        const message = 'Mật khẩu mới phải khác mật khẩu cũ.';
        throw new AppError('VALIDATION', message, { errors: [{ field: 'newPassword', message }] });
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({ password_hash: passwordHash, must_change_password: 0, updated_at: ctx.now, version: user.version + 1 })
          .where('id', '=', user.id)
          .execute();
        // Every other session of this user ends.
        await tx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', auth.session.id).execute();
        await writeAudit(tx, ctx, {
          chainKey: user.school_id ? schoolChain(user.school_id) : systemChain,
          schoolId: user.school_id,
          action: 'account.password_changed',
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: null,
        });
      });
      user.must_change_password = 0;
      return { next: loginNext(auth), csrfToken: auth.session.csrf_token };
    },
  );

  api.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Tạo khóa TOTP mới (chưa bật cho đến khi xác nhận mã)',
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }), ...errors },
      },
    },
    async (request) => {
      const auth = requireAuth(request, { allowIncompleteLogin: true });
      if (auth.user.must_change_password) throw new AppError('FORBIDDEN', 'Hãy đổi mật khẩu trước khi bật xác thực hai lớp.');
      if (auth.user.totp_enabled) throw new AppError('CONFLICT', 'Xác thực hai lớp đã được bật cho tài khoản này.');
      const secret = newTotpSecret();
      await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', auth.user.id).execute();
      return { secret, otpauthUri: otpauthUri(secret, auth.user.username) };
    },
  );

  api.post(
    '/auth/totp/enable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Bật xác thực hai lớp sau khi nhập đúng mã',
        body: ZTotpInput,
        response: { 200: ZLoginResult, ...errors },
      },
    },
    async (request) => {
      const auth = requireAuth(request, { allowIncompleteLogin: true });
      const fresh = await db.selectFrom('users').selectAll().where('id', '=', auth.user.id).executeTakeFirstOrThrow();
      if (!fresh.totp_secret) throw new AppError('INVALID_STATE', 'Chưa tạo khóa TOTP. Hãy bấm "Tạo mã QR" trước.');
      if (!totpMatches(fresh.totp_secret, request.body.code, request.now)) {
        const message = 'Mã xác thực không đúng. Kiểm tra đồng hồ điện thoại và thử lại.';
        throw new AppError('VALIDATION', message, { errors: [{ field: 'code', message }] });
      }
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ totp_enabled: 1, updated_at: ctx.now }).where('id', '=', fresh.id).execute();
        await writeAudit(tx, ctx, {
          chainKey: fresh.school_id ? schoolChain(fresh.school_id) : systemChain,
          schoolId: fresh.school_id,
          action: 'account.totp_enabled',
          entityType: 'user',
          entityId: fresh.id,
          before: { totpEnabled: false },
          after: { totpEnabled: true },
        });
      });
      auth.user.totp_enabled = 1;
      return { next: loginNext(auth), csrfToken: auth.session.csrf_token };
    },
  );
}

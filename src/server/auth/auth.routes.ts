/** Log in (password, then TOTP or a recovery code), log out, change password, set up TOTP and recovery codes, and "who am I". */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { AppError } from '../platform/errors.ts';
import {
  SESSION_COOKIE,
  auditContext,
  loginNext,
  requireAuth,
  setSessionCookie,
} from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { countRecoveryCodesLeft, listActorSchools } from './auth-queries.ts';
import { changePassword } from './change-password.ts';
import { enableTotp } from './enable-totp.ts';
import { deviceTokenOf, setDeviceCookie } from './known-devices.ts';
import { logIn } from './log-in.ts';
import { logInWithRecoveryCode } from './log-in-with-recovery-code.ts';
import { logInWithTotp } from './log-in-with-totp.ts';
import { logOut } from './log-out.ts';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes.ts';
import { startTotpSetup } from './start-totp-setup.ts';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse, 429: ZErrorResponse };

/** A throttled answer (login-throttle.ts) says in Retry-After when to come back, as its body does. */
async function retryAfter(_request: FastifyRequest, reply: FastifyReply, error: Error): Promise<void> {
  const seconds = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
  if (typeof seconds === 'number') reply.header('Retry-After', String(seconds));
}

/** The half-open login (password given, second factor due), or 401. */
function pendingLogin(request: FastifyRequest) {
  const auth = request.auth;
  if (!auth || !auth.session.pending_totp || !auth.user.totp_secret) {
    throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
  }
  return { ...auth, secret: auth.user.totp_secret };
}

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
      onError: retryAfter,
    },
    async (request, reply) => {
      const { token, csrfToken, next, deviceToken } = await logIn({
        db,
        username: request.body.username,
        password: request.body.password,
        deviceToken: deviceTokenOf(request),
        audit: auditContext(request),
        idleMinutes: deps.env.sessionIdleMinutes,
      });
      setSessionCookie(reply, token, deps.env.secureCookies);
      if (deviceToken) setDeviceCookie(reply, deviceToken, deps.env.secureCookies);
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
      onError: retryAfter,
    },
    async (request, reply) => {
      const auth = pendingLogin(request);
      const deviceToken = await logInWithTotp({
        db,
        user: auth.user,
        secret: auth.secret,
        sessionId: auth.session.id,
        code: request.body.code,
        deviceToken: deviceTokenOf(request),
        audit: auditContext(request),
      });
      setDeviceCookie(reply, deviceToken, deps.env.secureCookies);
      auth.session.pending_totp = 0;
      return { next: loginNext(auth), csrfToken: auth.session.csrf_token };
    },
  );

  api.post(
    '/auth/totp/recovery',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Bước 2 của đăng nhập bằng mã khôi phục (thay mã TOTP; mỗi mã dùng một lần)',
        body: z.object({ code: z.string().trim().min(1, 'chưa nhập mã khôi phục').max(40) }),
        response: { 200: ZLoginResult.extend({ recoveryCodesLeft: z.number().int() }), ...errors },
      },
      onError: retryAfter,
    },
    async (request, reply) => {
      const auth = pendingLogin(request);
      const { deviceToken, left } = await logInWithRecoveryCode({
        db,
        user: auth.user,
        sessionId: auth.session.id,
        code: request.body.code,
        deviceToken: deviceTokenOf(request),
        audit: auditContext(request),
      });
      setDeviceCookie(reply, deviceToken, deps.env.secureCookies);
      auth.session.pending_totp = 0;
      return { next: loginNext(auth), csrfToken: auth.session.csrf_token, recoveryCodesLeft: left };
    },
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['accounts'], summary: 'Đăng xuất', response: { 200: ZOk } } },
    async (request, reply) => {
      if (request.auth) await logOut({ db, sessionId: request.auth.session.id });
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
      const schools = await listActorSchools(db, actor);
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
      onError: retryAfter,
    },
    async (request) => {
      const auth = requireAuth(request, { allowIncompleteLogin: true });
      const { user } = auth;
      await changePassword({
        db,
        user,
        sessionId: auth.session.id,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        audit: auditContext(request),
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
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), recoveryCodes: z.array(z.string()) }), ...errors },
      },
    },
    async (request) => {
      const auth = requireAuth(request, { allowIncompleteLogin: true });
      if (auth.user.must_change_password) throw new AppError('FORBIDDEN', 'Hãy đổi mật khẩu trước khi bật xác thực hai lớp.');
      return startTotpSetup({ db, user: auth.user, now: request.now.toISOString() });
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
      await enableTotp({ db, userId: auth.user.id, code: request.body.code, audit: auditContext(request) });
      auth.user.totp_enabled = 1;
      return { next: loginNext(auth), csrfToken: auth.session.csrf_token };
    },
  );

  api.get(
    '/auth/recovery-codes',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Số mã khôi phục chưa dùng của người dùng hiện tại',
        response: { 200: z.object({ totpEnabled: z.boolean(), left: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      return { totpEnabled: user.totp_enabled === 1, left: await countRecoveryCodesLeft(db, user.id) };
    },
  );

  api.post(
    '/auth/recovery-codes',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Tạo lại mã khôi phục (nhập lại mật khẩu; các mã cũ hết hiệu lực)',
        body: z.object({ password: z.string().min(1, 'chưa nhập mật khẩu').max(200) }),
        response: { 200: z.object({ codes: z.array(z.string()) }), ...errors },
      },
      onError: retryAfter,
    },
    async (request) => {
      const { user } = requireAuth(request);
      return { codes: await regenerateRecoveryCodes({ db, user, password: request.body.password, audit: auditContext(request) }) };
    },
  );
}

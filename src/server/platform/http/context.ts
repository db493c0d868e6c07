/**
 * Per-request context: the session, the user and the actor the policies judge, and the audit
 * context (who, role, IP, user agent, request id, time) every write records.
 */
import { sha256Hex } from '../sha256.ts';
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Action, type Decision, type Target, can } from '../../../domain/policies/policy.ts';
import type { Authority } from '../../../domain/policies/delegation.ts';
import { type Actor, primaryRole } from '../../../domain/policies/actor.ts';
import { idempotencyRouteOf } from './idempotency.ts';
import type { AuditContext } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import type { Row } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { loadActor } from './actors.ts';
import { type LoginNext, nextLoginStep } from '../../../domain/policies/login-rules.ts';

export const SESSION_COOKIE = 'sodiem_session';

export interface RequestAuth {
  session: Row<'sessions'>;
  user: Row<'users'>;
  actor: Actor;
  /** Set when an act of this request was allowed only by a delegation; its audit events record it. */
  authority?: Authority;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
    /** The clock of this request (one value for every write it makes). */
    now: Date;
    /** Set when the request wrote an event after which the audit chains are anchored (audit-anchoring.ts). */
    auditAnchor: string | null;
  }
}

export const hashToken = (token: string) => sha256Hex(token);
export const newToken = () => randomBytes(32).toString('base64url');

export interface SessionSettings {
  idleMinutes: number;
}

/** Reads the session cookie; sets request.auth (null when absent, expired or half logged in). */
export async function loadSession(db: Db, request: FastifyRequest, settings: SessionSettings): Promise<void> {
  request.auth = null;
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', hashToken(token)).executeTakeFirst();
  if (!session) return;
  const now = request.now;
  if (session.expires_at <= now.toISOString()) {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute();
    return;
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user || user.disabled) return;
  // Sliding expiry, written at most once a minute.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await db
      .updateTable('sessions')
      .set({
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + settings.idleMinutes * 60_000).toISOString(),
      })
      .where('id', '=', session.id)
      .execute();
  }
  request.auth = { session, user, actor: await loadActor(db, user) };
}

export function loginNext(auth: RequestAuth): LoginNext {
  return nextLoginStep({
    pendingTotp: auth.session.pending_totp === 1,
    mustChangePassword: auth.user.must_change_password === 1,
    totpEnabled: auth.user.totp_enabled === 1,
    roles: auth.actor.grants.map((g) => g.role),
  });
}

/**
 * The fully logged-in actor, or 401. A pending second factor is not a login; a pending
 * password change or TOTP set-up allows only the routes that complete it.
 */
export function requireAuth(request: FastifyRequest, options: { allowIncompleteLogin?: boolean } = {}): RequestAuth {
  const auth = request.auth;
  if (!auth || auth.session.pending_totp) {
    throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Vui lòng đăng nhập lại.');
  }
  const next = loginNext(auth);
  if (next !== 'ready' && !options.allowIncompleteLogin) {
    const message =
      next === 'changePassword'
        ? 'Thầy/cô cần đổi mật khẩu dùng một lần trước khi tiếp tục.'
        : 'Tài khoản Hiệu trưởng và Ban quản trị phải bật xác thực hai lớp (TOTP) trước khi tiếp tục.';
    throw new AppError('FORBIDDEN', message, { next });
  }
  return auth;
}

/** Checks a policy and throws a 403 with its Vietnamese reason. */
export function authorize(auth: RequestAuth, action: Action, target: Target): void {
  requireDecision(auth, can(auth.actor, action, target), action);
}

/**
 * Throws a 403 for a refusal; an act allowed on a delegation's authority marks the request, so
 * every audit event it writes names the principal on whose behalf it was done (issue 22).
 */
export function requireDecision(auth: RequestAuth, decision: Decision, action: string): void {
  if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason, { action });
  if (decision.authority) auth.authority = decision.authority;
}

export function auditContext(request: FastifyRequest): AuditContext {
  return {
    actorUserId: request.auth?.user.id ?? null,
    actorRole: request.auth ? primaryRole(request.auth.actor) : 'anonymous',
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
    requestId: String(request.id),
    now: request.now.toISOString(),
    // Read when the event is written: the action may authorize after the context is made.
    get authority() {
      return request.auth?.authority;
    },
    idempotency: request.idempotencyKey && request.auth ? { key: request.idempotencyKey, userId: request.auth.user.id, route: idempotencyRouteOf(request) } : undefined,
    onAnchoredAction: (action) => {
      request.auditAnchor = action;
    },
  };
}

/** The session cookie; `Secure` when SODIEM_SECURE_COOKIES says so or the request came over HTTPS (TLS, or a trusted proxy's X-Forwarded-Proto). */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure || reply.request.protocol === 'https' });
}

/**
 * Logging in with a password: throttled per IP, temporary lockout per account, every attempt
 * audited. A new session is created on success (never reusing a token), with the second factor
 * still pending when the account has TOTP enabled.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/policies/actor.ts';
import {
  IP_WINDOW_MINUTES,
  type LoginNext,
  MAX_FAILURES_PER_IP,
  isLocked,
  lockoutAfterFailure,
  nextLoginStep,
} from '../../domain/policies/login-rules.ts';
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import { verifyPassword } from './passwords.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { hashToken, newToken } from '../platform/http/context.ts';

export interface LogInOptions {
  db: Db;
  username: string;
  password: string;
  audit: AuditContext;
  idleMinutes: number;
}

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export async function logIn(options: LogInOptions): Promise<{ token: string; csrfToken: string; next: LoginNext }> {
  const { db, audit } = options;
  const now = new Date(audit.now);
  const username = options.username.trim().toLowerCase();
  const since = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000).toISOString();
  const recentFailures = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', audit.ip)
    .where('success', '=', 0)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recentFailures.n) >= MAX_FAILURES_PER_IP) {
    throw new AppError('RATE_LIMITED', `Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau ${IP_WINDOW_MINUTES} phút.`);
  }
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

  const record = (success: boolean) =>
    db
      .insertInto('login_attempts')
      .values({ id: randomUUID(), username, ip: audit.ip, at: audit.now, success: success ? 1 : 0 })
      .execute();

  if (!user || user.disabled) {
    await record(false);
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  if (isLocked(user.locked_until, now)) {
    await record(false);
    const until = new Date(user.locked_until as string);
    throw new AppError(
      'RATE_LIMITED',
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần, đến ${until.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' })}. Liên hệ Ban quản trị nếu cần mở sớm.`,
    );
  }
  const chainKey = user.school_id ? schoolChain(user.school_id) : systemChain;
  const ok = await verifyPassword(user.password_hash, options.password);
  if (!ok) {
    const lock = lockoutAfterFailure(user.failed_logins, now);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ failed_logins: lock.failedLogins, locked_until: lock.lockedUntil })
        .where('id', '=', user.id)
        .execute();
      await tx
        .insertInto('login_attempts')
        .values({ id: randomUUID(), username, ip: audit.ip, at: audit.now, success: 0 })
        .execute();
      await writeAudit(tx, { ...audit, actorUserId: user.id, actorRole: 'anonymous' }, {
        chainKey,
        schoolId: user.school_id,
        action: lock.lockedUntil ? 'login.locked' : 'login.failed',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: { failedLogins: lock.failedLogins, lockedUntil: lock.lockedUntil },
        source: 'login',
      });
    });
    throw new AppError('UNAUTHENTICATED', WRONG);
  }

  const token = newToken();
  const csrfToken = newToken();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: audit.now })
      .where('id', '=', user.id)
      .execute();
    await tx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: user.id,
        csrf_token: csrfToken,
        pending_totp: user.totp_enabled,
        created_at: audit.now,
        last_seen_at: audit.now,
        expires_at: new Date(now.getTime() + options.idleMinutes * 60_000).toISOString(),
        ip: audit.ip,
        user_agent: audit.userAgent.slice(0, 300),
      })
      .execute();
    await tx
      .insertInto('login_attempts')
      .values({ id: randomUUID(), username, ip: audit.ip, at: audit.now, success: 1 })
      .execute();
    await writeAudit(tx, { ...audit, actorUserId: user.id }, {
      chainKey,
      schoolId: user.school_id,
      action: user.totp_enabled ? 'login.password_ok' : 'login.succeeded',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: null,
      source: 'login',
    });
  });
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  const next = nextLoginStep({
    pendingTotp: user.totp_enabled === 1,
    mustChangePassword: user.must_change_password === 1,
    totpEnabled: user.totp_enabled === 1,
    roles: roles.map((r) => r.role as Role),
  });
  return { token, csrfToken, next };
}

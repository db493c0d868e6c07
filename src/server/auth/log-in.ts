/**
 * Logging in with a password. Every failure answers the same, whether the name exists or not:
 * an unknown name is checked against a dummy hash, so it takes as long as a known one, and the
 * throttle (login-throttle.ts) counts names whether they exist or not. A new session is created
 * on success (never reusing a token), with the second factor still pending when the account has
 * TOTP enabled; every attempt is recorded, and audited when the account exists.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/policies/actor.ts';
import { IP_WINDOW_MINUTES, type LoginNext, MAX_FAILURES_PER_IP, nextLoginStep } from '../../domain/policies/login-rules.ts';
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { hashToken, newToken } from '../platform/http/context.ts';
import { findKnownDevice, rememberDevice } from './known-devices.ts';
import { claimAttempt, clearCounters, passwordCounters, passwordFailureEntry, passwordThrottled } from './login-throttle.ts';
import { verifyPasswordOrDummy } from './passwords.ts';

export interface LogInOptions {
  db: Db;
  username: string;
  password: string;
  /** The browser's known-device token, if it sent one. */
  deviceToken: string | null;
  audit: AuditContext;
  idleMinutes: number;
}

export interface LogInResult {
  token: string;
  csrfToken: string;
  next: LoginNext;
  /** The known-device token to set, once the login is complete (no second factor due). */
  deviceToken: string | null;
}

const WRONG_PASSWORD = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export async function logIn(options: LogInOptions): Promise<LogInResult> {
  const { db, audit } = options;
  const now = new Date(audit.now);
  const username = options.username.trim().toLowerCase();
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const deviceId = user ? await findKnownDevice(db, user.id, options.deviceToken, now) : null;
  if (!deviceId) await refuseBusyAddress(db, audit.ip, now);
  const counters = passwordCounters(username, audit.ip, deviceId);
  const claim = await claimAttempt(db, counters, now);
  if (!claim.ok) {
    await recordAttempt(db, username, audit, false);
    throw passwordThrottled(claim.retryAfterSeconds);
  }

  const active = user && !user.disabled ? user : null;
  const ok = await verifyPasswordOrDummy(active?.password_hash ?? null, options.password);
  if (!active || !ok) {
    await db.transaction().execute(async (tx) => {
      await recordAttempt(tx, username, audit, false);
      if (!user) return;
      await writeAudit(tx, { ...audit, actorUserId: user.id, actorRole: 'anonymous' }, passwordFailureEntry(user, claim));
    });
    throw new AppError('UNAUTHENTICATED', WRONG_PASSWORD);
  }

  const token = newToken();
  const csrfToken = newToken();
  const deviceToken = await db.transaction().execute(async (tx) => {
    await clearCounters(tx, counters);
    await tx.updateTable('users').set({ last_login_at: audit.now }).where('id', '=', active.id).execute();
    await tx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: active.id,
        csrf_token: csrfToken,
        pending_totp: active.totp_enabled,
        created_at: audit.now,
        last_seen_at: audit.now,
        expires_at: new Date(now.getTime() + options.idleMinutes * 60_000).toISOString(),
        ip: audit.ip,
        user_agent: audit.userAgent.slice(0, 300),
      })
      .execute();
    await recordAttempt(tx, username, audit, true);
    await writeAudit(tx, { ...audit, actorUserId: active.id }, {
      chainKey: active.school_id ? schoolChain(active.school_id) : systemChain,
      schoolId: active.school_id,
      action: active.totp_enabled ? 'login.password_ok' : 'login.succeeded',
      entityType: 'user',
      entityId: active.id,
      before: null,
      after: null,
      source: 'login',
    });
    // A browser becomes known once the whole login is done: here, or after the second factor.
    return active.totp_enabled ? null : rememberDevice(tx, active.id, options.deviceToken, now);
  });
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', active.id).execute();
  const next = nextLoginStep({
    pendingTotp: active.totp_enabled === 1,
    mustChangePassword: active.must_change_password === 1,
    totpEnabled: active.totp_enabled === 1,
    roles: roles.map((r) => r.role as Role),
  });
  return { token, csrfToken, next, deviceToken };
}

/** 30 failures in 15 minutes from one address stop its password attempts (a known device is not asked). */
async function refuseBusyAddress(db: Executor, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000).toISOString();
  const recent = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_FAILURES_PER_IP) throw passwordThrottled(IP_WINDOW_MINUTES * 60);
}

function recordAttempt(db: Executor, username: string, audit: AuditContext, success: boolean) {
  return db.insertInto('login_attempts').values({ id: randomUUID(), username, ip: audit.ip, at: audit.now, success: success ? 1 : 0 }).execute();
}

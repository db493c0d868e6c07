/**
 * The second step of a login, by TOTP code or by recovery code alike: throttled per account (or
 * per known device, login-throttle.ts); a right code completes the session and makes the browser
 * a known device; a wrong one ends the session (the user logs in again from the password).
 * Either way the attempt is audited in the same transaction.
 */
import { type AuditContext, type AuditEntry, schoolChain, systemChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { findKnownDevice, rememberDevice } from './known-devices.ts';
import { type Counter, claimAttempt, clearCounters, secondFactorCounters, secondFactorThrottled } from './login-throttle.ts';

export interface SecondFactorOptions {
  db: Db;
  user: Row<'users'>;
  /** The half-open session (password given, code due). */
  sessionId: string;
  /** The browser's known-device token, if it sent one. */
  deviceToken: string | null;
  audit: AuditContext;
}

type Failure = 'login.totp_failed' | 'login.totp_replayed' | 'login.recovery_code_failed';

/**
 * Runs one second-factor attempt: claims it on the throttle (429 while it must wait), then lets
 * `check` decide in a transaction: a list of extra audit entries when the code is right (it
 * consumed the code there), or the failure's audit action. Returns the known-device token to set.
 */
export async function attemptSecondFactor(
  options: SecondFactorOptions,
  check: (tx: Tx) => Promise<{ ok: true; entries: AuditEntry[] } | { ok: false; failure: Failure }>,
): Promise<string> {
  const { db, user, sessionId, audit } = options;
  const now = new Date(audit.now);
  const counters: Counter[] = secondFactorCounters(user.id, await findKnownDevice(db, user.id, options.deviceToken, now));
  const claim = await claimAttempt(db, counters, now);
  if (!claim.ok) throw secondFactorThrottled(claim.retryAfterSeconds);

  const chainKey = user.school_id ? schoolChain(user.school_id) : systemChain;
  const about = { chainKey, schoolId: user.school_id, entityType: 'user' as const, entityId: user.id, source: 'login' };
  const deviceToken = await db.transaction().execute(async (tx) => {
    const outcome = await check(tx);
    if (outcome.ok) {
      await clearCounters(tx, counters);
      await tx.updateTable('sessions').set({ pending_totp: 0 }).where('id', '=', sessionId).execute();
      await writeAudits(tx, audit, [...outcome.entries, { ...about, action: 'login.succeeded', before: null, after: null }]);
      return rememberDevice(tx, user.id, options.deviceToken, now);
    }
    await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    const entries: AuditEntry[] = [{ ...about, action: outcome.failure, before: null, after: null }];
    if (claim.retryAt) entries.push({ ...about, action: 'login.totp_throttled', before: null, after: { failedLogins: claim.failures, lockedUntil: claim.retryAt } });
    await writeAudits(tx, audit, entries);
    return null;
  });
  if (deviceToken === null) throw new AppError('UNAUTHENTICATED', 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng đăng nhập lại.');
  return deviceToken;
}

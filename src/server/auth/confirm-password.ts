/**
 * Typing one's password again inside a session (to change it, or for new recovery codes) is a
 * password check like a login: throttled on the same counters (login-throttle.ts), each failure
 * audited as a failed login, a success clearing the counters. No way around the login's brakes.
 */
import { type AuditContext, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { type Counter, claimAttempt, clearCounters, passwordCounters, passwordFailureEntry, passwordThrottled } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';

export interface ConfirmedPassword {
  /** Clears the counters the check claimed: call it in the transaction that does the work. */
  clear(tx: Executor): Promise<void>;
}

/** Checks `password` against the user's; throws (429 while throttled, 400 naming `field` when wrong). */
export async function confirmPassword(db: Db, user: Row<'users'>, password: string, field: string, audit: AuditContext): Promise<ConfirmedPassword> {
  const counters: Counter[] = passwordCounters(user.username, audit.ip, null);
  const claim = await claimAttempt(db, counters, new Date(audit.now));
  if (!claim.ok) throw passwordThrottled(claim.retryAfterSeconds);
  if (!(await verifyPassword(user.password_hash, password))) {
    await db.transaction().execute((tx) => writeAudit(tx, audit, passwordFailureEntry(user, claim)));
    const message = field === 'currentPassword' ? 'Mật khẩu hiện tại không đúng.' : 'Mật khẩu không đúng.';
    throw new AppError('VALIDATION', message, { errors: [{ field, message }] });
  }
  return { clear: (tx) => clearCounters(tx, counters) };
}

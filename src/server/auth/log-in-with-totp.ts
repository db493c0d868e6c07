/**
 * The second step of logging in: the TOTP code. A right code completes the session; a wrong one
 * ends it (the user logs in again from the password). Either way the attempt is audited in the
 * same transaction.
 */
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { totpMatches } from './totp.ts';

export interface LogInWithTotpOptions {
  db: Db;
  user: Row<'users'>;
  /** The user's TOTP secret (the route checked there is one). */
  secret: string;
  sessionId: string;
  code: string;
  audit: AuditContext;
}

export async function logInWithTotp({ db, user, secret, sessionId, code, audit }: LogInWithTotpOptions): Promise<void> {
  const ok = totpMatches(secret, code, new Date(audit.now));
  await db.transaction().execute(async (tx) => {
    if (ok) await tx.updateTable('sessions').set({ pending_totp: 0 }).where('id', '=', sessionId).execute();
    else await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await writeAudit(tx, audit, {
      chainKey: user.school_id ? schoolChain(user.school_id) : systemChain,
      schoolId: user.school_id,
      action: ok ? 'login.succeeded' : 'login.totp_failed',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: null,
      source: 'login',
    });
  });
  if (!ok) throw new AppError('UNAUTHENTICATED', 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng đăng nhập lại.');
}

/**
 * Releasing a lock (mở sổ, C1) with a reason: by the principal herself, or on her confirmation
 * of the admin board's request (decide-lock-request.ts); audited in the same transaction. A lock
 * is released once: of two releases at the same instant, one is refused.
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';

export interface ReleaseLockOptions {
  db: Db;
  lock: Row<'locks'>;
  reason: string;
  /** A recorded order the release carries out; '' when none. */
  orderedBy: string;
  releasedBy: string;
  audit: AuditContext;
}

/** The admin board's request the release carries out, once confirmed. */
export interface ConfirmedRequest {
  requestId: string;
  requestedBy: string;
}

const alreadyReleased = () => new AppError('INVALID_STATE', 'Lệnh khóa này đã được gỡ.');

export async function releaseLock({ db, lock, reason, orderedBy, releasedBy, audit }: ReleaseLockOptions): Promise<void> {
  if (lock.released_at) throw alreadyReleased();
  const releaseReason = orderedBy ? `${reason} (theo lệnh: ${orderedBy})` : reason;
  await db.transaction().execute((tx) => releaseLockInTransaction(tx, { lock, reason: releaseReason, releasedBy, audit }));
}

/** The release and its audit event, in the caller's transaction. */
export async function releaseLockInTransaction(
  tx: Tx,
  { lock, reason, releasedBy, audit, request }: { lock: Row<'locks'>; reason: string; releasedBy: string; audit: AuditContext; request?: ConfirmedRequest },
): Promise<void> {
  const res = await tx
    .updateTable('locks')
    .set({ released_at: audit.now, released_by: releasedBy, release_reason: reason })
    .where('id', '=', lock.id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw alreadyReleased();
  await writeAudit(tx, audit, {
    chainKey: schoolChain(lock.school_id),
    schoolId: lock.school_id,
    action: 'lock.released',
    entityType: 'lock',
    entityId: lock.id,
    before: lock,
    after: { releasedAt: audit.now, releasedBy, ...request },
    reason,
  });
}

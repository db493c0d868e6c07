/**
 * The admin board asks for a lock release or a window change (issue 14 §3): nothing opens yet.
 * The request (who, what, why, when) and its audit event are saved in one transaction, and the
 * principal and her delegated vice-principal are notified in the app; the change happens only
 * when one of them confirms it (decide-lock-request.ts). One request waits per lock and per window.
 */
import { randomUUID } from 'node:crypto';
import type { WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { notify, usersWithRole } from '../platform/notify.ts';
import { loadConfirmDelegate, loadLockScopeLabel, windowChangeSummary } from './locks-queries.ts';

export type LockChange =
  | { kind: 'release'; lock: Row<'locks'> }
  | { kind: 'window'; year: Pick<Row<'school_years'>, 'id' | 'school_id'>; point: WindowPoint; opensOn: string; closesOn: string };

export interface FileLockRequestOptions {
  db: Db;
  change: LockChange;
  reason: string;
  requestedBy: string;
  audit: AuditContext;
}

const alreadyWaiting = () => new AppError('INVALID_STATE', 'Đã có một yêu cầu cho việc này đang chờ Hiệu trưởng xác nhận.');

/** Returns the new request's id. */
export async function fileLockRequest({ db, change, reason, requestedBy, audit }: FileLockRequestOptions): Promise<string> {
  const schoolId = change.kind === 'release' ? change.lock.school_id : change.year.school_id;
  const yearId = change.kind === 'release' ? change.lock.school_year_id : change.year.id;
  if (change.kind === 'release' && change.lock.released_at) throw new AppError('INVALID_STATE', 'Lệnh khóa này đã được gỡ.');
  const window =
    change.kind === 'window'
      ? await db.selectFrom('assessment_windows').selectAll().where('school_year_id', '=', yearId).where('point', '=', change.point).executeTakeFirst()
      : undefined;
  const summary =
    change.kind === 'release' ? `Mở sổ ${await loadLockScopeLabel(db, change.lock)}` : windowChangeSummary(change.point, change.opensOn, change.closesOn, window ?? null);
  const row = {
    id: randomUUID(),
    school_id: schoolId,
    school_year_id: yearId,
    kind: change.kind,
    lock_id: change.kind === 'release' ? change.lock.id : null,
    point: change.kind === 'window' ? change.point : null,
    opens_on: change.kind === 'window' ? change.opensOn : null,
    closes_on: change.kind === 'window' ? change.closesOn : null,
    window_version: change.kind === 'window' ? Number(window?.version ?? 0) : null,
    summary,
    reason,
    requested_by: requestedBy,
    requested_at: audit.now,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    decision_reason: '',
  };
  await db.transaction().execute(async (tx) => {
    let waiting = tx.selectFrom('lock_requests').select('id').where('status', '=', 'pending');
    waiting = change.kind === 'release' ? waiting.where('lock_id', '=', change.lock.id) : waiting.where('school_year_id', '=', yearId).where('point', '=', change.point);
    if (await waiting.executeTakeFirst()) throw alreadyWaiting();
    await tx.insertInto('lock_requests').values(row).execute();
    await writeAudit(tx, audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: 'lockRequest.filed',
      entityType: 'lock_request',
      entityId: row.id,
      before: null,
      after: { kind: change.kind, status: 'pending', lockId: row.lock_id, point: row.point, opensOn: row.opens_on, closesOn: row.closes_on, summary, requestedBy },
      reason,
    });
    const requester = await tx.selectFrom('users').select('full_name').where('id', '=', requestedBy).executeTakeFirstOrThrow();
    const delegate = await loadConfirmDelegate(tx, schoolId);
    await notify(tx, {
      schoolId,
      userIds: [...(await usersWithRole(tx, schoolId, ['principal'])), ...(delegate ? [delegate.userId] : [])].filter((id) => id !== requestedBy),
      kind: 'lockRequest.filed',
      title: `Chờ xác nhận: ${summary}`,
      body: `${requester.full_name} đề nghị. Lý do: ${reason}`,
      link: `/lock-requests/${row.id}`,
      now: audit.now,
    });
  });
  return row.id;
}

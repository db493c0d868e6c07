/**
 * The principal names the vice-principal who confirms unlock requests in her place and decides
 * the corrections she files herself (phó hiệu trưởng được ủy quyền xác nhận, issue 14 §3), or
 * names nobody; saved with its audit event in the same transaction.
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { listConfirmDelegateCandidates } from './locks-queries.ts';

export interface SetConfirmDelegateOptions {
  db: Db;
  schoolId: string;
  /** A vice-principal of the school with an open account, or null for nobody. */
  userId: string | null;
  audit: AuditContext;
}

export async function setConfirmDelegate({ db, schoolId, userId, audit }: SetConfirmDelegateOptions): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const school = await tx.selectFrom('schools').select('confirm_delegate_user_id').where('id', '=', schoolId).executeTakeFirst();
    if (!school) throw notFound('trường');
    if (userId && !(await listConfirmDelegateCandidates(tx, schoolId)).some((c) => c.userId === userId)) {
      const message = 'Chỉ ủy quyền được cho một phó hiệu trưởng của trường (tài khoản đang mở).';
      throw invalid(message, [{ field: 'userId', message }]);
    }
    await tx.updateTable('schools').set({ confirm_delegate_user_id: userId }).where('id', '=', schoolId).execute();
    await writeAudit(tx, audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: 'settings.delegateChanged',
      entityType: 'school',
      entityId: schoolId,
      before: { delegateUserId: school.confirm_delegate_user_id },
      after: { delegateUserId: userId },
    });
  });
}

/**
 * The principal revokes a delegation (issue 22): from then on the vice-principal no longer acts
 * on it. Conditional on the version the principal saw; audited in the same transaction, she is told.
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { notify } from '../platform/notify.ts';

export interface RevokeDelegationOptions {
  db: Db;
  delegation: Row<'delegations'>;
  expectedVersion: number;
  revokedBy: string;
  audit: AuditContext;
}

export async function revokeDelegation({ db, delegation: d, expectedVersion, revokedBy, audit }: RevokeDelegationOptions): Promise<void> {
  if (d.revoked_at) throw new AppError('INVALID_STATE', 'Ủy quyền này đã được thu hồi.');
  const version = expectedVersion + 1;
  await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('delegations')
      .set({ revoked_by: revokedBy, revoked_at: audit.now, version })
      .where('id', '=', d.id)
      .where('version', '=', expectedVersion)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Ủy quyền vừa được thay đổi ở nơi khác. Hãy tải lại trang.');
    await writeAudit(tx, audit, {
      chainKey: schoolChain(d.school_id),
      schoolId: d.school_id,
      action: 'delegation.revoked',
      entityType: 'delegation',
      entityId: d.id,
      before: { schoolYearId: d.school_year_id, delegateUserId: d.delegate_user_id, powers: JSON.parse(d.powers_json) as string[], scope: d.scope, grantedBy: d.granted_by, grantedAt: d.granted_at, version: Number(d.version) },
      after: { revokedBy, revokedAt: audit.now, version },
    });
    await notify(tx, { schoolId: d.school_id, userIds: [d.delegate_user_id], kind: 'delegation.revoked', title: 'Hiệu trưởng đã thu hồi một ủy quyền của thầy/cô', link: '/uy-quyen', now: audit.now });
  });
}

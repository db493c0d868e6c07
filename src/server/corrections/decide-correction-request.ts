/**
 * The principal approves or rejects a correction request (C2), with a reason — or, for one she
 * filed herself, the vice-principal she delegates; nobody decides their own request (issue 14
 * §3). On approval the change is applied by the admin board — or at once, if the school chose
 * that. The requester and the homeroom teacher are notified.
 */
import { SELF_DECISION } from '../../domain/policies/four-eyes.ts';
import { type AuditContext, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, forbidden, invalid } from '../platform/errors.ts';
import { homeroomUsers, notify, usersWithRole } from '../platform/notify.ts';
import { parseSchoolSettings } from '../../shared/school-settings.ts';
import { applyCorrectionRequest } from './apply-correction-request.ts';
import { correctionChain } from './correction-queries.ts';

export interface DecideCorrectionRequestOptions {
  db: Db;
  request: Row<'correction_requests'>;
  decision: 'approve' | 'reject';
  reason: string;
  version: number;
  deciderId: string;
  audit: AuditContext;
}

export async function decideCorrectionRequest(options: DecideCorrectionRequestOptions): Promise<void> {
  const { db, request, decision, audit } = options;
  if (options.deciderId === request.requested_by) throw forbidden(SELF_DECISION.correction);
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', 'Giấy đề nghị này đã được xử lý.');
  if (options.version !== Number(request.version)) throw new AppError('CONFLICT', 'Giấy đề nghị vừa thay đổi. Hãy tải lại trang.');
  if (decision === 'reject' && !options.reason) throw invalid('Từ chối cần ghi lý do.', [{ field: 'reason', message: 'cần ghi lý do' }]);
  const status = decision === 'approve' ? 'approved' : 'rejected';
  await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('correction_requests')
      .set({ status, decided_by: options.deciderId, decided_at: audit.now, decision_reason: options.reason, version: Number(request.version) + 1 })
      .where('id', '=', request.id)
      .where('version', '=', request.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Giấy đề nghị vừa thay đổi. Hãy tải lại trang.');
    await writeAudit(tx, audit, {
      chainKey: correctionChain(request),
      schoolId: request.school_id,
      action: decision === 'approve' ? 'correction.approved' : 'correction.rejected',
      entityType: 'correction_request',
      entityId: request.id,
      before: { status: request.status },
      after: { status },
      reason: options.reason,
      source: 'correction',
    });
    const admins = decision === 'approve' ? await usersWithRole(tx, request.school_id, ['admin']) : [];
    await notify(tx, {
      schoolId: request.school_id,
      userIds: [request.requested_by, ...(await homeroomUsers(tx, request.class_id)), ...admins],
      kind: `correction.${status}`,
      title: `Giấy đề nghị số ${request.number} đã được ${decision === 'approve' ? 'duyệt' : 'từ chối'}`,
      body: options.reason,
      link: `/corrections/${request.id}`,
      now: audit.now,
    });
  });
  if (decision === 'approve') {
    const school = await db.selectFrom('schools').select('settings_json').where('id', '=', request.school_id).executeTakeFirstOrThrow();
    if (parseSchoolSettings(school.settings_json).correctionApply === 'onApproval') {
      const fresh = await db.selectFrom('correction_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
      await applyCorrectionRequest({ db, request: fresh, applierId: options.deciderId, audit });
    }
  }
}

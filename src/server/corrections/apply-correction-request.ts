/**
 * Applying an approved correction (C2): the admin board (or the system on approval) writes the
 * new values through the same cell-saving path, which passes locks only for an approved request,
 * checks that every cell still holds the value recorded in the request, and audits each change
 * with the request id. A request for another record (issue 22) goes through that record's own
 * action the same way (apply-record-changes.ts).
 */
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { type StoredCorrectionCell, correctionChain } from './correction-queries.ts';
import { applyRecordChanges } from './apply-record-changes.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { formatTenths } from '../../domain/assessment/tenths.ts';
import { saveCellsInTransaction } from '../gradebook/index.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';

/** The new value as the teacher would type it, for the shared parser. */
function asInput(v: { scoreTenths: number | null; text: string | null }, columnKey: string): string {
  if (v.scoreTenths !== null) return columnKey.startsWith('KT_') ? String(v.scoreTenths / 10) : formatTenths(v.scoreTenths, ',');
  return v.text ?? '';
}

/** Writes a score request's cells, term by term; returns how many. */
async function applyScores(tx: Tx, request: Row<'correction_requests'>, audit: AuditContext): Promise<number> {
  const cells = JSON.parse(request.cells_json) as StoredCorrectionCell[];
  const byTerm = new Map<number, StoredCorrectionCell[]>();
  for (const c of cells) byTerm.set(c.termNo, [...(byTerm.get(c.termNo) ?? []), c]);
  for (const [termNo, list] of byTerm) {
    await saveCellsInTransaction(tx, {
      classId: request.class_id,
      subjectId: request.subject_id!,
      termNo: termNo as 1 | 2,
      input: {
        changes: list.map((c) => ({ studentId: c.studentId, columnKey: c.columnKey, value: asInput(c.new, c.columnKey), baseVersion: c.old.version })),
        source: 'typed',
        reason: `Giấy đề nghị số ${request.number}: ${request.reason}`,
      },
      audit,
      correction: { requestId: request.id },
      source: 'correction',
    });
  }
  return cells.length;
}

export interface ApplyCorrectionRequestOptions {
  db: Db;
  request: Row<'correction_requests'>;
  applierId: string;
  audit: AuditContext;
}

export async function applyCorrectionRequest(options: ApplyCorrectionRequestOptions): Promise<void> {
  const { db, request, audit } = options;
  if (request.status !== 'approved') throw new AppError('INVALID_STATE', request.status === 'applied' ? 'Giấy đề nghị này đã được cập nhật.' : 'Chỉ cập nhật được giấy đề nghị đã được Hiệu trưởng duyệt.');
  try {
    await db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('correction_requests')
        .set({ status: 'applied', applied_by: options.applierId, applied_at: audit.now, version: Number(request.version) + 1 })
        .where('id', '=', request.id)
        .where('version', '=', request.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('INVALID_STATE', 'Giấy đề nghị vừa được xử lý ở nơi khác. Hãy tải lại trang.');
      const changed = request.kind === 'scores' ? await applyScores(tx, request, audit) : await applyRecordChanges(tx, { request, applierId: options.applierId, audit });
      await writeAudit(tx, audit, {
        chainKey: correctionChain(request),
        schoolId: request.school_id,
        action: 'correction.applied',
        entityType: 'correction_request',
        entityId: request.id,
        before: { status: 'approved' },
        after: { status: 'applied', cells: changed },
        source: 'correction',
      });
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') {
      const what = request.kind === 'scores' ? 'điểm' : 'thông tin';
      throw new AppError('CONFLICT', `Không cập nhật được giấy đề nghị số ${request.number}: ${what} đã thay đổi sau khi lập giấy. Giáo viên cần lập giấy mới.`);
    }
    throw e;
  }
}

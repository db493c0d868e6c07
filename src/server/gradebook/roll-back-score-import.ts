/**
 * Rolling back a whole score import in one step, while nothing later depends on it: every cell
 * must still be at the version the import left (else 409 naming the cells changed since), and
 * every cell goes back to its value before the import through `saveCellsInTransaction` — so
 * locks, closed windows and the edit deadline set after the import refuse the roll-back (423)
 * like any other write; then only a correction request can change those cells.
 */
import type { ScoreImport } from '../../shared/gradebook-excel.ts';
import { type AuditContext, gradebookChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { RequestAuth } from '../platform/http/context.ts';
import { cellInputText } from './score-excel/score-workbook.ts';
import { saveCellsInTransaction } from './save-cells.ts';
import { authorizeImportActor, changedSince, describeCells, getScoreImportOr404, importCells, importReason, presentScoreImport } from './import-scores.ts';

export interface RollBackScoreImportOptions {
  db: Db;
  auth: RequestAuth;
  importId: string;
  audit: AuditContext;
}

export async function rollBackScoreImport(o: RollBackScoreImportOptions): Promise<ScoreImport> {
  const { db, audit } = o;
  const imp = await getScoreImportOr404(db, o.importId);
  authorizeImportActor(o.auth, imp, 'hoàn tác');
  if (imp.status === 'previewed') throw new AppError('INVALID_STATE', 'Lần nhập này chưa được áp dụng nên không có gì để hoàn tác.');
  if (imp.status === 'rolledBack') throw new AppError('INVALID_STATE', 'Lần nhập này đã được hoàn tác.');
  const cells = importCells(imp);
  const reason = importReason(imp, 'Hoàn tác lần nhập tệp Excel');
  try {
    await db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable('score_imports')
        .set({ status: 'rolledBack', rolled_back_by: o.auth.user.id, rolled_back_at: audit.now, version: Number(imp.version) + 1 })
        .where('id', '=', imp.id)
        .where('version', '=', imp.version)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('INVALID_STATE', 'Lần nhập này vừa được xử lý ở nơi khác. Hãy tải lại trang.');

      const conflicts = await changedSince(tx, imp, cells, (c) => c.after.version ?? -1);
      if (conflicts.length) {
        throw new AppError(
          'CONFLICT',
          `Không hoàn tác được: ${conflicts.length} ô đã được sửa sau lần nhập này — ${describeCells(conflicts)}. Hoàn tác sẽ xóa mất các thay đổi đó; hãy sửa từng ô trong sổ điểm nếu cần.`,
          { conflicts },
        );
      }
      await saveCellsInTransaction(tx, {
        classId: imp.class_id,
        subjectId: imp.subject_id,
        termNo: Number(imp.term_no) as 1 | 2,
        input: {
          changes: cells.map((c) => ({ studentId: c.studentId, columnKey: c.columnKey, value: cellInputText(c.kind, c.before), baseVersion: c.after.version! })),
          source: 'typed',
          reason,
        },
        audit,
        source: 'imported',
      });
      await writeAudit(tx, audit, {
        chainKey: gradebookChain(imp.class_id, imp.subject_id),
        schoolId: imp.school_id,
        action: 'scoreImport.rolledBack',
        entityType: 'score_import',
        entityId: imp.id,
        before: { status: 'applied' },
        after: { status: 'rolledBack', fileName: imp.file_name, sha256: imp.file_sha256, termNo: Number(imp.term_no), cells: cells.length },
        reason,
        source: 'imported',
      });
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'LOCKED') {
      throw new AppError('LOCKED', `Không hoàn tác được lần nhập tệp "${imp.file_name}": sổ đã bị khóa (hoặc hết đợt, hết hạn sửa) sau lần nhập. ${e.message}`, e.details);
    }
    throw e;
  }
  return presentScoreImport(db, await getScoreImportOr404(db, imp.id));
}

/**
 * Importing scores from an Excel score sheet (G1, C1, C3), in two steps:
 *
 * 1. Preview: the file is parsed against the sheet (every bad row and column reported, nothing
 *    stored then), kept under DATA_DIR/files/imports/<school>/<sha256>.xlsx, and its diff — each
 *    cell's value and version now, the value the file brings, and whether a lock, a closed
 *    window or the edit deadline refuses it — is recorded as a `score_imports` row. Nothing in
 *    the grade book changes.
 * 2. Apply: the teacher confirms the SHA-256 she saw. In ONE transaction every cell must still be
 *    at the version the preview read (else 409 naming the cells), then the whole diff goes
 *    through `saveCellsInTransaction` with source "imported" and a reason carrying the file name
 *    and SHA-256 (so each cell's audit event keeps them); any lock refuses all of it (423).
 *
 * Roll-back is in roll-back-score-import.ts.
 */
import { sha256Hex } from '../platform/sha256.ts';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { hasRole } from '../../domain/policies/actor.ts';
import type { ColumnKind } from '../../domain/gradebook/gradebook-columns.ts';
import { findEditBlock } from '../../domain/gradebook/find-edit-block.ts';
import { type CellValue, isEmptyCell, sameCellValue } from '../../domain/gradebook/parse-cell-input.ts';
import { displayCell } from '../../domain/gradebook/row-average.ts';
import type { ScoreImport, ScoreImportPreview, ScoreImportStatus } from '../../shared/gradebook-excel.ts';
import { type AuditContext, gradebookChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Executor, Tx } from '../platform/db/database.ts';
import { loadBlockContext, loadCells, loadSheetContext } from './gradebook-queries.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { authorize, type RequestAuth } from '../platform/http/context.ts';
import { cellInputText, parseScoreWorkbook, type ScoreWorkbookSheet } from './score-excel/score-workbook.ts';
import { loadSheet } from './sheet-queries.ts';
import { saveCellsInTransaction } from './save-cells.ts';

export const MAX_SCORE_FILE_BYTES = 10 * 1024 * 1024;

/** One cell of an import, as stored in score_imports.changes_json. */
export interface StoredImportCell {
  studentId: string;
  columnKey: string;
  row: number;
  studentName: string;
  listNumber: number;
  columnLabel: string;
  kind: ColumnKind;
  before: CellValue & { version: number };
  /** version null until applied. */
  after: CellValue & { version: number | null };
  blockedBy?: string;
}

/** The sheet with what the workbook's title and matching need beyond the grade book itself. */
export async function loadScoreWorkbookSheet(
  db: Db,
  auth: RequestAuth | null,
  p: { classId: string; subjectId: string; termNo: 1 | 2; now: string },
): Promise<ScoreWorkbookSheet & Awaited<ReturnType<typeof loadSheet>>> {
  const sheet = await loadSheet(db, auth, p);
  const { cls } = await loadSheetContext(db, p.classId, p.subjectId);
  const school = await db.selectFrom('schools').select('name').where('id', '=', cls.school_id).executeTakeFirstOrThrow();
  const year = await db.selectFrom('school_years').select('name').where('id', '=', cls.school_year_id).executeTakeFirstOrThrow();
  const ids = sheet.rows.map((r) => r.studentId);
  const codes = ids.length
    ? new Map((await db.selectFrom('students').select(['id', 'student_code']).where('id', 'in', ids).execute()).map((s) => [s.id, s.student_code]))
    : new Map<string, string | null>();
  return {
    ...sheet,
    schoolName: school.name,
    schoolYearName: year.name,
    rows: sheet.rows.map((r) => ({ ...r, studentCode: codes.get(r.studentId) ?? null })),
  };
}

/** A file name safe to store and show: no path, no control characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return base.replace(/[\u0000-\u001f"]/g, '_').normalize('NFC').slice(0, 200) || 'bang-diem.xlsx';
}

export interface PreviewScoreImportOptions {
  db: Db;
  dataDir: string;
  auth: RequestAuth;
  classId: string;
  subjectId: string;
  termNo: 1 | 2;
  fileName: string;
  buffer: Buffer;
  audit: AuditContext;
}

export async function previewScoreImport(o: PreviewScoreImportOptions): Promise<ScoreImportPreview> {
  const { db, classId, subjectId, termNo, audit } = o;
  const fileName = cleanFileName(o.fileName);
  const { cls, settings } = await loadSheetContext(db, classId, subjectId);
  authorize(o.auth, 'gradebook.edit', { schoolId: cls.school_id, classIds: [classId], subjectId });
  if (o.buffer.length > MAX_SCORE_FILE_BYTES) throw invalid(`Tệp "${fileName}" lớn quá 10 MB.`, [{ row: 0, field: 'tệp', message: 'quá 10 MB' }]);

  const sheet = await loadScoreWorkbookSheet(db, o.auth, { classId, subjectId, termNo, now: audit.now });
  const parsed = await parseScoreWorkbook(o.buffer, sheet);
  if (!parsed.ok) {
    const fileLevel = parsed.errors.length === 1 && parsed.errors[0].row === 0;
    throw invalid(
      fileLevel
        ? `Không đọc được tệp "${fileName}": ${parsed.errors[0].message}`
        : `Tệp "${fileName}" có ${parsed.errors.length} lỗi; chưa nhập ô nào. Sửa các dòng được nêu rồi tải lên lại.`,
      parsed.errors,
    );
  }

  // The diff against what the grade book holds now, with what would refuse each cell today.
  const rows = new Map(sheet.rows.map((r) => [r.studentId, r]));
  const columns = new Map(sheet.columns.map((c) => [c.key, c]));
  const blockContext = await loadBlockContext(db, cls.school_year_id, settings.editDeadlineDays);
  const today = vietnamDay(audit.now);
  const cells: StoredImportCell[] = [];
  let unchanged = 0;
  for (const change of parsed.changes) {
    const student = rows.get(change.studentId)!;
    const column = columns.get(change.columnKey)!;
    const current = student.cells[change.columnKey];
    const before = { scoreTenths: current?.scoreTenths ?? null, text: current?.text ?? null, version: current?.version ?? 0 };
    if (sameCellValue(before, change.cell)) {
      unchanged += 1;
      continue;
    }
    const block = findEditBlock(
      { grade: Number(cls.grade), classId, subjectId, termNo, columnKey: column.key, point: column.point },
      { ...blockContext, today, isReEntry: !isEmptyCell(before) },
    );
    cells.push({
      studentId: student.studentId,
      columnKey: column.key,
      row: change.row,
      studentName: student.fullName,
      listNumber: student.listNumber,
      columnLabel: column.label,
      kind: column.kind,
      before,
      after: { ...change.cell, version: null },
      ...(block && { blockedBy: block.message }),
    });
  }
  cells.sort((a, b) => a.listNumber - b.listNumber || sheet.columns.findIndex((c) => c.key === a.columnKey) - sheet.columns.findIndex((c) => c.key === b.columnKey));

  const sha256 = sha256Hex(o.buffer);
  const filePath = join('imports', cls.school_id, `${sha256}.xlsx`);
  const full = join(o.dataDir, 'files', filePath);
  if (!existsSync(full)) {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, o.buffer);
  }
  const id = randomUUID();
  await db
    .insertInto('score_imports')
    .values({
      id,
      school_id: cls.school_id,
      school_year_id: cls.school_year_id,
      class_id: classId,
      subject_id: subjectId,
      term_no: termNo,
      file_name: fileName,
      file_sha256: sha256,
      file_path: filePath,
      file_size: o.buffer.length,
      status: 'previewed',
      changes_json: JSON.stringify(cells),
      unchanged_count: unchanged,
      created_by: o.auth.user.id,
      created_at: audit.now,
      applied_by: null,
      applied_at: null,
      rolled_back_by: null,
      rolled_back_at: null,
      version: 1,
    })
    .execute();
  return {
    importId: id,
    fileName,
    sha256,
    status: 'previewed',
    diff: cells.map(diffItem),
    unchanged,
    blocked: cells.filter((c) => c.blockedBy).length,
  };
}

function diffItem(c: StoredImportCell) {
  return {
    studentId: c.studentId,
    studentName: c.studentName,
    listNumber: c.listNumber,
    row: c.row,
    columnKey: c.columnKey,
    columnLabel: c.columnLabel,
    old: displayCell(c.kind, c.before),
    new: displayCell(c.kind, c.after),
    ...(c.blockedBy && { blockedBy: c.blockedBy }),
  };
}

export async function getScoreImportOr404(db: Executor, id: string): Promise<Row<'score_imports'>> {
  const row = await db.selectFrom('score_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('lần nhập điểm từ Excel');
  return row;
}

/** Apply and roll back: the importer (still teaching the class-subject), or the admin board. */
export function authorizeImportActor(auth: RequestAuth, imp: Row<'score_imports'>, what: string): void {
  if (hasRole(auth.actor, 'admin', imp.school_id)) return;
  authorize(auth, 'gradebook.edit', { schoolId: imp.school_id, classIds: [imp.class_id], subjectId: imp.subject_id });
  if (imp.created_by !== auth.user.id) throw new AppError('FORBIDDEN', `Chỉ người đã tải tệp lên (hoặc Ban quản trị phần mềm) được ${what} lần nhập này.`);
}

export const importCells = (imp: Row<'score_imports'>) => JSON.parse(imp.changes_json) as StoredImportCell[];

/** The reason every cell's audit event carries: which file, by its SHA-256. */
export const importReason = (imp: Row<'score_imports'>, verb = 'Nhập từ tệp Excel') => `${verb} "${imp.file_name.slice(0, 150)}" (SHA-256 ${imp.file_sha256})`;

/**
 * Cells whose version is not the expected one now: someone changed them in between. Returns
 * them with their current value, for a 409 that names them.
 */
export async function changedSince(tx: Tx, imp: Row<'score_imports'>, cells: StoredImportCell[], expected: (c: StoredImportCell) => number) {
  const now = new Map((await loadCells(tx, imp.class_id, imp.subject_id, Number(imp.term_no))).map((c) => [`${c.student_id}|${c.column_key}`, c]));
  const conflicts = [];
  for (const c of cells) {
    const cur = now.get(`${c.studentId}|${c.columnKey}`);
    const version = cur ? Number(cur.version) : 0;
    if (version === expected(c)) continue;
    const value = { scoreTenths: cur?.score_tenths == null ? null : Number(cur.score_tenths), text: cur?.text_value ?? null };
    conflicts.push({
      studentId: c.studentId,
      columnKey: c.columnKey,
      studentName: c.studentName,
      columnLabel: c.columnLabel,
      current: { display: displayCell(c.kind, value), ...value, version },
    });
  }
  return conflicts;
}

export const describeCells = (list: { studentName: string; columnLabel: string; current?: { display: string } }[]) =>
  list
    .slice(0, 10)
    .map((c) => `${c.studentName} — ${c.columnLabel}${c.current ? ` (nay là "${c.current.display}")` : ''}`)
    .join('; ') + (list.length > 10 ? `; và ${list.length - 10} ô khác` : '');

export interface ImportScoresOptions {
  db: Db;
  auth: RequestAuth;
  importId: string;
  expectedSha256: string;
  audit: AuditContext;
}

/** Applies a previewed import: all of its cells or none. */
export async function importScores(o: ImportScoresOptions): Promise<ScoreImport> {
  const { db, audit } = o;
  const imp = await getScoreImportOr404(db, o.importId);
  authorizeImportActor(o.auth, imp, 'xác nhận');
  if (imp.status === 'applied') throw new AppError('INVALID_STATE', 'Lần nhập này đã được áp dụng.');
  if (imp.status === 'rolledBack') throw new AppError('INVALID_STATE', 'Lần nhập này đã được hoàn tác; muốn nhập lại, hãy tải tệp lên và xem trước lần nữa.');
  if (o.expectedSha256 !== imp.file_sha256) {
    throw new AppError('CONFLICT', `Mã SHA-256 xác nhận không khớp với tệp "${imp.file_name}" đã xem trước (${imp.file_sha256}); hãy xem trước lại tệp.`);
  }
  const cells = importCells(imp);
  if (cells.length === 0) throw new AppError('INVALID_STATE', `Tệp "${imp.file_name}" không thay đổi ô nào trong sổ điểm.`);
  const reason = importReason(imp);
  try {
    await db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable('score_imports')
        .set({ status: 'applied', applied_by: o.auth.user.id, applied_at: audit.now, version: Number(imp.version) + 1 })
        .where('id', '=', imp.id)
        .where('version', '=', imp.version)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('INVALID_STATE', 'Lần nhập này vừa được xử lý ở nơi khác. Hãy tải lại trang.');

      // Anything edited since the preview: the teacher confirmed a diff that no longer holds.
      const conflicts = await changedSince(tx, imp, cells, (c) => c.before.version);
      if (conflicts.length) {
        throw new AppError('CONFLICT', `Chưa nhập ô nào: ${conflicts.length} ô đã được sửa sau khi xem trước — ${describeCells(conflicts)}. Hãy tải tệp lên và xem trước lại.`, { conflicts });
      }
      const result = await saveCellsInTransaction(tx, {
        classId: imp.class_id,
        subjectId: imp.subject_id,
        termNo: Number(imp.term_no) as 1 | 2,
        input: { changes: cells.map((c) => ({ studentId: c.studentId, columnKey: c.columnKey, value: cellInputText(c.kind, c.after), baseVersion: c.before.version })), source: 'typed', reason },
        audit,
        source: 'imported',
      });
      const saved = new Map(result.saved.map((s) => [`${s.studentId}|${s.columnKey}`, s.cell.version]));
      if (saved.size !== cells.length) throw new AppError('CONFLICT', 'Chưa nhập ô nào: sổ điểm vừa thay đổi trong lúc nhập. Hãy xem trước lại tệp.');
      const applied = cells.map((c) => ({ ...c, after: { ...c.after, version: saved.get(`${c.studentId}|${c.columnKey}`)! }, blockedBy: undefined }));
      await tx.updateTable('score_imports').set({ changes_json: JSON.stringify(applied) }).where('id', '=', imp.id).execute();
      await writeAudit(tx, audit, {
        chainKey: gradebookChain(imp.class_id, imp.subject_id),
        schoolId: imp.school_id,
        action: 'scoreImport.applied',
        entityType: 'score_import',
        entityId: imp.id,
        before: { status: 'previewed' },
        after: { status: 'applied', fileName: imp.file_name, sha256: imp.file_sha256, termNo: Number(imp.term_no), cells: cells.length },
        reason,
        source: 'imported',
      });
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'LOCKED') throw new AppError('LOCKED', `Chưa nhập ô nào từ tệp "${imp.file_name}": ${e.message}`, e.details);
    throw e;
  }
  return presentScoreImport(db, await getScoreImportOr404(db, imp.id));
}

export async function presentScoreImport(db: Executor, imp: Row<'score_imports'>): Promise<ScoreImport> {
  const user = await db.selectFrom('users').select('full_name').where('id', '=', imp.created_by).executeTakeFirst();
  return {
    id: imp.id,
    schoolId: imp.school_id,
    classId: imp.class_id,
    subjectId: imp.subject_id,
    termNo: Number(imp.term_no),
    fileName: imp.file_name,
    sha256: imp.file_sha256,
    status: imp.status as ScoreImportStatus,
    unchanged: Number(imp.unchanged_count),
    cells: importCells(imp).map((c) => ({ ...diffItem(c), before: c.before, after: c.after })),
    createdBy: imp.created_by,
    createdByName: user?.full_name ?? '',
    createdAt: imp.created_at,
    appliedAt: imp.applied_at,
    rolledBackAt: imp.rolled_back_at,
    rolledBackBy: imp.rolled_back_by,
  };
}

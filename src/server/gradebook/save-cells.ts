/**
 * Saving grade-book cells (G1, C1, C3): one batch — a row, a pasted block, a column — is applied
 * whole or not at all. Every change carries the version it was edited from; a stale version is
 * a conflict (409) showing the current value, never a silent overwrite. Locks, closed windows and
 * the edit deadline refuse the batch (423) naming who set them. Each changed cell writes its
 * audit event (old, new, who, role, IP, source, reason) on the grade book's own hash chain, in
 * the same transaction. Where the school asks for it, re-entries typed on the grid name their
 * evidence (C4), carried in their audit events.
 */
import { randomUUID } from 'node:crypto';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { type GradebookColumn, SUMMER_TERM, sheetColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { type EditBlock, findEditBlock } from '../../domain/gradebook/find-edit-block.ts';
import { type CellValue, EMPTY_CELL, isEmptyCell, parseCellInput, sameCellValue } from '../../domain/gradebook/parse-cell-input.ts';
import { isReEntry as isReEntryOf } from '../../domain/gradebook/is-re-entry.ts';
import { type ReEntryEvidenceKind, evidenceForColumn, reEntryEvidenceProblem } from '../../domain/gradebook/reentry-evidence.ts';
import { displayCell, rowAverage } from '../../domain/gradebook/row-average.ts';
import type { EditSource } from '../../shared/edit-log.ts';
import type { SaveCellsInput } from '../../shared/gradebook.ts';
import { type AuditContext, type AuditEntry, gradebookChain, writeAudits } from '../platform/audit/audit-log.ts';
import { type Db, type Tx, sql } from '../platform/db/database.ts';
import { loadBlockContext, loadCells, loadClassStudents, loadSheetContext } from './gradebook-queries.ts';
import { subjectAssessment } from '../school/index.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';

type NewCell = NewRow<'gradebook_cells'>;
import { AppError, type FieldError } from '../platform/errors.ts';


export interface SaveCellsOptions {
  /** The class row, when the caller already loaded it (saves a query). */
  cls?: Row<'classes'>;
  classId: string;
  subjectId: string;
  /** 1, 2, or 3 for the summer re-assessment. */
  termNo: 1 | 2 | 3;
  input: SaveCellsInput;
  audit: AuditContext;
  /** Corrections approved by the principal pass locks; everything else does not. */
  correction?: { requestId: string };
  source?: EditSource;
}


const toValue = (c: { score_tenths: number | null; text_value: string | null }): CellValue => ({
  scoreTenths: c.score_tenths === null ? null : Number(c.score_tenths),
  text: c.text_value,
});

export interface SavedCell {
  studentId: string;
  columnKey: string;
  cell: { display: string; scoreTenths: number | null; text: string | null; version: number };
}

export async function saveCells(options: SaveCellsOptions & { db: Db }) {
  return options.db.transaction().execute((tx) => saveCellsInTransaction(tx, options));
}

/** The same, inside a transaction the caller owns (an approved correction applies all its cells at once). */
export async function saveCellsInTransaction(db: Tx, options: SaveCellsOptions) {
  const { classId, subjectId, termNo, input, audit } = options;
  const { cls, subject, settings } = await loadSheetContext(db, classId, subjectId, { withTeacher: false, cls: options.cls });
  const assessment = subjectAssessment(subject);
  const columns = new Map(sheetColumns(assessment, termNo).map((c) => [c.key, c]));
  const students = new Map((await loadClassStudents(db, classId)).map((s) => [s.studentId, s]));
  const existing = new Map((await loadCells(db, classId, subjectId, termNo)).map((c) => [`${c.student_id}|${c.column_key}`, c]));
  const today = vietnamDay(audit.now);
  const blockContext = await loadBlockContext(db, cls.school_year_id, settings.editDeadlineDays);

  const errors: FieldError[] = [];
  const conflicts: SavedCell[] = [];
  const blocks: { studentId: string; columnKey: string; kind: string; message: string }[] = [];
  const planned: { studentId: string; column: GradebookColumn; value: CellValue; current: Row<'gradebook_cells'> | undefined }[] = [];
  const seen = new Set<string>();
  const unchanged: { studentId: string; columnKey: string; version: number }[] = [];
  let reEntries = 0;
  // C4: typed re-entries name their evidence where the school asks (not imports, corrections or the summer retest).
  const evidence = input.evidence ?? [];
  const evidenceNote = evidence.includes('other') ? (input.evidenceNote ?? '') : '';
  const needsEvidence = settings.evidenceRequired === 'reEntry' && !options.correction && options.source !== 'imported' && termNo !== SUMMER_TERM;
  const missingEvidence: FieldError[] = [];

  for (const change of input.changes) {
    const student = students.get(change.studentId);
    const column = columns.get(change.columnKey);
    const where = `${student ? `${student.listNumber}. ${student.fullName}` : change.studentId} — ${column?.label ?? change.columnKey}`;
    const key = `${change.studentId}|${change.columnKey}`;
    if (seen.has(key)) {
      errors.push({ field: where, message: 'ô này xuất hiện hai lần trong cùng một lần lưu' });
      continue;
    }
    seen.add(key);
    if (!student) {
      errors.push({ field: where, message: 'học sinh không thuộc lớp này' });
      continue;
    }
    if (!student.active) {
      errors.push({ field: where, message: 'học sinh đã chuyển đi hoặc thôi học, không nhập điểm được' });
      continue;
    }
    if (!column) {
      errors.push({ field: where, message: 'môn học này không có cột đánh giá đó' });
      continue;
    }
    const parsed = parseCellInput(column.kind, change.value);
    if (!parsed.ok) {
      errors.push({ field: where, message: parsed.message });
      continue;
    }
    const current = existing.get(key);
    const currentVersion = current ? Number(current.version) : 0;
    const currentValue = current ? toValue(current) : EMPTY_CELL;
    if (sameCellValue(currentValue, parsed.value)) {
      unchanged.push({ studentId: change.studentId, columnKey: change.columnKey, version: currentVersion });
      continue;
    }
    if (change.baseVersion !== currentVersion) {
      conflicts.push({ studentId: change.studentId, columnKey: change.columnKey, cell: { display: displayCell(column.kind, currentValue), ...currentValue, version: currentVersion } });
      continue;
    }
    // A teacher's own value of minutes ago is still her first entry (issue 15 §5, domain/gradebook/is-re-entry).
    const isReEntry = isReEntryOf(
      { empty: isEmptyCell(currentValue), writtenBy: current?.updated_by ?? null, writtenAt: current?.updated_at ?? null },
      { userId: audit.actorUserId, at: audit.now },
    );
    if (!options.correction) {
      const block: EditBlock | null = findEditBlock(
        { grade: Number(cls.grade), classId, subjectId, termNo, columnKey: column.key, point: column.point },
        { ...blockContext, today, isReEntry },
      );
      if (block) {
        blocks.push({ studentId: change.studentId, columnKey: change.columnKey, kind: block.kind, message: block.message });
        continue;
      }
    }
    if (isReEntry) reEntries += 1;
    const problem = isReEntry && needsEvidence ? reEntryEvidenceProblem(column.point, evidence, evidenceNote) : null;
    if (problem) missingEvidence.push({ field: 'evidence', message: `${where}: ${problem}` });
    planned.push({ studentId: change.studentId, column, value: parsed.value, current });
  }

  if (errors.length) {
    throw new AppError('VALIDATION', `Chưa lưu: ${errors.length} ô không hợp lệ — ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });
  }
  if (blocks.length) {
    const messages = [...new Set(blocks.map((b) => b.message))];
    throw new AppError('LOCKED', messages.join(' '), { blocks });
  }
  if (conflicts.length) {
    throw new AppError('CONFLICT', `Chưa lưu: ${conflicts.length} ô vừa được sửa ở nơi khác. Xem giá trị hiện tại rồi nhập lại nếu cần.`, {
      conflicts: conflicts.map((c) => ({ studentId: c.studentId, columnKey: c.columnKey, current: c.cell })),
    });
  }
  const needsReason = settings.reasonRequired === 'always' ? planned.length > 0 : settings.reasonRequired === 'reEntry' ? reEntries > 0 : false;
  if (needsReason && !input.reason && !options.correction) {
    const message = 'Sửa điểm đã nhập cần ghi lý do (theo quy định của trường).';
    throw new AppError('VALIDATION', message, { errors: [{ field: 'reason', message }], reasonRequired: true });
  }
  if (missingEvidence.length) {
    const message = `Chưa lưu: ${missingEvidence.length} ô sửa điểm đã nhập chưa có minh chứng hợp lệ (theo quy định của trường) — ${missingEvidence.map((e) => e.message).join('; ')}`;
    throw new AppError('VALIDATION', message, { errors: missingEvidence });
  }

  const saved: SavedCell[] = [];
  const events: AuditEntry[] = [];
  const inserts: NewCell[] = [];
  const updates: CellUpdate[] = [];
  for (const p of planned) {
    const cellEvidence = p.current && !isEmptyCell(toValue(p.current)) ? evidenceForColumn(p.column.point, evidence) : [];
    const written = planCellWrite({
      cls,
      subjectId,
      termNo,
      change: p,
      audit,
      source: options.source ?? input.source,
      reason: input.reason,
      correctionId: options.correction?.requestId,
      evidence: cellEvidence,
      evidenceNote: cellEvidence.includes('other') ? evidenceNote : '',
    });
    saved.push(written.saved);
    events.push(written.event);
    if (written.insert) inserts.push(written.insert);
    if (written.update) updates.push(written.update);
  }
  await updateCells(db, updates, audit);
  try {
    for (let i = 0; i < inserts.length; i += 50) await db.insertInto('gradebook_cells').values(inserts.slice(i, i + 50)).execute();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('CONFLICT', 'Chưa lưu: một ô vừa được nhập ở nơi khác cùng lúc. Hãy tải lại để xem giá trị mới.');
    }
    throw e;
  }
  await writeAudits(db, audit, events);

  // Averages of the touched rows, recomputed by src/domain from what is now stored (the sheet as
  // loaded in this transaction, with this batch's values).
  const values = new Map<string, Map<string, CellValue>>();
  for (const c of existing.values()) {
    const m = values.get(c.student_id) ?? new Map<string, CellValue>();
    m.set(c.column_key, toValue(c));
    values.set(c.student_id, m);
  }
  for (const p of planned) {
    const m = values.get(p.studentId) ?? new Map<string, CellValue>();
    m.set(p.column.key, p.value);
    values.set(p.studentId, m);
  }
  const cols = [...columns.values()];
  const averages = [...new Set(saved.map((x) => x.studentId))].map((studentId) => ({
    studentId,
    average: rowAverage(assessment, cols, values.get(studentId) ?? new Map()).display,
  }));
  return { saved, averages, unchanged };
}

function planCellWrite(
  p: {
    cls: Row<'classes'>;
    subjectId: string;
    termNo: number;
    change: { studentId: string; column: GradebookColumn; value: CellValue; current: Row<'gradebook_cells'> | undefined };
    audit: AuditContext;
    source: string;
    reason: string;
    correctionId?: string;
    /** C4: a re-entry's evidence; empty for first entries. */
    evidence: ReEntryEvidenceKind[];
    evidenceNote: string;
  },
): { saved: SavedCell; event: AuditEntry; insert: NewCell | null; update: CellUpdate | null } {
  const { cls, change, audit } = p;
  let insert: NewCell | null = null;
  const version = (change.current ? Number(change.current.version) : 0) + 1;
  let cellId: string;
  let update: CellUpdate | null = null;
  if (change.current) {
    cellId = change.current.id;
    update = { id: cellId, fromVersion: Number(change.current.version), scoreTenths: change.value.scoreTenths, text: change.value.text };
  } else {
    cellId = randomUUID();
    insert = {
      id: cellId,
      school_id: cls.school_id,
      school_year_id: cls.school_year_id,
      class_id: cls.id,
      subject_id: p.subjectId,
      student_id: change.studentId,
      term_no: p.termNo,
      column_key: change.column.key,
      score_tenths: change.value.scoreTenths,
      text_value: change.value.text,
      version,
      updated_at: audit.now,
      updated_by: audit.actorUserId ?? 'system',
    };
  }
  const before = change.current ? { ...toValue(change.current), version: Number(change.current.version) } : null;
  const event: AuditEntry = {
    chainKey: gradebookChain(cls.id, p.subjectId),
    schoolId: cls.school_id,
    action: !change.current || isEmptyCell(toValue(change.current)) ? 'score.entered' : isEmptyCell(change.value) ? 'score.cleared' : 'score.changed',
    entityType: 'gradebook_cell',
    entityId: cellId,
    before,
    after: {
      studentId: change.studentId,
      classId: cls.id,
      subjectId: p.subjectId,
      termNo: p.termNo,
      columnKey: change.column.key,
      scoreTenths: change.value.scoreTenths,
      text: change.value.text,
      version,
      ...(p.correctionId && { correctionRequestId: p.correctionId }),
      ...(p.evidence.length > 0 && { evidence: p.evidence }),
      ...(p.evidenceNote && { evidenceNote: p.evidenceNote }),
    },
    reason: p.reason,
    source: p.source,
  };
  return {
    saved: { studentId: change.studentId, columnKey: change.column.key, cell: { display: displayCell(change.column.kind, change.value), ...change.value, version } },
    event,
    insert,
    update,
  };
}

interface CellUpdate {
  id: string;
  fromVersion: number;
  scoreTenths: number | null;
  text: string | null;
}

/**
 * Re-saved cells in one statement per 100: each row moves on one version only if it is still at the
 * version the teacher edited from; anything less than every row updated is a conflict.
 */
async function updateCells(tx: Tx, updates: CellUpdate[], audit: AuditContext): Promise<void> {
  for (let i = 0; i < updates.length; i += 100) {
    const chunk = updates.slice(i, i + 100);
    const score = sql.join(chunk.map((u) => sql`WHEN ${u.id} THEN CAST(${u.scoreTenths} AS INTEGER)`), sql` `);
    const text = sql.join(chunk.map((u) => sql`WHEN ${u.id} THEN CAST(${u.text} AS TEXT)`), sql` `);
    const match = sql.join(chunk.map((u) => sql`(id = ${u.id} AND version = ${u.fromVersion})`), sql` OR `);
    const result = await sql`UPDATE gradebook_cells SET score_tenths = CASE id ${score} END, text_value = CASE id ${text} END, version = version + 1, updated_at = ${audit.now}, updated_by = ${audit.actorUserId ?? 'system'} WHERE ${match}`.execute(tx);
    if (Number(result.numAffectedRows ?? 0) !== chunk.length) throw new AppError('CONFLICT', 'Chưa lưu: một ô vừa được sửa ở nơi khác. Hãy tải lại.');
  }
}

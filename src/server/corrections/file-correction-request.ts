/**
 * A teacher files a correction request after a lock (C2): which cells, old → new, why, and the
 * kind of evidence. The old values are recorded as they are now; the principal and the
 * homeroom teacher are notified in the app.
 */
import { randomUUID } from 'node:crypto';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { EMPTY_CELL, parseCellInput, sameCellValue } from '../../domain/gradebook/parse-cell-input.ts';
import { type AuditContext, gradebookChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { type StoredCorrectionCell, nextCorrectionNumber } from './correction-queries.ts';
import { loadCells, loadClassStudents, loadSheetContext } from '../gradebook/index.ts';
import { type FieldError, invalid } from '../platform/errors.ts';
import { homeroomUsers, notify, usersWithRole } from '../platform/notify.ts';
import { subjectAssessment } from '../school/index.ts';

export interface FileCorrectionRequestOptions {
  db: Db;
  classId: string;
  subjectId: string;
  requestedBy: string;
  input: { termNo: number; cells: { studentId: string; columnKey: string; newValue: string }[]; reason: string; evidenceKind: string };
  audit: AuditContext;
}

export async function fileCorrectionRequest(options: FileCorrectionRequestOptions): Promise<string> {
  const { db, classId, subjectId, input, audit } = options;
  const { cls, subject } = await loadSheetContext(db, classId, subjectId);
  const columns = new Map(gradebookColumns(subjectAssessment(subject), input.termNo as 1 | 2).map((c) => [c.key, c]));
  const students = new Map((await loadClassStudents(db, classId)).map((s) => [s.studentId, s]));
  const current = new Map((await loadCells(db, classId, subjectId, input.termNo)).map((c) => [`${c.student_id}|${c.column_key}`, c]));
  const errors: FieldError[] = [];
  const cells: StoredCorrectionCell[] = [];
  for (const [i, c] of input.cells.entries()) {
    const student = students.get(c.studentId);
    const column = columns.get(c.columnKey);
    const field = `cells[${i}]`;
    if (!student) {
      errors.push({ field, message: 'học sinh không thuộc lớp này' });
      continue;
    }
    if (!column) {
      errors.push({ field, message: `${student.fullName}: môn này không có cột ${c.columnKey}` });
      continue;
    }
    const parsed = parseCellInput(column.kind, c.newValue);
    if (!parsed.ok) {
      errors.push({ field, message: `${student.fullName} — ${column.label}: ${parsed.message}` });
      continue;
    }
    const now = current.get(`${c.studentId}|${c.columnKey}`);
    const old = now ? { scoreTenths: now.score_tenths === null ? null : Number(now.score_tenths), text: now.text_value, version: Number(now.version) } : { ...EMPTY_CELL, version: 0 };
    if (sameCellValue(old, parsed.value)) {
      errors.push({ field, message: `${student.fullName} — ${column.label}: giá trị mới trùng giá trị hiện tại` });
      continue;
    }
    cells.push({ studentId: c.studentId, termNo: input.termNo, columnKey: c.columnKey, old, new: parsed.value });
  }
  if (errors.length) throw invalid(`Giấy đề nghị chưa hợp lệ: ${errors.map((e) => e.message).join('; ')}`, errors);

  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const number = await nextCorrectionNumber(tx, cls.school_id);
    const row = {
      id,
      school_id: cls.school_id,
      school_year_id: cls.school_year_id,
      number,
      class_id: classId,
      subject_id: subjectId,
      requested_by: options.requestedBy,
      requested_at: audit.now,
      reason: input.reason,
      evidence_kind: input.evidenceKind,
      cells_json: JSON.stringify(cells),
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_reason: '',
      applied_by: null,
      applied_at: null,
      version: 1,
    };
    await tx.insertInto('correction_requests').values(row).execute();
    await writeAudit(tx, audit, {
      chainKey: gradebookChain(classId, subjectId),
      schoolId: cls.school_id,
      action: 'correction.filed',
      entityType: 'correction_request',
      entityId: id,
      before: null,
      after: { number, termNo: input.termNo, cells, evidenceKind: input.evidenceKind },
      reason: input.reason,
      source: 'correction',
    });
    const principals = await usersWithRole(tx, cls.school_id, ['principal']);
    await notify(tx, {
      schoolId: cls.school_id,
      userIds: [...principals, ...(await homeroomUsers(tx, classId))],
      kind: 'correction.filed',
      title: `Giấy đề nghị sửa điểm số ${number}: lớp ${cls.name}, môn ${subject.name}`,
      body: `${cells.length} ô. Lý do: ${input.reason}`,
      link: `/corrections/${id}`,
      now: audit.now,
    });
  });
  return id;
}

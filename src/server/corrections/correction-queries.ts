/** Loading and presenting correction requests (giấy đề nghị thay đổi thông tin). */
import { type GradebookColumn, gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { displayCell } from '../../domain/gradebook/row-average.ts';
import type { z } from 'zod';
import type { Actor } from '../../domain/policies/actor.ts';
import { canDecideCorrection } from '../../domain/policies/four-eyes.ts';
import type { Correction, ZCorrectionQuery } from '../../shared/corrections.ts';
import { CORRECTION_KIND_LABELS, termRoman } from '../../shared/labels.ts';
import { classChain, gradebookChain } from '../platform/audit/audit-log.ts';
import { type RecordKind, type StoredRecordChange, presentRecordChange } from './record-change-presenter.ts';
import { loadConfirmDelegate } from '../locks/index.ts';
import { formatStaffName, subjectAssessment } from '../school/index.ts';
import { notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export interface StoredCorrectionCell {
  studentId: string;
  termNo: number;
  columnKey: string;
  old: { scoreTenths: number | null; text: string | null; version: number };
  new: { scoreTenths: number | null; text: string | null };
}

/** The chain a request's events go on: its grade book's for scores, its class's for other records. */
export const correctionChain = (r: Pick<Row<'correction_requests'>, 'class_id' | 'subject_id'>) => (r.subject_id ? gradebookChain(r.class_id, r.subject_id) : classChain(r.class_id));

/** The school's next request number (inside the transaction that files it; the unique key guards races). */
export async function nextCorrectionNumber(tx: Executor, schoolId: string): Promise<number> {
  const max = await tx.selectFrom('correction_requests').select((eb) => eb.fn.max('number').as('m')).where('school_id', '=', schoolId).executeTakeFirst();
  return Number(max?.m ?? 0) + 1;
}

export async function getCorrectionOr404(db: Executor, id: string) {
  const row = await db.selectFrom('correction_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('giấy đề nghị');
  return row;
}

/** One request as the API answers it to `viewer`. */
export async function loadCorrection(db: Executor, id: string, viewer: Actor): Promise<Correction> {
  return (await presentCorrections(db, [await getCorrectionOr404(db, id)], viewer))[0];
}

/** Who decides a pending request, when that is not simply the principal (issue 14 §3). */
function decisionNote(filedByPrincipal: boolean, delegate: { fullName: string } | null): string {
  if (!filedByPrincipal) return '';
  return delegate
    ? `Giấy do Hiệu trưởng lập nên Hiệu trưởng không tự duyệt: phó hiệu trưởng được ủy quyền (${delegate.fullName}) duyệt.`
    : 'Giấy do Hiệu trưởng lập nên Hiệu trưởng không tự duyệt, và trường chưa có phó hiệu trưởng được ủy quyền: giấy này chưa duyệt được. Hiệu trưởng chọn người được ủy quyền ở "Khóa sổ, mở sổ" → "Thiết lập sửa điểm".';
}

/** An evidence file attached to a request; a file of another request is not found. */
export async function getEvidenceFileOr404(db: Executor, correctionId: string, fileId: string) {
  const file = await db.selectFrom('stored_files').selectAll().where('id', '=', fileId).where('owner_id', '=', correctionId).executeTakeFirst();
  if (!file) throw notFound('tệp minh chứng');
  return file;
}

/**
 * A page of a school's requests, newest first, filtered by status, class and a search (a number,
 * or words of the reason). `visibleTo` narrows them to a teacher's own and her homeroom classes'.
 */
export async function listCorrections(
  db: Executor,
  schoolId: string,
  q: z.infer<typeof ZCorrectionQuery>,
  visibleTo: { userId: string; homeroomClassIds: string[] } | null,
  viewer: Actor,
): Promise<{ total: number; requests: Correction[] }> {
  let base = db.selectFrom('correction_requests').where('school_id', '=', schoolId);
  if (visibleTo) {
    const homeroom = visibleTo.homeroomClassIds;
    base = base.where((eb) => eb.or([eb('requested_by', '=', visibleTo.userId), ...(homeroom.length ? [eb('class_id', 'in', homeroom)] : [])]));
  }
  if (q.status) base = base.where('status', '=', q.status);
  if (q.classId) base = base.where('class_id', '=', q.classId);
  if (q.q) {
    const text = q.q;
    base = /^\d+$/.test(text) ? base.where('number', '=', Number(text)) : base.where('reason', 'like', `%${text.replace(/[%_]/g, '')}%`);
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('number', 'desc').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), requests: await presentCorrections(db, rows, viewer) };
}

/** A score request's cells as lines: the column (with its term), old → new as the grade book shows them. */
function scoreLines(subject: Row<'subjects'>, cells: StoredCorrectionCell[], students: Map<string, string>): Correction['cells'] {
  const columnsByTerm = new Map<number, GradebookColumn[]>([1, 2].map((t) => [t, gradebookColumns(subjectAssessment(subject), t as 1 | 2)]));
  return cells.map((c) => {
    const col = columnsByTerm.get(c.termNo)?.find((k) => k.key === c.columnKey);
    const kind = col?.kind ?? 'comment';
    return {
      studentId: c.studentId,
      studentName: students.get(c.studentId) ?? '',
      termNo: c.termNo,
      columnKey: c.columnKey,
      columnLabel: `${col?.label ?? c.columnKey} (HK ${termRoman(c.termNo)})`,
      oldDisplay: displayCell(kind, c.old),
      newDisplay: displayCell(kind, c.new),
      oldVersion: c.old.version,
    };
  });
}

/** The requests as the API answers them; `canDecide` says whether `viewer` may decide each (false without one). */
export async function presentCorrections(db: Executor, rows: Row<'correction_requests'>[], viewer?: Actor): Promise<Correction[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const userIds = [...new Set(rows.flatMap((r) => [r.requested_by, r.decided_by, r.applied_by]).filter((x): x is string => Boolean(x)))];
  const users = new Map((await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.full_name]));
  const classes = new Map((await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((r) => r.class_id))]).execute()).map((c) => [c.id, c.name]));
  const subjectIds = [...new Set(rows.flatMap((r) => (r.subject_id ? [r.subject_id] : [])))];
  const subjects = new Map((subjectIds.length ? await db.selectFrom('subjects').selectAll().where('id', 'in', subjectIds).execute() : []).map((s) => [s.id, s]));
  const cells = rows.map((r) => JSON.parse(r.cells_json) as (StoredCorrectionCell | StoredRecordChange)[]);
  const studentIds = [...new Set(cells.flat().map((c) => c.studentId))];
  const students = new Map(
    (studentIds.length ? await db.selectFrom('students').select(['id', 'family_name', 'middle_name', 'given_name']).where('id', 'in', studentIds).execute() : []).map((s) => [s.id, formatStaffName(s)]),
  );
  const principals = new Set(
    (
      await db
        .selectFrom('user_roles')
        .select(['user_id', 'school_id'])
        .where('role', '=', 'principal')
        .where('user_id', 'in', rows.flatMap((r) => (r.decided_by ? [r.requested_by, r.decided_by] : [r.requested_by])))
        .execute()
    ).map((u) => `${u.user_id}|${u.school_id}`),
  );
  const delegates = new Map<string, Awaited<ReturnType<typeof loadConfirmDelegate>>>();
  for (const schoolId of new Set(rows.map((r) => r.school_id))) delegates.set(schoolId, await loadConfirmDelegate(db, schoolId));
  const files = await db.selectFrom('stored_files').selectAll().where('owner_type', '=', 'correction_request').where('owner_id', 'in', ids).orderBy('uploaded_at').execute();
  return rows.map((r, i) => {
    const kind = r.kind as Correction['kind'];
    const filedByPrincipal = principals.has(`${r.requested_by}|${r.school_id}`);
    const delegate = delegates.get(r.school_id) ?? null;
    const pending = r.status === 'pending';
    return {
      id: r.id,
      number: Number(r.number),
      kind,
      schoolYearId: r.school_year_id,
      classId: r.class_id,
      className: classes.get(r.class_id) ?? '',
      subjectId: r.subject_id,
      subjectName: r.subject_id ? (subjects.get(r.subject_id)?.name ?? '') : CORRECTION_KIND_LABELS[kind],
      requestedBy: r.requested_by,
      requestedByName: users.get(r.requested_by) ?? '',
      requestedAt: r.requested_at,
      reason: r.reason,
      evidenceKind: r.evidence_kind,
      cells:
        kind === 'scores'
          ? scoreLines(subjects.get(r.subject_id!) as Row<'subjects'>, cells[i] as StoredCorrectionCell[], students)
          : cells[i].map((c) => ({ ...presentRecordChange(kind as RecordKind, c as StoredRecordChange), studentName: students.get(c.studentId) ?? '' })),
      status: r.status as Correction['status'],
      decidedByName: r.decided_by ? (users.get(r.decided_by) ?? null) : null,
      decidedAt: r.decided_at,
      decisionReason: r.decision_reason,
      appliedByName: r.applied_by ? (users.get(r.applied_by) ?? null) : null,
      appliedAt: r.applied_at,
      evidence: files.filter((f) => f.owner_id === r.id).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: Number(f.size), sha256: f.sha256 })),
      version: Number(r.version),
      filedByPrincipal,
      // Decided by someone who is not the principal: a vice-principal on the principal's delegation.
      decidedByDeputy: r.decided_by !== null && !principals.has(`${r.decided_by}|${r.school_id}`),
      canDecide:
        pending && viewer !== undefined && viewer.userId !== r.requested_by && canDecideCorrection(viewer, { schoolId: r.school_id, classIds: [r.class_id] }, { filedByPrincipal }).allowed,
      decisionNote: pending ? decisionNote(filedByPrincipal, delegate) : '',
    };
  });
}

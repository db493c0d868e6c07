/**
 * Editing a student's record (sơ yếu lý lịch, S3) from the version the editor read: the national
 * ID and student code stay unique in the school; the change and its `student.updated` audit
 * entry are one transaction, and an edit made elsewhere since that version is a conflict. The
 * fields the học bạ prints are locked once his class's year is locked or his year record
 * confirmed (C2, C6); an approved correction writes through that lock, its id in the event.
 */
import { findProfileLock, lockedRecordsMessage } from '../../domain/locks/find-record-lock.ts';
import { changedProfileFields } from '../../domain/locks/printed-profile.ts';
import { PROFILE_FIELD_LABELS, inSentence } from '../../shared/labels.ts';
import type { StudentInput } from '../../shared/student.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Executor, Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { loadBlockContext } from '../gradebook/index.ts';
import { formatStaffName, presentStudent, studentColumns } from '../school/index.ts';

export interface UpdateStudentOptions {
  db: Db;
  student: Row<'students'>;
  input: StudentInput;
  /** The version the editor read. */
  baseVersion: number;
  audit: AuditContext;
  /** The approved correction being applied: passes the lock. */
  correction?: { requestId: string };
}

const editedElsewhere = () => new AppError('CONFLICT', 'Hồ sơ học sinh vừa được người khác sửa. Hãy tải lại trang để xem bản mới.');

/** Why the printed profile of a student is locked now (the first class of his that locks it), or null. */
async function findStudentProfileLock(db: Executor, studentId: string) {
  const classes = await db
    .selectFrom('enrollments')
    .innerJoin('classes', 'classes.id', 'enrollments.class_id')
    .select(['classes.id', 'classes.grade', 'classes.school_year_id'])
    .where('enrollments.student_id', '=', studentId)
    .where('enrollments.status', 'in', ['active', 'transferred_in'])
    .execute();
  for (const c of classes) {
    const confirmed = await db
      .selectFrom('transcript_records')
      .innerJoin('users', 'users.id', 'transcript_records.confirmed_by')
      .select(['users.full_name', 'transcript_records.confirmed_at'])
      .where('transcript_records.student_id', '=', studentId)
      .where('transcript_records.school_year_id', '=', c.school_year_id)
      .where('transcript_records.status', '=', 'confirmed')
      .executeTakeFirst();
    const { locks } = await loadBlockContext(db, c.school_year_id, 0);
    const lock = findProfileLock({ grade: Number(c.grade), classId: c.id }, locks, confirmed ? { byName: confirmed.full_name, at: confirmed.confirmed_at } : null);
    if (lock) return lock;
  }
  return null;
}

export async function updateStudent(options: UpdateStudentOptions): Promise<void> {
  await options.db.transaction().execute((tx) => updateStudentInTransaction(tx, options));
}

/** The same, inside a transaction the caller owns (an approved correction). */
export async function updateStudentInTransaction(tx: Tx, { student, input, baseVersion, audit, correction }: Omit<UpdateStudentOptions, 'db'>): Promise<void> {
  // The loaded row must be the version the editor read, so it is the audit's `before`.
  if (baseVersion !== Number(student.version)) throw editedElsewhere();
  const cols = studentColumns(input);
  for (const [column, label] of [['national_id', 'Mã định danh'], ['student_code', 'Mã học sinh']] as const) {
    const value = cols[column];
    if (!value || value === student[column]) continue;
    const other = await tx.selectFrom('students').select('id').where('school_id', '=', student.school_id).where(column, '=', value).where('id', '!=', student.id).executeTakeFirst();
    if (other) throw new AppError('CONFLICT', `${label} ${value} đã được dùng cho một học sinh khác của trường.`, { errors: [{ field: column === 'national_id' ? 'nationalId' : 'studentCode', message: 'đã được dùng' }] });
  }
  const printed = changedProfileFields(presentStudent(student), input);
  if (printed.length && !correction) {
    const lock = await findStudentProfileLock(tx, student.id);
    if (lock) throw new AppError('LOCKED', lockedRecordsMessage(printed.map((f) => ({ studentName: formatStaffName(student), field: inSentence(PROFILE_FIELD_LABELS[f]), lock }))));
  }
  const res = await tx
    .updateTable('students')
    .set({ ...cols, updated_at: audit.now, version: baseVersion + 1 })
    .where('id', '=', student.id)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw editedElsewhere();
  await writeAudit(tx, audit, {
    chainKey: schoolChain(student.school_id),
    schoolId: student.school_id,
    action: 'student.updated',
    entityType: 'student',
    entityId: student.id,
    before: student,
    after: { ...student, ...cols, ...(correction && { correctionRequestId: correction.requestId }) },
    ...(correction && { source: 'correction' }),
  });
}

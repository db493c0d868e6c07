/**
 * Editing a student's record (sơ yếu lý lịch, S3) from the version the editor read: the national
 * ID and student code stay unique in the school; the change and its `student.updated` audit
 * entry are one transaction, and an edit made elsewhere since that version is a conflict.
 */
import type { StudentInput } from '../../shared/student.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { studentColumns } from '../school/index.ts';

export interface UpdateStudentOptions {
  db: Db;
  student: Row<'students'>;
  input: StudentInput;
  /** The version the editor read. */
  baseVersion: number;
  audit: AuditContext;
}

const editedElsewhere = () => new AppError('CONFLICT', 'Hồ sơ học sinh vừa được người khác sửa. Hãy tải lại trang để xem bản mới.');

export async function updateStudent({ db, student, input, baseVersion, audit }: UpdateStudentOptions): Promise<void> {
  // The loaded row must be the version the editor read, so it is the audit's `before`.
  if (baseVersion !== Number(student.version)) throw editedElsewhere();
  const cols = studentColumns(input);
  for (const [column, label] of [['national_id', 'Mã định danh'], ['student_code', 'Mã học sinh']] as const) {
    const value = cols[column];
    if (!value || value === student[column]) continue;
    const other = await db.selectFrom('students').select('id').where('school_id', '=', student.school_id).where(column, '=', value).where('id', '!=', student.id).executeTakeFirst();
    if (other) throw new AppError('CONFLICT', `${label} ${value} đã được dùng cho một học sinh khác của trường.`, { errors: [{ field: column === 'national_id' ? 'nationalId' : 'studentCode', message: 'đã được dùng' }] });
  }
  await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('students')
      .set({ ...cols, updated_at: audit.now, version: baseVersion + 1 })
      .where('id', '=', student.id)
      .where('version', '=', baseVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw editedElsewhere();
    await writeAudit(tx, audit, { chainKey: schoolChain(student.school_id), schoolId: student.school_id, action: 'student.updated', entityType: 'student', entityId: student.id, before: student, after: { ...student, ...cols } });
  });
}

/** Look-ups of the student documents' routes and of the principal's confirmation page. */
import type { z } from 'zod';
import type { ZTranscriptConfirmation } from '../../shared/transcript-confirmation.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { formatStaffName, getStudentOr404 } from '../school/index.ts';
import { prepareTranscriptRecords } from './confirm-transcript-records.ts';

/** The policy target of a student's documents: his school and the classes of his latest school year there (for the homeroom rule). */
export async function studentPrintTarget(db: Executor, studentId: string) {
  const student = await getStudentOr404(db, studentId);
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('school_years', 'school_years.id', 'enrollments.school_year_id')
    .select(['enrollments.class_id', 'school_years.start_year'])
    .where('enrollments.student_id', '=', studentId)
    .execute();
  const latest = Math.max(...rows.map((r) => Number(r.start_year)));
  return { schoolId: student.school_id, studentId, classIds: rows.filter((r) => Number(r.start_year) === latest).map((r) => r.class_id) };
}

/**
 * The class's students in list order with their confirmed year record, and whether confirming now
 * would change it; when the class cannot be confirmed yet, the reason instead (C6).
 */
export async function loadTranscriptConfirmation(db: Db, cls: Row<'classes'>): Promise<z.infer<typeof ZTranscriptConfirmation>> {
  const students = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .select(['students.id', 'students.family_name', 'students.middle_name', 'students.given_name', 'enrollments.list_number'])
    .where('enrollments.class_id', '=', cls.id)
    .where('enrollments.status', 'in', ['active', 'transferred_in'])
    .orderBy('enrollments.list_number')
    .execute();
  const confirmed = await db
    .selectFrom('transcript_records')
    .innerJoin('users', 'users.id', 'transcript_records.confirmed_by')
    .select(['transcript_records.id', 'transcript_records.student_id', 'transcript_records.version_no', 'transcript_records.sha256', 'transcript_records.rule_version', 'transcript_records.confirmed_at', 'users.full_name'])
    .where('transcript_records.class_id', '=', cls.id)
    .where('transcript_records.status', '=', 'confirmed')
    .execute();
  const recordOf = new Map(confirmed.map((r) => [r.student_id, r]));
  let blocker: string | null = null;
  let pending = new Map<string, string>();
  try {
    pending = new Map((await prepareTranscriptRecords(db, cls)).records.map((r) => [r.student.id, r.sha256]));
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'INVALID_STATE') throw err;
    blocker = err.message;
  }
  return {
    classId: cls.id,
    className: cls.name,
    blocker,
    students: students.map((s) => {
      const r = recordOf.get(s.id);
      const wanted = pending.get(s.id);
      return {
        studentId: s.id,
        listNumber: Number(s.list_number),
        fullName: formatStaffName(s),
        state: !r ? 'unconfirmed' : wanted && wanted !== r.sha256 ? 'changed' : 'confirmed',
        record: r
          ? { id: r.id, versionNo: Number(r.version_no), sha256: r.sha256, ruleVersion: r.rule_version, confirmedAt: r.confirmed_at, confirmedByName: r.full_name }
          : null,
      };
    }),
  };
}

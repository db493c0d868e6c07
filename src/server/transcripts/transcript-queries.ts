/** Look-ups of the student documents' routes. */
import type { Executor } from '../platform/db/database.ts';
import { getStudentOr404 } from '../school/index.ts';

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

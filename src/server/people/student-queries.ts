/** Queries for class lists and students' records (S3, S5): plain objects out, no rules. */
import type { Executor } from '../platform/db/database.ts';
import { getClassOr404, getStudentOr404, presentStudent } from '../school/index.ts';

/** A class's list in list-number order, students who left included. */
export async function loadClassList(db: Executor, classId: string) {
  const cls = await getClassOr404(db, classId);
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .selectAll('students')
    .select(['enrollments.id as enrollment_id', 'enrollments.status as enrollment_status', 'enrollments.list_number'])
    .where('enrollments.class_id', '=', classId)
    .orderBy('enrollments.list_number')
    .execute();
  return {
    classId: cls.id,
    className: cls.name,
    grade: Number(cls.grade),
    orderMode: cls.list_order === 'manual' ? ('manual' as const) : ('abc' as const),
    entries: rows.map((r, i) => ({
      listNumber: Number(r.list_number ?? i + 1),
      enrollmentId: r.enrollment_id,
      status: r.enrollment_status as never,
      student: presentStudent(r),
    })),
  };
}

/** A student's record and every enrollment, oldest first. */
export async function loadStudentDetail(db: Executor, studentId: string) {
  const student = await getStudentOr404(db, studentId);
  const enrollments = await db
    .selectFrom('enrollments')
    .innerJoin('classes', 'classes.id', 'enrollments.class_id')
    .innerJoin('school_years', 'school_years.id', 'enrollments.school_year_id')
    .selectAll('enrollments')
    .select(['classes.name as class_name', 'classes.grade', 'school_years.name as year_name'])
    .where('enrollments.student_id', '=', studentId)
    .orderBy('enrollments.starts_on')
    .orderBy('enrollments.created_at')
    .execute();
  return {
    student: presentStudent(student),
    enrollments: enrollments.map((e) => ({
      id: e.id,
      schoolYearId: e.school_year_id,
      schoolYearName: e.year_name,
      classId: e.class_id,
      className: e.class_name,
      grade: Number(e.grade),
      status: e.status as never,
      origin: e.origin,
      startsOn: e.starts_on,
      endsOn: e.ends_on,
      listNumber: e.list_number === null ? null : Number(e.list_number),
      note: e.note,
    })),
  };
}

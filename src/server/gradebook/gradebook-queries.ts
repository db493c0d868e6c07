/** Queries for grade-book sheets, cells, locks and windows. Plain rows; no rules here. */
import type { AssessmentWindow, LockRule, WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import { planEditDeadlines } from '../../domain/testing-plan/testing-plan.ts';
import { parseSchoolSettings } from '../../shared/school-settings.ts';
import { notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { formatStaffName } from '../school/index.ts';
import { loadPlannedTestDates } from '../testing-plans/index.ts';


/**
 * The class, subject and school settings of a sheet (and its teacher's name unless `withTeacher` is
 * false). A caller that already holds the class row passes it in.
 */
export async function loadSheetContext(
  db: Executor,
  classId: string,
  subjectId: string,
  options: { withTeacher?: boolean; cls?: Row<'classes'> } = {},
) {
  const cls = options.cls?.id === classId ? options.cls : await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
  if (!cls) throw notFound('lớp');
  const subject = await db.selectFrom('subjects').selectAll().where('id', '=', subjectId).executeTakeFirst();
  if (!subject || subject.school_year_id !== cls.school_year_id || Number(subject.grade) !== Number(cls.grade)) throw notFound('môn học của lớp này');
  const school = await db.selectFrom('schools').select(['settings_json']).where('id', '=', cls.school_id).executeTakeFirstOrThrow();
  const teacher =
    options.withTeacher === false
      ? undefined
      : await db
          .selectFrom('teaching_assignments')
          .innerJoin('staff', 'staff.id', 'teaching_assignments.staff_id')
          .select(['staff.family_name', 'staff.middle_name', 'staff.given_name'])
          .where('teaching_assignments.class_id', '=', classId)
          .where('teaching_assignments.subject_id', '=', subjectId)
          .executeTakeFirst();
  return { cls, subject, settings: parseSchoolSettings(school.settings_json), teacherName: teacher ? formatStaffName(teacher) : null };
}

/** Students of a class in list order (current ones and those who left, flagged). */
export async function loadClassStudents(db: Executor, classId: string) {
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .select([
      'students.id',
      'students.family_name',
      'students.middle_name',
      'students.given_name',
      'students.date_of_birth',
      'enrollments.status',
      'enrollments.list_number',
    ])
    .where('enrollments.class_id', '=', classId)
    .orderBy('enrollments.list_number')
    .execute();
  return rows.map((r, i) => ({
    studentId: r.id,
    fullName: formatStaffName(r),
    dateOfBirth: r.date_of_birth,
    listNumber: Number(r.list_number ?? i + 1),
    active: r.status === 'active' || r.status === 'transferred_in',
  }));
}

export async function loadCells(db: Executor, classId: string, subjectId: string, termNo?: number) {
  let q = db.selectFrom('gradebook_cells').selectAll().where('class_id', '=', classId).where('subject_id', '=', subjectId);
  if (termNo !== undefined) q = q.where('term_no', '=', termNo);
  return q.execute();
}

/** Active locks, windows and deadlines (the testing plan's, else the terms', G10) of a school year, with the names of who set them. */
export async function loadBlockContext(db: Executor, schoolYearId: string, editDeadlineDays: number) {
  const locks = await db
    .selectFrom('locks')
    .innerJoin('users', 'users.id', 'locks.set_by')
    .selectAll('locks')
    .select('users.full_name')
    .where('locks.school_year_id', '=', schoolYearId)
    .where('locks.released_at', 'is', null)
    .orderBy('locks.set_at')
    .execute();
  const windows = await db
    .selectFrom('assessment_windows')
    .innerJoin('users', 'users.id', 'assessment_windows.set_by')
    .selectAll('assessment_windows')
    .select('users.full_name')
    .where('assessment_windows.school_year_id', '=', schoolYearId)
    .execute();
  const terms = await db.selectFrom('terms').select(['term_no', 'end_test_on']).where('school_year_id', '=', schoolYearId).execute();
  return {
    locks: locks.map(
      (l): LockRule => ({
        id: l.id,
        grade: l.grade === null ? null : Number(l.grade),
        classId: l.class_id,
        subjectId: l.subject_id,
        termNo: l.term_no === null ? null : Number(l.term_no),
        columnKey: l.column_key,
        reason: l.reason,
        setByName: l.ordered_by ? `${l.full_name} (theo lệnh của ${l.ordered_by})` : l.full_name,
        setAt: l.set_at,
      }),
    ),
    windows: windows.map(
      (w): AssessmentWindow => ({
        id: w.id,
        point: w.point as WindowPoint,
        opensOn: w.opens_on,
        closesOn: w.closes_on,
        setByName: w.full_name,
        setAt: w.set_at,
      }),
    ),
    deadlines: planEditDeadlines(
      terms.map((t) => ({ termNo: Number(t.term_no), endTestOn: t.end_test_on })),
      await loadPlannedTestDates(db, schoolYearId),
      editDeadlineDays,
    ),
  };
}

/** Queries for the year set-up (S1, S6): plain rows out, no rules. */
import type { Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { loadYearSetup } from '../school/index.ts';

/** The school's years, newest first. */
export async function listSchoolYears(db: Executor, schoolId: string) {
  return db.selectFrom('school_years').selectAll().where('school_id', '=', schoolId).orderBy('start_year', 'desc').execute();
}

export async function getSubjectGroupOr404(db: Executor, groupId: string) {
  const group = await db.selectFrom('subject_groups').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!group) throw notFound('tổ chuyên môn');
  return group;
}

/** The assignment grid of a year: its classes × subjects → teacher. */
export async function loadAssignmentGrid(db: Executor, yearId: string) {
  const setup = await loadYearSetup(db, yearId);
  const rows = await db.selectFrom('teaching_assignments').select(['class_id', 'subject_id', 'staff_id']).where('school_year_id', '=', yearId).execute();
  return {
    classes: setup.classes,
    subjects: setup.subjects,
    assignments: rows.map((r) => ({ classId: r.class_id, subjectId: r.subject_id, staffId: r.staff_id })),
  };
}

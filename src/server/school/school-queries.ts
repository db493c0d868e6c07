/** Queries for the school-year set-up: plain objects in, plain rows out, no rules. */
import { presentClass, presentSchoolYear, presentSubject } from './school-presenter.ts';
import { type SchoolSettings, parseSchoolSettings } from '../../shared/school-settings.ts';
import type { ClassGroup, YearSetup } from '../../shared/setup.ts';
import { notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import { formatStaffName } from './people-queries.ts';

export async function getYearOr404(db: Executor, yearId: string) {
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', yearId).executeTakeFirst();
  if (!year) throw notFound('năm học');
  return year;
}

/** A school's grade-book settings, defaults filled in. */
export async function getSchoolSettingsOr404(db: Executor, schoolId: string): Promise<SchoolSettings> {
  const school = await db.selectFrom('schools').select('settings_json').where('id', '=', schoolId).executeTakeFirst();
  if (!school) throw notFound('trường');
  return parseSchoolSettings(school.settings_json);
}

export async function getClassOr404(db: Executor, classId: string) {
  const row = await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
  if (!row) throw notFound('lớp');
  return row;
}

export async function getSubjectOr404(db: Executor, subjectId: string) {
  const row = await db.selectFrom('subjects').selectAll().where('id', '=', subjectId).executeTakeFirst();
  if (!row) throw notFound('môn học');
  return row;
}

/** Classes of a year, optionally only the given ids, with homeroom teacher and active student counts. */
export async function listClasses(db: Executor, yearId: string, onlyIds?: string[]): Promise<ClassGroup[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  let q = db
    .selectFrom('classes')
    .leftJoin('staff', 'staff.id', 'classes.homeroom_staff_id')
    .selectAll('classes')
    .select(['staff.family_name', 'staff.middle_name', 'staff.given_name'])
    .where('classes.school_year_id', '=', yearId);
  if (onlyIds) q = q.where('classes.id', 'in', onlyIds);
  const rows = await q.orderBy('classes.grade').orderBy('classes.name').execute();
  const counts = await db
    .selectFrom('enrollments')
    .select(['class_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('school_year_id', '=', yearId)
    .where('status', 'in', ['active', 'transferred_in'])
    .groupBy('class_id')
    .execute();
  const countBy = new Map(counts.map((c) => [c.class_id, Number(c.n)]));
  return rows.map((r) =>
    presentClass(r, {
      homeroomName: r.given_name ? formatStaffName({ family_name: r.family_name ?? '', middle_name: r.middle_name ?? '', given_name: r.given_name }) : null,
      studentCount: countBy.get(r.id) ?? 0,
    }),
  );
}

export async function loadYearSetup(db: Executor, yearId: string, classIds?: string[]): Promise<YearSetup> {
  const year = await getYearOr404(db, yearId);
  const [terms, grades, subjects, groups, members] = await Promise.all([
    db.selectFrom('terms').selectAll().where('school_year_id', '=', yearId).orderBy('term_no').execute(),
    db.selectFrom('grade_levels').selectAll().where('school_year_id', '=', yearId).orderBy('grade').execute(),
    db.selectFrom('subjects').selectAll().where('school_year_id', '=', yearId).orderBy('grade').orderBy('sort_order').execute(),
    db.selectFrom('subject_groups').selectAll().where('school_year_id', '=', yearId).orderBy('name').execute(),
    db
      .selectFrom('subject_group_members')
      .innerJoin('subject_groups', 'subject_groups.id', 'subject_group_members.subject_group_id')
      .select(['subject_group_members.subject_group_id', 'subject_group_members.staff_id'])
      .where('subject_groups.school_year_id', '=', yearId)
      .execute(),
  ]);
  return {
    year: presentSchoolYear(year),
    terms: terms.map((t) => ({ termNo: Number(t.term_no), name: t.name, startsOn: t.starts_on, endsOn: t.ends_on, endTestOn: t.end_test_on })),
    gradeLevels: grades.map((g) => ({ grade: Number(g.grade), regime: g.regime as YearSetup['gradeLevels'][number]['regime'] })),
    subjects: subjects.map(presentSubject),
    classes: await listClasses(db, yearId, classIds),
    subjectGroups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      headStaffId: g.head_staff_id,
      memberStaffIds: members.filter((m) => m.subject_group_id === g.id).map((m) => m.staff_id),
    })),
  };
}

/** Queries of the school's testing plan (G10): its dated tests and how far their scores are entered. Plain rows; no rules here. */
import { type PlannedTest, type PlannedTestDate, periodicTestColumn } from '../../domain/testing-plan/testing-plan.ts';
import type { Executor } from '../platform/db/database.ts';
import { subjectAssessment } from '../school/index.ts';

/** Every dated test of a year (for the edit deadlines, gradebook/gradebook-queries.ts). */
export async function loadPlannedTestDates(db: Executor, schoolYearId: string): Promise<PlannedTestDate[]> {
  const rows = await db.selectFrom('testing_plan_entries').select(['class_id', 'subject_id', 'term_no', 'test', 'test_on']).where('school_year_id', '=', schoolYearId).execute();
  return rows.map((r) => ({ classId: r.class_id, subjectId: r.subject_id, termNo: Number(r.term_no), test: r.test as PlannedTest, testOn: r.test_on }));
}

export interface PlanFilter {
  /** Only these classes (a teacher's); undefined for all. */
  classIds?: string[];
  termNo?: number;
  classId?: string;
  grade?: number;
}

/** The plan's tests with their classes and subjects, and for each the pupils expected and the scores entered in its column. */
export async function loadPlanProgress(db: Executor, schoolYearId: string, filter: PlanFilter) {
  if (filter.classIds && !filter.classIds.length) return [];
  let q = db
    .selectFrom('testing_plan_entries as p')
    .innerJoin('classes', 'classes.id', 'p.class_id')
    .innerJoin('subjects', 'subjects.id', 'p.subject_id')
    .select(['p.id', 'p.class_id', 'p.subject_id', 'p.term_no', 'p.test', 'p.test_on', 'classes.name as class_name', 'classes.grade'])
    .select(['subjects.name as subject_name', 'subjects.code', 'subjects.assessment_kind', 'subjects.periods_per_year', 'subjects.learning_topic_cluster', 'subjects.has_periodic_test', 'subjects.sort_order'])
    .where('p.school_year_id', '=', schoolYearId);
  if (filter.classIds) q = q.where('p.class_id', 'in', filter.classIds);
  if (filter.termNo) q = q.where('p.term_no', '=', filter.termNo);
  if (filter.classId) q = q.where('p.class_id', '=', filter.classId);
  if (filter.grade) q = q.where('classes.grade', '=', filter.grade);
  const rows = await q.orderBy('p.term_no').orderBy('p.test_on').orderBy('classes.grade').orderBy('classes.name').orderBy('subjects.sort_order').execute();
  if (!rows.length) return [];

  const classIds = [...new Set(rows.map((r) => r.class_id))];
  const current = ['active', 'transferred_in'];
  const expected = new Map(
    (
      await db
        .selectFrom('enrollments')
        .select(['class_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('class_id', 'in', classIds)
        .where('status', 'in', current)
        .groupBy('class_id')
        .execute()
    ).map((r) => [r.class_id, Number(r.n)]),
  );
  const entered = new Map(
    (
      await db
        .selectFrom('gradebook_cells as c')
        .innerJoin('enrollments as e', (j) => j.onRef('e.class_id', '=', 'c.class_id').onRef('e.student_id', '=', 'c.student_id'))
        .select(['c.class_id', 'c.subject_id', 'c.term_no', 'c.column_key', (eb) => eb.fn.countAll<number>().as('n')])
        .where('c.class_id', 'in', classIds)
        .where('e.status', 'in', current)
        .where('c.column_key', 'in', ['GK', 'CK', 'KT_GK', 'KT_CK'])
        .where((eb) => eb.or([eb('c.score_tenths', 'is not', null), eb('c.text_value', 'is not', null)]))
        .groupBy(['c.class_id', 'c.subject_id', 'c.term_no', 'c.column_key'])
        .execute()
    ).map((r) => [`${r.class_id}|${r.subject_id}|${r.term_no}|${r.column_key}`, Number(r.n)]),
  );
  return rows.map((r) => {
    const termNo = Number(r.term_no) as 1 | 2;
    const test = r.test as PlannedTest;
    const column = periodicTestColumn(subjectAssessment(r), termNo, test);
    return {
      id: r.id,
      classId: r.class_id,
      className: r.class_name,
      grade: Number(r.grade),
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      termNo,
      test,
      testOn: r.test_on,
      expected: expected.get(r.class_id) ?? 0,
      entered: column ? (entered.get(`${r.class_id}|${r.subject_id}|${termNo}|${column.key}`) ?? 0) : 0,
    };
  });
}

/** The year's plan as the template lists it. */
export async function loadPlanForTemplate(db: Executor, schoolYearId: string) {
  return db
    .selectFrom('testing_plan_entries as p')
    .innerJoin('classes', 'classes.id', 'p.class_id')
    .innerJoin('subjects', 'subjects.id', 'p.subject_id')
    .select(['classes.name as className', 'subjects.name as subjectName', 'p.term_no', 'p.test', 'p.test_on'])
    .where('p.school_year_id', '=', schoolYearId)
    .orderBy('p.term_no')
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .orderBy('subjects.sort_order')
    .orderBy('p.test', 'desc')
    .execute();
}

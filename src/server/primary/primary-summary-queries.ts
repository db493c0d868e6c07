/**
 * The primary summary book (Sổ tổng hợp kết quả đánh giá giáo dục) of a class at a point: subject
 * levels and the test scores of the point (periodicTestPointsTt27) from the grade book, qualities and competences, and at year end the
 * level, award and completion computed by the TT 27/2020 rules.
 */
import { evaluateTt27, TT27_2020_RULE_VERSION } from '../../domain/assessment/evaluate-tt27.ts';
import type { SubjectLevelTt27, TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import { COMPETENCES, QUALITIES, type PrimaryPoint, pointColumns } from '../../domain/results/primary-traits.ts';
import { PERIODIC_TEST_SCORE, primaryPointLabel } from '../../shared/labels.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { loadClassStudents } from '../gradebook/index.ts';
import { subjectAssessment } from '../school/index.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { loadPrimaryAssessments } from './primary-assessment-queries.ts';

type Trait = TraitLevelTt27 | null;

/** Refuses a class whose grade is not assessed by TT 27/2020. */
export async function requirePrimaryClass(db: Executor, cls: Row<'classes'>): Promise<void> {
  const grade = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst();
  if (grade?.regime !== 'TT27_2020') throw new AppError('INVALID_STATE', 'Lớp này không đánh giá theo Thông tư 27/2020.');
}

export type PrimarySummary = Awaited<ReturnType<typeof loadPrimarySummary>>;

export async function loadPrimarySummary(db: Executor, cls: Row<'classes'>, point: PrimaryPoint) {
  const cols = pointColumns(point);
  const subjects = await db
    .selectFrom('subjects')
    .selectAll()
    .where('school_year_id', '=', cls.school_year_id)
    .where('grade', '=', cls.grade)
    .where('assessment_kind', '=', 'primaryLevel')
    .orderBy('sort_order')
    .execute();
  const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
  const cells = await db
    .selectFrom('gradebook_cells')
    .selectAll()
    .where('class_id', '=', cls.id)
    .where('term_no', '=', cols.termNo)
    .where('column_key', 'in', [cols.level, cols.test])
    .execute();
  const cell = new Map(cells.map((c) => [`${c.student_id}|${c.subject_id}|${c.column_key}`, c]));
  // A subject carries a test score at this point when its grade book has the point's test column
  // (TT 27 Điều 7: end of HK I and of the year; grades 4–5 Tiếng Việt and Toán at mid-term too).
  const testedHere = new Set(subjects.filter((s) => gradebookColumns(subjectAssessment(s), cols.termNo).some((c) => c.key === cols.test)).map((s) => s.id));
  const saved = await loadPrimaryAssessments(db, cls.id, point);
  return {
    classId: cls.id,
    className: cls.name,
    point,
    ruleVersion: TT27_2020_RULE_VERSION,
    subjects: subjects.map((s) => ({ id: s.id, code: s.code, name: s.name, hasTest: testedHere.has(s.id) })),
    rows: students.map((st) => {
      const subjectRows = subjects.map((s) => {
        const level = cell.get(`${st.studentId}|${s.id}|${cols.level}`)?.text_value as SubjectLevelTt27 | undefined;
        const test = cell.get(`${st.studentId}|${s.id}|${cols.test}`)?.score_tenths;
        return { subjectId: s.id, code: s.code, name: s.name, hasTest: testedHere.has(s.id), level: level ?? null, test: test === null || test === undefined ? null : Number(test) / 10 };
      });
      const a = saved.get(st.studentId);
      const qualities = a ? (JSON.parse(a.qualities_json) as Trait[]) : QUALITIES.map(() => null);
      const competences = a ? (JSON.parse(a.competences_json) as Trait[]) : COMPETENCES.map(() => null);
      const missing = [
        ...subjectRows.filter((s) => !s.level).map((s) => `${s.name}: mức đạt được`),
        ...subjectRows.filter((s) => s.hasTest && s.test === null).map((s) => `${s.name}: ${PERIODIC_TEST_SCORE}`),
        ...(qualities.some((q) => !q) ? ['Phẩm chất'] : []),
        ...(competences.some((c) => !c) ? ['Năng lực'] : []),
      ];
      let yearLevel = null;
      let award = null;
      let completed = null;
      if (point === 'CN' && missing.length === 0) {
        const r = evaluateTt27({
          id: st.studentId,
          subjects: subjectRows.map((s) => ({ subject: s.code, level: s.level as SubjectLevelTt27, test: s.hasTest ? s.test : null })),
          qualities: qualities as TraitLevelTt27[],
          competences: competences as TraitLevelTt27[],
          nominated: a?.nominated === 1,
        });
        yearLevel = r.level;
        award = r.award;
        completed = r.completed;
      }
      return {
        studentId: st.studentId,
        listNumber: st.listNumber,
        fullName: st.fullName,
        subjects: subjectRows.map(({ subjectId, level, test }) => ({ subjectId, level, test })),
        qualities,
        competences,
        comment: a?.comment ?? '',
        yearLevel,
        award,
        completed,
        missing: missing.map((m) => `${primaryPointLabel(point, 'kỳ')} — ${m}`),
      };
    }),
  };
}

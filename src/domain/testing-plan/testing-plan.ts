/**
 * The school's testing plan (kế hoạch kiểm tra định kỳ, G10): which periodic test — mid-term
 * (ĐĐGgk) or end-of-term (ĐĐGck), TT 22 Điều 7; for primary TT 27 the KTĐK of the subjects and
 * points that have one (periodic-test-matrix-tt27.ts) — each class takes in each subject, and on
 * which day (seed 001: the leadership "Xây dựng kế hoạch kiểm tra, tổ chức kiểm tra … và tiến độ
 * vào điểm theo quy định"). The seeds' rule "Hạn cuối cùng để sửa chữa điểm là 1 tuần lễ trước khi kiểm tra học
 * kỳ" (seed 003, Thanh Hóa) becomes one deadline per class and subject: the school's edit-deadline
 * days (7 by default) before that class's end-of-term test in the plan; where the plan has no
 * such test, the term's own (terms.end_test_on) still applies.
 */
import { type EditDeadline, editDeadline } from '../gradebook/find-edit-block.ts';
import { type GradebookColumn, type SubjectAssessment, gradebookColumns } from '../gradebook/gradebook-columns.ts';

export type PlannedTest = 'midterm' | 'endOfTerm';
export const PLANNED_TESTS: readonly PlannedTest[] = ['midterm', 'endOfTerm'];

/** The test's name in the plan: "Giữa học kỳ I" … "Cuối học kỳ II". */
export function plannedTestLabel(termNo: number, test: PlannedTest): string {
  return `${test === 'midterm' ? 'Giữa' : 'Cuối'} học kỳ ${termNo === 1 ? 'I' : 'II'}`;
}

/** The grade-book column a periodic test's scores go in (ĐĐGgk/ĐĐGck; primary: Điểm KTĐK), or null when the subject has no such test. */
export function periodicTestColumn(subject: SubjectAssessment, termNo: 1 | 2, test: PlannedTest): GradebookColumn | null {
  const columns = gradebookColumns(subject, termNo).filter((c) => c.point === test);
  return (subject.assessmentKind === 'primaryLevel' ? columns.find((c) => c.kind === 'testScore') : columns[0]) ?? null;
}

export interface PlannedTestDate {
  classId: string;
  subjectId: string;
  termNo: number;
  test: PlannedTest;
  /** yyyy-mm-dd */
  testOn: string;
}

/**
 * The edit deadlines of a year: one per term from its end-of-term test day (the fallback), and
 * one per class and subject whose end-of-term test the plan dates, `daysBefore` days before it.
 */
export function planEditDeadlines(
  terms: readonly { termNo: number; endTestOn: string | null }[],
  plan: readonly PlannedTestDate[],
  daysBefore: number,
): EditDeadline[] {
  return [
    ...terms.map((t): EditDeadline => ({ termNo: t.termNo, endOfTermTestOn: t.endTestOn, lastDay: editDeadline(t.endTestOn, daysBefore) })),
    ...plan
      .filter((p) => p.test === 'endOfTerm')
      .map((p): EditDeadline => ({ termNo: p.termNo, classId: p.classId, subjectId: p.subjectId, endOfTermTestOn: p.testOn, lastDay: editDeadline(p.testOn, daysBefore) })),
  ];
}

export type PlanStatus = { kind: 'notDue' } | { kind: 'complete' } | { kind: 'missing'; missing: number };

/** A planned test's progress: not due until the day after the test; then every current pupil's score is expected. */
export function planStatus(testOn: string, today: string, entered: number, expected: number): PlanStatus {
  if (today <= testOn) return { kind: 'notDue' };
  return entered >= expected ? { kind: 'complete' } : { kind: 'missing', missing: expected - entered };
}

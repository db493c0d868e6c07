/**
 * The columns of one grade-book sheet (class × subject × term), following the subject:
 * - TT 22/2021 scored subjects: ĐĐGtx 1…N (N from the periods per year, Điều 6), ĐĐGgk, ĐĐGck,
 *   then the term comment (nhận xét);
 * - TT 22/2021 comment subjects: the same points, each Đ / CĐ (Điều 5, Điều 9 k1a);
 * - TT 27/2020 primary subjects: the subject level (T / H / C) at the term's mid point and end,
 *   the periodic test score where the subject has one (Điều 7), and the comment.
 */
export type ColumnKind = 'score' | 'mark' | 'level' | 'testScore' | 'comment';

/** The assessment point a column belongs to: what windows and deadlines refer to. */
export type TermPoint = 'midterm' | 'endOfTerm' | 'regular' | 'comment';

export interface GradebookColumn {
  key: string;
  /** Vietnamese header as printed in the class book. */
  label: string;
  kind: ColumnKind;
  point: TermPoint;
  /** Required for the term result (regular, midterm, end-of-term); comments are not. */
  required: boolean;
}

export interface SubjectAssessment {
  assessmentKind: 'scored' | 'comment' | 'primaryLevel';
  /** ĐĐGtx per term (TT 22); ignored for primary. */
  regularCount: number | null;
  /** Primary: does the subject have periodic tests, and at which points. */
  hasPeriodicTest: boolean;
  testPoints?: readonly ('term1Midterm' | 'term1End' | 'term2Midterm' | 'yearEnd')[];
}

export const MAX_REGULAR_COLUMNS = 5;

/** TT 22/2021 headers (Điều 6): "ĐĐGtx 1"…, "ĐĐGgk", "ĐĐGck"; and the term comment. */
export const regularColumnName = (n: number): string => `ĐĐGtx ${n}`;
export const COLUMN_NAMES = { GK: 'ĐĐGgk', CK: 'ĐĐGck', NX: 'Nhận xét' } as const;

export function gradebookColumns(subject: SubjectAssessment, termNo: 1 | 2): GradebookColumn[] {
  if (subject.assessmentKind === 'primaryLevel') {
    const mid = termNo === 1 ? 'giữa HK I' : 'giữa HK II';
    const end = termNo === 1 ? 'cuối HK I' : 'cuối năm';
    const points = subject.testPoints ?? (subject.hasPeriodicTest ? (['term1End', 'yearEnd'] as const) : []);
    const testMid = points.includes(termNo === 1 ? 'term1Midterm' : 'term2Midterm');
    const testEnd = points.includes(termNo === 1 ? 'term1End' : 'yearEnd');
    return [
      { key: 'MUC_GK', label: `Mức đạt được ${mid}`, kind: 'level', point: 'midterm', required: true },
      ...(testMid ? [{ key: 'KT_GK', label: `Điểm KTĐK ${mid}`, kind: 'testScore' as const, point: 'midterm' as const, required: true }] : []),
      { key: 'MUC_CK', label: `Mức đạt được ${end}`, kind: 'level', point: 'endOfTerm', required: true },
      ...(testEnd ? [{ key: 'KT_CK', label: `Điểm KTĐK ${end}`, kind: 'testScore' as const, point: 'endOfTerm' as const, required: true }] : []),
      { key: 'NX', label: COLUMN_NAMES.NX, kind: 'comment', point: 'comment', required: false },
    ];
  }
  const kind: ColumnKind = subject.assessmentKind === 'scored' ? 'score' : 'mark';
  const n = Math.min(subject.regularCount ?? 2, MAX_REGULAR_COLUMNS);
  const regular = Array.from({ length: n }, (_, i): GradebookColumn => ({
    key: `TX${i + 1}`,
    label: regularColumnName(i + 1),
    kind,
    point: 'regular',
    required: true,
  }));
  return [
    ...regular,
    { key: 'GK', label: COLUMN_NAMES.GK, kind, point: 'midterm', required: true },
    { key: 'CK', label: COLUMN_NAMES.CK, kind, point: 'endOfTerm', required: true },
    { key: 'NX', label: COLUMN_NAMES.NX, kind: 'comment', point: 'comment', required: false },
  ];
}

/** Summer re-assessment (kiểm tra lại, TT 22 Điều 14) is kept as a third "term" of the grade book. */
export const SUMMER_TERM = 3;
export const RETEST_COLUMN = 'KTL';

/** The columns of a sheet: the term's assessments, or the summer re-assessment of a TT 22 subject. */
export function sheetColumns(subject: SubjectAssessment, termNo: 1 | 2 | 3): GradebookColumn[] {
  if (termNo !== SUMMER_TERM) return gradebookColumns(subject, termNo as 1 | 2);
  if (subject.assessmentKind === 'primaryLevel') return [];
  return [{ key: RETEST_COLUMN, label: 'Kiểm tra lại', kind: subject.assessmentKind === 'scored' ? 'score' : 'mark', point: 'endOfTerm', required: false }];
}

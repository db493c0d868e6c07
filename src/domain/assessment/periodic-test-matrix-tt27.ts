/** The four assessment points of TT 27/2020 Điều 7. */
export type AssessmentPointTt27 = 'midTerm1' | 'endTerm1' | 'midTerm2' | 'endOfYear';

export type TestMatrixTt27 = Readonly<Record<AssessmentPointTt27, readonly string[]>>;

export interface TestMatrixOptionsTt27 {
  /** Grades 4–5 also test TV and TOAN at mid-term I and II (TT 22/2016 rule; UNCONFIRMED in TT 27). */
  midTermTests?: boolean;
  /** Extra subject codes with a periodic test (e.g. an elective NN1 in grades 1–2, a minority language). */
  extraTested?: readonly string[];
}

const END_TESTED: Readonly<Record<number, readonly string[]>> = {
  1: ['TV', 'TOAN'],
  2: ['TV', 'TOAN'],
  3: ['TV', 'TOAN', 'NN1', 'THCN'],
  4: ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN'],
  5: ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN'],
};

/**
 * TT 27/2020 Điều 7 khoản 1 điểm b (RULES.md §2.2) — which subjects (codes) have a scored
 * periodic test at each point, per grade. Configurable: mid-term tests of grades 4–5 are on by
 * default and can be turned off; extra tested subjects can be added.
 */
export function periodicTestMatrixTt27(grade: number, options: TestMatrixOptionsTt27 = {}): TestMatrixTt27 {
  const base = END_TESTED[grade];
  if (!base) throw new RangeError(`TT 27/2020 applies to grades 1–5, not ${grade}`);
  const end = [...base, ...(options.extraTested ?? [])];
  const mid = grade >= 4 && (options.midTermTests ?? true) ? ['TV', 'TOAN'] : [];
  return { midTerm1: mid, endTerm1: end, midTerm2: mid, endOfYear: end };
}

/** A point of a primary subject's periodic test, as the grade book names it (gradebook-columns.ts). */
export type PeriodicTestPointTt27 = 'term1Midterm' | 'term1End' | 'term2Midterm' | 'yearEnd';

/**
 * TT 27/2020 Điều 7 (RULES.md §2.2): at which points a subject of a grade carries a periodic test
 * score. A subject the school marks as tested is tested at the end of HK I and the end of the year;
 * "Đối với lớp 4, lớp 5, có thêm bài kiểm tra định kỳ môn Tiếng Việt, môn Toán vào giữa học kỳ I
 * và giữa học kỳ II" — so Tiếng Việt and Toán of grades 4–5 also at the two mid-terms.
 */
export function periodicTestPointsTt27(grade: number, subjectCode: string, hasPeriodicTest: boolean): PeriodicTestPointTt27[] {
  if (!hasPeriodicTest) return [];
  const midTerm = grade >= 1 && grade <= 5 && periodicTestMatrixTt27(grade).midTerm1.includes(subjectCode);
  return midTerm ? ['term1Midterm', 'term1End', 'term2Midterm', 'yearEnd'] : ['term1End', 'yearEnd'];
}

/**
 * From what the grade book stores to what the TT 22/2021 rules evaluate (G7): a student's year
 * input assembled from the cells of every subject, the homeroom teacher's conduct levels and the
 * absence count. A missing cell stays null, so the rules report the term or year as incomplete
 * rather than guessing.
 */
import type { StudentYearInputTt22, SubjectInputTt22 } from '../assessment/evaluate-tt22.ts';
import type { CommentMark, Tt22Level } from '../assessment/tt22-level.ts';
import type { CellValue } from '../gradebook/parse-cell-input.ts';

export interface ResultSubject {
  id: string;
  code: string;
  kind: 'scored' | 'comment';
  regularCount: number;
}

/** Cells of one student: key `${subjectId}|${termNo}|${columnKey}`. */
export type StudentCells = ReadonlyMap<string, CellValue>;

export const cellKey = (subjectId: string, termNo: number, columnKey: string) => `${subjectId}|${termNo}|${columnKey}`;

export { RETEST_COLUMN, SUMMER_TERM } from '../gradebook/gradebook-columns.ts';
import { RETEST_COLUMN, SUMMER_TERM } from '../gradebook/gradebook-columns.ts';

export function buildTt22Input(p: {
  studentId: string;
  subjects: readonly ResultSubject[];
  cells: StudentCells;
  conduct: { term1: Tt22Level | null; term2: Tt22Level | null; summer: Tt22Level | null };
  absences: number;
}): StudentYearInputTt22 {
  const subjects = p.subjects.map((s): SubjectInputTt22 => {
    const get = (termNo: number, key: string) => p.cells.get(cellKey(s.id, termNo, key));
    const keys = Array.from({ length: s.regularCount }, (_, i) => `TX${i + 1}`);
    if (s.kind === 'scored') {
      const term = (t: number) => ({
        regular: keys.map((k) => get(t, k)?.scoreTenths ?? null),
        midterm: get(t, 'GK')?.scoreTenths ?? null,
        endOfTerm: get(t, 'CK')?.scoreTenths ?? null,
      });
      return { subject: s.code, kind: 'scored', regularCount: s.regularCount, term1: term(1), term2: term(2), retest: get(SUMMER_TERM, RETEST_COLUMN)?.scoreTenths ?? null };
    }
    const mark = (t: number, k: string) => (get(t, k)?.text as CommentMark | undefined) ?? null;
    const term = (t: number) => ({ regular: keys.map((k) => mark(t, k)), midterm: mark(t, 'GK'), endOfTerm: mark(t, 'CK') });
    return { subject: s.code, kind: 'comment', regularCount: s.regularCount, term1: term(1), term2: term(2), retest: mark(SUMMER_TERM, RETEST_COLUMN) };
  });
  return { id: p.studentId, subjects, conduct: p.conduct, absences: p.absences };
}

/**
 * The derived value at the end of a grade-book row, always computed, never typed (G3):
 * ĐTBmhk for a scored subject (TT 22 Điều 9 k1b), Đ / CĐ for a comment subject (Điều 9 k1a),
 * none for a primary subject (its level is the teacher's judgement, TT 27 Điều 6).
 */
import { commentTermResult } from '../assessment/comment-term-result.ts';
import { formatTenths } from '../assessment/tenths.ts';
import { termSubjectAverage } from '../assessment/term-subject-average.ts';
import type { CommentMark } from '../assessment/tt22-level.ts';
import type { GradebookColumn, SubjectAssessment } from './gradebook-columns.ts';
import type { CellValue } from './parse-cell-input.ts';

export function displayCell(kind: GradebookColumn['kind'], value: CellValue): string {
  if (value.scoreTenths !== null) return kind === 'testScore' ? String(value.scoreTenths / 10) : formatTenths(value.scoreTenths, ',');
  return value.text ?? '';
}

export function rowAverage(
  subject: SubjectAssessment,
  columns: readonly GradebookColumn[],
  cells: ReadonlyMap<string, CellValue>,
): { display: string | null; tenths: number | null } {
  if (subject.assessmentKind === 'primaryLevel') return { display: null, tenths: null };
  const regular = columns.filter((c) => c.point === 'regular');
  const get = (key: string) => cells.get(key);
  if (subject.assessmentKind === 'scored') {
    const tenths = termSubjectAverage(
      {
        regular: regular.map((c) => get(c.key)?.scoreTenths ?? null),
        midterm: get('GK')?.scoreTenths ?? null,
        endOfTerm: get('CK')?.scoreTenths ?? null,
      },
      subject.regularCount ?? regular.length,
    );
    return { display: tenths === null ? null : formatTenths(tenths, ','), tenths };
  }
  const mark = (key: string) => (get(key)?.text as CommentMark | undefined) ?? null;
  const result = commentTermResult(
    { regular: regular.map((c) => mark(c.key)), midterm: mark('GK'), endOfTerm: mark('CK') },
    subject.regularCount ?? regular.length,
  );
  return { display: result, tenths: null };
}

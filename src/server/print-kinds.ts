/**
 * The documents a bulk print job can make, wired to their builders. Options come from the job
 * request (ZStartPrintJob.options) and are checked here, with Vietnamese errors naming the field.
 */
import type { PrimaryPoint } from '../domain/results/primary-traits.ts';
import { invalid } from './platform/errors.ts';
import { buildClassBook, buildConfirmationSheet, buildPrimarySummary, type ClassBookScope, classStudents, type ConfirmationTerm, registerPrintTarget, wholeClass } from './printing/index.ts';
import { buildReportBook, buildTranscript } from './transcripts/index.ts';

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, field: string): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw invalid(`Giá trị "${v}" của ${field} không hợp lệ.`, [{ field: `options.${field}`, message: `một trong ${allowed.join(', ')}` }]);
  return v as T;
}

registerPrintTarget('class_book', {
  label: 'Sổ theo dõi và đánh giá học sinh',
  items: wholeClass,
  build: (db, item, o, ctx) => buildClassBook(db, { classId: item.classId, scope: pick<ClassBookScope>(o.scope, ['hk1', 'hk2', 'year'], 'year', 'scope') }, ctx),
});

registerPrintTarget('confirmation_sheet', {
  label: 'Bảng xác nhận kết quả',
  items: wholeClass,
  build: (db, item, o, ctx) => {
    const term = pick(o.term, ['1', '2', 'year'], 'year', 'term');
    return buildConfirmationSheet(db, { classId: item.classId, term: (term === 'year' ? 'year' : Number(term)) as ConfirmationTerm, subjectId: o.subjectId ?? null }, ctx);
  },
});

registerPrintTarget('primary_summary', {
  label: 'Bảng tổng hợp kết quả đánh giá giáo dục',
  items: wholeClass,
  build: (db, item, o, ctx) => buildPrimarySummary(db, { classId: item.classId, point: pick<PrimaryPoint>(o.point as PrimaryPoint, ['GK1', 'CK1', 'GK2', 'CN'], 'CK1', 'point') }, ctx),
});

registerPrintTarget('transcript', {
  label: 'Học bạ',
  items: classStudents,
  build: (db, item, _o, ctx) => buildTranscript(db, { studentId: item.studentId! }, ctx),
});

registerPrintTarget('report_book', {
  label: 'Sổ liên lạc',
  items: classStudents,
  build: (db, item, o, ctx) =>
    buildReportBook(db, o.termId ? { studentId: item.studentId!, termId: o.termId } : { studentId: item.studentId!, term: pick(o.term, ['1', '2'], '1', 'term') === '2' ? 2 : 1 }, ctx),
});

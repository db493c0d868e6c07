/**
 * Builds the primary class summary (Bảng tổng hợp kết quả đánh giá giáo dục của lớp, TT 27, P4)
 * for one assessment point from loadPrimarySummary — the same presenter as the JSON
 * /classes/:id/primary-summary — so the year level, award and completion are the ones
 * src/domain computed; once the point is approved, from its frozen snapshot.
 */
import { displayCell } from '../../domain/gradebook/row-average.ts';
import { COMPETENCES, QUALITIES, type PrimaryPoint } from '../../domain/results/primary-traits.ts';
import { SUMMARY_TT27_AWARD_NAMES, labelOf, primaryPointLabel } from '../../shared/labels.ts';
import type { Db } from '../platform/db/database.ts';
import { loadApprovedPrimarySummary, loadPrimarySummary } from '../primary/index.ts';
import { getClassOr404 } from '../school/index.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { AppError } from '../platform/errors.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { type PrimarySummaryPdfData, renderPrimarySummaryPdf } from './templates/primary-summary-pdf.ts';
import { classDataChangedAt, loadClassPrintHeader, printedDataVersion, slug } from './class-print-common.ts';
import { loadPrintStudents } from './class-print-results.ts';
import { principalBlock } from '../platform/pdf/layout.ts';

/** The general competences (năng lực chung) lead the TT 27 list. */
const GENERAL_COMPETENCES = 3;

export async function buildPrimarySummary(db: Db, options: { classId: string; point: PrimaryPoint }, ctx: { baseUrl: string }): Promise<RenderedDocument> {
  const cls = await getClassOr404(db, options.classId);
  const regime = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst();
  if (regime?.regime !== 'TT27_2020') throw new AppError('INVALID_STATE', 'Bảng tổng hợp kết quả đánh giá giáo dục theo Thông tư 27/2020 chỉ in cho lớp tiểu học.');
  const header = await loadClassPrintHeader(db, cls);
  const createdAt = await classDataChangedAt(db, cls);
  // The point as the principal approved it (C5) when she has; before that, as it stands.
  const summary = (await loadApprovedPrimarySummary(db, cls.id, options.point))?.summary ?? (await loadPrimarySummary(db, cls, options.point));
  const students = new Map((await loadPrintStudents(db, cls.id)).map((s) => [s.studentId, s]));
  const endOfYear = options.point === 'CN';
  const female = [...students.values()].filter((s) => s.female).length;
  const pointTitle = primaryPointLabel(options.point).toLocaleUpperCase('vi');
  const title = `Bảng tổng hợp kết quả đánh giá giáo dục – lớp ${cls.name} – ${primaryPointLabel(options.point)} – ${header.schoolYear}`;
  const printed: Omit<PrimarySummaryPdfData, 'documentId' | 'verifyUrl' | 'createdAt'> = {
    runningTitle: title,
    heading: header.school.heading,
    pointTitle,
    lines: [`Lớp: ${cls.name} — Năm học: ${header.schoolYear}`, `Giáo viên chủ nhiệm: ${header.homeroomName ?? '……………………'} — Sĩ số: ${summary.rows.length} (nữ: ${female})`],
    subjects: summary.subjects.map((s) => ({ name: s.name, hasTest: s.hasTest })),
    qualityNames: [...QUALITIES],
    competenceNames: [...COMPETENCES],
    generalCompetences: GENERAL_COMPETENCES,
    endOfYear,
    rows: summary.rows.map((r) => {
      const st = students.get(r.studentId);
      return {
        no: r.listNumber,
        fullName: r.fullName,
        female: st?.female ?? false,
        dateOfBirth: st?.dateOfBirth ?? '',
        subjects: r.subjects.map((s) => ({ level: s.level ?? '', test: s.test === null ? '' : displayCell('testScore', { scoreTenths: Math.round(s.test * 10), text: null }) })),
        qualities: r.qualities.map((q) => q ?? ''),
        competences: r.competences.map((c) => c ?? ''),
        yearLevel: r.yearLevel ?? '',
        award: r.award ? labelOf(SUMMARY_TT27_AWARD_NAMES, r.award) : '',
        completed: r.yearLevel ? (r.completed ? 'Hoàn thành' : 'Chưa hoàn thành') : '',
        note: r.missing.length ? `Còn thiếu ${r.missing.length} mục` : '',
      };
    }),
    placeDate: { place: header.school.place, date: null },
    homeroomSigner: { title: 'GIÁO VIÊN CHỦ NHIỆM', caption: '(Ký và ghi rõ họ tên)', name: header.homeroomName },
    principalSigner: principalBlock(header.principalName, false),
  };
  const inputsVersion = printedDataVersion(printed);
  const documentId = documentIdFor('BTH', [cls.id, options.point, summary.ruleVersion, inputsVersion]);
  const pdf = await renderPrimarySummaryPdf({ ...printed, documentId, verifyUrl: verifyUrlFor(ctx.baseUrl, documentId), createdAt });
  return {
    kind: 'primary_summary',
    documentId,
    title,
    publicHeader: `${header.school.schoolName} – Bảng tổng hợp kết quả đánh giá giáo dục của lớp – lớp ${cls.name} – ${pointTitle} – năm học ${header.schoolYear}`,
    subject: { classId: cls.id, schoolYearId: cls.school_year_id, point: options.point },
    seriesKey: `primary_summary:${cls.id}:${options.point}`,
    inputsVersion,
    dataSha256: inputsVersion,
    filename: `tong-hop-${slug(cls.name)}-${options.point.toLowerCase()}-${slug(header.schoolYear)}.pdf`,
    pdf,
  };
}

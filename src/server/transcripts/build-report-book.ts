/**
 * buildReportBook: one student's sổ liên lạc for one term as a RenderedDocument (P8),
 * independent of HTTP. The id changes with the approved snapshot, or with any printed value
 * while the term is not approved yet.
 */
import { inSentence, termLabel } from '../../shared/labels.ts';
import type { Executor } from '../platform/db/database.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { renderReportBookPdf } from './templates/report-book-pdf.ts';
import { vnDay } from './templates/transcript-pdf-parts.ts';
import { type DocumentContext, fileSlug } from './build-transcript.ts';
import { loadReportBook } from './load-report-book.ts';
import { printAuthority, schoolPrintInfo } from '../printing/index.ts';
import { printLevelOfGrade } from '../school/index.ts';

export async function buildReportBook(db: Executor, input: { studentId: string; termId?: string; term?: 1 | 2 }, ctx: DocumentContext): Promise<RenderedDocument> {
  const data = await loadReportBook(db, input, ctx.cache);
  const stored = await schoolPrintInfo(db, data.schoolId, ctx.cache);
  // The heading of the term's year (issue 15 §9).
  const printed = await printAuthority(db, { schoolId: data.schoolId, year: { schoolYearId: data.schoolYearId }, level: printLevelOfGrade(data.grade) }, ctx.cache);
  const school = { ...stored, heading: { ...stored.heading, authority: printed.authority } };
  const documentId = documentIdFor('SLL', [data.studentId, data.termId, data.inputsVersion, school.heading.authority]);
  const pdf = await renderReportBookPdf({
    data,
    documentId,
    verifyUrl: verifyUrlFor(ctx.baseUrl, documentId),
    heading: school.heading,
    placeDate: { place: school.place, date: vnDay(data.asOf) },
  });
  const term = inSentence(termLabel(data.termNo));
  return {
    kind: 'report_book',
    documentId,
    title: `Sổ liên lạc ${term} – ${data.studentName} – lớp ${data.className}`,
    publicHeader: `${school.schoolName} – Sổ liên lạc ${term} năm học ${data.schoolYear} – ${data.studentName} – lớp ${data.className}`,
    subject: { studentId: data.studentId, termId: data.termId, classId: data.classId, schoolId: data.schoolId },
    seriesKey: `report_book:${data.studentId}:${data.termId}`,
    inputsVersion: data.inputsVersion,
    filename: `so-lien-lac-hk${data.termNo}-${fileSlug(data.className)}-${fileSlug(data.studentName)}.pdf`,
    pdf,
  };
}

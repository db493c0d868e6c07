/**
 * SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH (THEO LỚP HỌC) — THCS/THPT, TT 22/2021 (FORMS.md §1):
 * cover, instructions and subject teachers, the inner title page, the student list, the monthly
 * attendance sheets, per term a grid per subject signed by its teacher and the term summary, for
 * the whole year the year summary and the year classification, then the principal's monthly
 * remarks, closed by the homeroom teacher's and the principal's signatures.
 *
 * Portrait for the cover, the subject grids (a class of 45 fits a page) and the remarks, landscape
 * for the student list, the attendance sheets and the summaries (one column per subject). A pure function of prepared data:
 * every value arrives as printed (names, dd/mm/yyyy, scores with a decimal comma).
 */
import type { PdfNode } from '../../platform/pdf/engine/nodes.ts';
import { attendancePages, principalRemarksPage } from './class-book-attendance.ts';
import { coverPage, innerTitlePage, instructionsPage, studentListPages } from './class-book-pages.ts';
import { subjectGridPage, summaryPage, yearClassificationPage } from './class-book-grids.ts';
import { pageFrame, signatureRow } from '../../platform/pdf/layout.ts';
import { renderPdf } from '../../platform/pdf/render-pdf.ts';
import type { ClassBookPdfData } from './class-book-data.ts';

export function classBookDefinition(data: ClassBookPdfData) {
  // FORMS.md §1.2 order: cover, instructions, inner title, student list, attendance, term parts, year, principal's remarks.
  const content: PdfNode[] = [
    coverPage(data.cover, data.scopeLabel),
    instructionsPage(data.cover),
    innerTitlePage(data.cover),
    ...studentListPages(data.students, data.cover),
    ...attendancePages(data.attendance ?? [], data.cover),
  ];
  for (const s of data.sections) {
    if (s.kind === 'subject') content.push(subjectGridPage(s));
    else if (s.kind === 'summary') content.push(summaryPage(s));
    else content.push(yearClassificationPage(s));
  }
  if (data.attendance?.length) content.push(principalRemarksPage(data.attendance));
  // The closing certification: the homeroom teacher and the principal (FORMS.md §1.2 step 10).
  content.push({
    stack: [
      { text: 'XÁC NHẬN CỦA GIÁO VIÊN CHỦ NHIỆM VÀ HIỆU TRƯỞNG', style: 'title', margin: [0, 0, 0, 8] },
      {
        text: `Sổ theo dõi và đánh giá học sinh lớp ${data.cover.className}, ${data.scopeLabel.charAt(0).toLocaleLowerCase('vi')}${data.scopeLabel.slice(1)}, năm học ${data.cover.schoolYear}, gồm ${data.students.length} học sinh, được in từ phần mềm Sổ Điểm Số với mã văn bản ${data.documentId}.`,
        fontSize: 11,
        margin: [0, 0, 0, 8],
      },
      signatureRow([data.homeroomSigner, data.principalSigner], data.placeDate),
    ],
    unbreakable: true,
    margin: [0, 18, 0, 0],
  });
  return pageFrame({ orientation: 'portrait', documentId: data.documentId, verifyUrl: data.verifyUrl, runningTitle: data.runningTitle, content });
}

export async function renderClassBookPdf(data: ClassBookPdfData): Promise<Buffer> {
  return renderPdf(classBookDefinition(data), {
    title: data.runningTitle,
    subject: 'Sổ theo dõi và đánh giá học sinh (theo lớp học)',
    documentId: data.documentId,
    createdAt: data.createdAt,
    keywords: [`lớp ${data.cover.className}`, data.cover.schoolYear, data.scopeLabel],
  });
}

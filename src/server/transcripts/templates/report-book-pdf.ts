/**
 * The sổ liên lạc (report book, P8, FORMS.md §7.2) of one student for one term: for the family.
 * A4 portrait: the heading, the student, the term's scores per subject (ĐĐGtx, ĐĐGgk, ĐĐGck,
 * ĐTBmhk or the Đ/CĐ level; primary: level and test score), KQHT, KQRL, absences with and
 * without leave, the homeroom teacher's comment, room for the parent's comment, the signatures.
 */
import type { BlockProps, PdfNode, TextNode } from '../../platform/pdf/engine/nodes.ts';
import type { ReportBookData } from '../load-report-book.ts';
import { type PlaceDate, type SchoolHeading, contentWidth, documentTitle, GRID_LAYOUT, labelValue, nationalHeading, pageFrame, signatureRow, writingLines } from '../../platform/pdf/layout.ts';
import { renderPdf } from '../../platform/pdf/render-pdf.ts';
import { TT22_LEVEL_NAMES, TT27_YEAR_LEVEL_NAMES, labelOf, termLabel, termRoman } from '../../../shared/labels.ts';
import { vnDateOfInstant, vnDateText } from './transcript-pdf-parts.ts';

export interface ReportBookPrintInput {
  data: ReportBookData;
  documentId: string;
  verifyUrl: string;
  heading: SchoolHeading;
  placeDate: PlaceDate;
}

const cell = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'td', ...extra });
const th = (text: string): TextNode => ({ text, style: 'th' });

export function reportBookDefinition(input: ReportBookPrintInput) {
  const d = input.data;
  const w = contentWidth();
  const table: PdfNode = d.primary
    ? {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [w * 0.08, '*', w * 0.2, w * 0.18],
          body: [[th('STT'), th('Môn học và hoạt động giáo dục'), th('Mức đạt được'), th('Điểm KTĐK')], ...d.rows.map((r, i) => [cell(String(i + 1), { alignment: 'center' }), cell(r.name), cell(r.result, { alignment: 'center', bold: true }), cell(r.final, { alignment: 'center' })])],
        },
        layout: GRID_LAYOUT,
      }
    : {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [w * 0.07, w * 0.3, '*', w * 0.1, w * 0.1, w * 0.14],
          body: [
            [th('STT'), th('Môn học'), th('ĐĐGtx'), th('ĐĐGgk'), th('ĐĐGck'), th(`ĐTBmhk${termRoman(d.termNo)} hoặc mức đánh giá`)],
            ...d.rows.map((r, i) => [
              cell(String(i + 1), { alignment: 'center' }),
              cell(r.name),
              cell(r.regular, { alignment: 'center' }),
              cell(r.midterm, { alignment: 'center' }),
              cell(r.final, { alignment: 'center' }),
              cell(r.result, { alignment: 'center', bold: true }),
            ]),
          ],
        },
        layout: GRID_LAYOUT,
      };
  const academic = d.academic ? labelOf(d.primary ? TT27_YEAR_LEVEL_NAMES : TT22_LEVEL_NAMES, d.academic) : null;
  const status = d.approved
    ? `Kết quả đã được Hiệu trưởng phê duyệt ngày ${vnDateOfInstant(d.asOf)}.`
    : `Kết quả tạm tính đến ngày ${vnDateOfInstant(d.asOf)}, chưa được Hiệu trưởng phê duyệt.`;
  const summary: PdfNode[] = d.primary
    ? [labelValue('Đánh giá kết quả giáo dục', d.termNo === 2 ? academic : null)]
    : [labelValue('Kết quả học tập', academic), labelValue('Kết quả rèn luyện', d.conduct ? labelOf(TT22_LEVEL_NAMES, d.conduct) : null)];
  const parent: PdfNode = {
    stack: [
      { text: 'Ý kiến của cha mẹ học sinh', bold: true, fontSize: 12, margin: [0, 6, 0, 0] },
      writingLines(2, w, 15),
    ],
  };
  const content: PdfNode[] = [
    nationalHeading(input.heading),
    { ...documentTitle('SỔ LIÊN LẠC', [`Kết quả học tập và rèn luyện học kỳ ${termRoman(d.termNo)} – Năm học ${d.schoolYear}`]), margin: [0, 0, 0, 8] },
    { columns: [{ width: w * 0.6, stack: [labelValue('Họ và tên học sinh', d.studentName)] }, { width: '*', stack: [labelValue('Lớp', d.className)] }] },
    { columns: [{ width: w * 0.6, stack: [labelValue('Ngày sinh', vnDateText(d.dateOfBirth))] }, { width: '*', stack: [labelValue('GVCN', d.homeroomTeacher)] }], margin: [0, 0, 0, 6] },
    table,
    { text: status, fontSize: 10, italics: true, margin: [0, 3, 0, 6] },
    ...summary,
    labelValue('Số buổi nghỉ học', `${d.absences.excused + d.absences.unexcused} (có phép: ${d.absences.excused}, không phép: ${d.absences.unexcused})`),
    { text: 'Nhận xét của giáo viên chủ nhiệm', bold: true, fontSize: 12, margin: [0, 8, 0, 2] },
    d.homeroomComment ? { text: d.homeroomComment, fontSize: 12 } : writingLines(2, w, 15),
    signatureRow(
      [
        { title: 'CHA MẸ HỌC SINH', caption: '(Ký, ghi rõ họ tên)', name: null },
        { title: 'GIÁO VIÊN CHỦ NHIỆM', caption: '(Ký, ghi rõ họ tên)', name: d.homeroomTeacher },
      ],
      input.placeDate,
      parent,
    ),
  ];
  return pageFrame({ documentId: input.documentId, verifyUrl: input.verifyUrl, runningTitle: `Sổ liên lạc ${termLabel(d.termNo)} – ${d.studentName} – lớp ${d.className}`, content });
}

export async function renderReportBookPdf(input: ReportBookPrintInput): Promise<Buffer> {
  const d = input.data;
  return renderPdf(reportBookDefinition(input), {
    title: `Sổ liên lạc học kỳ ${termRoman(d.termNo)} – ${d.studentName} – lớp ${d.className}`,
    subject: `Sổ liên lạc – năm học ${d.schoolYear}`,
    documentId: input.documentId,
    createdAt: new Date(d.asOf),
    keywords: ['Sổ liên lạc'],
  });
}

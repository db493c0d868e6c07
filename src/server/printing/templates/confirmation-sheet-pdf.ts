/**
 * BẢNG XÁC NHẬN KẾT QUẢ (P2): what a teacher checks against her own records and signs.
 * - A subject teacher's sheet: her class × subject × term, every score she entered (the class
 *   book's grid with dates of birth), the term average (and the year average in HK II);
 * - a homeroom teacher's sheet: KQHT, KQRL and absences (P / K) of every student for a term or
 *   the year (with titles and the promotion outcome).
 * Each closes with the teacher's statement and the teacher's and the principal's signatures.
 * No official mẫu exists (FORMS.md §7.3 is school-level); see docs/printing.md.
 */
import { type PdfCell, type PdfNode, SPANNED } from '../../platform/pdf/engine/nodes.ts';
import { TIGHT_GRID, tableOverhead, tableWithSignatures, td, th } from './class-book-cells.ts';
import { subjectGridTable } from './class-book-grids.ts';
import type { SubjectGridPage } from './class-book-data.ts';
import { type PlaceDate, type SchoolHeading, type Signer, contentWidth, documentTitle, nationalHeading, pageFrame, signatureRow } from '../../platform/pdf/layout.ts';
import { renderPdf } from '../../platform/pdf/render-pdf.ts';

export interface HomeroomConfirmationRow {
  no: number;
  fullName: string;
  dateOfBirth: string;
  academic: string;
  conduct: string;
  excused: string;
  unexcused: string;
  total: string;
  /** Year sheet only. */
  title?: string;
  outcome?: string;
  note: string;
}

interface Common {
  documentId: string;
  verifyUrl: string;
  createdAt: Date;
  runningTitle: string;
  heading: SchoolHeading;
  title: string;
  lines: string[];
  /** "Sĩ số: 40. Đã có đủ điểm: 38; còn thiếu: 2." and the like. */
  tally: string[];
  statement: string;
  placeDate: PlaceDate;
  teacherSigner: Signer;
  principalSigner: Signer;
}

export type ConfirmationSheetPdfData =
  | (Common & { kind: 'subject'; grid: Pick<SubjectGridPage, 'termNo' | 'assessment' | 'regularColumns' | 'rows'>; datesOfBirth: string[] })
  | (Common & { kind: 'homeroom'; year: boolean; rows: HomeroomConfirmationRow[] });

function homeroomTable(rows: HomeroomConfirmationRow[], year: boolean) {
  const head1: PdfCell[] = [
    th('Số TT', { rowSpan: 2, topPad: 6 }),
    th('Họ và tên', { rowSpan: 2, topPad: 6 }),
    th('Ngày sinh', { rowSpan: 2, topPad: 6 }),
    th('Kết quả học tập', { rowSpan: 2, fontSize: 8 }),
    th('Kết quả rèn luyện', { rowSpan: 2, fontSize: 8 }),
    th('Số buổi nghỉ học', { colSpan: 3, fontSize: 8 }),
    SPANNED,
    SPANNED,
  ];
  const head2: PdfCell[] = [SPANNED, SPANNED, SPANNED, SPANNED, SPANNED, th('P'), th('K'), th('Tổng')];
  if (year) {
    head1.push(th('Danh hiệu', { rowSpan: 2, topPad: 6 }), th('Lên lớp / ở lại', { rowSpan: 2, fontSize: 8 }));
    head2.push(SPANNED, SPANNED);
  }
  head1.push(th('Ghi chú', { rowSpan: 2, topPad: 6 }));
  head2.push(SPANNED);
  const body: PdfCell[][] = [head1, head2];
  for (const r of rows) {
    const row: PdfCell[] = [td(String(r.no)), td(r.fullName, { align: 'left' }), td(r.dateOfBirth), td(r.academic, { bold: true }), td(r.conduct, { bold: true }), td(r.excused), td(r.unexcused), td(r.total)];
    if (year) row.push(td(r.title ?? '', { fontSize: 8 }), td(r.outcome ?? '', { fontSize: 8 }));
    row.push(td(r.note, { align: 'left', fontSize: 7.5 }));
    body.push(row);
  }
  const orientation = year ? 'landscape' : 'portrait';
  const fixed = [16, 0, 52, 48, 48, 20, 20, 26, ...(year ? [90, 80] : []), year ? 120 : 44];
  const usable = contentWidth(orientation) - tableOverhead(fixed.length);
  fixed[1] = usable - fixed.reduce((a, b) => a + b, 0);
  return { body, widths: fixed };
}

export function confirmationSheetDefinition(data: ConfirmationSheetPdfData) {
  // HK II adds the year average and the re-assessment: landscape keeps every name on one line.
  const orientation = (data.kind === 'homeroom' && data.year) || (data.kind === 'subject' && data.grid.termNo === 2) ? 'landscape' : 'portrait';
  const { body, widths } = data.kind === 'subject' ? subjectGridTable(data.grid, { dateOfBirth: data.datesOfBirth, orientation }) : homeroomTable(data.rows, data.year);
  const after = (keep: PdfNode): PdfNode => ({
    stack: [
      keep,
      ...data.tally.map((t) => ({ text: t, fontSize: 10, margin: [0, 3, 0, 0] as [number, number, number, number] })),
      { text: data.statement, fontSize: 11, italics: true, margin: [0, 6, 0, 0] },
      signatureRow([data.teacherSigner, data.principalSigner], data.placeDate),
    ],
    unbreakable: true,
  });
  const content: PdfNode[] = [
    nationalHeading(data.heading, orientation),
    documentTitle(data.title, data.lines),
    ...tableWithSignatures(body, 2, widths, after, TIGHT_GRID, 3),
  ];
  return pageFrame({ orientation, documentId: data.documentId, verifyUrl: data.verifyUrl, runningTitle: data.runningTitle, content });
}

export async function renderConfirmationSheetPdf(data: ConfirmationSheetPdfData): Promise<Buffer> {
  return renderPdf(confirmationSheetDefinition(data), {
    title: data.runningTitle,
    subject: data.title,
    documentId: data.documentId,
    createdAt: data.createdAt,
  });
}

/**
 * NHẬT KÍ SỬA ĐIỂM (C4): one teacher's score changes in one month, printed for the monthly
 * review. Each change carries room for the teacher's written explanation and check boxes for
 * the evidence filed with it (ticked where the teacher named it on saving, C4); the teacher and the principal (or a vice-principal) sign. Below
 * the changes, where given: the month's unlocks, window changes and correction decisions, each
 * with who asked and who confirmed (issue 14 §3).
 *
 * The template receives fully prepared data (names, dates and values as printed).
 */
import type { BlockProps, PdfCell, PdfNode, TextNode } from '../platform/pdf/engine/nodes.ts';
import { GRID_LAYOUT, type PlaceDate, type SchoolHeading, type Signer, checkboxGrid, contentWidth, documentTitle, labelValue, nationalHeading, pageFrame, signatureRow, writingLines } from '../platform/pdf/layout.ts';
import { type PdfInfo, renderPdf } from '../platform/pdf/render-pdf.ts';

export interface EditLogPdfRow {
  /** "14:05 03/10/2025" (Vietnam time). */
  at: string;
  className: string;
  subjectName: string;
  studentName: string;
  /** "ĐĐGgk (HK I)". */
  column: string;
  oldValue: string;
  newValue: string;
  /** "Nhập trên lưới điểm", "Giấy đề nghị số 3" … */
  source: string;
  reason: string;
  /** C4: the evidence named when the change was saved, as in `evidenceLabels`; their boxes print ticked. */
  evidence: string[];
  /** What "Khác" is, when named. */
  evidenceNote: string;
}

/** An unlock, window change or correction decision of the month: who asked, who decided. */
export interface EditLogPdfApprovalRow {
  /** "14:05 03/10/2025" (Vietnam time). */
  at: string;
  /** "Xác nhận", "Ban quản trị gửi yêu cầu" … */
  step: string;
  summary: string;
  requestedByName: string;
  /** '' for a request. */
  decidedByName: string;
  reason: string;
}

export interface EditLogPdfData {
  documentId: string;
  verifyUrl: string;
  /** For the PDF metadata: the time of the last change shown (or the month's first day). */
  createdAt: Date;
  heading: SchoolHeading;
  teacherName: string;
  /** "10/2025". */
  month: string;
  /** "2025 - 2026". */
  schoolYear: string;
  rows: EditLogPdfRow[];
  /** The month's unlocks and decisions; the section is left out when undefined. */
  approvals?: EditLogPdfApprovalRow[];
  /** Set when the month has more changes than one document prints. */
  truncatedNote?: string;
  /** The evidence kinds, short, as printed next to the check boxes of every change. */
  evidenceLabels: string[];
  /** Place printed before the date; the date is left blank for the signing day. */
  placeDate: PlaceDate;
  teacherSigner: Signer;
  leaderSigner: Signer;
}

const ORIENTATION = 'landscape' as const;
// STT, time, class, subject, student, column, old → new, source, reason, explanation (the
// rest of the width), evidence boxes.
const WIDTHS = [21, 44, 24, 46, 94, 40, 40, 42, 66, 0, 104];
const EXPLAIN = 9;
const CELL_PADDING = 6;

function widths(): number[] {
  const total = contentWidth(ORIENTATION) - WIDTHS.length * CELL_PADDING - (WIDTHS.length + 1) * 0.5;
  const fixed = WIDTHS.reduce((a, b) => a + b, 0);
  return WIDTHS.map((w) => (w === 0 ? Math.floor(total - fixed) : w));
}

const HEADERS = ['STT', 'Thời gian', 'Lớp', 'Môn', 'Học sinh', 'Cột điểm', 'Điểm cũ → mới', 'Nguồn', 'Lý do sửa', 'Giải trình của giáo viên', 'Minh chứng kèm theo'];

function row(r: EditLogPdfRow, index: number, evidenceLabels: string[], explainWidth: number): PdfCell[] {
  const td = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'td', ...extra });
  return [
    td(String(index + 1), { alignment: 'center' }),
    td(r.at, { fontSize: 9 }),
    td(r.className, { alignment: 'center' }),
    td(r.subjectName),
    td(r.studentName),
    td(r.column, { fontSize: 9 }),
    { text: [{ text: r.oldValue || '(trống)', decoration: r.oldValue ? 'lineThrough' : undefined }, ' → ', { text: r.newValue || '(xóa)', bold: true }], style: 'td', alignment: 'center' },
    td(r.source, { fontSize: 9 }),
    td(r.reason || '(không ghi)', { fontSize: 9, italics: !r.reason }),
    writingLines(3, explainWidth, 14),
    evidenceCell(r, evidenceLabels),
  ];
}

/** The boxes, those named on saving ticked, with a line saying so (the text shows what the crosses mean). */
function evidenceCell(r: EditLogPdfRow, evidenceLabels: string[]): PdfNode {
  const grid = checkboxGrid(evidenceLabels.map((label) => ({ label, checked: r.evidence.includes(label) })), 1, 8.5);
  if (!r.evidence.length) return grid;
  const note = r.evidenceNote ? ` (${r.evidenceNote})` : '';
  return { stack: [grid, { text: `Đã ghi khi sửa: ${r.evidence.join('; ')}${note}`, fontSize: 8, italics: true }] };
}

const APPROVAL_HEADERS = ['STT', 'Thời gian', 'Việc', 'Nội dung', 'Người đề nghị', 'Người xác nhận, duyệt', 'Lý do'];
const APPROVAL_WIDTHS = [21, 60, 90, 0, 100, 100, 150];

function approvalsSection(approvals: EditLogPdfApprovalRow[]): PdfNode[] {
  const title: PdfNode = { text: 'Mở sổ, đổi đợt cập nhật điểm và duyệt giấy đề nghị trong tháng', bold: true, margin: [0, 10, 0, 4], keepWithNext: true };
  if (!approvals.length) return [title, { text: 'Trong tháng không có.', italics: true, fontSize: 10 }];
  const total = contentWidth(ORIENTATION) - APPROVAL_WIDTHS.length * CELL_PADDING - (APPROVAL_WIDTHS.length + 1) * 0.5;
  const fixed = APPROVAL_WIDTHS.reduce((a, b) => a + b, 0);
  const widths = APPROVAL_WIDTHS.map((w) => (w === 0 ? Math.floor(total - fixed) : w));
  const td = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'td', fontSize: 9, ...extra });
  const body: PdfCell[][] = [
    APPROVAL_HEADERS.map((h) => ({ text: h, style: 'th' })),
    ...approvals.map((a, i) => [td(String(i + 1), { alignment: 'center' }), td(a.at), td(a.step), td(a.summary), td(a.requestedByName), td(a.decidedByName || '—'), td(a.reason || '(không ghi)', { italics: !a.reason })]),
  ];
  return [title, { table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: GRID_LAYOUT }];
}

export function editLogDocument(data: EditLogPdfData) {
  const w = widths();
  const body: PdfCell[][] = [HEADERS.map((h) => ({ text: h, style: 'th' }))];
  data.rows.forEach((r, i) => body.push(row(r, i, data.evidenceLabels, w[EXPLAIN])));
  const content: PdfNode[] = [
    nationalHeading(data.heading, ORIENTATION),
    documentTitle('NHẬT KÍ SỬA ĐIỂM', [`Tháng ${data.month} - Năm học ${data.schoolYear}`]),
    {
      columns: [
        { width: '*', stack: [labelValue('Giáo viên', data.teacherName)] },
        { width: 'auto', stack: [labelValue('Số lần sửa điểm trong tháng', String(data.rows.length))] },
      ],
      margin: [0, 0, 0, 4],
    },
    {
      text: 'Giáo viên ghi giải trình cho từng lần sửa điểm và đánh dấu minh chứng nộp kèm (sổ điểm cá nhân, bài kiểm tra, xác nhận của học sinh cùng lớp đối với điểm kiểm tra miệng).',
      fontSize: 10,
      italics: true,
      margin: [0, 0, 0, 6],
    },
  ];
  // The last change goes with the signatures (a table of its own, flush under the others), so
  // the signatures never stand alone on a page.
  let last: PdfNode | undefined;
  if (data.rows.length) {
    if (body.length > 2) last = { table: { widths: w, body: [body.pop() as PdfCell[]] }, layout: GRID_LAYOUT, margin: [0, -0.5, 0, 0] };
    content.push({ table: { headerRows: 1, dontBreakRows: true, widths: w, body }, layout: GRID_LAYOUT });
  } else {
    content.push({ text: 'Trong tháng không có lần sửa điểm nào.', italics: true, alignment: 'center', margin: [0, 12, 0, 12] });
  }
  if (data.truncatedNote) {
    if (last) content.push(last);
    last = undefined;
    content.push({ text: data.truncatedNote, fontSize: 10, italics: true, margin: [0, 4, 0, 0] });
  }
  if (data.approvals) {
    if (last) content.push(last);
    last = undefined;
    content.push(...approvalsSection(data.approvals));
  }
  content.push(signatureRow([data.teacherSigner, data.leaderSigner], data.placeDate, last));
  return pageFrame({
    orientation: ORIENTATION,
    documentId: data.documentId,
    verifyUrl: data.verifyUrl,
    runningTitle: `${data.heading.school} · Nhật kí sửa điểm tháng ${data.month} · ${data.teacherName}`,
    content,
  });
}

export function editLogPdfInfo(data: EditLogPdfData): PdfInfo {
  return {
    title: `Nhật kí sửa điểm tháng ${data.month} - ${data.teacherName}`,
    subject: `Nhật kí sửa điểm, ${data.heading.school}, năm học ${data.schoolYear}`,
    documentId: data.documentId,
    createdAt: data.createdAt,
    keywords: ['nhật kí sửa điểm', data.teacherName, data.month],
  };
}

export async function renderEditLogPdf(data: EditLogPdfData): Promise<Buffer> {
  return renderPdf(editLogDocument(data), editLogPdfInfo(data));
}

/**
 * GIẤY ĐỀ NGHỊ THAY ĐỔI THÔNG TIN (C2): the request to change scores — or another record approved
 * with the results (issue 22) — after a lock, as kept on file: the cells or fields (old → requested), the reason and evidence, the principal's decision and the
 * admin board's update, with the three signatures.
 *
 * The template receives fully prepared data (names, dates and values as printed).
 */
import type { PdfCell, PdfNode } from '../platform/pdf/engine/nodes.ts';
import { GRID_LAYOUT, type PlaceDate, type SchoolHeading, type Signer, checkboxGrid, documentTitle, labelValue, nationalHeading, pageFrame, signatureRow } from '../platform/pdf/layout.ts';
import { type PdfInfo, renderPdf } from '../platform/pdf/render-pdf.ts';
import { inSentence } from '../../shared/labels.ts';

export interface CorrectionPdfCell {
  studentName: string;
  /** "ĐĐGgk (HK I)"; of another record, the field: "Ngày sinh". */
  column: string;
  oldValue: string;
  newValue: string;
}

export interface CorrectionPdfData {
  documentId: string;
  verifyUrl: string;
  /** For the PDF metadata: the last time the request changed. */
  createdAt: Date;
  /** With `number` set to the request's number. */
  heading: SchoolHeading;
  /** Place and date of the request, under the motto. */
  placeDate: PlaceDate;
  /** "Trường THCS Nguyễn Trãi", after "Kính gửi: Hiệu trưởng". */
  schoolName: string;
  requesterName: string;
  /** "Giáo viên bộ môn". */
  requesterRole: string;
  className: string;
  subjectName: string;
  /** Of a record other than scores: what it changes ("Kết quả rèn luyện"), printed instead of the subject. */
  record?: string;
  /** "Học kỳ I" (termLabel). */
  term: string;
  /** "2025 - 2026". */
  schoolYear: string;
  /** "14:05 ngày 03/11/2025". */
  requestedAt: string;
  cells: CorrectionPdfCell[];
  reason: string;
  /** Every evidence kind, the chosen one checked. */
  evidence: { label: string; checked: boolean }[];
  /** "bai-kiem-tra.png (2 KB; SHA-256 1a2b3c4d5e6f)". */
  files: string[];
  decision: {
    /** null while the principal has not decided. */
    approved: boolean | null;
    /** "Đã duyệt", "Từ chối", "Chờ Hiệu trưởng duyệt", "Đã rút". */
    statusLabel: string;
    byName: string | null;
    at: string | null;
    reason: string;
  };
  applied: { byName: string; at: string } | null;
  signers: { requester: Signer; principal: Signer; board: Signer };
}

function cellsTable(cells: CorrectionPdfCell[], record: boolean): PdfNode {
  const th = (text: string): PdfCell => ({ text, style: 'th' });
  const body: PdfCell[][] = [[th('STT'), th('Học sinh'), th(record ? 'Thông tin' : 'Cột điểm'), th('Thông tin cũ'), th('Thông tin đề nghị thay đổi')]];
  cells.forEach((c, i) =>
    body.push([
      { text: String(i + 1), style: 'td', alignment: 'center' },
      { text: c.studentName, style: 'td' },
      { text: c.column, style: 'td' },
      { text: c.oldValue || '(trống)', style: 'td', alignment: 'center' },
      { text: c.newValue || '(xóa)', style: 'td', alignment: 'center', bold: true },
    ]),
  );
  return { table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', 80, 70, 90], body }, layout: GRID_LAYOUT, margin: [0, 2, 0, 8] };
}

/** Where the change is made: the grade book, or the class's records. */
const book = (data: CorrectionPdfData) => (data.record ? 'hồ sơ' : 'sổ điểm');

function decisionBox(data: CorrectionPdfData): PdfNode {
  const d = data.decision;
  const size = { fontSize: 11 };
  const stack: PdfNode[] = [
    {
      columns: [
        { width: 'auto', text: 'Ý KIẾN CỦA HIỆU TRƯỞNG:', bold: true, ...size },
        { width: 150, margin: [12, 0, 0, 0], stack: [checkboxGrid([{ label: 'Duyệt', checked: d.approved === true }, { label: 'Từ chối', checked: d.approved === false }], 2, 11)] },
        { width: '*', text: `(${d.statusLabel})`, italics: true, alignment: 'right', ...size },
      ],
    },
    { columns: [labelValue('Người quyết định', d.byName, size), labelValue('Thời điểm', d.at, size)] },
    labelValue('Lý do', d.reason || (d.approved === null ? null : '(không ghi)'), size),
    {
      text: [
        { text: 'CẬP NHẬT CỦA BAN QUẢN TRỊ: ', bold: true },
        data.applied ? { text: `đã cập nhật vào ${book(data)} (${data.applied.byName}, ${data.applied.at}).` } : { text: `chưa cập nhật vào ${book(data)}.`, italics: true },
      ],
      ...size,
      margin: [0, 4, 0, 0],
    },
  ];
  return { table: { widths: ['*'], body: [[{ stack, margin: [4, 3, 4, 4] }]] }, layout: GRID_LAYOUT, margin: [0, 6, 0, 0] };
}

export function correctionDocument(data: CorrectionPdfData) {
  const content: PdfNode[] = [
    nationalHeading(data.heading, 'portrait', data.placeDate),
    documentTitle('GIẤY ĐỀ NGHỊ THAY ĐỔI THÔNG TIN', [data.record ? `(Sửa ${inSentence(data.record)} sau khi khóa sổ)` : '(Sửa điểm sau khi khóa sổ)']),
    { text: [{ text: 'Kính gửi: ', italics: true }, { text: `Hiệu trưởng ${data.schoolName}`, bold: true }], fontSize: 13, alignment: 'center', margin: [0, 0, 0, 10] },
    labelValue('Họ và tên người đề nghị', data.requesterName),
    { columns: [labelValue('Chức vụ', data.requesterRole), data.record ? labelValue('Nội dung', data.record) : labelValue('Môn học', data.subjectName)] },
    { columns: [labelValue('Lớp', data.className), labelValue('Học kỳ', `${data.term}, năm học ${data.schoolYear}`)] },
    labelValue('Thời điểm lập', data.requestedAt),
    { text: `Đề nghị thay đổi thông tin trong ${book(data)} như sau:`, margin: [0, 6, 0, 2] },
    cellsTable(data.cells, Boolean(data.record)),
    { text: [{ text: 'Lý do: ', bold: true }, data.reason] },
    { text: 'Minh chứng kèm theo:', bold: true, margin: [0, 4, 0, 2] },
    checkboxGrid(data.evidence, 2, 11),
    { text: 'Tệp đính kèm:', bold: true, margin: [0, 4, 0, 1] },
    data.files.length
      ? { ol: data.files.map((f) => ({ text: f, fontSize: 10 })), margin: [10, 0, 0, 0] }
      : { text: 'Không có tệp đính kèm.', italics: true, fontSize: 11 },
    { text: 'Tôi xin cam đoan các thông tin trên là đúng sự thật.', italics: true, margin: [0, 6, 0, 0] },
    // The decision goes with the signatures, so they never stand alone on a page.
    signatureRow([data.signers.requester, data.signers.principal, data.signers.board], undefined, decisionBox(data)),
  ];
  return pageFrame({
    orientation: 'portrait',
    documentId: data.documentId,
    verifyUrl: data.verifyUrl,
    runningTitle: `${data.schoolName} · Giấy đề nghị thay đổi thông tin số ${data.heading.number ?? ''}`,
    content,
  });
}

export function correctionPdfInfo(data: CorrectionPdfData): PdfInfo {
  return {
    title: `Giấy đề nghị thay đổi thông tin số ${data.heading.number ?? ''} - ${data.className} - ${data.subjectName}`,
    subject: `Giấy đề nghị thay đổi thông tin, ${data.schoolName}, năm học ${data.schoolYear}`,
    documentId: data.documentId,
    createdAt: data.createdAt,
    keywords: ['giấy đề nghị thay đổi thông tin', data.className, data.subjectName, data.requesterName],
  };
}

export async function renderCorrectionPdf(data: CorrectionPdfData): Promise<Buffer> {
  return renderPdf(correctionDocument(data), correctionPdfInfo(data));
}

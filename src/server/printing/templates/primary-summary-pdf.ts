/**
 * BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC CỦA LỚP — primary, TT 27/2020 (FORMS.md §5), for one
 * assessment point (mid/end of HK I, mid-HK II, end of year). A4 landscape, in two tables that
 * each carry the roster: (I) the subjects and activities (level T/H/C, and the periodic test score
 * where the subject has one), (II) the qualities and competences (T/Đ/C) and, at year end, the
 * education result, the award and the completion of the class programme. Pure function of data.
 */
import { type PdfCell, type PdfNode, SPANNED } from '../../platform/pdf/engine/nodes.ts';
import { TIGHT_GRID, tableOverhead, tableWithSignatures, td, th } from './class-book-cells.ts';
import { type PlaceDate, type SchoolHeading, type Signer, contentWidth, documentTitle, nationalHeading, pageFrame, signatureRow } from '../../platform/pdf/layout.ts';
import { renderPdf } from '../../platform/pdf/render-pdf.ts';

export interface PrimarySummaryRow {
  no: number;
  fullName: string;
  female: boolean;
  dateOfBirth: string;
  /** One per subject: the level and (for subjects with a test) the score as printed. */
  subjects: { level: string; test: string }[];
  qualities: string[];
  competences: string[];
  /** End of year only. */
  yearLevel: string;
  award: string;
  completed: string;
  note: string;
}

export interface PrimarySummaryPdfData {
  documentId: string;
  verifyUrl: string;
  createdAt: Date;
  runningTitle: string;
  heading: SchoolHeading;
  /** "GIỮA HỌC KỲ I" … "CUỐI NĂM HỌC" */
  pointTitle: string;
  lines: string[];
  subjects: { name: string; hasTest: boolean }[];
  qualityNames: string[];
  /** The 3 general competences first, then the 7 specific ones. */
  competenceNames: string[];
  generalCompetences: number;
  endOfYear: boolean;
  rows: PrimarySummaryRow[];
  placeDate: PlaceDate;
  homeroomSigner: Signer;
  principalSigner: Signer;
}

const W = contentWidth('landscape');

function subjectTable(d: PrimarySummaryPdfData) {
  const subjectCols = d.subjects.reduce((n, s) => n + (s.hasTest ? 2 : 1), 0);
  const h1: PdfCell[] = [th('Số TT', { rowSpan: 3, topPad: 14 }), th('Họ và tên', { rowSpan: 3, topPad: 14 }), th('Nữ', { rowSpan: 3, topPad: 14 }), th('Ngày sinh', { rowSpan: 3, topPad: 14 })];
  h1.push(th('Môn học và hoạt động giáo dục', { colSpan: subjectCols }), ...Array.from({ length: subjectCols - 1 }, () => SPANNED));
  const h2: PdfCell[] = [SPANNED, SPANNED, SPANNED, SPANNED];
  const h3: PdfCell[] = [SPANNED, SPANNED, SPANNED, SPANNED];
  for (const s of d.subjects) {
    if (s.hasTest) {
      h2.push(th(s.name, { colSpan: 2, fontSize: 7.5 }), SPANNED);
      h3.push(th('Mức', { fontSize: 7 }), th('Điểm KTĐK', { fontSize: 7 }));
    } else {
      h2.push(th(s.name, { rowSpan: 2, fontSize: 7 }));
      h3.push(SPANNED);
    }
  }
  const body: PdfCell[][] = [h1, h2, h3];
  for (const r of d.rows) {
    const row: PdfCell[] = [td(String(r.no)), td(r.fullName, { align: 'left' }), td(r.female ? 'x' : ''), td(r.dateOfBirth)];
    d.subjects.forEach((s, i) => {
      row.push(td(r.subjects[i]?.level ?? '', { bold: true }));
      if (s.hasTest) row.push(td(r.subjects[i]?.test ?? ''));
    });
    body.push(row);
  }
  const usable = W - tableOverhead(4 + subjectCols);
  const col = Math.min(40, Math.max(24, (usable - 16 - 130 - 18 - 50) / Math.max(1, subjectCols)));
  const widths = [16, usable - 16 - 18 - 50 - col * subjectCols, 18, 50, ...Array.from({ length: subjectCols }, () => col)];
  return { body, widths };
}

function traitTable(d: PrimarySummaryPdfData) {
  const q = d.qualityNames.length;
  const g = d.generalCompetences;
  const sp = d.competenceNames.length - g;
  const h1: PdfCell[] = [th('Số TT', { rowSpan: 3, topPad: 14 }), th('Họ và tên', { rowSpan: 3, topPad: 14 })];
  h1.push(th('Phẩm chất chủ yếu', { colSpan: q }), ...Array.from({ length: q - 1 }, () => SPANNED));
  h1.push(th('Năng lực cốt lõi', { colSpan: g + sp }), ...Array.from({ length: g + sp - 1 }, () => SPANNED));
  const h2: PdfCell[] = [SPANNED, SPANNED, ...d.qualityNames.map((n) => th(n, { rowSpan: 2, fontSize: 7 })), th('Năng lực chung', { colSpan: g, fontSize: 7.5 }), ...Array.from({ length: g - 1 }, () => SPANNED), th('Năng lực đặc thù', { colSpan: sp, fontSize: 7.5 }), ...Array.from({ length: sp - 1 }, () => SPANNED)];
  const h3: PdfCell[] = [SPANNED, SPANNED, ...d.qualityNames.map(() => SPANNED), ...d.competenceNames.map((n) => th(n, { fontSize: 7 }))];
  // End of year: the result, the award and the completion take the place of the notes column.
  const tail = d.endOfYear ? ['Đánh giá kết quả giáo dục', 'Khen thưởng', 'Hoàn thành chương trình lớp học'] : ['Ghi chú'];
  for (const t of tail) {
    h1.push(th(t, { rowSpan: 3, fontSize: 7, topPad: 4 }));
    h2.push(SPANNED);
    h3.push(SPANNED);
  }
  const body: PdfCell[][] = [h1, h2, h3];
  for (const r of d.rows) {
    const row: PdfCell[] = [td(String(r.no)), td(r.fullName, { align: 'left' }), ...r.qualities.map((v) => td(v)), ...r.competences.map((v) => td(v))];
    if (d.endOfYear) row.push(r.yearLevel ? td(r.yearLevel, { bold: true }) : td(r.note, { fontSize: 7, italics: true }), td(r.award, { fontSize: 7.5 }), td(r.completed, { fontSize: 7.5 }));
    else row.push(td(r.note, { align: 'left', fontSize: 7 }));
    body.push(row);
  }
  const traitCols = q + g + sp;
  const usable = W - tableOverhead(2 + traitCols + tail.length);
  const name = 110;
  const tailWidths = d.endOfYear ? [38, 50, 50] : [];
  const traitWidth = Math.min(28, Math.floor((usable - 16 - name - tailWidths.reduce((a, b) => a + b, 0) - (d.endOfYear ? 0 : 40)) / traitCols));
  const rest = usable - 16 - name - traitCols * traitWidth - tailWidths.reduce((a, b) => a + b, 0);
  if (d.endOfYear) tailWidths[0] += rest;
  else tailWidths.push(rest);
  return { body, widths: [16, name, ...Array.from({ length: traitCols }, () => traitWidth), ...tailWidths] };
}

const LEGEND =
  'Môn học và hoạt động giáo dục: T – Hoàn thành tốt, H – Hoàn thành, C – Chưa hoàn thành. Phẩm chất, năng lực: T – Tốt, Đ – Đạt, C – Cần cố gắng.';
const LEGEND_YEAR = ' Đánh giá kết quả giáo dục: HTXS – Hoàn thành xuất sắc, HTT – Hoàn thành tốt, HT – Hoàn thành, CHT – Chưa hoàn thành.';

export function primarySummaryDefinition(d: PrimarySummaryPdfData) {
  const a = d.subjects.length ? subjectTable(d) : { body: [], widths: [] };
  const b = traitTable(d);
  const content: PdfNode[] = [
    nationalHeading(d.heading, 'landscape'),
    documentTitle('BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC CỦA LỚP', [d.pointTitle, ...d.lines]),
    { text: 'I. MÔN HỌC VÀ HOẠT ĐỘNG GIÁO DỤC', bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
    d.subjects.length ? { table: { headerRows: 3, dontBreakRows: true, widths: a.widths, body: a.body }, layout: TIGHT_GRID } : { text: 'Lớp chưa có môn học nào được thiết lập.', italics: true },
    { text: 'II. PHẨM CHẤT, NĂNG LỰC' + (d.endOfYear ? ' VÀ KẾT QUẢ CUỐI NĂM' : ''), bold: true, fontSize: 11, margin: [0, 0, 0, 4], pageBreak: 'before' },
    ...tableWithSignatures(b.body, 3, b.widths, (keep) => ({
      stack: [keep, { text: LEGEND + (d.endOfYear ? LEGEND_YEAR : ''), fontSize: 8.5, italics: true, margin: [0, 4, 0, 0] }, signatureRow([d.homeroomSigner, d.principalSigner], d.placeDate)],
      unbreakable: true,
    })),
  ];
  return pageFrame({ orientation: 'landscape', documentId: d.documentId, verifyUrl: d.verifyUrl, runningTitle: d.runningTitle, content });
}

export async function renderPrimarySummaryPdf(d: PrimarySummaryPdfData): Promise<Buffer> {
  return renderPdf(primarySummaryDefinition(d), { title: d.runningTitle, subject: 'Bảng tổng hợp kết quả đánh giá giáo dục của lớp', documentId: d.documentId, createdAt: d.createdAt });
}

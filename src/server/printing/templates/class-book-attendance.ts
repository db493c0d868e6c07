/**
 * The class book's attendance sheets and the principal's remarks (FORMS.md §1.2 steps 5 and 10).
 *
 * Step 5, "Theo dõi chuyên cần": one landscape sheet per month of each term — `Tháng … năm …`,
 * the class size on the right, then `Số TT` | `Họ và tên` (corner split diagonally "Ngày"/"Thứ") |
 * one column per day of the month with its weekday (`2`…`7`, `CN`) | `Tổng số buổi nghỉ` (`TS`,
 * `P`, `K`). A day cell carries one letter per session missed: P (có phép), K (không phép).
 *
 * Step 10: `NHẬN XÉT CỦA HIỆU TRƯỞNG VỀ SỬ DỤNG SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH`, one blank row per
 * month of the printed scope (nothing is stored for it: the principal writes by hand).
 */
import { type ColumnsNode, type PdfCell, type PdfNode, SPANNED, type TextNode } from '../../platform/pdf/engine/nodes.ts';
import type { AttendanceMonthSheet, ClassBookCover } from './class-book-data.ts';
import { TIGHT_GRID, tableOverhead, td, th } from './class-book-cells.ts';
import { GRID_LAYOUT, contentWidth } from '../../platform/pdf/layout.ts';
import { termRoman } from '../../../shared/labels.ts';

const DAY_WIDTH = 10.5;
const NO_WIDTH = 14;
const TOTAL_WIDTH = 13;
/** Height of the two header rows, fixed by the corner cell so its diagonal meets the corners. */
const HEADER_HEIGHT = 36;

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The weekday as the Vietnamese calendar prints it: "2" (Monday) … "7" (Saturday), "CN". */
export function weekdayLabel(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 'CN' : String(d + 1);
}

/** The corner cell, split by a diagonal: "Ngày" and "Thứ" above it on the right, "Họ và tên" below it on the left. */
function cornerCell(width: number): ColumnsNode {
  // TIGHT_GRID's paddings: 2 left/right, 1 top/bottom.
  const pad = 2;
  const padTop = 1;
  const padBottom = 1;
  return {
    rowSpan: 2,
    columnGap: 0,
    columns: [
      {
        // Corner to corner of the cell, rules included: the negative margins take the paddings back
        // so the cell's content stays HEADER_HEIGHT high.
        width: 0.01,
        alignment: 'left',
        margin: [0, -padTop - 0.25, 0, -padBottom - 0.25],
        canvas: [{ type: 'line', x1: -pad, y1: 0, x2: width + pad, y2: HEADER_HEIGHT + padTop + padBottom + 0.5, lineWidth: 0.5 }],
      },
      {
        width: '*',
        stack: [
          // Above the diagonal on the right: the day row and the weekday row; below it: the names.
          { text: 'Ngày', alignment: 'right', fontSize: 7.5, italics: true },
          { text: 'Thứ', alignment: 'right', fontSize: 7.5, italics: true, margin: [0, 3, 0, 0] },
          { text: 'Họ và tên', alignment: 'left', bold: true, fontSize: 8.5, margin: [4, 2, 0, 0] },
        ],
      },
    ],
  };
}

function monthSheet(sheet: AttendanceMonthSheet, cover: ClassBookCover, first: boolean): PdfNode {
  const days = daysInMonth(sheet.year, sheet.month);
  const dayNos = Array.from({ length: days }, (_, i) => i + 1);
  const columns = 2 + days + 3;
  const nameWidth = contentWidth('landscape') - tableOverhead(columns) - NO_WIDTH - days * DAY_WIDTH - 3 * TOTAL_WIDTH;
  const inTerm = (d: number) => d >= sheet.firstDay && d <= sheet.lastDay;
  const head1: PdfCell[] = [
    th('Số TT', { rowSpan: 2, topPad: 10 }),
    cornerCell(nameWidth),
    ...dayNos.map((d) => th(String(d), { fontSize: 7.5 })),
    th('Tổng số buổi nghỉ', { colSpan: 3, fontSize: 7 }),
    SPANNED,
    SPANNED,
  ];
  const head2: PdfCell[] = [
    SPANNED,
    SPANNED,
    ...dayNos.map((d) => {
      const w = weekdayLabel(sheet.year, sheet.month, d);
      return { text: w, alignment: 'center', fontSize: 7, bold: w === 'CN', italics: !inTerm(d) } satisfies TextNode;
    }),
    th('TS', { fontSize: 7.5 }),
    th('P', { fontSize: 7.5 }),
    th('K', { fontSize: 7.5 }),
  ];
  const body: PdfCell[][] = [
    head1,
    head2,
    ...sheet.rows.map((r) => [
      td(String(r.no), { fontSize: 8 }),
      td(r.fullName, { align: 'left', fontSize: 8.5 }),
      ...dayNos.map((d) => {
        const mark = inTerm(d) ? (r.marks[d - 1] ?? '') : '';
        return td(mark, { fontSize: mark.length > 1 ? 5.5 : 7.5, bold: true });
      }),
      td(r.total ? String(r.total) : '', { fontSize: 8, bold: true }),
      td(r.excused ? String(r.excused) : '', { fontSize: 8 }),
      td(r.unexcused ? String(r.unexcused) : '', { fontSize: 8 }),
    ]),
  ];
  const split = sheet.firstDay > 1 || sheet.lastDay < days;
  const pad2 = (n: number) => String(n).padStart(2, '0');
  const span = `${pad2(sheet.firstDay)}/${pad2(sheet.month)} đến ${pad2(sheet.lastDay)}/${pad2(sheet.month)}/${sheet.year}`;
  return {
    stack: [
      ...(first ? [{ text: 'THEO DÕI CHUYÊN CẦN', style: 'title', margin: [0, 0, 0, 4] } satisfies PdfNode] : []),
      {
        columns: [
          { width: '*', text: `HỌC KỲ ${termRoman(sheet.termNo)}`, bold: true, fontSize: 11 },
          { width: 'auto', text: `Tháng ${sheet.month} năm ${sheet.year}`, bold: true, fontSize: 13 },
          { width: '*', text: `Tổng số học sinh của lớp ${cover.className}: ${sheet.rows.length}`, alignment: 'right', fontSize: 11 },
        ],
        margin: [0, 0, 0, split ? 2 : 6],
      },
      ...(split ? [{ text: `(Thuộc học kỳ ${termRoman(sheet.termNo)}: từ ngày ${span}; các ngày khác của tháng ghi ở học kỳ kia.)`, italics: true, fontSize: 9, alignment: 'center', margin: [0, 0, 0, 4] } satisfies PdfNode] : []),
      {
        table: { headerRows: 2, dontBreakRows: true, widths: [NO_WIDTH, nameWidth, ...dayNos.map(() => DAY_WIDTH), TOTAL_WIDTH, TOTAL_WIDTH, TOTAL_WIDTH], body },
        layout: TIGHT_GRID,
      },
      {
        text: 'Ghi chú: P — nghỉ có phép; K — nghỉ không phép (mỗi chữ là một buổi nghỉ); ô trống — đi học. TS — tổng số buổi nghỉ trong tháng.',
        italics: true,
        fontSize: 9,
        margin: [0, 4, 0, 0],
      },
    ],
    pageBreak: 'before',
    pageOrientation: 'landscape',
  };
}

/** One landscape sheet per month (per term when the term boundary splits a month). */
export function attendancePages(sheets: AttendanceMonthSheet[], cover: ClassBookCover): PdfNode[] {
  return sheets.map((s, i) => monthSheet(s, cover, i === 0));
}

/** The months of the printed scope, once each, in order ("9/2026"). */
export function remarkMonths(sheets: AttendanceMonthSheet[]): string[] {
  const out: string[] = [];
  for (const s of sheets) {
    const label = `${s.month}/${s.year}`;
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

/** Step 10: a row per month, tall enough for a handwritten remark, a signature and the seal. */
export function principalRemarksPage(sheets: AttendanceMonthSheet[]): PdfNode {
  const months = remarkMonths(sheets);
  // A portrait page holds about 600 pt of rows: share it, up to 64 pt a month.
  const rowHeight = Math.max(40, Math.min(64, Math.floor(600 / Math.max(1, months.length))));
  const body: PdfCell[][] = [
    [th('Tháng', { fontSize: 11 }), th('Nhận xét', { fontSize: 11 }), th('Ký tên, đóng dấu', { fontSize: 11 })],
    ...months.map((m) => [
      { text: m, alignment: 'center', fontSize: 11, margin: [0, rowHeight / 2 - 8, 0, rowHeight / 2 - 8] } satisfies TextNode,
      td(''),
      td(''),
    ]),
  ];
  return {
    stack: [
      { text: 'NHẬN XÉT CỦA HIỆU TRƯỞNG VỀ SỬ DỤNG SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH', style: 'title', margin: [0, 0, 0, 10] },
      { table: { headerRows: 1, dontBreakRows: true, widths: [60, '*', 130], body }, layout: GRID_LAYOUT },
    ],
    pageBreak: 'before',
    pageOrientation: 'portrait',
  };
}

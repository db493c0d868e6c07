import { describe, expect, it } from 'vitest';
import { attendancePages, daysInMonth, principalRemarksPage, remarkMonths, weekdayLabel } from './class-book-attendance.ts';
import type { AttendanceMonthSheet, ClassBookCover } from './class-book-data.ts';

const cover = { className: '6A1' } as ClassBookCover;
type Cell = { text?: unknown; colSpan?: number; rowSpan?: number; columns?: unknown[] };
type Sheet = { stack: ({ table?: { body: Cell[][]; widths: unknown[]; headerRows: number }; columns?: { text: string }[]; text?: string })[]; pageOrientation: string };

function sheet(month: number, year: number, firstDay = 1, lastDay = daysInMonth(year, month)): AttendanceMonthSheet {
  const marks = new Array<string>(daysInMonth(year, month)).fill('');
  marks[6] = 'PK';
  marks[14] = 'P';
  return { termNo: 1, year, month, firstDay, lastDay, rows: [{ no: 1, fullName: 'Trần Thu Anh', marks, total: 3, excused: 2, unexcused: 1 }, { no: 2, fullName: 'Chu Hà Khánh Chi', marks: [], total: 0, excused: 0, unexcused: 0 }] };
}

const tableOf = (c: unknown) => (c as Sheet).stack.find((s) => s.table)!.table!;
const texts = (row: Cell[]) => row.map((c) => (typeof c.text === 'string' ? c.text : ''));

describe('class book attendance sheets (FORMS.md §1.2 step 5)', () => {
  it('prints weekdays the Vietnamese way and knows month lengths', () => {
    expect(weekdayLabel(2026, 9, 7)).toBe('2'); // Monday 07/09/2026
    expect(weekdayLabel(2026, 9, 12)).toBe('7');
    expect(weekdayLabel(2026, 11, 22)).toBe('CN');
    expect([daysInMonth(2027, 2), daysInMonth(2028, 2), daysInMonth(2026, 9), daysInMonth(2026, 12)]).toEqual([28, 29, 30, 31]);
  });

  it('gives each month one landscape sheet with a column per day of that month, the weekday row and TS/P/K', () => {
    const [sep, feb] = attendancePages([sheet(9, 2026), sheet(2, 2027)], cover) as unknown as Sheet[];
    expect(sep.pageOrientation).toBe('landscape');
    const t = tableOf(sep);
    expect(t.headerRows).toBe(2);
    expect(t.widths).toHaveLength(2 + 30 + 3);
    expect(tableOf(feb).widths).toHaveLength(2 + 28 + 3);
    const [h1, h2, r1, r2] = t.body;
    expect(texts(h1).slice(2, 32)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(h1[32]).toMatchObject({ text: 'Tổng số buổi nghỉ', colSpan: 3 });
    expect(h1[1].rowSpan).toBe(2); // the corner split by its diagonal
    expect(texts(h2).slice(2, 9)).toEqual(['3', '4', '5', '6', '7', 'CN', '2']); // 01/09/2026 is a Tuesday
    expect(texts(h2).slice(32)).toEqual(['TS', 'P', 'K']);
    expect(texts(r1).slice(0, 2)).toEqual(['1', 'Trần Thu Anh']);
    expect(texts(r1)[2 + 6]).toBe('PK');
    expect(texts(r1)[2 + 14]).toBe('P');
    expect(texts(r1).slice(32)).toEqual(['3', '2', '1']);
    expect(texts(r2).slice(32)).toEqual(['', '', '']);
    const headerLine = sep.stack.find((s) => s.columns)!.columns!.map((c) => c.text);
    expect(headerLine).toEqual(['HỌC KỲ I', 'Tháng 9 năm 2026', 'Tổng số học sinh của lớp 6A1: 2']);
    expect(sep.stack.some((s) => typeof s.text === 'string' && s.text.startsWith('Ghi chú: P — nghỉ có phép; K — nghỉ không phép'))).toBe(true);
  });

  it('blanks the days of a split month that belong to the other term and says so', () => {
    const [jan] = attendancePages([sheet(1, 2027, 1, 6)], cover) as unknown as Sheet[];
    const r1 = texts(tableOf(jan).body[2]);
    expect(r1[2 + 6]).toBe(''); // 07/01 is outside days 1–6
    expect(jan.stack.some((s) => typeof s.text === 'string' && s.text.includes('từ ngày 01/01 đến 06/01/2027'))).toBe(true);
  });

  it("lists each month once in the principal's remarks, with blank cells to write in", () => {
    const sheets = [sheet(12, 2026), { ...sheet(1, 2027, 1, 16) }, { ...sheet(1, 2027, 18, 31), termNo: 2 as const }, sheet(2, 2027)];
    expect(remarkMonths(sheets)).toEqual(['12/2026', '1/2027', '2/2027']);
    const page = principalRemarksPage(sheets) as unknown as Sheet;
    expect(page.pageOrientation).toBe('portrait');
    const body = tableOf(page).body;
    expect(texts(body[0])).toEqual(['Tháng', 'Nhận xét', 'Ký tên, đóng dấu']);
    expect(body.slice(1).map((r) => texts(r))).toEqual([
      ['12/2026', '', ''],
      ['1/2027', '', ''],
      ['2/2027', '', ''],
    ]);
  });
});

/**
 * The testing plan as an Excel file (G10): the template "Mẫu kế hoạch kiểm tra" (filled with the
 * year's plan when it has one, so it can be downloaded, edited and imported again) and its
 * parser, which runs in a worker thread (testing-plan.worker.ts). Columns are matched by header
 * text, never by position (platform/excel/excel-cells.ts folding); the header row is searched for
 * in the first rows of each sheet. Every problem is reported with the row Excel shows and the
 * header as written; the file is read whole or refused. Classes and subjects are named as text
 * here and resolved against the year by import-testing-plan.ts.
 */
import type ExcelJS from 'exceljs';
import { type PlannedTest, plannedTestLabel } from '../../domain/testing-plan/testing-plan.ts';
import {
  type CellReadRules,
  FILE_FIELD,
  HEADER_SEARCH_ROWS,
  type Positioned,
  THIN_BORDER,
  dateFromContent,
  displayDate,
  displayHeader,
  foldHeader,
  foldHeaderWithoutNotes,
  inSheetOrder,
  newWorkbook,
  readCell,
  showValue,
  usesDate1904,
  workbookBuffer,
  writeHeaderCell,
} from '../platform/excel/excel-cells.ts';

export type PlanField = 'scope' | 'subject' | 'test' | 'testOn';

/** The template's headers, in order. */
export const PLAN_HEADERS: Record<PlanField, string> = {
  scope: 'Khối/Lớp',
  subject: 'Môn',
  test: 'Bài kiểm tra',
  testOn: 'Ngày kiểm tra (dd/mm/yyyy)',
};
const FIELDS: PlanField[] = ['scope', 'subject', 'test', 'testOn'];
const ALIASES: Record<PlanField, string[]> = {
  scope: ['Khối/Lớp', 'Lớp/Khối', 'Lớp', 'Khối', 'Khối lớp'],
  subject: ['Môn', 'Môn học'],
  test: ['Bài kiểm tra', 'Kiểm tra', 'Bài KT', 'Bài kiểm tra định kỳ'],
  testOn: ['Ngày kiểm tra', 'Ngày', 'Ngày KT', 'Ngày thi'],
};
const FOLDED = new Map(FIELDS.flatMap((f) => ALIASES[f].map((a) => [foldHeader(a), f] as const)));

export const TEMPLATE_SHEET = 'Kế hoạch kiểm tra';
export const TEMPLATE_HEADER_ROW = 3;
export const MAX_PLAN_ROWS = 5000;

export interface PlanWorkbookRow {
  row: number;
  scope: string;
  subject: string;
  termNo: 1 | 2;
  test: PlannedTest;
  testOn: string;
}

export type PlanWorkbookResult =
  | { ok: true; rows: PlanWorkbookRow[]; headers: Record<PlanField, string> }
  | { ok: false; errors: { row: number; field: string; message: string }[] };

export function planFileError(message: string): PlanWorkbookResult {
  return { ok: false, errors: [{ row: 0, field: FILE_FIELD, message }] };
}

const RULES: CellReadRules = {
  collapseSpaces: true,
  errorResultIsMissing: true,
  formulaWithoutResult: (f) => `công thức =${f} chưa có kết quả: hãy mở tệp bằng Excel, lưu lại rồi tải lên`,
};

/**
 * "Giữa học kỳ I", "GKI", "Giữa kỳ 2", "Cuối HK II", "Cuối năm", "CK1", "CN" → the term and test.
 * Folded text: no accents, case, spaces or punctuation.
 */
export function parsePlannedTest(text: string): { termNo: 1 | 2; test: PlannedTest } | null {
  const f = foldHeader(text);
  if (f === 'cn' || f === 'cuoinam' || f === 'cuoinamhoc' || f === 'kiemtracuoinam') return { termNo: 2, test: 'endOfTerm' };
  const m = /^(?:kiemtra)?(giua|cuoi|g|c)(?:hocky|hk|ky|k)?(ii|i|2|1)$/.exec(f);
  if (!m) return null;
  return { termNo: m[2] === 'ii' || m[2] === '2' ? 2 : 1, test: m[1].startsWith('g') ? 'midterm' : 'endOfTerm' };
}

/** The first row (of the first sheet that has one) holding all four headers. */
function findHeader(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; row: number; columns: Map<PlanField, { col: number; header: string }> } | null {
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
      const columns = new Map<PlanField, { col: number; header: string }>();
      sheet.getRow(r).eachCell((cell, col) => {
        const content = readCell(cell, RULES);
        if (content.kind !== 'text') return;
        const field = FOLDED.get(foldHeaderWithoutNotes(content.text));
        if (field && !columns.has(field)) columns.set(field, { col, header: displayHeader(content.text) });
      });
      if (columns.size === FIELDS.length) return { sheet, row: r, columns };
    }
  }
  return null;
}

/** The plan's rows, or every problem in the file (runs in the worker; never throws). */
export function readPlanWorkbook(workbook: ExcelJS.Workbook): PlanWorkbookResult {
  const found = findHeader(workbook);
  if (!found) {
    return planFileError(`Không tìm thấy dòng tiêu đề có đủ các cột ${FIELDS.map((f) => `"${PLAN_HEADERS[f]}"`).join(', ')}: hãy dùng "Mẫu kế hoạch kiểm tra".`);
  }
  const { sheet, row: headerRow, columns } = found;
  if (sheet.rowCount - headerRow > MAX_PLAN_ROWS) return planFileError(`Tệp có quá ${MAX_PLAN_ROWS} dòng: hãy chia thành nhiều tệp.`);
  const date1904 = usesDate1904(workbook);
  const rows: PlanWorkbookRow[] = [];
  const errors: Positioned<{ row: number; field: string; message: string }>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const cells = new Map(FIELDS.map((f) => [f, readCell(excelRow.getCell(columns.get(f)!.col), RULES)]));
    if ([...cells.values()].every((c) => c.kind === 'empty')) continue;
    const before = errors.length;
    const fail = (field: PlanField, detail: string) => {
      const { col, header } = columns.get(field)!;
      errors.push({ row: r, field: header, message: `Dòng ${r}, cột "${header}": ${detail}`, col });
    };
    const text = (field: PlanField): string => {
      const c = cells.get(field)!;
      if (c.kind === 'error') fail(field, c.detail);
      else if (c.kind === 'empty') fail(field, 'chưa có giá trị');
      return c.kind === 'error' ? '' : showValue(c);
    };
    const scope = text('scope');
    const subject = text('subject');
    const testText = text('test');
    const test = testText ? parsePlannedTest(testText) : null;
    if (testText && !test) fail('test', `"${testText}" không phải bài kiểm tra định kỳ; ghi "Giữa học kỳ I", "Cuối học kỳ I", "Giữa học kỳ II" hoặc "Cuối học kỳ II"`);
    const dateCell = cells.get('testOn')!;
    const testOn = dateFromContent(dateCell, date1904);
    if (dateCell.kind === 'error') fail('testOn', dateCell.detail);
    else if (dateCell.kind === 'empty') fail('testOn', 'chưa có ngày kiểm tra');
    else if (!testOn) fail('testOn', `"${showValue(dateCell)}" không phải là ngày hợp lệ (dd/mm/yyyy)`);
    if (errors.length === before && test && testOn) rows.push({ row: r, scope, subject, termNo: test.termNo, test: test.test, testOn });
  }
  if (errors.length) return { ok: false, errors: inSheetOrder(errors) };
  return { ok: true, rows, headers: Object.fromEntries(FIELDS.map((f) => [f, columns.get(f)!.header])) as Record<PlanField, string> };
}

/** The template: a title, the four headers, and the year's plan (one row per class, subject and test) when it has one. */
export async function buildPlanTemplate(options: {
  yearName: string;
  rows: { className: string; subjectName: string; termNo: number; test: PlannedTest; testOn: string }[];
}): Promise<Buffer> {
  const workbook = newWorkbook('Kế hoạch kiểm tra định kỳ');
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET);
  sheet.getCell('A1').value = `KẾ HOẠCH KIỂM TRA ĐỊNH KỲ — NĂM HỌC ${options.yearName}`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = 'Khối/Lớp: tên lớp (6A1) hoặc khối (Khối 6, mọi lớp của khối). Bài kiểm tra: Giữa học kỳ I, Cuối học kỳ I, Giữa học kỳ II, Cuối học kỳ II.';
  sheet.getCell('A2').font = { italic: true, size: 10 };
  FIELDS.forEach((f, i) => writeHeaderCell(sheet.getCell(TEMPLATE_HEADER_ROW, i + 1), PLAN_HEADERS[f], 'FFDDEBF7'));
  sheet.columns = [{ width: 14 }, { width: 28 }, { width: 20 }, { width: 26 }];
  options.rows.forEach((r, i) => {
    const row = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + i);
    row.values = [r.className, r.subjectName, plannedTestLabel(r.termNo, r.test), displayDate(r.testOn)];
    row.eachCell((cell) => (cell.border = THIN_BORDER));
  });
  const tests = ['Giữa học kỳ I', 'Cuối học kỳ I', 'Giữa học kỳ II', 'Cuối học kỳ II'];
  for (let r = TEMPLATE_HEADER_ROW + 1; r <= TEMPLATE_HEADER_ROW + Math.max(200, options.rows.length + 50); r++) {
    sheet.getCell(r, 3).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${tests.join(',')}"`] };
    sheet.getCell(r, 4).numFmt = '@';
  }
  sheet.views = [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW }];
  return workbookBuffer(workbook);
}

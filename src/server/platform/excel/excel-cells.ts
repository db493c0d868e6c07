/**
 * What the Excel imports and exports share (student lists and score sheets, .xlsx via exceljs):
 * reading a cell's value whatever exceljs made of it (rich text, formulas with their saved
 * results, dates, hyperlinks, error values), Excel dates, header folding, listing errors in sheet
 * order, and the look of our own templates (header cells, borders, page setup). Uploaded files are
 * opened by xlsx-worker.ts.
 */
import ExcelJS from 'exceljs';

/** How many rows from the top of each sheet are searched for the header row. */
export const HEADER_SEARCH_ROWS = 20;
/** The `field` of an error about the file as a whole (on row 0). */
export const FILE_FIELD = 'tệp';

// ---------------------------------------------------------------------------------------------
// Reading cells

export type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; detail: string };

/** A cell's content, with the formula it came from when it is a formula's saved result. */
export type ReadCell = CellContent & { formula?: string };

/** Where the two imports read cells differently. */
export interface CellReadRules {
  /** Collapse runs of white space inside text to one space (text is always NFC and trimmed). */
  collapseSpaces: boolean;
  /** A formula whose saved result is an error value (#REF!…) counts as one without a result. */
  errorResultIsMissing: boolean;
  /** The error detail for a formula without a (valid) saved result. */
  formulaWithoutResult: (formula: string) => string;
}

const UNREADABLE = 'ô có giá trị không đọc được';

function readValue(value: ExcelJS.CellValue, rules: CellReadRules): ReadCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') {
    const nfc = value.normalize('NFC');
    const text = (rules.collapseSpaces ? nfc.replace(/\s+/g, ' ') : nfc).trim();
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', detail: 'ô có giá trị số không hợp lệ' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', detail: 'ô có ngày không hợp lệ' } : { kind: 'date', date: value };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return readValue(value.richText.map((run) => run.text ?? '').join(''), rules);
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value && value.formula ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
      const result = (value as ExcelJS.CellFormulaValue).result;
      const missing = result === undefined || result === null || (rules.errorResultIsMissing && typeof result === 'object' && 'error' in result);
      if (missing) return { kind: 'error', detail: rules.formulaWithoutResult(formula) };
      return { ...readValue(result as ExcelJS.CellValue, rules), formula };
    }
    if ('error' in value) return { kind: 'error', detail: `ô có lỗi ${String(value.error)}` };
    if ('hyperlink' in value) return readValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, rules);
    if ('text' in value) return readValue((value as { text: ExcelJS.CellValue }).text, rules);
  }
  return { kind: 'error', detail: UNREADABLE };
}

/** One cell's content; never throws (a value exceljs cannot give back is an error content). */
export function readCell(cell: ExcelJS.Cell, rules: CellReadRules): ReadCell {
  try {
    return readValue(cell.value, rules);
  } catch {
    return { kind: 'error', detail: UNREADABLE };
  }
}

/** A cell shown as text in a message. */
export function showValue(content: CellContent): string {
  switch (content.kind) {
    case 'empty':
      return '';
    case 'text':
      return content.text;
    case 'number':
      return String(content.value);
    case 'date':
      return displayDate(isoFromUtcDate(content.date));
    case 'boolean':
      return content.value ? 'TRUE' : 'FALSE';
    case 'error':
      return content.detail;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date cell as exceljs gives it: the wall-clock value encoded as UTC (no local time zone involved). */
export function isoFromUtcDate(date: Date): string {
  // Snap to the calendar day, tolerating float noise just under midnight.
  const day = Math.floor(date.getTime() / 86_400_000 + 1e-6);
  const d = new Date(day * 86_400_000);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** An Excel date serial (days since 1899-12-30, or since 1904-01-01 in a 1904-based workbook). */
export function isoFromExcelSerial(serial: number, date1904: boolean): string {
  const days = Math.floor(serial + 1e-6) + (date1904 ? 1462 : 0);
  return isoFromUtcDate(new Date(Date.UTC(1899, 11, 30) + days * 86_400_000));
}

function isoFromParts(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** "05/09/2014", "5/9/2014", "05-09-2014", "05.09.2014", "2014-09-05"; optional " 00:00[:00]" after it. */
export function parseVietnameseDate(text: string): string | null {
  const t = text.trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isoFromParts(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A date cell, a date typed as text, or an Excel serial in a number cell, as yyyy-mm-dd. */
export function dateFromContent(content: CellContent, date1904: boolean): string | null {
  if (content.kind === 'date') return isoFromUtcDate(content.date);
  if (content.kind === 'text') return parseVietnameseDate(content.text);
  if (content.kind === 'number' && content.value >= 1 && content.value < 2_958_466) {
    // A date typed into a cell formatted as a plain number shows up as the Excel serial.
    return isoFromExcelSerial(content.value, date1904);
  }
  return null;
}

/** yyyy-mm-dd as dd/mm/yyyy (anything else unchanged). */
export function displayDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d && m && y ? `${d}/${m}/${y}` : iso;
}

/** Whether the workbook counts dates from 1904 (old Mac Excel) instead of 1900. */
export function usesDate1904(workbook: ExcelJS.Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
}

// ---------------------------------------------------------------------------------------------
// Headers

/** Lower-case ASCII letters and digits only: "Mã định danh Bộ GD&ĐT" → "madinhdanhbogddt". */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The folded header without its "(…)" notes: "Mã nội bộ (không sửa)" → "manoibo". */
export function foldHeaderWithoutNotes(text: string): string {
  return foldHeader(text.replace(/\([^)]*\)/g, ' '));
}

/** Header text as written, on one line. */
export function displayHeader(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A cell covered by a merge that starts in another cell. */
export function isMergedChild(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

// ---------------------------------------------------------------------------------------------
// Listing errors

/** An error with the column it belongs to, so a row's errors can be listed left to right. */
export type Positioned<E> = E & { col: number };

/** Errors by row, then column, without their column numbers. */
export function inSheetOrder<E extends { row: number; field: string; message: string }>(errors: Positioned<E>[]): { row: number; field: string; message: string }[] {
  errors.sort((a, b) => a.row - b.row || a.col - b.col);
  return errors.map(({ row, field, message }) => ({ row, field, message }));
}

// ---------------------------------------------------------------------------------------------
// Writing our templates

/** A4 landscape, all columns on one page wide. */
export const LANDSCAPE_FIT_WIDTH: Partial<ExcelJS.PageSetup> = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

const thin = { style: 'thin' as const };
export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function newWorkbook(title: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ Điểm Số';
  workbook.title = title;
  return workbook;
}

/** A header cell of our templates: bold, centred, filled, bordered, with an optional note. */
export function writeHeaderCell(cell: ExcelJS.Cell, text: string, fill: string, note?: string): void {
  cell.value = text;
  cell.font = { bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  cell.border = THIN_BORDER;
  if (note) cell.note = note;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

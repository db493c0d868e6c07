/**
 * Score sheets in Excel (bảng điểm một môn của một lớp trong một học kỳ, .xlsx): the export a
 * subject teacher fills in offline, and a tolerant parser for that export and for the score
 * sheets of vnEdu / SMAS (shared/domain/EXCHANGE.md §2.2).
 *
 * Export layout: a title block (trường, bảng điểm môn … lớp …, học kỳ, năm học, giáo viên, how to
 * fill it in), the header on row `SCORE_HEADER_ROW`, one row per student from the next row:
 * STT | Mã nội bộ (hidden: our student id) | Mã định danh Bộ GD&ĐT | Họ và tên | Ngày sinh |
 * one column per grade-book column with the Ministry's label | ĐTBmhk (or Kết quả học kỳ),
 * computed, informative only. Score cells are formatted as text so "8,5" stays as typed; Đ/CĐ
 * and T/H/C columns carry drop-down lists. A hidden sheet names the class, subject and term the
 * file was made for, so a file cannot be loaded into another sheet by mistake.
 *
 * Parser: the header row is found by text in the first `HEADER_SEARCH_ROWS` rows (folded like the
 * student import: no accents, case, spaces or punctuation), with a second header row under
 * merged cells ("ĐĐGtx" over "1", "2", …) understood, and "Miệng" / "15 phút" / "1 tiết" taken as
 * ĐĐGtx slots in order. Rows are matched to students by the hidden id, else by the MOET code,
 * else by full name + date of birth (two students alike → error). Values are checked with the
 * grade book's own parser for the column's kind. An EMPTY cell means "no change"; the text
 * "xóa" clears a cell. Every problem is reported with the Excel row and the column header as
 * written; nothing throws.
 */
import ExcelJS from 'exceljs';
import { formatTenths, tenthsFromNumber } from '../../domain/assessment/tenths.ts';
import type { ColumnKind, GradebookColumn } from '../../domain/gradebook/gradebook-columns.ts';
import { type CellValue, parseCellInput } from '../../domain/gradebook/parse-cell-input.ts';
import { foldHeader, parseVietnameseDate } from './student-workbook.ts';

export const HEADER_SEARCH_ROWS = 20;
/** Row of the header in our export (title block on rows 1–6). */
export const SCORE_HEADER_ROW = 7;
export const MAX_SCORE_ROWS = 1000;
/** What a teacher writes to clear a cell (an empty cell keeps the value). */
export const CLEAR_WORD = 'xóa';
const META_SHEET = 'sodiem';
const META_FORMAT = 'sodiem-score-sheet';
const DATA_SHEET = 'Bảng điểm';

export interface ScoreWorkbookRow {
  studentId: string;
  listNumber: number;
  fullName: string;
  /** yyyy-mm-dd */
  dateOfBirth: string;
  active: boolean;
  /** Mã định danh Bộ GD&ĐT, when known. */
  studentCode?: string | null;
  cells: Record<string, { display: string; scoreTenths: number | null; text: string | null; version: number }>;
  average: string | null;
}

/** What the workbook needs of a grade-book sheet (loadSheet's result plus names for the title). */
export interface ScoreWorkbookSheet {
  classId: string;
  className: string;
  subject: { id: string; code: string; name: string; assessmentKind: 'scored' | 'comment' | 'primaryLevel' };
  termNo: number;
  teacherName: string | null;
  columns: (Pick<GradebookColumn, 'key' | 'label' | 'kind' | 'point'> & { blockedBy?: string | null })[];
  rows: ScoreWorkbookRow[];
  schoolName?: string;
  schoolYearName?: string;
}

export interface ScoreWorkbookChange {
  studentId: string;
  columnKey: string;
  /** As the grade book's cell parser takes it ("8,5", "Đ", "" to clear). */
  value: string;
  /** The parsed value. */
  cell: CellValue;
  /** Excel row it came from. */
  row: number;
}

export interface ScoreWorkbookError {
  /** Row number as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** Column header as written in the file, or "tệp" for the file as a whole. */
  field: string;
  message: string;
}

export type ScoreWorkbookResult = { ok: true; changes: ScoreWorkbookChange[] } | { ok: false; errors: ScoreWorkbookError[] };

const FILE_FIELD = 'tệp';
const TEXT_HINT = 'hãy định dạng ô là Văn bản (Text) rồi nhập lại';

// ---------------------------------------------------------------------------------------------
// Export

const TERM_NAMES: Record<number, string> = { 1: 'Học kỳ I', 2: 'Học kỳ II' };

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function displayDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d && m && y ? `${d}/${m}/${y}` : iso;
}

/** The computed column at the end of a row: ĐTBmhk for scores, the term result for Đ/CĐ subjects. */
function computedLabel(sheet: ScoreWorkbookSheet): string | null {
  if (sheet.subject.assessmentKind === 'scored') return 'ĐTBmhk';
  if (sheet.subject.assessmentKind === 'comment') return 'Kết quả học kỳ';
  return null;
}

const LIST_BY_KIND: Partial<Record<ColumnKind, string>> = {
  mark: `"Đ,CĐ,${CLEAR_WORD}"`,
  level: `"T,H,C,${CLEAR_WORD}"`,
};

const HELP_BY_KIND: Record<ColumnKind, string> = {
  score: 'Điểm từ 0 đến 10, một chữ số thập phân: 8,5 hoặc 8.5 (gõ 85 cũng là 8,5).',
  testScore: 'Điểm bài kiểm tra định kì: số nguyên từ 0 đến 10.',
  mark: 'Đ (Đạt) hoặc CĐ (Chưa đạt).',
  level: 'T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).',
  comment: 'Nhận xét, tối đa 1000 ký tự.',
};

const thin = { style: 'thin' as const };
const BORDER = { top: thin, bottom: thin, left: thin, right: thin };

export async function buildScoreWorkbook(sheet: ScoreWorkbookSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ Điểm Số';
  workbook.title = `Bảng điểm ${sheet.subject.name} lớp ${sheet.className}`;

  const ws = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', xSplit: 4, ySplit: SCORE_HEADER_ROW }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const computed = computedLabel(sheet);
  const fixed = [
    { header: 'STT', width: 6 },
    { header: 'Mã nội bộ (không sửa)', width: 12 },
    { header: 'Mã định danh Bộ GD&ĐT', width: 16 },
    { header: 'Họ và tên', width: 28 },
    { header: 'Ngày sinh', width: 12 },
  ];
  const firstGradeCol = fixed.length + 1;
  const lastCol = fixed.length + sheet.columns.length + (computed ? 1 : 0);
  const last = columnLetter(lastCol);

  const title = (row: number, value: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center' = 'center') => {
    ws.mergeCells(`A${row}:${last}${row}`);
    const cell = ws.getCell(`A${row}`);
    cell.value = value;
    cell.font = font;
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  };
  title(1, (sheet.schoolName ?? '').toLocaleUpperCase('vi'), { bold: true }, 'left');
  title(2, `BẢNG ĐIỂM MÔN ${sheet.subject.name.toLocaleUpperCase('vi')} — LỚP ${sheet.className}`, { bold: true, size: 14 });
  ws.getRow(2).height = 22;
  title(3, `${TERM_NAMES[sheet.termNo] ?? `Học kỳ ${sheet.termNo}`}${sheet.schoolYearName ? ` — Năm học ${sheet.schoolYearName}` : ''}`, { bold: true });
  title(4, `Giáo viên bộ môn: ${sheet.teacherName ?? '(chưa phân công)'}`, {}, 'center');
  title(
    5,
    `Cách nhập: ghi điểm vào các cột đánh giá, mỗi học sinh một dòng (điểm số: 8,5 hoặc 8.5; môn đánh giá bằng nhận xét: Đ / CĐ; tiểu học: T / H / C). ` +
      `Ô để trống nghĩa là GIỮ NGUYÊN giá trị đang có trong sổ; muốn xóa một giá trị, ghi "${CLEAR_WORD}". ` +
      `Cột ${computed ?? 'tính tự động'} do chương trình tính, không được nhập. Không sửa các cột mã, họ tên, ngày sinh; không thêm, bớt hay đổi tên cột. ` +
      `Cột có tiêu đề màu xám đang bị khóa: giá trị ghi vào đó sẽ bị từ chối.`,
    { italic: true, color: { argb: 'FF555555' } },
    'left',
  );
  ws.getRow(5).height = 58;

  const header = ws.getRow(SCORE_HEADER_ROW);
  header.height = 32;
  const headCell = (col: number, text: string, fill: string, note?: string) => {
    const cell = header.getCell(col);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    cell.border = BORDER;
    if (note) cell.note = note;
  };
  fixed.forEach((f, i) => {
    ws.getColumn(i + 1).width = f.width;
    headCell(i + 1, f.header, 'FFDDEBF7');
  });
  ws.getColumn(2).hidden = true;
  sheet.columns.forEach((c, i) => {
    const col = firstGradeCol + i;
    ws.getColumn(col).width = c.kind === 'comment' ? 40 : 10;
    const blocked = c.blockedBy ? `ĐANG KHÓA: ${c.blockedBy}` : '';
    headCell(col, c.label, c.blockedBy ? 'FFD9D9D9' : 'FFFFE699', [HELP_BY_KIND[c.kind], `Để trống: giữ nguyên; "${CLEAR_WORD}": xóa.`, blocked].filter(Boolean).join(' '));
  });
  if (computed) {
    ws.getColumn(lastCol).width = 12;
    headCell(lastCol, computed, 'FFD9D9D9', 'Chương trình tự tính theo TT 22/2021; chỉ để xem, giá trị ở cột này không được nhập.');
  }

  sheet.rows.forEach((r, i) => {
    const row = ws.getRow(SCORE_HEADER_ROW + 1 + i);
    row.getCell(1).value = r.listNumber;
    row.getCell(2).value = r.studentId;
    row.getCell(3).value = r.studentCode ?? '';
    row.getCell(3).numFmt = '@';
    row.getCell(4).value = r.active ? r.fullName : `${r.fullName} (đã chuyển đi)`;
    row.getCell(5).value = displayDate(r.dateOfBirth);
    row.getCell(5).numFmt = '@';
    for (let c = 1; c < firstGradeCol; c++) row.getCell(c).font = { color: { argb: r.active ? 'FF000000' : 'FF999999' } };
    sheet.columns.forEach((c, j) => {
      const cell = row.getCell(firstGradeCol + j);
      cell.numFmt = '@';
      cell.value = r.cells[c.key]?.display || null;
      if (c.kind === 'comment') cell.alignment = { wrapText: true, vertical: 'top' };
      else cell.alignment = { horizontal: 'center' };
      const list = LIST_BY_KIND[c.kind];
      if (list) {
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: c.label,
          error: HELP_BY_KIND[c.kind],
        };
      } else if (c.kind === 'score' || c.kind === 'testScore') {
        cell.dataValidation = { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [4], showInputMessage: true, promptTitle: c.label, prompt: HELP_BY_KIND[c.kind] };
      }
      if (c.blockedBy) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
    if (computed) {
      const cell = row.getCell(lastCol);
      cell.value = r.average ?? '';
      cell.numFmt = '@';
      cell.alignment = { horizontal: 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
    for (let c = 1; c <= lastCol; c++) row.getCell(c).border = BORDER;
  });

  // Which sheet this file belongs to: checked on import.
  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['format', META_FORMAT],
    ['version', '1'],
    ['classId', sheet.classId],
    ['subjectId', sheet.subject.id],
    ['termNo', String(sheet.termNo)],
    ['className', sheet.className],
    ['subjectName', sheet.subject.name],
  ]);

  const help = workbook.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 110;
  for (const line of [
    'HƯỚNG DẪN NHẬP ĐIỂM TỪ TỆP EXCEL',
    `1. Nhập vào trang "${DATA_SHEET}", mỗi học sinh một dòng; các cột đánh giá ghi đúng theo sổ điểm.`,
    '2. Điểm số: từ 0 đến 10, tối đa một chữ số thập phân, dùng dấu phẩy hoặc dấu chấm (8,5 hoặc 8.5); gõ 85 cũng được hiểu là 8,5; 10 là 10.',
    '3. Môn đánh giá bằng nhận xét: Đ (Đạt) hoặc CĐ (Chưa đạt). Tiểu học: T / H / C; điểm kiểm tra định kì là số nguyên 0–10.',
    `4. Ô để trống: giữ nguyên giá trị đang có trong sổ (không xóa). Muốn xóa một giá trị, ghi "${CLEAR_WORD}".`,
    `5. Cột ${computed ?? 'tính tự động'} chỉ để xem; chương trình tự tính lại, không đọc cột này khi nhập.`,
    '6. Không sửa cột Mã nội bộ (ẩn), Mã định danh Bộ GD&ĐT, Họ và tên, Ngày sinh: chương trình dựa vào đó để nhận đúng học sinh. Có thể sắp xếp lại các dòng.',
    '7. Không dùng công thức ở các cột đánh giá; nếu có, chỉ kết quả đã lưu của công thức được đọc và phải là giá trị hợp lệ.',
    '8. Khi tải tệp lên, chương trình cho xem trước từng ô sẽ thay đổi; chưa có gì thay đổi cho đến khi thầy/cô xác nhận. Tệp có lỗi thì không nhập ô nào.',
    '9. Cột bị khóa (tiêu đề màu xám) hoặc đã hết hạn sửa điểm: các ô thay đổi ở đó bị từ chối; muốn sửa phải gửi giấy đề nghị thay đổi thông tin.',
    '10. Sau khi nhập, có thể hoàn tác cả lần nhập khi chưa ai sửa các ô đó và sổ chưa khóa.',
  ]) {
    help.addRow([line]).alignment = { wrapText: true };
  }
  help.getRow(1).font = { bold: true, size: 13 };
  workbook.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------
// Reading cells

type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; detail: string };

type Read = CellContent & { formula?: string };

function readValue(value: ExcelJS.CellValue): Read {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') {
    const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', detail: 'ô có giá trị số không hợp lệ' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', detail: 'ô có ngày không hợp lệ' } : { kind: 'date', date: value };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return readValue(value.richText.map((run) => run.text ?? '').join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value && value.formula ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || (typeof result === 'object' && 'error' in result)) {
        return {
          kind: 'error',
          detail: `ô chứa công thức (=${formula}) nhưng tệp không lưu kết quả hợp lệ; hãy nhập giá trị (Dán → Chỉ giá trị / Paste Values) thay cho công thức`,
        };
      }
      return { ...readValue(result as ExcelJS.CellValue), formula };
    }
    if ('error' in value) return { kind: 'error', detail: `ô có lỗi ${String(value.error)}` };
    if ('hyperlink' in value) return readValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('text' in value) return readValue((value as { text: ExcelJS.CellValue }).text);
  }
  return { kind: 'error', detail: 'ô có giá trị không đọc được' };
}

function readCell(cell: ExcelJS.Cell): Read {
  try {
    return readValue(cell.value);
  } catch {
    return { kind: 'error', detail: 'ô có giá trị không đọc được' };
  }
}

function showValue(content: CellContent): string {
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

function isoFromUtcDate(date: Date): string {
  const day = Math.floor(date.getTime() / 86_400_000 + 1e-6);
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function readDate(content: CellContent, date1904: boolean): string | null {
  if (content.kind === 'date') return isoFromUtcDate(content.date);
  if (content.kind === 'text') return parseVietnameseDate(content.text);
  if (content.kind === 'number' && content.value >= 1 && content.value < 2_958_466) {
    const days = Math.floor(content.value + 1e-6) + (date1904 ? 1462 : 0);
    return isoFromUtcDate(new Date(Date.UTC(1899, 11, 30) + days * 86_400_000));
  }
  return null;
}

/** A name as compared: NFC, one space between words, lower case (accents kept: Ân ≠ An). */
function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
}

// ---------------------------------------------------------------------------------------------
// Values

type Parsed = { ok: true; value: string; cell: CellValue } | { ok: false; detail: string };

/** The value as the grade book's parser takes it back (same as apply-correction-request). */
export function cellInputText(kind: ColumnKind, v: CellValue): string {
  if (v.scoreTenths !== null) return kind === 'testScore' ? String(v.scoreTenths / 10) : formatTenths(v.scoreTenths, ',');
  return v.text ?? '';
}

function checked(kind: ColumnKind, text: string, formula: string | undefined): Parsed {
  const parsed = parseCellInput(kind, text);
  if (!parsed.ok) return { ok: false, detail: formula ? `công thức (=${formula}) cho kết quả ${parsed.message}` : parsed.message };
  return { ok: true, value: cellInputText(kind, parsed.value), cell: parsed.value };
}

/**
 * One grade cell of the file. Number cells (a sheet not formatted as text) are read through
 * Excel's 15 significant digits and then their shortest decimal text, so 8.5 is 85 tenths
 * exactly. A number cell is its number: 85 is out of range, not 8,5 (the grid's "85 → 8,5"
 * shorthand applies to typed text only, as in our text-formatted cells).
 */
function parseGrade(kind: ColumnKind, content: Read): Parsed | null {
  const formula = content.formula;
  switch (content.kind) {
    case 'empty':
      return null;
    case 'error':
      return { ok: false, detail: content.detail };
    case 'boolean':
      return { ok: false, detail: `giá trị ${showValue(content)} không dùng được ở cột này` };
    case 'date':
      if (kind === 'comment') return checked(kind, showValue(content), formula);
      return { ok: false, detail: `Excel đã tự đổi giá trị thành ngày tháng (${showValue(content)}); ${TEXT_HINT}` };
    case 'text':
      if (foldHeader(content.text) === foldHeader(CLEAR_WORD)) return { ok: true, value: '', cell: { scoreTenths: null, text: null } };
      return checked(kind, content.text, formula);
    case 'number': {
      const n = Number(content.value.toPrecision(15));
      if (kind === 'score') {
        const tenths = tenthsFromNumber(n);
        if (tenths === null) return { ok: false, detail: `Điểm "${n}" có quá một chữ số thập phân; điểm chỉ lấy đến một chữ số thập phân.` };
        if (tenths < 0 || tenths > 100) {
          return { ok: false, detail: `${formula ? `công thức (=${formula}) cho kết quả ` : ''}điểm ${n} nằm ngoài thang điểm 0–10 (ô dạng số được đọc đúng giá trị số; muốn ghi 8,5 hãy ghi 8,5)` };
        }
        return checked(kind, formatTenths(tenths, ','), formula);
      }
      return checked(kind, String(n), formula);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Finding the table

type IdField = 'internalId' | 'studentCode' | 'fullName' | 'dateOfBirth';

const ID_ALIASES: Record<IdField, string[]> = {
  internalId: ['Mã nội bộ', 'Mã nội bộ (không sửa)', 'Mã Sổ Điểm Số'],
  studentCode: ['Mã định danh Bộ GD&ĐT', 'Mã định danh Bộ GDĐT', 'Mã MOET', 'Mã định danh', 'Mã học sinh', 'Mã HS'],
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên học sinh', 'Họ tên học sinh'],
  dateOfBirth: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Ngày/tháng/năm sinh'],
};

const ID_INDEX = new Map<string, { field: IdField; priority: number }>();
for (const [field, aliases] of Object.entries(ID_ALIASES) as [IdField, string[]][]) {
  aliases.forEach((a, priority) => {
    if (!ID_INDEX.has(foldHeader(a))) ID_INDEX.set(foldHeader(a), { field, priority });
  });
}

const GK_ALIASES = ['ddggk', 'dggk', 'gk', 'giuaky', 'giuahocky', 'ktgk', 'diemgiuaky', 'danhgiagiuaky', 'kiemtragiuaky'];
const CK_ALIASES = ['ddgck', 'dgck', 'ck', 'cuoiky', 'cuoihocky', 'ktck', 'diemcuoiky', 'danhgiacuoiky', 'kiemtracuoiky'];
const NX_ALIASES = ['nhanxet', 'noidungnhanxet', 'nx', 'nhanxetcuagiaovien'];
/** Older sổ điểm (TT 58/TT 26) kinds of regular tests; each takes the next free ĐĐGtx slot. */
const TX_KIND = /^(mieng|kiemtramieng|15phut|15p|kt15phut|1tiet|45phut|kt1tiet|tx|ddgtx|dgtx|kttx)(\d?)$/;

type Target = { kind: 'id'; field: IdField; priority: number } | { kind: 'grade'; key: string } | { kind: 'txSlot' } | { kind: 'unknownGrade'; key: string };

/** What a header means for this sheet's columns. */
function matchHeader(text: string, columns: ScoreWorkbookSheet['columns']): Target | null {
  const folded = foldHeader(text);
  const withoutNote = foldHeader(text.replace(/\([^)]*\)/g, ' '));
  const id = ID_INDEX.get(folded) ?? ID_INDEX.get(withoutNote);
  if (id) return { kind: 'id', ...id };
  const keys = new Set(columns.map((c) => c.key));
  for (const c of columns) if (foldHeader(c.label) === folded || foldHeader(c.key) === folded) return { kind: 'grade', key: c.key };
  const grade = (key: string): Target => (keys.has(key) ? { kind: 'grade', key } : { kind: 'unknownGrade', key });
  const tx = /^(?:ddg|dg|kt)?tx(\d)$/.exec(folded) ?? /^(?:danhgia)?thuongxuyen(\d)$/.exec(folded);
  if (tx) return grade(`TX${tx[1]}`);
  if (keys.has('GK') || keys.has('CK')) {
    if (GK_ALIASES.includes(folded) || GK_ALIASES.includes(withoutNote)) return grade('GK');
    if (CK_ALIASES.includes(folded) || CK_ALIASES.includes(withoutNote)) return grade('CK');
    if (TX_KIND.test(folded)) return { kind: 'txSlot' };
  }
  if (NX_ALIASES.includes(folded) || NX_ALIASES.includes(withoutNote)) return grade('NX');
  return null;
}

interface GradeRef {
  col: number;
  header: string;
  key: string;
}

interface Table {
  sheet: ExcelJS.Worksheet;
  headerRow: number;
  firstDataRow: number;
  ids: Map<IdField, { col: number; header: string; priority: number }>;
  grades: GradeRef[];
  /** Grade columns this subject does not have (e.g. ĐĐGtx 5 of a 3-test subject). */
  extra: GradeRef[];
}

function text(cell: ExcelJS.Cell): string {
  const c = readCell(cell);
  return c.kind === 'text' ? c.text : c.kind === 'number' ? String(c.value) : '';
}

function isMergedChild(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

/** Header text per column: the header row, or "group + sub-header" under a merged group. */
function headerTexts(sheet: ExcelJS.Worksheet, r: number, withSecondRow: boolean): Map<number, { text: string; sub?: string }> {
  const top = sheet.getRow(r);
  const below = sheet.getRow(r + 1);
  const width = Math.max(top.cellCount, withSecondRow ? below.cellCount : 0, sheet.columnCount);
  const texts = new Map<number, { text: string; sub?: string }>();
  for (let col = 1; col <= width; col++) {
    const cell = top.getCell(col);
    const head = isMergedChild(cell) ? text(cell.master) : text(cell);
    const sub = below.getCell(col);
    const subText = withSecondRow && !isMergedChild(sub) ? text(sub) : '';
    const spansColumns = cell.isMerged && (isMergedChild(cell) || top.getCell(col + 1).master === cell);
    if (subText && (spansColumns || head === '')) texts.set(col, { text: head ? `${head} ${subText}` : subText, sub: subText });
    else if (head && !isMergedChild(cell)) texts.set(col, { text: head });
  }
  return texts;
}

function mapHeaders(texts: Map<number, { text: string; sub?: string }>, columns: ScoreWorkbookSheet['columns']) {
  const ids = new Map<IdField, { col: number; header: string; priority: number }>();
  const grades: GradeRef[] = [];
  const extra: GradeRef[] = [];
  const slots: { col: number; header: string }[] = [];
  let usedSecondRow = false;
  for (const [col, entry] of [...texts.entries()].sort((a, b) => a[0] - b[0])) {
    const header = entry.text.normalize('NFC').replace(/\s+/g, ' ').trim();
    // "ĐĐGtx 1" built from a group, else the sub-header alone ("Miệng").
    const m = matchHeader(header, columns) ?? (entry.sub ? matchHeader(entry.sub, columns) : null);
    if (!m) continue;
    if (entry.sub) usedSecondRow = true;
    if (m.kind === 'id') {
      const cur = ids.get(m.field);
      if (!cur || m.priority < cur.priority) ids.set(m.field, { col, header, priority: m.priority });
    } else if (m.kind === 'grade') grades.push({ col, header, key: m.key });
    else if (m.kind === 'unknownGrade') extra.push({ col, header, key: m.key });
    else slots.push({ col, header });
  }
  // Regular tests named by kind take the ĐĐGtx slots not named by number, left to right.
  const free = columns.filter((c) => /^TX\d$/.test(c.key) && !grades.some((g) => g.key === c.key)).map((c) => c.key);
  for (const s of slots) {
    const key = free.shift();
    if (key) grades.push({ col: s.col, header: s.header, key });
    else extra.push({ col: s.col, header: s.header, key: 'TX' });
  }
  return { ids, grades, extra, usedSecondRow };
}

function buildTable(sheet: ExcelJS.Worksheet, r: number, columns: ScoreWorkbookSheet['columns']): Table | null {
  let mapped = mapHeaders(headerTexts(sheet, r, true), columns);
  if (mapped.usedSecondRow && (!mapped.ids.has('fullName') || mapped.grades.length === 0)) mapped = mapHeaders(headerTexts(sheet, r, false), columns);
  if (!mapped.ids.has('fullName')) return null;
  const { ids, grades, extra, usedSecondRow } = mapped;
  return { sheet, headerRow: r, firstDataRow: r + (usedSecondRow ? 2 : 1), ids, grades, extra };
}

function findTable(workbook: ExcelJS.Workbook, columns: ScoreWorkbookSheet['columns']): Table | null {
  let best: Table | null = null;
  for (const sheet of workbook.worksheets) {
    if (sheet.name === META_SHEET || sheet.state === 'veryHidden') continue;
    const lastRow = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= lastRow; r++) {
      const table = buildTable(sheet, r, columns);
      if (!table) continue;
      const score = table.ids.size + table.grades.length;
      const bestScore = best ? best.ids.size + best.grades.length : -1;
      if (score > bestScore) best = table;
    }
    if (best && best.grades.length > 0) return best;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Parsing

function fileError(message: string): ScoreWorkbookResult {
  return { ok: false, errors: [{ row: 0, field: FILE_FIELD, message }] };
}

function startsWith(buffer: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buffer[i] === b);
}

/** The class, subject and term our export was made for (null for other files). */
function readMeta(workbook: ExcelJS.Workbook): Record<string, string> | null {
  const meta = workbook.getWorksheet(META_SHEET);
  if (!meta) return null;
  const out: Record<string, string> = {};
  meta.eachRow((row) => {
    const k = text(row.getCell(1));
    if (k) out[k] = text(row.getCell(2));
  });
  return out.format === META_FORMAT ? out : null;
}

const TERM_LABEL = (n: number | string) => (String(n) === '1' ? 'học kỳ I' : String(n) === '2' ? 'học kỳ II' : `học kỳ ${n}`);

export async function parseScoreWorkbook(buffer: Buffer, sheet: ScoreWorkbookSheet): Promise<ScoreWorkbookResult> {
  if (!buffer || buffer.length === 0) return fileError('Tệp rỗng: hãy chọn tệp Excel (.xlsx) bảng điểm.');
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fileError('Tệp có dạng Excel 97–2003 (.xls) hoặc đã đặt mật khẩu, chưa đọc được: hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng "Excel Workbook (.xlsx)".');
  }
  if (!startsWith(buffer, [0x50, 0x4b])) return fileError('Tệp không phải là tệp Excel .xlsx (có thể là .csv, .pdf hoặc ảnh): hãy dùng tệp bảng điểm xuất từ Sổ Điểm Số, vnEdu hoặc SMAS dạng .xlsx.');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return fileError('Tệp Excel bị hỏng hoặc không phải là tệp .xlsx hợp lệ: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.');
  }
  try {
    return parseWorkbook(workbook, sheet);
  } catch {
    return fileError('Không đọc được nội dung tệp Excel: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.');
  }
}

function parseWorkbook(workbook: ExcelJS.Workbook, sheet: ScoreWorkbookSheet): ScoreWorkbookResult {
  if (workbook.worksheets.length === 0) return fileError('Tệp không có trang tính nào: có thể đây không phải là tệp Excel .xlsx.');
  const meta = readMeta(workbook);
  if (meta && (meta.classId !== sheet.classId || meta.subjectId !== sheet.subject.id || meta.termNo !== String(sheet.termNo))) {
    return fileError(
      `Tệp này là bảng điểm môn ${meta.subjectName ?? '?'} lớp ${meta.className ?? '?'} ${TERM_LABEL(meta.termNo)}, không phải môn ${sheet.subject.name} lớp ${sheet.className} ${TERM_LABEL(sheet.termNo)}: hãy tải lên đúng sổ, hoặc xuất lại bảng điểm của sổ này.`,
    );
  }
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  const table = findTable(workbook, sheet.columns);
  if (!table) {
    return fileError(`Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu của các trang tính: cần có cột "Họ và tên" cùng các cột đánh giá (ĐĐGtx 1, ĐĐGgk, ĐĐGck…).`);
  }
  const { ids } = table;
  if (table.grades.length === 0) {
    return fileError(`Dòng ${table.headerRow} (trang "${table.sheet.name}"): không có cột đánh giá nào của môn ${sheet.subject.name} (cần ${sheet.columns.map((c) => `"${c.label}"`).join(', ')}).`);
  }
  if (!ids.has('internalId') && !ids.has('studentCode') && !ids.has('dateOfBirth')) {
    return fileError(`Dòng ${table.headerRow}: cần cột "Mã định danh Bộ GD&ĐT" hoặc cột "Ngày sinh" để nhận đúng học sinh (họ tên có thể trùng nhau).`);
  }
  const seenKeys = new Map<string, GradeRef>();
  const fileErrors: ScoreWorkbookError[] = [];
  for (const g of table.grades) {
    const first = seenKeys.get(g.key);
    if (first) fileErrors.push({ row: table.headerRow, field: g.header, message: `Dòng ${table.headerRow}: cột "${g.header}" trùng với cột "${first.header}"` });
    else seenKeys.set(g.key, g);
  }
  if (fileErrors.length) return { ok: false, errors: fileErrors };

  const byId = new Map(sheet.rows.map((r) => [r.studentId, r]));
  const byCode = new Map<string, ScoreWorkbookRow[]>();
  const byNameDob = new Map<string, ScoreWorkbookRow[]>();
  for (const r of sheet.rows) {
    if (r.studentCode) byCode.set(r.studentCode, [...(byCode.get(r.studentCode) ?? []), r]);
    const k = `${nameKey(r.fullName)}|${r.dateOfBirth}`;
    byNameDob.set(k, [...(byNameDob.get(k) ?? []), r]);
  }
  const kinds = new Map(sheet.columns.map((c) => [c.key, c.kind]));

  type Positioned = ScoreWorkbookError & { col: number };
  const errors: Positioned[] = [];
  const changes: ScoreWorkbookChange[] = [];
  const matchedAt = new Map<string, number>();
  const add = (row: number, col: number, header: string, detail: string) => errors.push({ row, col, field: header, message: `Dòng ${row}, cột "${header}": ${detail}` });
  const relevant = [...ids.values()].map((v) => v.col).concat(table.grades.map((g) => g.col), table.extra.map((g) => g.col));

  const lastRow = table.sheet.rowCount;
  if (lastRow - table.firstDataRow + 1 > MAX_SCORE_ROWS * 2) return fileError(`Tệp có quá nhiều dòng (hơn ${MAX_SCORE_ROWS}): hãy dùng bảng điểm của một lớp.`);
  for (let r = table.firstDataRow; r <= lastRow; r++) {
    const row = table.sheet.getRow(r);
    if (relevant.every((c) => readCell(row.getCell(c)).kind === 'empty')) continue;
    const get = (f: IdField) => {
      const ref = ids.get(f);
      return ref ? { ...ref, content: readCell(row.getCell(ref.col)) } : null;
    };
    const values = table.grades.map((g) => ({ g, content: readCell(row.getCell(g.col)) })).filter((v) => v.content.kind !== 'empty');
    const extras = table.extra.map((g) => ({ g, content: readCell(row.getCell(g.col)) })).filter((v) => v.content.kind !== 'empty');

    // Which student: our id, else the MOET code, else full name + date of birth.
    const internal = get('internalId');
    const code = get('studentCode');
    const name = get('fullName');
    const dob = get('dateOfBirth');
    const fileName = name && name.content.kind === 'text' ? name.content.text.replace(/\s*\(đã chuyển đi\)$/, '') : '';
    const where = (ref: { col: number; header: string } | null | undefined) => ref ?? { col: 0, header: name?.header ?? 'Họ và tên' };
    let student: ScoreWorkbookRow | undefined;
    let failed = false;
    const internalText = internal ? showValue(internal.content) : '';
    const codeText = code ? showValue(code.content).replace(/[\s.'’]/g, '') : '';
    if (internalText) {
      student = byId.get(internalText);
      if (!student) {
        add(r, internal!.col, internal!.header, `mã "${internalText}" không phải của học sinh nào trong lớp ${sheet.className}; tệp có thể là của lớp khác`);
        failed = true;
      }
    } else if (codeText && byCode.get(codeText)?.length === 1) {
      student = byCode.get(codeText)![0];
    }
    if (!student && !failed) {
      const dobIso = dob ? readDate(dob.content, date1904) : null;
      if (!fileName) {
        if (values.length) add(r, where(name).col, where(name).header, 'chưa có họ tên học sinh');
        failed = true;
      } else if (!dob) {
        if (values.length) add(r, where(code).col, where(code).header, `không tìm thấy học sinh có mã "${codeText}" trong lớp ${sheet.className}`);
        failed = true;
      } else if (!dobIso) {
        if (values.length) add(r, dob.col, dob.header, `"${showValue(dob.content)}" không phải là ngày sinh hợp lệ (dd/mm/yyyy)`);
        failed = true;
      } else {
        const found = byNameDob.get(`${nameKey(fileName)}|${dobIso}`) ?? [];
        if (found.length === 1) student = found[0];
        else if (found.length > 1) {
          add(r, where(name).col, where(name).header, `có ${found.length} học sinh tên "${fileName}" sinh ngày ${displayDate(dobIso)} trong lớp; hãy ghi mã định danh Bộ GD&ĐT để phân biệt`);
          failed = true;
        } else {
          if (values.length) add(r, where(name).col, where(name).header, `không tìm thấy học sinh "${fileName}" sinh ngày ${displayDate(dobIso)} trong lớp ${sheet.className}`);
          failed = true;
        }
      }
    }
    if (!student || failed) continue;
    // The row must not have been scrambled: the name written next to an id is that student's.
    if (fileName && (internalText || codeText) && nameKey(fileName) !== nameKey(student.fullName)) {
      add(r, where(name).col, where(name).header, `họ tên "${fileName}" không khớp với học sinh có mã này (${student.fullName}); các cột có thể đã bị xếp lệch nhau`);
      continue;
    }
    const first = matchedAt.get(student.studentId);
    if (first !== undefined) {
      add(r, where(name).col, where(name).header, `học sinh ${student.fullName} đã có ở dòng ${first}`);
      continue;
    }
    matchedAt.set(student.studentId, r);
    for (const { g } of extras) add(r, g.col, g.header, `môn ${sheet.subject.name} không có cột này trong ${TERM_LABEL(sheet.termNo)}; hãy để trống`);
    if (values.length && !student.active) {
      add(r, where(name).col, where(name).header, `học sinh ${student.fullName} đã chuyển đi hoặc thôi học, không nhập điểm được; hãy để trống dòng này`);
      continue;
    }
    for (const { g, content } of values) {
      const parsed = parseGrade(kinds.get(g.key)!, content);
      if (!parsed) continue;
      if (!parsed.ok) add(r, g.col, g.header, parsed.detail);
      else changes.push({ studentId: student.studentId, columnKey: g.key, value: parsed.value, cell: parsed.cell, row: r });
    }
    if (changes.length > MAX_SCORE_ROWS * 20) return fileError('Tệp có quá nhiều ô điểm: hãy dùng bảng điểm của một lớp.');
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row || a.col - b.col);
    return { ok: false, errors: errors.map(({ row, field, message }) => ({ row, field, message })) };
  }
  return { ok: true, changes };
}

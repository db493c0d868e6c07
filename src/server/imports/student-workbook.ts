/**
 * Student list workbooks (danh sách học sinh, .xlsx): the downloadable template "Mẫu nhập học
 * sinh" and a tolerant parser for that template and for the student exports of CSDL ngành and
 * vnEdu/SMAS (shared/domain/EXCHANGE.md §0, §1.2–1.3, §2.1, §2.5).
 *
 * The parser matches columns by header text (never by position): headers are folded (no accents,
 * no case, no spaces or punctuation, đ → d), a trailing "(…)" note is ignored, and an alias table
 * maps every known spelling to one field. The header row is searched for in the first
 * `HEADER_SEARCH_ROWS` rows of each sheet (exports have a title block above the table), and a
 * second header row under merged cells (e.g. "Họ và tên" over "Họ đệm" | "Tên") is understood.
 *
 * Every problem in every row is reported, in Vietnamese, with the row number Excel shows and the
 * column header as written in the file. The import is all-or-nothing: `ok: true` only when every
 * row is valid. A broken or non-XLSX file gives one error on row 0, field "tệp"; nothing throws.
 */
import ExcelJS from 'exceljs';
import { ZStudentInput, type GuardianInput, type StudentInput } from '../../shared/student.ts';
import { splitFullName } from '../../domain/names/split-full-name.ts';

export const MAX_STUDENT_ROWS = 5000;
export const HEADER_SEARCH_ROWS = 20;
/** Row of the header in the template (title on row 1, instructions on row 2). */
export const TEMPLATE_HEADER_ROW = 3;
const TEMPLATE_PREFORMATTED_ROWS = 1000;

export interface StudentWorkbookRow {
  /** Row number as Excel shows it. */
  row: number;
  student: StudentInput;
}

export interface StudentWorkbookError {
  /** Row number as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** Column header as written in the file, or "tệp" for the file as a whole. */
  field: string;
  /** Full Vietnamese message, e.g. `Dòng 7, cột "Ngày sinh": "31/02/2012" không phải là ngày hợp lệ (dd/mm/yyyy)`. */
  message: string;
}

export type StudentWorkbookResult =
  | { ok: true; rows: StudentWorkbookRow[] }
  | { ok: false; errors: StudentWorkbookError[] };

// ---------------------------------------------------------------------------------------------
// Fields and header aliases

type Field =
  | 'fullName'
  | 'familyAndMiddle'
  | 'familyName'
  | 'middleName'
  | 'givenName'
  | 'dateOfBirth'
  | 'sex'
  | 'ethnicity'
  | 'nationality'
  | 'religion'
  | 'placeOfBirth'
  | 'nationalId'
  | 'studentCode'
  | 'address'
  | 'phone'
  | `${GuardianKey}${'Name' | 'Phone' | 'Occupation' | 'BirthYear'}`;

type GuardianKey = 'father' | 'mother' | 'guardian';

function guardianAliases(key: GuardianKey, words: string[]): Record<`${GuardianKey}${'Name' | 'Phone' | 'Occupation' | 'BirthYear'}`, string[]> {
  const each = (prefixes: string[]) => words.flatMap((w) => prefixes.map((p) => `${p} ${w}`));
  return {
    [`${key}Name`]: [...each(['Họ tên', 'Họ và tên', 'Tên']), ...(key === 'guardian' ? ['Người giám hộ', 'Người đỡ đầu'] : [])],
    [`${key}Phone`]: each(['SĐT', 'Số điện thoại', 'Điện thoại', 'Đ.thoại', 'ĐT', 'Điện thoại liên hệ']),
    [`${key}Occupation`]: each(['Nghề nghiệp']),
    [`${key}BirthYear`]: each(['Năm sinh']),
  } as Record<`${GuardianKey}${'Name' | 'Phone' | 'Occupation' | 'BirthYear'}`, string[]>;
}

/**
 * Header spellings per field, best first: when two columns map to the same field, the one with
 * the earlier alias wins (so vnEdu's own "Mã học sinh" loses to its "Mã MOET", and CSDL's
 * "Số CMND" loses to "Số định danh cá nhân"). Sources: EXCHANGE.md §1.2, §1.3, §2.1, §2.5.
 */
const FIELD_ALIASES: Record<Field, string[]> = {
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên học sinh', 'Họ tên học sinh'],
  familyAndMiddle: ['Họ và tên đệm', 'Họ đệm', 'Họ và đệm', 'Họ và chữ đệm', 'Họ và tên lót', 'Họ lót'],
  familyName: ['Họ'],
  middleName: ['Tên đệm', 'Đệm', 'Chữ đệm', 'Tên lót'],
  givenName: ['Tên'],
  dateOfBirth: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Ngày/tháng/năm sinh'],
  sex: ['Giới tính', 'GT'],
  ethnicity: ['Dân tộc'],
  nationality: ['Quốc tịch'],
  religion: ['Tôn giáo'],
  placeOfBirth: ['Nơi sinh', 'Nơi sinh chi tiết'],
  nationalId: [
    'Số định danh cá nhân',
    'Mã định danh cá nhân',
    'Định danh cá nhân',
    'Số CCCD',
    'CCCD',
    'Căn cước',
    'Căn cước công dân',
    'Số căn cước',
    'Số căn cước công dân',
    'Số CMND/CCCD',
    'CMND/CCCD',
    'Số CMND',
    'CMND',
  ],
  studentCode: ['Mã định danh Bộ GD&ĐT', 'Mã định danh Bộ GDĐT', 'Mã MOET', 'Mã định danh', 'Mã học sinh'],
  address: ['Địa chỉ', 'Địa chỉ liên hệ', 'Chỗ ở hiện nay', 'Nơi ở hiện nay', 'Địa chỉ thường trú', 'Nơi thường trú', 'Hộ khẩu thường trú'],
  phone: [
    'Số điện thoại',
    'SĐT',
    'Điện thoại',
    'SĐT liên hệ',
    'Số điện thoại liên hệ',
    'Điện thoại liên hệ',
    'Điện thoại SLL',
    'Điện thoại HS',
    'SĐT học sinh',
  ],
  ...guardianAliases('father', ['cha', 'bố']),
  ...guardianAliases('mother', ['mẹ']),
  ...guardianAliases('guardian', ['người giám hộ', 'người đỡ đầu', 'NĐĐ']),
};

/** Lower-case ASCII letters and digits only: "Mã định danh Bộ GD&ĐT" → "madinhdanhbogddt". */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const ALIAS_INDEX: Map<string, { field: Field; priority: number }> = (() => {
  const index = new Map<string, { field: Field; priority: number }>();
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [Field, string[]][]) {
    aliases.forEach((alias, priority) => {
      const key = foldHeader(alias);
      if (!index.has(key)) index.set(key, { field, priority });
    });
  }
  return index;
})();

function matchHeader(text: string): { field: Field; priority: number } | undefined {
  return ALIAS_INDEX.get(foldHeader(text)) ?? ALIAS_INDEX.get(foldHeader(text.replace(/\([^)]*\)/g, ' ')));
}

/** Header text as written, on one line. */
function displayHeader(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
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

function readValue(value: ExcelJS.CellValue): CellContent {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') {
    const text = value.normalize('NFC').trim();
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', detail: 'ô có giá trị số không hợp lệ' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', detail: 'ô có ngày không hợp lệ' } : { kind: 'date', date: value };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return readValue(value.richText.map((run) => run.text ?? '').join(''));
    }
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value && value.formula ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) {
        return {
          kind: 'error',
          detail: `ô chứa công thức (=${formula}) nhưng tệp không lưu kết quả; hãy mở tệp bằng Excel rồi lưu lại, hoặc dán dạng giá trị (Paste Values)`,
        };
      }
      return readValue(result as ExcelJS.CellValue);
    }
    if ('error' in value) return { kind: 'error', detail: `ô có lỗi ${value.error}` };
    if ('hyperlink' in value) return readValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('text' in value) return readValue((value as { text: ExcelJS.CellValue }).text);
  }
  return { kind: 'error', detail: 'ô có giá trị không đọc được' };
}

function readCell(cell: ExcelJS.Cell): CellContent {
  try {
    return readValue(cell.value);
  } catch {
    return { kind: 'error', detail: 'ô có giá trị không đọc được' };
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date cell as exceljs gives it: the wall-clock value encoded as UTC (no local time zone involved). */
function isoFromUtcDate(date: Date): string {
  // Snap to the calendar day, tolerating float noise just under midnight.
  const day = Math.floor(date.getTime() / 86_400_000 + 1e-6);
  const d = new Date(day * 86_400_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function isoFromExcelSerial(serial: number, date1904: boolean): string {
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

function formatDisplayDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A cell shown as text in a message. */
function showValue(content: CellContent): string {
  switch (content.kind) {
    case 'empty':
      return '';
    case 'text':
      return content.text;
    case 'number':
      return String(content.value);
    case 'date':
      return formatDisplayDate(isoFromUtcDate(content.date));
    case 'boolean':
      return content.value ? 'TRUE' : 'FALSE';
    case 'error':
      return content.detail;
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/**
 * First three digits of a 12-digit personal ID: the province of birth registration (the 63
 * pre-2025 provinces; the 34 after 1 July 2025 kept their codes). Used only to decide whether a
 * number cell that lost its leading zeros can be restored without guessing.
 */
const PERSONAL_ID_PROVINCE_PREFIXES = new Set(
  [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
    49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
  ].map((n) => String(n).padStart(3, '0')),
);

const TEXT_FORMAT_HINT = 'hãy định dạng cột là Văn bản (Text) rồi nhập lại';

type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

function parseNationalId(content: CellContent): Parsed<string | null> {
  if (content.kind === 'empty') return { ok: true, value: null };
  if (content.kind === 'number') {
    const n = content.value;
    if (Number.isInteger(n) && n >= 0 && n < 1e12) {
      const digits = String(n);
      if (digits.length === 12) return { ok: true, value: digits };
      const padded = digits.padStart(12, '0');
      if (digits.length >= 10 && PERSONAL_ID_PROVINCE_PREFIXES.has(padded.slice(0, 3))) return { ok: true, value: padded };
      return {
        ok: false,
        detail: `"${digits}" không phải là số định danh cá nhân hợp lệ (đúng 12 chữ số); nếu số bắt đầu bằng 0 thì Excel đã bỏ mất, ${TEXT_FORMAT_HINT}`,
      };
    }
    return { ok: false, detail: `"${n}" không phải là số định danh cá nhân hợp lệ (đúng 12 chữ số)` };
  }
  if (content.kind !== 'text') return { ok: false, detail: `"${showValue(content)}" không phải là số định danh cá nhân hợp lệ (đúng 12 chữ số)` };
  const compact = content.text.replace(/[\s.'’]/g, '');
  if (/^\d{12}$/.test(compact)) return { ok: true, value: compact };
  return { ok: false, detail: `"${content.text}" không phải là số định danh cá nhân hợp lệ (đúng 12 chữ số)` };
}

function parseStudentCode(content: CellContent): Parsed<string | null> {
  if (content.kind === 'empty') return { ok: true, value: null };
  if (content.kind === 'number') {
    const n = content.value;
    if (Number.isInteger(n) && n >= 0 && n < 1e10) {
      const digits = String(n);
      if (digits.length === 10) return { ok: true, value: digits };
      // The MOET code has no known structure (EXCHANGE.md §1.6): lost zeros cannot be restored safely.
      return {
        ok: false,
        detail: `mã học sinh ${digits} chỉ có ${digits.length} chữ số, có thể Excel đã bỏ mất số 0 ở đầu; ${TEXT_FORMAT_HINT} đủ 10 chữ số`,
      };
    }
    return { ok: false, detail: `"${n}" không phải là mã học sinh hợp lệ (đúng 10 chữ số)` };
  }
  if (content.kind !== 'text') return { ok: false, detail: `"${showValue(content)}" không phải là mã học sinh hợp lệ (đúng 10 chữ số)` };
  const compact = content.text.replace(/[\s.'’]/g, '');
  if (/^\d{10}$/.test(compact)) return { ok: true, value: compact };
  return { ok: false, detail: `"${content.text}" không phải là mã học sinh hợp lệ (đúng 10 chữ số)` };
}

/** Vietnamese phone numbers: 10 digits (mobile) or 11 (landline), leading 0; "+84" accepted. */
function parsePhone(content: CellContent): Parsed<string | null> {
  if (content.kind === 'empty') return { ok: true, value: null };
  let digits: string;
  if (content.kind === 'number' && Number.isInteger(content.value) && content.value > 0) {
    digits = String(content.value);
    // A number cell drops the leading 0 of 09xxxxxxxx; put it back (the rest of the number is unambiguous).
    if (digits.length === 9 || digits.length === 10) digits = `0${digits}`;
    else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  } else if (content.kind === 'text') {
    digits = content.text.replace(/[\s.\-()]/g, '');
    if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
    else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  } else {
    return { ok: false, detail: `"${showValue(content)}" không phải là số điện thoại hợp lệ` };
  }
  if (/^0\d{9,10}$/.test(digits)) return { ok: true, value: digits };
  return { ok: false, detail: `"${showValue(content)}" không phải là số điện thoại hợp lệ (10 chữ số, bắt đầu bằng 0)` };
}

// ---------------------------------------------------------------------------------------------
// Other values

function parseDate(content: CellContent, date1904: boolean): Parsed<string> {
  let iso: string | null = null;
  if (content.kind === 'empty') return { ok: false, detail: 'chưa có ngày sinh (dd/mm/yyyy)' };
  if (content.kind === 'date') iso = isoFromUtcDate(content.date);
  else if (content.kind === 'text') iso = parseVietnameseDate(content.text);
  else if (content.kind === 'number' && content.value >= 1 && content.value < 2_958_466) {
    // A date typed into a cell formatted as a plain number shows up as the Excel serial.
    iso = isoFromExcelSerial(content.value, date1904);
  }
  const year = iso ? Number(iso.slice(0, 4)) : 0;
  if (!iso || year < 1900 || year > 2100) {
    return { ok: false, detail: `"${showValue(content)}" không phải là ngày hợp lệ (dd/mm/yyyy)` };
  }
  return { ok: true, value: iso };
}

const SEX_VALUES: Record<string, 'male' | 'female'> = {
  nam: 'male',
  trai: 'male',
  m: 'male',
  male: 'male',
  '1': 'male',
  '01': 'male',
  nu: 'female',
  gai: 'female',
  f: 'female',
  female: 'female',
  '2': 'female',
  '02': 'female',
};

/** Giới tính: "Nam" / "Nữ" as in every export, or the CSDL codes 1 / 2 (0 = no information). */
function parseSex(content: CellContent): Parsed<'male' | 'female'> {
  if (content.kind === 'empty') return { ok: false, detail: 'chưa có giới tính (Nam hoặc Nữ)' };
  const text = content.kind === 'number' ? String(content.value) : content.kind === 'text' ? content.text : '';
  const sex = SEX_VALUES[foldHeader(text)] ?? SEX_VALUES[text.trim()];
  if (sex) return { ok: true, value: sex };
  return { ok: false, detail: `"${showValue(content)}" không phải là giới tính hợp lệ (Nam hoặc Nữ)` };
}

function parseText(content: CellContent, date1904: boolean): Parsed<string> {
  switch (content.kind) {
    case 'empty':
      return { ok: true, value: '' };
    case 'text':
      return { ok: true, value: content.text.replace(/\s+/g, ' ') };
    case 'number':
      return { ok: true, value: String(content.value) };
    case 'date':
      return { ok: true, value: showValue(content) };
    case 'boolean':
      return { ok: false, detail: `giá trị ${showValue(content)} không dùng được ở cột này` };
    case 'error':
      return { ok: false, detail: content.detail };
  }
}

function parseBirthYear(content: CellContent): Parsed<number | null> {
  if (content.kind === 'empty') return { ok: true, value: null };
  if (content.kind === 'date') return { ok: true, value: content.date.getUTCFullYear() };
  const text = content.kind === 'number' ? String(content.value) : content.kind === 'text' ? content.text : '';
  const fromDate = parseVietnameseDate(text);
  const year = /^\d{4}$/.test(text) ? Number(text) : fromDate ? Number(fromDate.slice(0, 4)) : NaN;
  if (year >= 1900 && year <= 2100) return { ok: true, value: year };
  return { ok: false, detail: `"${showValue(content)}" không phải là năm sinh hợp lệ (4 chữ số, ví dụ 1985)` };
}

/**
 * The 54 ethnic groups (EXCHANGE.md §3.2, spelling UNCONFIRMED against CSDL's code-list sheet).
 * Imported values whose folded form matches are written with this spelling; anything else is
 * kept as written.
 */
export const ETHNIC_GROUPS: readonly string[] = [
  'Kinh', 'Tày', 'Thái', 'Hoa', 'Khơ-me', 'Mường', 'Nùng', 'HMông', 'Dao', 'Gia-rai', 'Ngái', 'Ê-đê', 'Ba na', 'Xơ-Đăng',
  'Sán Chay', 'Cơ-ho', 'Chăm', 'Sán Dìu', 'Hrê', 'Mnông', 'Ra-glai', 'Xtiêng', 'Bru-Vân Kiều', 'Thổ', 'Giáy', 'Cơ-tu',
  'Gié-Triêng', 'Mạ', 'Khơ-mú', 'Co', 'Tà-ôi', 'Chơ-ro', 'Kháng', 'Xinh-mun', 'Hà Nhì', 'Chu ru', 'Lào', 'La Chí', 'La Ha',
  'Phù Lá', 'La Hủ', 'Lự', 'Lô Lô', 'Chứt', 'Mảng', 'Pà Thẻn', 'Co Lao', 'Cống', 'Bố Y', 'Si La', 'Pu Péo', 'Brâu', 'Ơ Đu',
  'Rơ-măm',
];

const ETHNIC_BY_FOLD = new Map<string, string>([
  ...ETHNIC_GROUPS.map((name) => [foldHeader(name), name] as [string, string]),
  ['mong', 'HMông'],
  ['khmer', 'Khơ-me'],
  ['raglay', 'Ra-glai'],
  ['taoi', 'Tà-ôi'],
  ['colao', 'Co Lao'],
]);

function canonicalEthnicity(value: string): string {
  return ETHNIC_BY_FOLD.get(foldHeader(value)) ?? value;
}

// ---------------------------------------------------------------------------------------------
// Finding the table

interface ColumnRef {
  col: number;
  header: string;
  priority: number;
}

interface Table {
  sheet: ExcelJS.Worksheet;
  headerRow: number;
  firstDataRow: number;
  columns: Map<Field, ColumnRef>;
}

function isMergedChild(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

function headerCells(row: ExcelJS.Row): { col: number; text: string; cell: ExcelJS.Cell }[] {
  const out: { col: number; text: string; cell: ExcelJS.Cell }[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const content = readCell(cell);
    if (content.kind === 'text') out.push({ col, text: content.text, cell });
  });
  return out;
}

function mapHeaderRow(row: ExcelJS.Row): Map<number, { field: Field; header: string; priority: number }> {
  const mapped = new Map<number, { field: Field; header: string; priority: number }>();
  for (const { col, text, cell } of headerCells(row)) {
    if (isMergedChild(cell)) continue;
    const match = matchHeader(text);
    if (match) mapped.set(col, { ...match, header: displayHeader(text) });
  }
  return mapped;
}

function hasNameColumns(fields: Set<Field>): boolean {
  return fields.has('fullName') || (fields.has('givenName') && (fields.has('familyName') || fields.has('familyAndMiddle')));
}

function byField(mapped: Map<number, { field: Field; header: string; priority: number }>): Map<Field, ColumnRef> {
  const columns = new Map<Field, ColumnRef>();
  for (const [col, { field, header, priority }] of [...mapped.entries()].sort((a, b) => a[0] - b[0])) {
    const current = columns.get(field);
    if (!current || priority < current.priority) columns.set(field, { col, header, priority });
  }
  return columns;
}

function findTable(sheet: ExcelJS.Worksheet): Table | null {
  let best: { headerRow: number; mapped: Map<number, { field: Field; header: string; priority: number }>; score: number } | null = null;
  const lastRow = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= lastRow; r++) {
    const mapped = mapHeaderRow(sheet.getRow(r));
    const fields = new Set([...mapped.values()].map((m) => m.field));
    if (!hasNameColumns(fields) || fields.size < 2) continue;
    if (!best || fields.size > best.score) best = { headerRow: r, mapped, score: fields.size };
  }
  if (!best) return null;

  // A second header row under merged cells: "Họ và tên" merged over "Họ đệm" | "Tên",
  // or a group header such as "Thông tin cha" over "Họ tên cha" | "SĐT cha".
  const headerRow = sheet.getRow(best.headerRow);
  const below = mapHeaderRow(sheet.getRow(best.headerRow + 1));
  let usedSecondRow = false;
  for (const [col, match] of below) {
    const above = headerRow.getCell(col);
    if (above.isMerged || readCell(above).kind === 'empty') {
      best.mapped.set(col, match);
      usedSecondRow = true;
    }
  }
  if (usedSecondRow) {
    // A merged "Họ và tên" that now has sub-columns no longer holds whole names.
    const fields = new Set([...best.mapped.values()].map((m) => m.field));
    if (fields.has('givenName') && (fields.has('familyName') || fields.has('familyAndMiddle'))) {
      for (const [col, m] of best.mapped) if (m.field === 'fullName' && headerRow.getCell(col).isMerged) best.mapped.delete(col);
    }
  }
  return {
    sheet,
    headerRow: best.headerRow,
    firstDataRow: best.headerRow + (usedSecondRow ? 2 : 1),
    columns: byField(best.mapped),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing

const FILE_FIELD = 'tệp';

function fileError(message: string): StudentWorkbookResult {
  return { ok: false, errors: [{ row: 0, field: FILE_FIELD, message }] };
}

function startsWith(buffer: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buffer[i] === b);
}

function zodIssueDetail(issue: { code: string; message: string; maximum?: unknown; minimum?: unknown }): string {
  if (issue.code === 'too_big' && typeof issue.maximum !== 'undefined') return `dài quá ${String(issue.maximum)} ký tự`;
  if (issue.code === 'too_small') return 'không được để trống';
  if (/[^\x00-\x7f]/.test(issue.message)) return issue.message; // our schema's own Vietnamese messages
  return 'giá trị không hợp lệ';
}

/** An error with the column it belongs to, so a row's errors can be listed left to right. */
type PositionedError = StudentWorkbookError & { col: number };

interface RowContext {
  rowNumber: number;
  row: ExcelJS.Row;
  table: Table;
  date1904: boolean;
  errors: PositionedError[];
}

function columnOfHeader(table: Table, header: string): number {
  for (const ref of table.columns.values()) if (ref.header === header) return ref.col;
  return Number.MAX_SAFE_INTEGER;
}

function addError(ctx: RowContext, header: string, detail: string) {
  ctx.errors.push({
    row: ctx.rowNumber,
    field: header,
    message: `Dòng ${ctx.rowNumber}, cột "${header}": ${detail}`,
    col: columnOfHeader(ctx.table, header),
  });
}

function cellOf(ctx: RowContext, field: Field): { content: CellContent; header: string } | null {
  const ref = ctx.table.columns.get(field);
  if (!ref) return null;
  return { content: readCell(ctx.row.getCell(ref.col)), header: ref.header };
}

/** Reads one field; reports cell errors (formula without result, #REF!) and returns undefined then. */
function take<T>(ctx: RowContext, field: Field, parse: (c: CellContent) => Parsed<T>): { value: T; header: string } | undefined {
  const cell = cellOf(ctx, field);
  if (!cell) return undefined;
  if (cell.content.kind === 'error') {
    addError(ctx, cell.header, cell.content.detail);
    return undefined;
  }
  const parsed = parse(cell.content);
  if (!parsed.ok) {
    addError(ctx, cell.header, parsed.detail);
    return undefined;
  }
  return { value: parsed.value, header: cell.header };
}

function isRowEmpty(row: ExcelJS.Row, table: Table): boolean {
  for (const ref of table.columns.values()) {
    if (readCell(row.getCell(ref.col)).kind !== 'empty') return false;
  }
  return true;
}

const GUARDIANS: { key: GuardianKey; relation: GuardianInput['relation']; label: string }[] = [
  { key: 'father', relation: 'father', label: 'cha' },
  { key: 'mother', relation: 'mother', label: 'mẹ' },
  { key: 'guardian', relation: 'guardian', label: 'người giám hộ' },
];

function parseRow(ctx: RowContext): { student: StudentInput; fieldHeaders: Map<string, string> } | null {
  const errorsBefore = ctx.errors.length;
  const { columns } = ctx.table;
  const text = (c: CellContent) => parseText(c, ctx.date1904);
  /** Which header to blame for each StudentInput field (for zod issues). */
  const fieldHeaders = new Map<string, string>();

  // Name: separate Họ / Đệm / Tên columns when the file has them, else one "Họ và tên" column.
  let familyName = '';
  let middleName = '';
  let givenName = '';
  const separate = columns.has('givenName') && (columns.has('familyName') || columns.has('familyAndMiddle'));
  if (separate) {
    const given = take(ctx, 'givenName', text);
    const family = take(ctx, 'familyName', text);
    const familyAndMiddle = take(ctx, 'familyAndMiddle', text);
    const middle = take(ctx, 'middleName', text);
    givenName = given?.value ?? '';
    if (familyAndMiddle && !family) {
      const words = familyAndMiddle.value.split(' ').filter(Boolean);
      familyName = words[0] ?? '';
      middleName = words.slice(1).join(' ');
    } else {
      familyName = family?.value ?? '';
      middleName = [familyAndMiddle && family ? familyAndMiddle.value : '', middle?.value ?? ''].filter(Boolean).join(' ');
    }
    const familyHeader = columns.get('familyName')?.header ?? columns.get('familyAndMiddle')!.header;
    const givenHeader = columns.get('givenName')!.header;
    fieldHeaders.set('familyName', familyHeader);
    fieldHeaders.set('middleName', columns.get('middleName')?.header ?? columns.get('familyAndMiddle')?.header ?? familyHeader);
    fieldHeaders.set('givenName', givenHeader);
    if (given && givenName === '') addError(ctx, givenHeader, 'chưa có tên');
    if (givenName !== '' && familyName === '' && (family || familyAndMiddle)) addError(ctx, familyHeader, 'chưa có họ');
  } else {
    const full = take(ctx, 'fullName', text);
    const nameHeader = columns.get('fullName')!.header;
    for (const f of ['familyName', 'middleName', 'givenName']) fieldHeaders.set(f, nameHeader);
    if (full) {
      if (full.value === '') addError(ctx, nameHeader, 'chưa có họ tên');
      else {
        ({ familyName, middleName, givenName } = splitFullName(full.value));
        if (familyName === '') addError(ctx, nameHeader, `"${full.value}" chỉ có một chữ; cần ghi đủ họ và tên`);
      }
    }
  }

  const dateOfBirth = take(ctx, 'dateOfBirth', (c) => parseDate(c, ctx.date1904));
  const sex = take(ctx, 'sex', parseSex);
  const ethnicity = take(ctx, 'ethnicity', text);
  const nationality = take(ctx, 'nationality', text);
  const religion = take(ctx, 'religion', text);
  const placeOfBirth = take(ctx, 'placeOfBirth', text);
  const nationalId = take(ctx, 'nationalId', parseNationalId);
  const studentCode = take(ctx, 'studentCode', parseStudentCode);
  const address = take(ctx, 'address', text);
  const phone = take(ctx, 'phone', parsePhone);
  for (const [field, ref] of columns) if (!fieldHeaders.has(field)) fieldHeaders.set(field, ref.header);

  const guardians: GuardianInput[] = [];
  GUARDIANS.forEach(({ key, relation, label }) => {
    const name = take(ctx, `${key}Name`, text);
    const gPhone = take(ctx, `${key}Phone`, parsePhone);
    const occupation = take(ctx, `${key}Occupation`, text);
    const birthYear = take(ctx, `${key}BirthYear`, parseBirthYear);
    const fullName = name?.value ?? '';
    if (fullName === '') {
      for (const extra of [gPhone?.value ? gPhone : null, occupation?.value ? occupation : null, birthYear?.value ? birthYear : null]) {
        if (extra) addError(ctx, extra.header, `có thông tin nhưng chưa có họ tên ${label}`);
      }
      return;
    }
    const index = guardians.length;
    fieldHeaders.set(`guardians.${index}.fullName`, name!.header);
    if (gPhone) fieldHeaders.set(`guardians.${index}.phone`, gPhone.header);
    if (occupation) fieldHeaders.set(`guardians.${index}.occupation`, occupation.header);
    if (birthYear) fieldHeaders.set(`guardians.${index}.birthYear`, birthYear.header);
    guardians.push({
      relation,
      fullName,
      phone: gPhone?.value ?? null,
      occupation: occupation?.value ? occupation.value : null,
      birthYear: birthYear?.value ?? null,
    });
  });

  const candidate = {
    familyName,
    middleName,
    givenName,
    sex: sex?.value,
    dateOfBirth: dateOfBirth?.value,
    ...(placeOfBirth ? { placeOfBirth: placeOfBirth.value } : {}),
    ...(ethnicity && ethnicity.value !== '' ? { ethnicity: canonicalEthnicity(ethnicity.value) } : {}),
    ...(nationality && nationality.value !== '' ? { nationality: nationality.value } : {}),
    ...(religion ? { religion: religion.value } : {}),
    nationalId: nationalId?.value ?? null,
    studentCode: studentCode?.value ?? null,
    ...(address ? { address: address.value } : {}),
    phone: phone?.value ?? null,
    guardians,
  };

  if (ctx.errors.length > errorsBefore) return null;
  const parsed = ZStudentInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const header = fieldHeaders.get(path) ?? fieldHeaders.get(String(issue.path[0])) ?? (path || FILE_FIELD);
      addError(ctx, header, zodIssueDetail(issue as unknown as { code: string; message: string; maximum?: unknown }));
    }
    return null;
  }
  return { student: parsed.data, fieldHeaders };
}

const REQUIRED_COLUMNS: { field: Field; label: string }[] = [
  { field: 'dateOfBirth', label: 'Ngày sinh' },
  { field: 'sex', label: 'Giới tính' },
];

export async function parseStudentWorkbook(buffer: Buffer): Promise<StudentWorkbookResult> {
  if (!buffer || buffer.length === 0) return fileError('Tệp rỗng: hãy chọn tệp Excel (.xlsx) danh sách học sinh.');
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fileError(
      'Tệp có dạng Excel 97–2003 (.xls) hoặc đã đặt mật khẩu, chưa đọc được: hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng "Excel Workbook (.xlsx)".',
    );
  }
  if (!startsWith(buffer, [0x50, 0x4b])) {
    return fileError('Tệp không phải là tệp Excel .xlsx (có thể là .csv, .pdf hoặc ảnh): hãy dùng "Mẫu nhập học sinh" hoặc tệp xuất từ CSDL ngành / vnEdu dạng .xlsx.');
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return fileError('Tệp Excel bị hỏng hoặc không phải là tệp .xlsx hợp lệ: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.');
  }

  try {
    return parseWorkbook(workbook);
  } catch {
    return fileError('Không đọc được nội dung tệp Excel: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.');
  }
}

function parseWorkbook(workbook: ExcelJS.Workbook): StudentWorkbookResult {
  if (workbook.worksheets.length === 0) return fileError('Tệp không có trang tính nào: có thể đây không phải là tệp Excel .xlsx (ví dụ tệp .docx hoặc .zip).');
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);

  let table: Table | null = null;
  for (const sheet of workbook.worksheets) {
    table = findTable(sheet);
    if (table) break;
  }
  if (!table) {
    return fileError(
      `Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu của các trang tính: cần có cột "Họ và tên" (hoặc các cột "Họ", "Tên") cùng các cột như "Ngày sinh", "Giới tính".`,
    );
  }

  const missing: StudentWorkbookError[] = [];
  for (const { field, label } of REQUIRED_COLUMNS) {
    if (!table.columns.has(field)) {
      missing.push({ row: table.headerRow, field: label, message: `Dòng ${table.headerRow}: không tìm thấy cột "${label}" (trang "${table.sheet.name}")` });
    }
  }
  if (missing.length > 0) return { ok: false, errors: missing };
  const errors: PositionedError[] = [];

  // Data rows: every row below the header with something in a recognised column.
  const dataRows: ExcelJS.Row[] = [];
  let tooMany = false;
  table.sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany || rowNumber < table.firstDataRow || isRowEmpty(row, table)) return;
    dataRows.push(row);
    if (dataRows.length > MAX_STUDENT_ROWS) tooMany = true;
  });
  if (tooMany) {
    return fileError(`Tệp có hơn ${MAX_STUDENT_ROWS.toLocaleString('vi-VN')} dòng học sinh: hãy chia thành nhiều tệp (ví dụ mỗi khối hoặc mỗi lớp một tệp).`);
  }
  if (dataRows.length === 0) {
    return fileError(`Trang "${table.sheet.name}" không có dòng học sinh nào dưới dòng tiêu đề (dòng ${table.headerRow}).`);
  }

  const rows: StudentWorkbookRow[] = [];
  const rowHeaders = new Map<number, Map<string, string>>();
  for (const row of dataRows) {
    const ctx: RowContext = { rowNumber: row.number, row, table, date1904, errors };
    const result = parseRow(ctx);
    if (result) {
      rows.push({ row: row.number, student: result.student });
      rowHeaders.set(row.number, result.fieldHeaders);
    }
  }

  // Duplicates inside the file: each identifier must belong to one student only.
  const identifiers: { key: 'nationalId' | 'studentCode'; label: string }[] = [
    { key: 'nationalId', label: 'số định danh cá nhân' },
    { key: 'studentCode', label: 'mã học sinh' },
  ];
  for (const { key, label } of identifiers) {
    const firstRow = new Map<string, number>();
    for (const { row, student } of rows) {
      const value = student[key];
      if (!value) continue;
      const first = firstRow.get(value);
      if (first === undefined) {
        firstRow.set(value, row);
        continue;
      }
      const header = rowHeaders.get(row)?.get(key) ?? key;
      errors.push({
        row,
        field: header,
        message: `Dòng ${row}, cột "${header}": ${label} "${value}" trùng với dòng ${first}`,
        col: columnOfHeader(table, header),
      });
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row || a.col - b.col);
    return { ok: false, errors: errors.map(({ row, field, message }) => ({ row, field, message })) };
  }
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------------------------
// Template

interface TemplateColumn {
  header: string;
  width: number;
  required?: boolean;
  /** Store typed values as text (dates, identifiers, phone numbers keep their leading zeros). */
  text?: boolean;
  help: string;
  example: string;
}

/** The template's columns; every header is a first-choice alias of the parser. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: 'STT', width: 6, help: 'Số thứ tự (không bắt buộc).', example: '1' },
  { header: 'Họ và tên', width: 28, required: true, help: 'Họ, tên đệm và tên, cách nhau một dấu cách.', example: 'Nguyễn Thị Minh Anh' },
  { header: 'Ngày sinh', width: 13, required: true, text: true, help: 'Dạng dd/mm/yyyy (ngày/tháng/năm).', example: '05/09/2014' },
  { header: 'Giới tính', width: 10, required: true, help: 'Chọn Nam hoặc Nữ.', example: 'Nữ' },
  { header: 'Dân tộc', width: 12, help: 'Tên dân tộc; để trống là Kinh.', example: 'Kinh' },
  { header: 'Quốc tịch', width: 12, help: 'Để trống là Việt Nam.', example: 'Việt Nam' },
  { header: 'Tôn giáo', width: 12, help: 'Để trống nếu không có.', example: '' },
  { header: 'Nơi sinh', width: 24, help: 'Tỉnh/thành phố nơi sinh.', example: 'Thành phố Hà Nội' },
  { header: 'Số định danh cá nhân', width: 18, text: true, help: 'Số định danh cá nhân (CCCD), đúng 12 chữ số.', example: '001314012345' },
  { header: 'Mã định danh Bộ GD&ĐT', width: 18, text: true, help: 'Mã học sinh trên CSDL ngành, đúng 10 chữ số; để trống nếu chưa có.', example: '0142976685' },
  { header: 'Địa chỉ', width: 32, help: 'Chỗ ở hiện nay.', example: 'Số 12 ngõ 5 phố Láng Hạ, phường Láng, Thành phố Hà Nội' },
  { header: 'Số điện thoại', width: 14, text: true, help: 'Số điện thoại của học sinh (nếu có).', example: '' },
  { header: 'Họ tên cha', width: 24, help: '', example: 'Nguyễn Văn Bình' },
  { header: 'Nghề nghiệp cha', width: 16, help: '', example: 'Kỹ sư' },
  { header: 'Năm sinh cha', width: 10, text: true, help: '4 chữ số.', example: '1984' },
  { header: 'SĐT cha', width: 14, text: true, help: '10 chữ số, bắt đầu bằng 0.', example: '0912345678' },
  { header: 'Họ tên mẹ', width: 24, help: '', example: 'Trần Thị Hoa' },
  { header: 'Nghề nghiệp mẹ', width: 16, help: '', example: 'Giáo viên' },
  { header: 'Năm sinh mẹ', width: 10, text: true, help: '4 chữ số.', example: '1986' },
  { header: 'SĐT mẹ', width: 14, text: true, help: '10 chữ số, bắt đầu bằng 0.', example: '0987654321' },
  { header: 'Họ tên người giám hộ', width: 24, help: 'Chỉ ghi khi người giám hộ không phải cha hoặc mẹ.', example: '' },
  { header: 'SĐT người giám hộ', width: 14, text: true, help: '10 chữ số, bắt đầu bằng 0.', example: '' },
];

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export async function buildStudentTemplate(options: { className?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ Điểm Số';
  workbook.title = 'Mẫu nhập học sinh';

  const sheet = workbook.addWorksheet('Học sinh', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: TEMPLATE_HEADER_ROW }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = columnLetter(TEMPLATE_COLUMNS.length);
  const className = options.className?.normalize('NFC').trim();

  sheet.mergeCells(`A1:${last}1`);
  const title = sheet.getCell('A1');
  title.value = className ? `MẪU NHẬP HỌC SINH — LỚP ${className}` : 'MẪU NHẬP HỌC SINH';
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 24;

  sheet.mergeCells(`A2:${last}2`);
  const note = sheet.getCell('A2');
  note.value =
    `Mỗi dòng một học sinh, bắt đầu từ dòng ${TEMPLATE_HEADER_ROW + 1}; không đổi tên các cột. ` +
    'Ngày sinh ghi dd/mm/yyyy (ví dụ 05/09/2014). Giới tính chọn Nam hoặc Nữ. ' +
    'Số định danh cá nhân (12 chữ số) và mã định danh Bộ GD&ĐT (10 chữ số) ghi đủ cả số 0 ở đầu. ' +
    'Cột có dấu * là bắt buộc. Xem trang "Hướng dẫn".';
  note.font = { italic: true, color: { argb: 'FF555555' } };
  note.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).height = 48;

  const header = sheet.getRow(TEMPLATE_HEADER_ROW);
  TEMPLATE_COLUMNS.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    if (column.text) col.numFmt = '@';
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FFFFE699' : 'FFDDEBF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    if (column.required) cell.note = `* Bắt buộc. ${column.help}`;
    else if (column.help) cell.note = column.help;
  });
  header.height = 32;
  sheet.autoFilter = { from: { row: TEMPLATE_HEADER_ROW, column: 1 }, to: { row: TEMPLATE_HEADER_ROW, column: TEMPLATE_COLUMNS.length } };

  // Code list for the Dân tộc drop-down, on a hidden sheet.
  const lists = workbook.addWorksheet('Danh mục', { state: 'hidden' });
  ETHNIC_GROUPS.forEach((name, i) => {
    lists.getCell(i + 1, 1).value = name;
  });

  const colOf = (name: string) => TEMPLATE_COLUMNS.findIndex((c) => c.header === name) + 1;
  const sexCol = colOf('Giới tính');
  const ethnicCol = colOf('Dân tộc');
  const textCols = TEMPLATE_COLUMNS.map((c, i) => (c.text ? i + 1 : 0)).filter(Boolean);
  for (let r = TEMPLATE_HEADER_ROW + 1; r <= TEMPLATE_HEADER_ROW + TEMPLATE_PREFORMATTED_ROWS; r++) {
    const row = sheet.getRow(r);
    for (const c of textCols) row.getCell(c).numFmt = '@';
    row.getCell(sexCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"Nam,Nữ"'],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Giới tính',
      error: 'Chọn Nam hoặc Nữ.',
    };
    row.getCell(ethnicCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'Danh mục'!$A$1:$A$${ETHNIC_GROUPS.length}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Dân tộc',
      error: 'Tên dân tộc không có trong danh mục. Vẫn giữ giá trị này?',
    };
  }

  // Instructions sheet, with one example row that is NOT on the data sheet (so it is never imported).
  const help = workbook.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', key: 'header', width: 24 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'help', width: 60 },
    { header: 'Ví dụ', key: 'example', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of TEMPLATE_COLUMNS) {
    const row = help.addRow({ header: column.header, required: column.required ? 'Có' : '', help: column.help, example: column.example });
    row.getCell('example').numFmt = '@';
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const line of [
    'Nhập được cả tệp xuất từ CSDL ngành (Học sinh → Xuất Excel) và từ vnEdu/SMAS: chương trình nhận cột theo tên tiêu đề, không theo vị trí.',
    'Có thể dùng các cột "Họ", "Đệm", "Tên" riêng thay cho cột "Họ và tên".',
    'Giới tính nhận "Nam"/"Nữ" hoặc mã 1/2 của CSDL ngành.',
    'Nếu Excel tự đổi số định danh thành dạng số (mất số 0 ở đầu), hãy định dạng cột là Văn bản (Text) rồi gõ lại.',
    `Mỗi tệp tối đa ${MAX_STUDENT_ROWS.toLocaleString('vi-VN')} học sinh. Tệp có lỗi sẽ không được nhập dòng nào; danh sách lỗi ghi rõ dòng và cột cần sửa.`,
  ]) {
    help.addRow([line]);
  }

  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

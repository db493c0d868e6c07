/**
 * Student list workbooks: reading one cell of a student row into a field's value (identifiers,
 * phone numbers, dates, sex, birth years, ethnic groups). Each parser gives the value or a
 * Vietnamese detail for the error message.
 */
import type ExcelJS from 'exceljs';
import { type CellContent, type CellReadRules, type ReadCell, dateFromContent, foldHeader, parseVietnameseDate, readCell, showValue } from '../../platform/excel/excel-cells.ts';

/** Text keeps its inner spaces (names are tidied later); a formula's error result reads as that error. */
const STUDENT_CELL_RULES: CellReadRules = {
  collapseSpaces: false,
  errorResultIsMissing: false,
  formulaWithoutResult: (formula) =>
    `ô chứa công thức (=${formula}) nhưng tệp không lưu kết quả; hãy mở tệp bằng Excel rồi lưu lại, hoặc dán dạng giá trị (Paste Values)`,
};

export function readStudentCell(cell: ExcelJS.Cell): ReadCell {
  return readCell(cell, STUDENT_CELL_RULES);
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

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

export function parseNationalId(content: CellContent): Parsed<string | null> {
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

export function parseStudentCode(content: CellContent): Parsed<string | null> {
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
export function parsePhone(content: CellContent): Parsed<string | null> {
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

export function parseDate(content: CellContent, date1904: boolean): Parsed<string> {
  if (content.kind === 'empty') return { ok: false, detail: 'chưa có ngày sinh (dd/mm/yyyy)' };
  const iso = dateFromContent(content, date1904);
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
export function parseSex(content: CellContent): Parsed<'male' | 'female'> {
  if (content.kind === 'empty') return { ok: false, detail: 'chưa có giới tính (Nam hoặc Nữ)' };
  const text = content.kind === 'number' ? String(content.value) : content.kind === 'text' ? content.text : '';
  const sex = SEX_VALUES[foldHeader(text)] ?? SEX_VALUES[text.trim()];
  if (sex) return { ok: true, value: sex };
  return { ok: false, detail: `"${showValue(content)}" không phải là giới tính hợp lệ (Nam hoặc Nữ)` };
}

/**
 * Text typed with a legacy 8-bit Vietnamese font (TCVN3/ABC, VNI) looks like "NguyÔn V¨n An" or
 * "Ñoã Thò Hoa" once read as Unicode (VNI text that happens to use only letters Vietnamese also uses is not caught): it uses Latin-1 letters and signs Vietnamese never
 * uses. Such a cell is refused (naming row and column) rather than guessed at.
 */
const LEGACY_FONT = /[\u00A1-\u00BF\u00C4-\u00C7\u00CB\u00CE-\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE-\u00DF\u00E4-\u00E7\u00EB\u00EE-\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/;
export const LEGACY_FONT_DETAIL =
  'chữ bị lỗi phông (gõ bằng bảng mã cũ TCVN3 hoặc VNI, ví dụ "NguyÔn V¨n An"): hãy chuyển tệp sang Unicode (Unikey → Công cụ chuyển mã) rồi nhập lại';

export function parseText(content: CellContent): Parsed<string> {
  switch (content.kind) {
    case 'empty':
      return { ok: true, value: '' };
    case 'text':
      if (LEGACY_FONT.test(content.text)) return { ok: false, detail: LEGACY_FONT_DETAIL };
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

export function parseBirthYear(content: CellContent): Parsed<number | null> {
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

export function canonicalEthnicity(value: string): string {
  return ETHNIC_BY_FOLD.get(foldHeader(value)) ?? value;
}

/**
 * Student list workbooks: the header/alias table and finding the table in a sheet. Columns are
 * matched by header text (never by position): headers are folded (no accents, no case, no spaces
 * or punctuation, đ → d), a trailing "(…)" note is ignored, and an alias table maps every known
 * spelling to one field. The header row is searched for in the first `HEADER_SEARCH_ROWS` rows
 * of each sheet (exports have a title block above the table), and a second header row under
 * merged cells (e.g. "Họ và tên" over "Họ đệm" | "Tên") is understood.
 */
import type ExcelJS from 'exceljs';
import { HEADER_SEARCH_ROWS, displayHeader, foldHeader, foldHeaderWithoutNotes, isMergedChild } from '../../platform/excel/excel-cells.ts';
import { readStudentCell } from './student-values.ts';

// ---------------------------------------------------------------------------------------------
// Fields and header aliases

export type Field =
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

export type GuardianKey = 'father' | 'mother' | 'guardian';

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
  return ALIAS_INDEX.get(foldHeader(text)) ?? ALIAS_INDEX.get(foldHeaderWithoutNotes(text));
}

// ---------------------------------------------------------------------------------------------
// Finding the table

export interface ColumnRef {
  col: number;
  header: string;
  priority: number;
}

export interface Table {
  sheet: ExcelJS.Worksheet;
  headerRow: number;
  firstDataRow: number;
  columns: Map<Field, ColumnRef>;
}

function headerCells(row: ExcelJS.Row): { col: number; text: string; cell: ExcelJS.Cell }[] {
  const out: { col: number; text: string; cell: ExcelJS.Cell }[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const content = readStudentCell(cell);
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

export function findTable(sheet: ExcelJS.Worksheet): Table | null {
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
    if (above.isMerged || readStudentCell(above).kind === 'empty') {
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

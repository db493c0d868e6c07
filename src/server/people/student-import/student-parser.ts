/**
 * Student list workbooks: the row parser. Every problem in every row is reported, in Vietnamese,
 * with the row number Excel shows and the column header as written in the file. The import is
 * all-or-nothing: `ok: true` only when every row is valid. A broken or non-XLSX file gives one
 * error on row 0, field "tệp"; nothing throws.
 */
import type ExcelJS from 'exceljs';
import { splitFullName } from '../../../domain/names/split-full-name.ts';
import { ZStudentInput, type GuardianInput, type StudentInput } from '../../../shared/student.ts';
import { type CellContent, FILE_FIELD, HEADER_SEARCH_ROWS, type Positioned, inSheetOrder, usesDate1904 } from '../../platform/excel/excel-cells.ts';
import { type Field, type GuardianKey, type Table, findTable } from './student-headers.ts';
import {
  type Parsed,
  canonicalEthnicity,
  parseBirthYear,
  parseDate,
  parseNationalId,
  parsePhone,
  parseSex,
  parseStudentCode,
  parseText,
  readStudentCell,
} from './student-values.ts';

export const MAX_STUDENT_ROWS = 5000;

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
// Parsing

export function fileError(message: string): StudentWorkbookResult {
  return { ok: false, errors: [{ row: 0, field: FILE_FIELD, message }] };
}

function zodIssueDetail(issue: { code: string; message: string; maximum?: unknown; minimum?: unknown }): string {
  if (issue.code === 'too_big' && typeof issue.maximum !== 'undefined') return `dài quá ${String(issue.maximum)} ký tự`;
  if (issue.code === 'too_small') return 'không được để trống';
  if (/[\u0080-\uffff]/.test(issue.message)) return issue.message; // our schema's own Vietnamese messages
  return 'giá trị không hợp lệ';
}

/** An error with the column it belongs to, so a row's errors can be listed left to right. */
type PositionedError = Positioned<StudentWorkbookError>;

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
  return { content: readStudentCell(ctx.row.getCell(ref.col)), header: ref.header };
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
    if (readStudentCell(row.getCell(ref.col)).kind !== 'empty') return false;
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
  /** Which header to blame for each StudentInput field (for zod issues). */
  const fieldHeaders = new Map<string, string>();

  // Name: separate Họ / Đệm / Tên columns when the file has them, else one "Họ và tên" column.
  let familyName = '';
  let middleName = '';
  let givenName = '';
  const separate = columns.has('givenName') && (columns.has('familyName') || columns.has('familyAndMiddle'));
  if (separate) {
    const given = take(ctx, 'givenName', parseText);
    const family = take(ctx, 'familyName', parseText);
    const familyAndMiddle = take(ctx, 'familyAndMiddle', parseText);
    const middle = take(ctx, 'middleName', parseText);
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
    const full = take(ctx, 'fullName', parseText);
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
  const ethnicity = take(ctx, 'ethnicity', parseText);
  const nationality = take(ctx, 'nationality', parseText);
  const religion = take(ctx, 'religion', parseText);
  const placeOfBirth = take(ctx, 'placeOfBirth', parseText);
  const nationalId = take(ctx, 'nationalId', parseNationalId);
  const studentCode = take(ctx, 'studentCode', parseStudentCode);
  const address = take(ctx, 'address', parseText);
  const phone = take(ctx, 'phone', parsePhone);
  for (const [field, ref] of columns) if (!fieldHeaders.has(field)) fieldHeaders.set(field, ref.header);

  const guardians: GuardianInput[] = [];
  GUARDIANS.forEach(({ key, relation, label }) => {
    const name = take(ctx, `${key}Name`, parseText);
    const gPhone = take(ctx, `${key}Phone`, parsePhone);
    const occupation = take(ctx, `${key}Occupation`, parseText);
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

/** The loaded workbook's students, or every error (in the worker thread: student-list.worker.ts). */
export function readStudentWorkbook(workbook: ExcelJS.Workbook): StudentWorkbookResult {
  if (workbook.worksheets.length === 0) return fileError('Tệp không có trang tính nào: có thể đây không phải là tệp Excel .xlsx (ví dụ tệp .docx hoặc .zip).');
  const date1904 = usesDate1904(workbook);

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
    return { ok: false, errors: inSheetOrder(errors) };
  }
  return { ok: true, rows };
}

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
 *
 * This module is the entry point; the work is split by responsibility:
 * - student-template.ts: the template workbook and its columns;
 * - student-headers.ts: the header/alias table and finding the table in a sheet;
 * - student-values.ts: one cell into one field's value;
 * - student-parser.ts: rows into students, all errors, duplicates inside the file;
 * - student-list.worker.ts: the upload read in a worker thread, within the limits of platform/excel;
 * - excel-cells.ts: cell reading, dates and header folding shared with the score sheets.
 */
export { HEADER_SEARCH_ROWS, foldHeader, parseVietnameseDate } from '../../platform/excel/excel-cells.ts';
export { MAX_STUDENT_ROWS, type StudentWorkbookError, type StudentWorkbookResult, type StudentWorkbookRow } from './student-parser.ts';
export { parseStudentWorkbook } from './student-list.worker.ts';
export { TEMPLATE_COLUMNS, TEMPLATE_HEADER_ROW, buildStudentTemplate } from './student-template.ts';
export { ETHNIC_GROUPS } from './student-values.ts';
